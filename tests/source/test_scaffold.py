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
    assert all(name in listing for name in ("plan", "indicators", "table", "monitoring"))
    assert invoke("schema", "-o", "out").exit_code == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "indicators.schema.json",
        "monitoring.schema.json",
        "plan.schema.json",
        "round.schema.json",
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


@pytest.mark.pdf
def test_a_new_plan_of_another_period_and_department_prints_only_its_own(workspace: Path) -> None:
    """十五五 and 2030 where 十四五 and 2025 stood; no 民政 and no 十四五 in any output (source text included)."""
    import subprocess
    import zipfile

    created = invoke(
        "new",
        "x",
        "--period",
        "2026-2030",
        "--issuer",
        "北京市海淀区消防救援支队",
        "--domain",
        "消防",
    )
    assert created.exit_code == 0, created.output
    assert load(Path("plans/x")).plan.meta.title == "北京市海淀区“十五五”时期消防事业发展规划"
    built = invoke("build", "--format", "html,pdf,docx", "plans/x")
    assert built.exit_code == 0, built.output
    pdf = subprocess.run(
        ["pdftotext", "dist/x.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\n", "")
    with zipfile.ZipFile("dist/x.docx") as package:
        docx = "".join(package.read(name).decode("utf-8") for name in package.namelist())
    html = Path("dist/x.html").read_text(encoding="utf-8")
    for name, text in (("html", html), ("pdf", pdf), ("docx", docx)):
        assert "十五五" in text and "2030年" in text and "2025年" in text, name
        assert "民政" not in text and "十四五" not in text and "2020年" not in text, name
    assert '<meta name="keywords" content="十五五规划, 北京市海淀区消防救援支队">' in html
    assert '<th class="short">2025年</th><th class="short">2030年</th>' in html


def test_the_period_defaults_to_the_parents_else_to_the_plan_running_today(
    workspace: Path,
) -> None:
    from plancraft.source import periods

    assert invoke("new", "a", "--parent", "beijing").exit_code == 0
    assert load(Path("plans/a")).plan.meta.period_start == 2021
    assert invoke("new", "b").exit_code == 0
    assert load(Path("plans/b")).plan.meta.period_start == periods.current().start
    assert invoke("new", "c", "--period", "十五五", "--title", "某某规划").exit_code == 0
    meta = load(Path("plans/c")).plan.meta
    assert (meta.title, meta.period_start, meta.period_end, meta.outlook) == (
        "某某规划",
        2026,
        2030,
        2035,
    )
    refused = invoke("new", "d", "--period", "明年")
    assert refused.exit_code == 2 and "no plan period" in refused.output


def test_new_with_a_parent_of_another_period_renames_its_table(workspace: Path) -> None:
    assert invoke("new", "haidian", "--parent", "beijing", "--period", "十五五").exit_code == 0
    table = load(Path("plans/haidian")).plan.indicators
    assert table.title == "“十五五”时期【待填写：地区】民政事业发展主要指标"
    assert (table.baseline_year, table.target_year) == (2025, 2030)


def test_a_table_without_a_baseline_year_heads_its_column_with_the_periods(
    workspace: Path,
) -> None:
    from plancraft.output.html import render_html

    assert invoke("new", "x", "--period", "2026-2030").exit_code == 0
    indicators = Path("plans/x/indicators.yaml")
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace("baseline_year: 2025\n", ""), encoding="utf-8")
    html = render_html(load(Path("plans/x")).document())
    assert '<th class="short">2025年</th><th class="short">2030年</th>' in html
