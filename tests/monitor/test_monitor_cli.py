"""plancraft monitor through its command: statuses, warnings, exit codes, the evaluation skeletons."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.cli import main
from tests.conftest import PLANS, TESTS

MONITORING = TESTS / "fixtures" / "monitoring"


@pytest.fixture
def beijing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/beijing with the test year file for 2023, in a temporary working folder."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", root)
    shutil.copytree(MONITORING / "beijing", root / "monitoring")
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_monitor_json_gives_the_official_statuses(beijing: Path) -> None:
    result = run("monitor", str(beijing), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["临时救助和长期照料总床位数"]["status"] == "achieved"
    assert rows["建成运营街道乡镇养老照料中心数量"]["status"] == "ahead"
    assert rows["万名老年人拥有养老护理员数"]["status"] == "on-track"
    assert rows["建成运营社区养老服务驿站"]["status"] == "behind"
    assert rows["建成运营社区养老服务驿站"]["warning"] is True
    assert rows["每千名常住人口养老床位数"]["status"] == "no-data"
    assert "constraint-behind" not in result.stdout  # diagnostics go to standard error
    assert "ind-05" in result.stderr


def test_validate_warns_and_strict_fails(beijing: Path) -> None:
    plain = run("validate", str(beijing))
    assert plain.exit_code == 0
    assert "monitoring/2023.yaml:7:19: warning: binding indicator ind-05" in plain.output
    assert run("validate", str(beijing), "--strict").exit_code == 1


def test_a_wrong_value_exits_1_with_its_location(beijing: Path) -> None:
    year = beijing / "monitoring" / "2024.yaml"
    year.write_text("year: 2024\nvalues:\n  ind-02: 1700张\n", encoding="utf-8")
    result = run("monitor", str(beijing))
    assert result.exit_code == 1
    assert "monitoring/2024.yaml:3:11: error: '1700张' has a unit typed in" in result.stderr


def test_year_chooses_the_year(beijing: Path) -> None:
    result = run("monitor", str(beijing), "--year", "2022", "--format", "json")
    data = json.loads(result.stdout)
    assert data["plans"][0]["year"] == 2022
    assert {row["status"] for row in data["rows"]} == {"no-data"}


def test_the_midterm_report_is_a_word_document(beijing: Path, tmp_path: Path) -> None:
    target = tmp_path / "mid.docx"
    result = run(
        "monitor", str(beijing), "--report", "midterm", "--format", "docx", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as docx:
        text = docx.read("word/document.xml").decode()
    for words in (
        "实施情况中期评估报告",
        "主要指标完成情况表",
        "提前实现",
        "快于预期",
        "基本符合预期",
    ):
        assert words in text
    assert "建成运营社区养老服务驿站：2023年为1020家，按预期进度应达到1122家" in text
    assert "【待填写：规划实施中存在的主要问题】" in text


def test_the_final_report_html_speaks_chinese_in_an_english_session(beijing: Path) -> None:
    result = run("monitor", str(beijing), "--report", "final", "--format", "html", "--lang", "en")
    assert result.exit_code == 0
    assert "实施情况总结评估报告" in result.stdout and "经验与建议" in result.stdout
    assert "滞后" in result.stdout


def test_the_report_is_for_one_plan_and_a_document_format(beijing: Path) -> None:
    assert (
        run(
            "monitor", str(beijing), str(beijing), "--report", "final", "--format", "docx"
        ).exit_code
        == 2
    )
    assert run("monitor", str(beijing), "--report", "final", "--format", "csv").exit_code == 2
