"""plancraft indicators: matching district indicators to the parent's, statuses, and every report format."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.api import load
from plancraft.diagnostics import Diagnostics
from plancraft.review.indicators import compare_plans
from plancraft.review.indicators_report import FIELDS, FILLS, as_html, as_xlsx
from tests.conftest import PLANS, edit

DISTRICTS = [PLANS / slug for slug in ("chaoyang", "mentougou", "tongzhou", "zhushan")]

PROVINCE = """\
title: 省级主要指标
target_year: 2025
indicators:
  - {id: care-rate, name: 特困人员集中供养率, unit: "%", baseline: 60, target: "≥80", nature: 约束性}
  - {id: beds-per-1000, name: 每千名老年人养老床位数, unit: 张, baseline: 30, target: "≥35", nature: 预期性}
  - {id: social-workers, name: 社会工作专业人才总量, unit: 万人, baseline: 1, target: "≥2", nature: 预期性}
  - {id: online-rate, name: 政务服务事项网上办理率, unit: "%", baseline: 85, target: 95, nature: 预期性}
"""

DISTRICT = """\
title: 某区主要指标
target_year: 2025
indicators:
  - {id: d-care, name: 特困人员集中供养率, unit: "%", baseline: 55, target: "≥70", nature: 约束性}
  - {id: d-beds, name: 每千名老年人养老床位数, unit: 张, target: "≥40", nature: 预期性}
  - {id: d-workers, name: 社会工作专业人才总量, unit: 人, target: 800, nature: 预期性}
"""


def write_district(tmp_path: Path, indicators: str = DISTRICT, name: str = "district") -> Path:
    """A district plan folder (plan.yaml and indicators.yaml) whose parent is a provincial indicators file
    in another folder, named by a relative path."""
    province = tmp_path / "province-repo" / "indicators" / "province.yaml"
    province.parent.mkdir(parents=True, exist_ok=True)
    province.write_text(PROVINCE, encoding="utf-8")
    root = tmp_path / "city-repo" / "plans" / name
    root.mkdir(parents=True)
    (root / "plan.yaml").write_text(f"title: {name}规划\nparent: ../../../province-repo/indicators/province.yaml\n",
                                    encoding="utf-8")
    (root / "indicators.yaml").write_text(indicators, encoding="utf-8")
    return root


def statuses(rows: list) -> dict[str, str]:
    return {(row.indicator or row.upper).name: row.status for row in rows}


def test_mentougou_reports_its_two_indicators_that_went_from_binding_to_expected() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    weakened = [row for row in comparison.rows if row.status == "nature-weakened"]
    assert {(row.plan, row.indicator.name) for row in weakened} == {
        ("mentougou", "每万人户籍儿童机构床位数"), ("mentougou", "社区居民委员会直接选举和户代表选举比例")}
    for row in weakened:
        assert (row.indicator.nature, row.upper.nature) == ("预期性", "约束性")
        assert row.as_dict()["nature_reason"], "mentougou records why (nature_reason)"


def test_mentougou_validates_because_it_records_the_weakening(tmp_path: Path) -> None:
    assert not load(PLANS / "mentougou").diagnostics.warnings
    plans = tmp_path / "plans"
    for slug in ("beijing", "mentougou"):
        shutil.copytree(PLANS / slug, plans / slug)
    text = (plans / "mentougou" / "indicators.yaml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in text.splitlines() if "nature_reason:" not in line) + "\n"
    (plans / "mentougou" / "indicators.yaml").write_text(kept, encoding="utf-8")
    warnings = [d for d in load(plans / "mentougou").diagnostics.warnings if d.code == "nature-weakened"]
    assert sorted(d.message.split(":")[0] for d in warnings) == ["ind-10", "ind-13"]
    assert all(d.location.path.endswith("indicators.yaml") and d.location.line for d in warnings)


def test_a_synthetic_district_is_reported_exactly(tmp_path: Path) -> None:
    root = write_district(tmp_path)
    found = Diagnostics()
    [comparison] = compare_plans([root], None, found)
    assert not found.items
    assert comparison.parent.name.endswith("province.yaml")
    assert statuses(comparison.rows) == {"特困人员集中供养率": "weaker", "每千名老年人养老床位数": "stronger",
                                         "社会工作专业人才总量": "unit-differs", "政务服务事项网上办理率": "not-adopted"}
    rows = {row["name"] or row["parent_name"]: row for row in (r.as_dict() for r in comparison.rows)}
    assert rows["特困人员集中供养率"] | {} == rows["特困人员集中供养率"]
    care = rows["特困人员集中供养率"]
    assert {key: care[key] for key in ("plan", "id", "unit", "target", "nature", "parent_id", "parent_name",
                                       "parent_target", "parent_nature", "match", "score", "status")} == {
        "plan": "district", "id": "d-care", "unit": "%", "target": "≥70", "nature": "约束性",
        "parent_id": "care-rate", "parent_name": "特困人员集中供养率", "parent_target": "≥80",
        "parent_nature": "约束性", "match": "name", "score": 1.0, "status": "weaker"}
    assert rows["社会工作专业人才总量"]["unit"] == "人" and rows["社会工作专业人才总量"]["parent_unit"] == "万人"
    missing = rows["政务服务事项网上办理率"]
    assert missing["id"] is None and missing["parent_id"] == "online-rate" and missing["match"] == "none"


def test_validate_uses_the_same_matching_for_a_parent_outside_the_repository(tmp_path: Path) -> None:
    """The district above has no text, so validate reports much; the parent checks are what matter here."""
    root = write_district(tmp_path)
    found = {d.code: d for d in load(root).diagnostics}
    assert "parent" not in found, found.get("parent")
    weaker = found["weaker-than-parent"]
    assert "d-care" in weaker.message and "≥70" in weaker.message and "≥80" in weaker.message
    assert weaker.location.line == 4 and weaker.location.path.endswith("indicators.yaml")


def test_parent_id_matches_explicitly_and_compare_false_switches_the_comparison_off(tmp_path: Path) -> None:
    indicators = DISTRICT.replace("name: 特困人员集中供养率,", "name: 分散和集中供养比例, parent_id: care-rate,")
    indicators = indicators.replace("unit: 张, target: \"≥40\", nature: 预期性}",
                                    "unit: 张, target: \"≥20\", nature: 预期性, compare: false}")
    root = write_district(tmp_path, indicators)
    [comparison] = compare_plans([root])
    by_id = {row.indicator.id: row for row in comparison.rows if row.indicator}
    assert (by_id["d-care"].match, by_id["d-care"].upper.id, by_id["d-care"].status) == (
        "parent_id", "care-rate", "weaker")
    assert by_id["d-care"].score < 1
    assert (by_id["d-beds"].status, by_id["d-beds"].verdict.compared) == ("adopted", False)
    codes = [d.code for d in load(root).diagnostics]
    assert codes.count("weaker-than-parent") == 1


def test_an_unknown_parent_id_is_a_located_warning(tmp_path: Path) -> None:
    root = write_district(tmp_path, DISTRICT.replace("name: 特困人员集中供养率,", "name: 特困人员集中供养率, "
                                                                              "parent_id: care-rat,"))
    [warning] = [d for d in load(root).diagnostics if d.code == "parent-id"]
    assert "care-rat" in warning.message and warning.hint == "did you mean 'care-rate'?"
    assert warning.location.line == 4


def test_alike_names_are_matched_only_within_a_unit(tmp_path: Path) -> None:
    indicators = DISTRICT.replace("每千名老年人养老床位数, unit: 张", "每千名老人养老床位数, unit: 张") \
        .replace("社会工作专业人才总量, unit: 人", "社会工作专业人才数量, unit: 人")
    [comparison] = compare_plans([write_district(tmp_path, indicators)])
    rows = {row.indicator.id: row for row in comparison.rows if row.indicator}
    assert (rows["d-beds"].match, rows["d-beds"].status) == ("similar", "stronger")
    assert 0.8 <= rows["d-beds"].score < 1
    assert (rows["d-workers"].match, rows["d-workers"].status) == ("none", "district-only")
    assert "社会工作专业人才总量" in {row.upper.name for row in comparison.rows if row.status == "not-adopted"}


def test_nature_weakened_warning_and_its_acknowledgements(tmp_path: Path) -> None:
    weakened = DISTRICT.replace("target: \"≥70\", nature: 约束性", "target: \"≥80\", nature: 预期性")
    root = write_district(tmp_path, weakened)
    [comparison] = compare_plans([root])
    assert statuses(comparison.rows)["特困人员集中供养率"] == "nature-weakened"
    [warning] = [d for d in load(root).diagnostics if d.code == "nature-weakened"]
    assert warning.location.line == 4 and "约束性" in warning.message
    edit(root / "indicators.yaml", "nature: 预期性}", "nature: 预期性, nature_reason: 本区按实际列为预期性}")
    assert not [d for d in load(root).diagnostics if d.code == "nature-weakened"]
    [comparison] = compare_plans([root])
    assert statuses(comparison.rows)["特困人员集中供养率"] == "nature-weakened"


def test_absolute_counts_are_shown_but_not_compared() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    [row] = [r for r in comparison.rows if r.plan == "chaoyang" and r.indicator and r.indicator.id == "ind-02"]
    assert (row.status, row.verdict.compared, row.indicator.target.text) == ("adopted", False, "200")


def test_json_and_csv_rows_carry_the_documented_fields(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["indicators", "--parent", str(PLANS / "beijing"), *map(str, DISTRICTS)]
    result = runner.invoke(cli.main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {plan["name"] for plan in data["plans"]} == {"chaoyang", "mentougou", "tongzhou", "zhushan"}
    assert all(set(FIELDS) == set(row) for row in data["rows"])
    documented = (Path(__file__).resolve().parents[2] / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in documented for name in FIELDS)
    out = tmp_path / "report.csv"
    assert runner.invoke(cli.main, [*args, "--format", "csv", "-o", str(out)]).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(FIELDS) and len(lines) == len(data["rows"]) + 1


def test_a_plan_without_a_parent_is_left_out_with_a_warning() -> None:
    result = CliRunner().invoke(cli.main, ["indicators", str(PLANS / "beijing"), str(PLANS / "zhushan")])
    assert result.exit_code == 1
    assert "names no parent plan" in result.stderr and "pass --parent" in result.stderr


def test_the_xlsx_opens_with_openpyxl_frozen_and_coloured() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(as_xlsx(compare_plans(DISTRICTS, "beijing"))))
    matrix, details = book["对照"], book["明细"]
    assert matrix.freeze_panes == "C2" and details.freeze_panes == "A2"
    assert [cell.value for cell in matrix[1]] == ["序号", "指标", "单位", "上级 beijing", "chaoyang", "mentougou",
                                                  "tongzhou", "zhushan"]
    row = next(cells for cells in matrix.iter_rows(min_row=2) if cells[1].value == "每万人户籍儿童机构床位数")
    assert row[5].value == "≥15" and row[5].fill.fgColor.rgb.endswith(FILLS["nature-weakened"])
    assert [cell.value for cell in details[1]] == list(FIELDS)


def test_the_html_is_self_contained_and_draws_a_chart_per_indicator() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    page = as_html([comparison])
    assert "http" not in page and "<link" not in page and " src=" not in page
    assert page.count("<svg ") == len(comparison.parent.indicators)
    assert "<table class=\"matrix\">" in page and "<script>" in page


def test_the_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "headless Chromium is needed: apt-get install chromium (scripts/setup.sh installs it)"
    from PIL import Image

    page = tmp_path / "indicators.html"
    page.write_text(as_html(compare_plans(DISTRICTS, "beijing")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.is_file(), done.stderr
    colours = {colour for _count, colour in Image.open(shot).convert("RGB").getcolors(1 << 20)}
    for status in ("nature-weakened", "stronger", "aligned", "not-adopted", "unit-differs"):
        assert tuple(bytes.fromhex(FILLS[status])) in colours, f"no {status} cell drawn"


def test_build_writes_the_indicators_page_when_two_plans_share_a_parent(scratch: Path) -> None:
    plans = scratch.parent
    shutil.copytree(scratch, plans / "city")
    shutil.copytree(scratch, plans / "second")
    for root in (scratch, plans / "second"):
        edit(root / "plan.yaml", "numbering: parts", "parent: city\nnumbering: parts")
    runner = CliRunner()
    result = runner.invoke(cli.main, ["build", str(scratch), "-o", "one", "--format", "html"])
    assert result.exit_code == 0 and not (Path("one") / "indicators.html").exists()
    result = runner.invoke(cli.main, ["build", str(scratch), str(plans / "second"), str(plans / "city"),
                                      "-o", "out", "--format", "html", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    page = (Path("out") / "indicators.html").read_text(encoding="utf-8")
    assert "minimal" in page and "second" in page and "out/indicators.html" in result.output
