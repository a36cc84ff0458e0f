"""`plancraft new --from`: the next period's plan started from the current one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.api import load
from plancraft.source.model import Section
from plancraft.source.periods import parse
from plancraft.source.successor import first_sentence, skeleton
from tests.conftest import PLANS


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding copies of the seed plans under plans/."""
    for slug in ("beijing", "zhushan", "tongzhou"):
        shutil.copytree(PLANS / slug, tmp_path / "plans" / slug)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    """Run plancraft with these arguments."""
    return CliRunner().invoke(cli.main, list(args))


def _ids(sections: list) -> list[str]:
    found = []
    for section in sections:
        if isinstance(section, Section):
            found.append(section.id)
            found += _ids(section.content)
    return found


def test_a_successor_keeps_the_outline_ids_and_indicator_rows(workspace: Path) -> None:
    result = invoke("new", "beijing-15", "--from", "plans/beijing")
    assert result.exit_code == 0, result.output
    loaded, old = load(Path("plans/beijing-15")), load(Path("plans/beijing")).plan
    assert loaded.ok
    assert {d.code for d in loaded.diagnostics.warnings} == {"placeholder"}
    new = loaded.plan
    assert new.meta.title == "北京市“十五五”时期民政事业发展规划"
    assert (new.meta.period_start, new.meta.period_end, new.meta.outlook) == (2026, 2030, 2035)
    assert new.meta.predecessor == "beijing" and new.meta.issuer == old.meta.issuer
    assert _ids(new.outline) == _ids(old.outline)
    old_rows, new_rows = old.indicators.indicators, new.indicators.indicators
    assert [i.id for i in new_rows] == [i.id for i in old_rows]
    for before, after in zip(old_rows, new_rows):
        assert (after.name, after.unit, after.nature, after.domain) == (
            before.name,
            before.unit,
            before.nature,
            before.domain,
        )
        assert f"原规划2025年目标 {before.target.text}" in after.baseline.text
        assert "尚无监测数据" in after.baseline.text
    assert (new.indicators.baseline_year, new.indicators.target_year) == (2025, 2030)
    background = Path("plans/beijing-15/text/background.md").read_text(encoding="utf-8")
    assert background.startswith(
        "# 发展基础 {#foundation}\n\n【待填写：新规划内容；原规划此处首句："
    )
    assert "## 民政发展的总体设计更加科学。 {#foundation-1 .run-in}\n【待填写：" in background
    assert (
        "“十三五”时期，全市民政系统坚持" in background and "首都民政事业发展迈上" not in background
    )


def test_a_successor_takes_the_last_monitored_value_as_the_baseline_to_confirm(
    workspace: Path,
) -> None:
    monitoring = workspace / "plans" / "beijing" / "monitoring"
    shutil.copytree(PLANS.parent / "tests" / "fixtures" / "monitoring" / "beijing", monitoring)
    assert invoke("new", "beijing-15", "--from", "plans/beijing").exit_code == 0
    rows = {row.id: row for row in load(Path("plans/beijing-15")).plan.indicators.indicators}
    assert "原规划2023年监测值 1650（2025年目标 ≥1600）" in rows["ind-02"].baseline.text
    assert "原规划2023年监测值 275" in rows["ind-04"].baseline.text
    assert "尚无监测数据" in rows["ind-03"].baseline.text  # no value in the year file


@pytest.mark.pdf  # the .docx's 目录 takes its page numbers from the PDF's layout
def test_a_successor_of_a_chapter_plan_with_boxes_and_tables_builds(workspace: Path) -> None:
    assert invoke("new", "zhushan-15", "--from", "plans/zhushan").exit_code == 0
    assert invoke("new", "tongzhou-15", "--from", "plans/tongzhou").exit_code == 0
    for slug in ("zhushan-15", "tongzhou-15"):
        loaded = load(Path("plans", slug))
        assert loaded.ok, [str(d) for d in loaded.diagnostics.errors]
    assert load(Path("plans/zhushan-15")).plan.meta.numbering == "chapters"
    built = invoke("build", "--format", "html,docx", "plans/zhushan-15")
    assert built.exit_code == 0, built.output
    html = Path("dist/zhushan-15.html").read_text(encoding="utf-8")
    assert "第一章" in html and "专栏1" in html and "“十五五”" in html


def test_the_period_of_a_successor_can_be_given(workspace: Path) -> None:
    result = invoke("new", "next", "--from", "plans/beijing", "--period", "2026-2035")
    assert result.exit_code == 0, result.output
    meta = load(Path("plans/next")).plan.meta
    assert (meta.title, meta.period_start, meta.period_end) == (
        "北京市2026—2035年民政事业发展规划",
        2026,
        2035,
    )


def test_new_from_what_is_no_plan_is_refused(workspace: Path) -> None:
    result = invoke("new", "x", "--from", "plans/nothing")
    assert result.exit_code == 2 and "no plan at plans/nothing" in result.output
    assert not Path("plans/x").exists()


def test_first_sentences_and_skeletons() -> None:
    assert first_sentence("**加强领导。**落实[@goals]责任。") == "加强领导。"
    assert first_sentence("- 【待填写】项目") == "待填写项目"
    old, new = parse("十四五"), parse("十五五")
    text = (
        "# “十四五”时期任务 {#t}\n\n第一句。第二句。\n\n第二段。\n\n{{table-1}}\n\n{{indicators}}\n"
    )
    assert skeleton(text, old, new) == (
        "# “十五五”时期任务 {#t}\n\n【待填写：新规划内容；原规划此处首句：第一句。】\n\n{{indicators}}\n"
    )


def test_the_diff_against_the_old_plan_lists_the_carried_rows_by_id(workspace: Path) -> None:
    import json

    assert invoke("new", "beijing-15", "--from", "plans/beijing").exit_code == 0
    result = invoke("diff", "--against", "plans/beijing", "plans/beijing-15", "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["plans"][0]["changes"]
    targets = {c["target"] for c in changes if c["kind"].startswith("indicator")}
    old = load(Path("plans/beijing")).plan.indicators.indicators
    assert {i.id for i in old} <= targets
    assert invoke("diff", "--against", "plans/beijing").exit_code == 2
