"""plancraft indicators: matching to the parent's indicators, statuses, and every report format."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.api import load
from plancraft.compile.alignment import STATUSES, comparable
from plancraft.diagnostics import Diagnostics
from plancraft.review.indicator_charts import chart
from plancraft.review.indicator_statuses import FILLS
from plancraft.review.indicators import compare_plans
from plancraft.review.indicators_report import FIELDS, write_report, write_shared_page
from tests.conftest import PLANS, PROJECT, edit


def as_html(comparisons: list) -> str:
    return write_report(comparisons, "html").decode("utf-8")


def as_xlsx(comparisons: list) -> bytes:
    return write_report(comparisons, "xlsx")


DISTRICTS = [PLANS / slug for slug in ("chaoyang", "mentougou", "tongzhou", "zhushan")]
WEAKENED = {
    ("mentougou", "每万人户籍儿童机构床位数"),
    ("mentougou", "社区居民委员会直接选举和户代表选举比例"),
}

PROVINCE = """\
title: 省级主要指标
target_year: 2025
indicators:
  - {id: care-rate, name: 特困人员集中供养率, unit: "%", baseline: 60, target: "≥80",
     nature: 约束性}
  - {id: beds-per-1000, name: 每千名老年人养老床位数, unit: 张, baseline: 30, target: "≥35",
     nature: 预期性}
  - {id: social-workers, name: 社会工作专业人才总量, unit: 万人, baseline: 1, target: "≥2",
     nature: 预期性}
  - {id: online-rate, name: 政务服务事项网上办理率, unit: "%", baseline: 85, target: 95,
     nature: 预期性}
"""

DISTRICT = """\
title: 某区主要指标
target_year: 2025
indicators:
  - {id: d-care, name: 特困人员集中供养率, unit: "%", baseline: 55, target: "≥70", nature: 约束性}
  - {id: d-beds, name: 每千名老年人养老床位数, unit: 张, target: "≥40", nature: 预期性}
  - {id: d-workers, name: 社会工作专业人才总量, unit: 人, target: 800, nature: 预期性}
"""


def write_district(tmp_path: Path, indicators: str = DISTRICT) -> Path:
    """A district plan folder (plan.yaml, indicators.yaml) whose parent is a provincial
    indicators file in another repository, named by a relative path."""
    province = tmp_path / "province-repo" / "indicators" / "province.yaml"
    province.parent.mkdir(parents=True, exist_ok=True)
    province.write_text(PROVINCE, encoding="utf-8")
    root = tmp_path / "city-repo" / "plans" / "district"
    root.mkdir(parents=True)
    (root / "plan.yaml").write_text(
        "title: 某区规划\nparent: ../../../province-repo/indicators/province.yaml\n",
        encoding="utf-8",
    )
    (root / "indicators.yaml").write_text(indicators, encoding="utf-8")
    return root


def statuses(rows: list) -> dict[str, str]:
    return {(row.indicator or row.upper).name: row.status for row in rows}


def codes(root: Path, code: str) -> list:
    return [d for d in load(root).diagnostics if d.code == code]


def test_mentougou_reports_its_two_indicators_gone_from_binding_to_expected() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    weakened = [row for row in comparison.rows if row.status == "nature-weakened"]
    assert {(row.plan, row.indicator.name) for row in weakened} == WEAKENED
    for row in weakened:
        assert (row.indicator.nature, row.upper.nature) == ("预期性", "约束性")
        assert row.as_dict()["nature_reason"], "mentougou records why (nature_reason)"


def test_mentougou_validates_because_it_records_the_weakening(tmp_path: Path) -> None:
    assert not load(PLANS / "mentougou").diagnostics.warnings
    plans = tmp_path / "plans"
    for slug in ("beijing", "mentougou"):
        shutil.copytree(PLANS / slug, plans / slug)
    path = plans / "mentougou" / "indicators.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if "nature_reason:" not in line) + "\n", encoding="utf-8"
    )
    warnings = codes(plans / "mentougou", "nature-weakened")
    assert sorted(d.message.split(":")[0] for d in warnings) == ["ind-10", "ind-13"]
    assert all(d.location.path.endswith("indicators.yaml") and d.location.line for d in warnings)


def test_a_synthetic_district_is_reported_exactly(tmp_path: Path) -> None:
    found = Diagnostics()
    [comparison] = compare_plans([write_district(tmp_path)], None, found)
    assert not found.items
    assert comparison.parent.name.endswith("province.yaml")
    assert statuses(comparison.rows) == {
        "特困人员集中供养率": "weaker",
        "每千名老年人养老床位数": "stronger",
        "社会工作专业人才总量": "unit-differs",
        "政务服务事项网上办理率": "not-adopted",
    }
    found_rows = [row.as_dict() for row in comparison.rows]
    rows = {row["name"] or row["parent_name"]: row for row in found_rows}
    care = rows["特困人员集中供养率"]
    keys = (
        "plan",
        "id",
        "unit",
        "target",
        "nature",
        "parent_id",
        "parent_name",
        "parent_target",
        "parent_nature",
        "match",
        "score",
        "status",
    )
    assert {key: care[key] for key in keys} == {
        "plan": "district",
        "id": "d-care",
        "unit": "%",
        "target": "≥70",
        "nature": "约束性",
        "parent_id": "care-rate",
        "parent_name": "特困人员集中供养率",
        "parent_target": "≥80",
        "parent_nature": "约束性",
        "match": "name",
        "score": 1.0,
        "status": "weaker",
    }
    workers = rows["社会工作专业人才总量"]
    assert (workers["unit"], workers["parent_unit"], workers["compared"]) == ("人", "万人", False)
    missing = rows["政务服务事项网上办理率"]
    assert (missing["id"], missing["parent_id"], missing["match"]) == (None, "online-rate", "none")


def test_validate_uses_the_same_matching_with_a_parent_in_another_repository(
    tmp_path: Path,
) -> None:
    """The district has no text, so validate reports much; the parent checks are what matter."""
    root = write_district(tmp_path)
    assert not codes(root, "parent")
    [weaker] = codes(root, "weaker-than-parent")
    assert "d-care" in weaker.message and "≥70" in weaker.message and "≥80" in weaker.message
    assert weaker.location.line == 4 and weaker.location.path.endswith("indicators.yaml")


def test_a_missing_parent_path_is_a_located_warning(tmp_path: Path) -> None:
    root = write_district(tmp_path)
    edit(root / "plan.yaml", "province.yaml", "provnce.yaml")
    [warning] = codes(root, "parent")
    assert "not found at" in warning.message and warning.location.line == 2


def test_a_parent_whose_indicators_do_not_load_is_a_warning(tmp_path: Path) -> None:
    root = write_district(tmp_path)
    province = tmp_path / "province-repo" / "indicators" / "province.yaml"
    province.write_text(PROVINCE.replace("nature: 约束性", "nature: 约束"), encoding="utf-8")
    [warning] = codes(root, "parent")
    assert "do not load" in warning.message
    assert "province.yaml:5:14: indicators[0].nature" in warning.message


def test_the_build_fingerprint_covers_a_parent_named_by_path(tmp_path: Path) -> None:
    from plancraft.output.cache import input_keys

    root = write_district(tmp_path)
    before = input_keys(root, ("html",))["html"]
    province = tmp_path / "province-repo" / "indicators" / "province.yaml"
    province.write_text(PROVINCE.replace('"≥80"', '"≥85"'), encoding="utf-8")
    assert input_keys(root, ("html",))["html"] != before


def test_parent_id_matches_explicitly_and_compare_false_switches_comparing_off(
    tmp_path: Path,
) -> None:
    indicators = DISTRICT.replace(
        "name: 特困人员集中供养率,", "name: 分散和集中供养比例, parent_id: care-rate,"
    )
    indicators = indicators.replace(
        'target: "≥40", nature: 预期性}', 'target: "≥20", nature: 预期性, compare: false}'
    )
    root = write_district(tmp_path, indicators)
    [comparison] = compare_plans([root])
    rows = {row.indicator.id: row for row in comparison.rows if row.indicator}
    care, beds = rows["d-care"], rows["d-beds"]
    assert (care.match, care.upper.id, care.status) == ("parent_id", "care-rate", "weaker")
    assert care.score < 1
    assert (beds.status, beds.verdict.compared) == ("adopted", False)
    assert len(codes(root, "weaker-than-parent")) == 1


def test_an_unknown_parent_id_is_a_located_warning(tmp_path: Path) -> None:
    named = "name: 特困人员集中供养率,"
    root = write_district(tmp_path, DISTRICT.replace(named, f"{named} parent_id: care-rat,"))
    [warning] = codes(root, "parent-id")
    assert "care-rat" in warning.message and warning.hint == "did you mean 'care-rate'?"
    assert warning.location.line == 4


def test_alike_names_are_matched_only_within_a_unit(tmp_path: Path) -> None:
    indicators = DISTRICT.replace("每千名老年人养老床位数", "每千名老人养老床位数")
    indicators = indicators.replace("社会工作专业人才总量", "社会工作专业人才数量")
    [comparison] = compare_plans([write_district(tmp_path, indicators)])
    rows = {row.indicator.id: row for row in comparison.rows if row.indicator}
    assert (rows["d-beds"].match, rows["d-beds"].status) == ("similar", "stronger")
    assert 0.8 <= rows["d-beds"].score < 1
    assert (rows["d-workers"].match, rows["d-workers"].status) == ("none", "district-only")
    lacking = {row.upper.name for row in comparison.rows if row.status == "not-adopted"}
    assert "社会工作专业人才总量" in lacking


def test_nature_weakened_warning_and_its_acknowledgement(tmp_path: Path) -> None:
    weakened = DISTRICT.replace('target: "≥70", nature: 约束性', 'target: "≥80", nature: 预期性')
    root = write_district(tmp_path, weakened)
    [comparison] = compare_plans([root])
    assert statuses(comparison.rows)["特困人员集中供养率"] == "nature-weakened"
    [warning] = codes(root, "nature-weakened")
    assert warning.location.line == 4 and "约束性" in warning.message
    edit(root / "indicators.yaml", "nature: 预期性}", "nature: 预期性, nature_reason: 按本区实际}")
    assert not codes(root, "nature-weakened")
    [comparison] = compare_plans([root])
    assert statuses(comparison.rows)["特困人员集中供养率"] == "nature-weakened"


def test_absolute_counts_are_shown_but_not_compared() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    [row] = [
        r
        for r in comparison.rows
        if r.plan == "chaoyang" and r.indicator and r.indicator.id == "ind-02"
    ]
    assert (row.status, row.verdict.compared) == ("adopted", False)
    assert row.indicator.target.text == "200"


def test_json_and_csv_rows_carry_the_documented_fields(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["indicators", "--parent", str(PLANS / "beijing"), *map(str, DISTRICTS)]
    result = runner.invoke(cli.main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [plan["name"] for plan in data["plans"]] == [root.name for root in DISTRICTS]
    assert all(set(FIELDS) == set(row) for row in data["rows"])
    documented = (PROJECT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in documented for name in FIELDS)
    out = tmp_path / "report.csv"
    assert runner.invoke(cli.main, [*args, "--format", "csv", "-o", str(out)]).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(FIELDS) and len(lines) == len(data["rows"]) + 1


def test_a_plan_without_a_parent_is_left_out_with_a_warning() -> None:
    args = ["indicators", str(PLANS / "beijing"), str(PLANS / "zhushan")]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 1
    assert "names no parent plan" in result.stderr and "pass --parent" in result.stderr


def test_the_xlsx_opens_with_openpyxl_frozen_and_coloured() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(as_xlsx(compare_plans(DISTRICTS, "beijing"))))
    matrix, details = book["对照"], book["明细"]
    assert matrix.freeze_panes == "C2" and details.freeze_panes == "A2"
    heads = [
        "序号",
        "指标",
        "单位",
        "上级 北京市",
        "朝阳区",
        "门头沟区",
        "北京城市副中心（通州区）",
        "珠山区",
    ]
    assert [cell.value for cell in matrix[1]] == heads
    row = next(
        cells
        for cells in matrix.iter_rows(min_row=2)
        if cells[1].value == "每万人户籍儿童机构床位数"
    )
    assert row[5].value == "≥15" and row[5].fill.fgColor.rgb.endswith(FILLS["nature-weakened"])
    assert [cell.value for cell in details[1]] == list(FIELDS)


def test_the_html_is_self_contained_with_a_chart_per_indicator_with_numbers() -> None:
    """A chart for each parent indicator that some plan gives a number to draw; none that is empty."""
    [comparison] = compare_plans(DISTRICTS, "beijing")
    page = as_html([comparison])
    assert "http" not in page and "<link" not in page and " src=" not in page
    charts = [
        chart(
            upper, [(plan.name, comparison.cell(plan.name, upper.id)) for plan in comparison.plans]
        )
        for upper in comparison.parent.indicators
    ]
    assert page.count("<svg ") == sum(bool(svg) for svg in charts) < len(charts)
    assert all("<circle" in svg for svg in charts if svg)
    assert '<table class="matrix">' in page and "<script>" in page


def test_a_chart_of_counts_has_whole_ticks_and_an_empty_one_is_not_drawn() -> None:
    [comparison] = compare_plans(DISTRICTS, "beijing")
    ticks = re.compile(r'class="tick" text-anchor="middle">([^<]+)<')
    drawn = {
        upper.name: chart(
            upper, [(p.name, comparison.cell(p.name, upper.id)) for p in comparison.plans]
        )
        for upper in comparison.parent.indicators
    }
    for name, svg in drawn.items():
        values = ticks.findall(svg)
        assert not svg or (values and values[0] == "0" and float(values[-1]) > 0), name
    counts = [
        svg
        for upper, svg in zip(comparison.parent.indicators, drawn.values())
        if upper.unit in ("个", "家", "张", "名") and svg
    ]
    assert counts and all("." not in value for svg in counts for value in ticks.findall(svg))
    lonely = comparison.parent.indicators[0]
    assert chart(lonely, [(plan.name, None) for plan in comparison.plans]) == "" or comparable(
        lonely
    )


def test_the_build_page_names_plans_in_chinese(tmp_path: Path) -> None:
    """indicators.html beside the plans speaks Chinese and names plans by title, whatever the locale."""
    page = write_shared_page(
        [PLANS / slug for slug in ("beijing", "chaoyang", "mentougou", "tongzhou")], tmp_path
    )
    assert page is not None
    html = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "指标对照" in html
    assert ">朝阳区<" in html and ">北京城市副中心（通州区）<" in html and ">chaoyang<" not in html


@pytest.mark.browser
def test_the_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "headless Chromium is needed: apt-get install chromium (see scripts/setup.sh)"
    from PIL import Image

    page = tmp_path / "indicators.html"
    page.write_text(as_html(compare_plans(DISTRICTS, "beijing")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1200,2400",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file(), done.stderr
    colours = {colour for _count, colour in Image.open(shot).convert("RGB").getcolors(1 << 20)}
    for status in ("nature-weakened", "stronger", "aligned", "not-adopted", "unit-differs"):
        assert tuple(bytes.fromhex(FILLS[status])) in colours, f"no {status} cell drawn"


CLICK_ALL_BUT_WEAKENED = """<script>
var section = document.querySelector('section.sheet');
var shown = function () { return section.querySelectorAll('tbody tr:not(.hidden)').length; };
var before = shown();
section.querySelectorAll('.key').forEach(function (key) {
  if (key.dataset.status !== 'nature-weakened') { key.click(); }
});
section.querySelector('th.status').click();
var first = section.querySelector('tbody tr').cells[4].dataset.status;
document.body.setAttribute('data-check', before + ',' + shown() + ',' + first);
</script>"""


@pytest.mark.browser
def test_the_status_keys_filter_the_matrix_in_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "headless Chromium is needed: apt-get install chromium (see scripts/setup.sh)"
    [comparison] = compare_plans(DISTRICTS, "beijing")
    page = tmp_path / "indicators.html"
    html = as_html([comparison]).replace("</body>", CLICK_ALL_BUT_WEAKENED + "</body>")
    page.write_text(html, encoding="utf-8")
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    check = re.search(r'data-check="(\d+),(\d+),([^"]*)"', done.stdout)
    assert check, done.stderr[-2000:]
    lines = len(comparison.parent.indicators) + sum(row.upper is None for row in comparison.rows)
    assert (int(check.group(1)), int(check.group(2))) == (lines, 2)
    chaoyang = {row.status for row in comparison.rows if row.plan == "chaoyang"}
    assert check.group(3) == min(chaoyang, key=STATUSES.index), "sorted by the first plan's status"


def test_build_writes_the_indicators_page_when_two_plans_share_a_parent(scratch: Path) -> None:
    plans = scratch.parent
    shutil.copytree(scratch, plans / "city")
    shutil.copytree(scratch, plans / "second")
    for root in (scratch, plans / "second"):
        edit(root / "plan.yaml", "numbering: parts", "parent: city\nnumbering: parts")
    runner = CliRunner()
    result = runner.invoke(cli.main, ["build", str(scratch), "-o", "one", "--format", "html"])
    assert result.exit_code == 0 and not (Path("one") / "indicators.html").exists()
    everything = [str(scratch), str(plans / "second"), str(plans / "city")]
    result = runner.invoke(
        cli.main, ["build", *everything, "-o", "out", "--format", "html", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    page = (Path("out") / "indicators.html").read_text(encoding="utf-8")
    assert "minimal" in page and "second" in page and "out/indicators.html" in result.output
