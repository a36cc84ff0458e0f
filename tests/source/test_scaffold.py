"""`plancraft new` and `plancraft schema`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.api import load
from tests.conftest import PLANS, PROJECT


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder holding a copy of the municipal plan as plans/beijing."""
    import shutil

    shutil.copytree(PLANS / "beijing", tmp_path / "plans" / "beijing")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    """Run plancraft with these arguments."""
    return CliRunner().invoke(cli.main, list(args))


def test_new_plan_validates_with_placeholder_warnings_and_builds(workspace: Path) -> None:
    result = invoke("new", "haidian")
    assert result.exit_code == 0, result.output
    assert "created plans/haidian" in result.output
    loaded = load(Path("plans/haidian"))
    assert loaded.ok and loaded.diagnostics.warnings
    assert {d.code for d in loaded.diagnostics.warnings} == {"placeholder"}
    roles = {section.role for section in loaded.plan.outline}
    assert roles == {"background", "requirements", "tasks", "safeguards"}
    titles = [s.title for s in loaded.plan.outline[1].sections]
    assert titles == ["指导思想", "基本原则", "发展目标"]
    assert invoke("validate", "plans/haidian").exit_code == 0
    assert invoke("validate", "--strict", "plans/haidian").exit_code == 1
    built = invoke("build", "--format", "html", "plans/haidian")
    assert built.exit_code == 0 and Path("dist/haidian.html").is_file()
    html = Path("dist/haidian.html").read_text(encoding="utf-8")
    assert "第一部分" in html and "【待填写：指导思想】" in html


def test_new_plan_carries_the_editor_schema_line(workspace: Path) -> None:
    invoke("schema", "-o", "schema")
    invoke("new", "haidian")
    for name, schema in (("plan.yaml", "plan"), ("indicators.yaml", "indicators")):
        first = Path("plans/haidian", name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{schema}.schema.json"
        assert (Path("plans/haidian") / first.split("=", 1)[1]).resolve().is_file()


def test_new_plan_from_the_parent_takes_its_indicator_rows(workspace: Path) -> None:
    assert invoke("new", "haidian", "--parent", "beijing", "--numbering", "chapters").exit_code == 0
    mine, theirs = load(Path("plans/haidian")).plan, load(Path("plans/beijing")).plan
    assert mine.meta.parent == "beijing" and mine.meta.numbering == "chapters"
    assert [i.id for i in mine.indicators.indicators] == [
        i.id for i in theirs.indicators.indicators
    ]
    assert [i.nature for i in mine.indicators.indicators] == [
        i.nature for i in theirs.indicators.indicators
    ]
    assert mine.indicators.indicators[1].target.text == "【待填写：上级规划 ≥1600】"
    assert "北京市" not in mine.indicators.title
    assert invoke("build", "--format", "html", "plans/haidian").exit_code == 0
    assert "第一章" in Path("dist/haidian.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (("new", "beijing"), "already exists"),
        (("new", "Hai Dian"), "is not a plan name"),
        (("new", "haidian", "--parent", "shanghai"), "no plan at plans/shanghai"),
    ],
)
def test_new_refuses_what_it_cannot_do_and_writes_nothing(
    workspace: Path, args: tuple, message: str
) -> None:
    before = sorted(p.name for p in Path("plans").iterdir())
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.output
    assert sorted(p.name for p in Path("plans").iterdir()) == before


def test_schema_prints_lists_and_writes(workspace: Path) -> None:
    printed = invoke("schema", "plan")
    assert printed.exit_code == 0
    assert json.loads(printed.output) == json.loads(
        (PROJECT / "schema" / "plan.schema.json").read_text("utf-8")
    )
    listing = invoke("schema").output
    assert all(name in listing for name in ("plan", "indicators", "table"))
    assert invoke("schema", "-o", "out").exit_code == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "indicators.schema.json",
        "plan.schema.json",
        "table.schema.json",
    ]
    assert invoke("schema", "nope").exit_code == 2


def test_new_reads_the_parent_as_validate_does(workspace: Path) -> None:
    """An alias in the parent is refused by `new` with its location, as validate refuses it, and nothing is written."""
    indicators = workspace / "plans" / "beijing" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace("title:", "title: &t", 1) + "extra: *t\n", encoding="utf-8")
    result = invoke("new", "haidian", "--parent", "beijing")
    assert result.exit_code == 2, result.output
    assert "plans/beijing/indicators.yaml:" in result.output and "alias" in result.output
    assert not (workspace / "plans" / "haidian").exists()
