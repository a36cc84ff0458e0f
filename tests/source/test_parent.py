"""The parent plan is read in one place (source/parent.py), by the loader, and handed on as data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plancraft.compile.pipeline import compile_plan
from plancraft.compile.rules import check_plan
from plancraft.diagnostics import Diagnostics
from plancraft.output.cache import input_keys
from plancraft.source.parent import declared_parent, parent_files
from tests.compile.test_checks import make_parent
from tests.conftest import edit


def test_loading_a_plan_reads_its_parent_and_attaches_it(scratch: Path) -> None:
    make_parent(scratch, "≥9", "≥9000")
    plan = compile_plan(scratch).plan
    assert plan is not None and plan.parent is not None
    city = scratch.parent / "city"
    assert plan.parent.name == "city" and plan.parent.found and plan.parent.root == city
    assert plan.parent.title == "市规划"
    assert plan.parent.files == (city / "plan.yaml", city / "indicators.yaml")
    assert plan.parent.indicators is not None and len(plan.parent.indicators.indicators) > 3
    again = compile_plan(scratch).plan
    assert again is not None and again.parent is not None
    assert again.parent.indicators is plan.parent.indicators  # read once per content


def test_the_checks_take_the_parent_as_data_and_read_no_file(scratch: Path) -> None:
    make_parent(scratch, "≥9", "≥9000")
    plan = compile_plan(scratch).plan
    assert plan is not None and plan.parent is not None
    for path in plan.parent.files:
        path.unlink()
    found = Diagnostics()
    check_plan(plan, found)
    assert [d.code for d in found.warnings].count("weaker-than-parent") == 1
    plan.parent = dataclasses.replace(plan.parent, found=False)
    found = Diagnostics()
    check_plan(plan, found)
    assert "weaker-than-parent" not in {d.code for d in found.warnings}
    assert any("parent plan 'city' is not in" in d.message for d in found.warnings)


def test_the_build_fingerprint_covers_the_files_the_loader_read(scratch: Path) -> None:
    make_parent(scratch, "≥9", "≥9000")
    plan = compile_plan(scratch).plan
    assert plan is not None and plan.parent is not None
    assert parent_files(scratch) == plan.parent.files
    before = input_keys(scratch, ("html",))["html"]
    edit(scratch.parent / "city" / "plan.yaml", "市规划", "市规划（修订）")
    assert input_keys(scratch, ("html",))["html"] != before


def test_parent_is_read_as_yaml_not_matched_as_text(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "numbering: parts", "parent: >-\n  city\nnumbering: parts")
    assert declared_parent(scratch) == "city"
    assert parent_files(scratch)[0] == scratch.parent / "city" / "plan.yaml"
    edit(scratch / "plan.yaml", "parent: >-\n  city\n", "")
    assert declared_parent(scratch) == "" and parent_files(scratch) == ()
