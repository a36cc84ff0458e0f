from __future__ import annotations

import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from plancraft.diagnostics import Diagnostics
from plancraft.source import schema
from plancraft.source.load import load_plan
from tests.conftest import edit


@pytest.mark.parametrize("name", schema.SCHEMAS)
def test_schemas_are_valid_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(schema.load_schema(name))


@pytest.mark.parametrize("name", schema.SCHEMAS)
def test_every_property_has_a_chinese_title(name: str) -> None:
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                assert value.get("title") or value.get("$ref"), f"{name}: {key} has no title"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema.load_schema(name))


def errors_of(plan: Path) -> list:
    diagnostics = Diagnostics()
    load_plan(plan, diagnostics)
    return diagnostics.errors


def test_all_schema_errors_are_reported_at_once_with_locations(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: partz")
    edit(scratch / "indicators.yaml", "nature: 约束性", "nature: 绑定性")
    errors = errors_of(scratch)
    messages = {(e.location.path.split("/")[-1], e.location.line): e.message for e in errors}
    assert "did you mean 'tasks'" in messages[("plan.yaml", 23)]
    assert "'partz' is not one of" in messages[("plan.yaml", 8)]
    assert "'绑定性' is not one of" in messages[("indicators.yaml", 26)]


def test_unknown_key_suggests_the_right_one(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "issuer:", "isuer:")
    messages = [e.message for e in errors_of(scratch)]
    assert any("unknown key 'isuer' (did you mean 'issuer'?)" in m for m in messages)
    assert any("missing required key 'issuer'" in m for m in messages)


def test_typed_number_in_yaml_title_is_rejected(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "title: 主要任务", "title: 第三部分 主要任务")
    [error] = errors_of(scratch)
    assert "starts with a typed number" in error.message and error.location.line == 22


def test_wrong_type_is_explained(scratch: Path) -> None:
    edit(
        scratch / "plan.yaml",
        "period: {start: 2021, end: 2025, outlook: 2035}",
        "period: {start: 二〇二一, end: 2025}",
    )
    [error] = errors_of(scratch)
    assert "expected a whole number" in error.message and error.location.line == 7


def test_the_repository_schema_folder_is_the_packaged_schemas() -> None:
    """schema/ at the top is what editors read through the plans' `$schema` lines; `plancraft schema -o` writes it."""
    from plancraft.resources import SCHEMA_NAMES, schema_text
    from tests.conftest import PROJECT

    for name in SCHEMA_NAMES:
        written = (PROJECT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert written == schema_text(name), f"run: plancraft schema -o schema ({name} differs)"


def test_a_file_edited_after_a_valid_load_is_checked_again(scratch: Path) -> None:
    """A parse kept for the next load (serve) carries its schema verdict; an edit must not inherit it."""
    indicators = scratch / "indicators.yaml"
    assert errors_of(scratch) == []
    before = indicators.stat()
    edit(indicators, "nature: 约束性", "nature: 绑定性")
    os.utime(indicators, ns=(before.st_atime_ns, before.st_mtime_ns))
    [error] = errors_of(scratch)
    assert "'绑定性' is not one of" in error.message
