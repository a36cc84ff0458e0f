"""The content rules: what a 文秘 would send back, each found in a small fixture and not in clean text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from plancraft.api import load
from tests.conftest import edit

CONTENT_CODES = {
    "tex-markup",
    "html-markup",
    "latin-word",
    "clock-ratio",
    "web-furniture",
    "duplicate-title",
    "notice-unsigned",
}
NOTICE = """{.center}
示例区民政局关于印发《示例区“十四五”时期民政事业发展规划》的通知

各有关单位：

现印发给你们，请认真贯彻落实。
"""


def found(plan: Path, code: str) -> list[str]:
    """The diagnostics with `code`, as printed (location: severity: message)."""
    return [str(item) for item in load(plan).diagnostics if item.code == code]


def test_the_minimal_plan_has_none(minimal: Path) -> None:
    assert not [item for item in load(minimal).diagnostics if item.code in CONTENT_CODES]


@pytest.mark.parametrize(
    ("typed", "code", "column"),
    [
        (r"场所 $\\geq 300\\text\{ m\}^2$，", "tex-markup", 4),
        (r"场所$\geq 300$，", "tex-markup", 3),
        (r"面积\\geq 300平方米，", "tex-markup", 3),
        (r"第一行\<br\>第二行，", "html-markup", 4),
        ("空格&amp;nbsp;之后，", "html-markup", 3),
        ("服务体系 and 平台体系，", "latin-word", 6),
        ("服务体系and平台体系，", "latin-word", 5),
    ],
)
def test_markup_and_english_in_prose_are_located(
    scratch: Path, typed: str, code: str, column: int
) -> None:
    edit(scratch / "text" / "tasks.md", "积极推动", typed + "积极推动")
    [warning] = found(scratch, code)
    assert warning.startswith(f"plans/minimal/text/tasks.md:6:{column}: warning:"), warning


@pytest.mark.parametrize(
    "clean",
    [
        "推动GDP、PM2.5、5G、O2O、APP、AI和VR应用，建设4A级机构，",
        "面积不少于300 m²，约2 km，比例1:7，上午9:30开放，",
        "按《无障碍设计规范》（GB50763-2012）建设，利用App预约，",
        "注：数据来源于区民政局。发布实施细则，",
    ],
)
def test_clean_text_passes(scratch: Path, clean: str) -> None:
    edit(scratch / "text" / "tasks.md", "积极推动", clean + "积极推动")
    diagnostics = [item for item in load(scratch).diagnostics if item.code in CONTENT_CODES]
    assert not diagnostics, [str(item) for item in diagnostics]


@pytest.mark.parametrize(
    ("typed", "ratio"), [("1:07", "1:7"), ("1：04", "1:4"), ("1:07:00", "1:7")]
)
def test_a_ratio_turned_into_a_clock_time(scratch: Path, typed: str, ratio: str) -> None:
    edit(scratch / "indicators.yaml", "target: 100\n", f'target: "{typed}"\n')
    [item] = [d for d in load(scratch).diagnostics if d.code == "clock-ratio"]
    assert item.location.path.endswith("indicators.yaml") and item.location.line == 17
    assert f"write {ratio}" in item.hint


def test_a_clock_ratio_in_a_table_cell(scratch: Path) -> None:
    edit(
        scratch / "tables" / "t-facilities.yaml",
        "区级社区服务中心, 1, 1]",
        "区级社区服务中心, 1, '1:05']",
    )
    [warning] = found(scratch, "clock-ratio")
    assert warning.startswith("plans/minimal/tables/t-facilities.yaml:7:")


def test_an_html_tag_in_a_table_cell(scratch: Path) -> None:
    edit(scratch / "tables" / "t-facilities.yaml", "养老照料中心", "养老<br>照料中心")
    [warning] = found(scratch, "html-markup")
    assert warning.startswith("plans/minimal/tables/t-facilities.yaml:8:")


@pytest.mark.parametrize(
    "line",
    [
        "问答解读：关于《示例区规划》的问答解读",
        "【字体：大 中 小】",
        "浏览次数：1234",
        "【打印本页】【关闭窗口】",
        "发布时间：2023-06-13",
    ],
)
def test_web_furniture_lines(scratch: Path, line: str) -> None:
    edit(scratch / "text" / "preface.md", "本规划", f"{line}\n\n本规划")
    [warning] = found(scratch, "web-furniture")
    assert warning.startswith("plans/minimal/text/preface.md:1:1: warning:"), warning


def test_web_furniture_words_inside_a_sentence_pass(scratch: Path) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "打印本页的做法不可取，关闭窗口期。本规划")
    assert not found(scratch, "web-furniture")


def test_two_tables_with_one_title(scratch: Path) -> None:
    (scratch / "tables" / "t-again.yaml").write_text(
        (scratch / "tables" / "t-facilities.yaml")
        .read_text(encoding="utf-8")
        .replace("id: t-facilities", "id: t-again"),
        encoding="utf-8",
    )
    edit(
        scratch / "text" / "background.md",
        "{{table t-facilities}}",
        "{{table t-facilities}}\n\n{{table t-again}}",
    )
    [warning] = found(scratch, "duplicate-title")
    assert (
        "t-again.yaml" in warning and "first at plans/minimal/tables/t-facilities.yaml" in warning
    )


def test_two_boxes_with_one_title(scratch: Path) -> None:
    edit(
        scratch / "text" / "tasks.md",
        "见[@box-relief]",
        "::: box 基层社会救助能力提升工程 {#box-again}\n再次。\n:::\n\n见[@box-relief]",
    )
    [warning] = found(scratch, "duplicate-title")
    assert warning.startswith("plans/minimal/text/tasks.md:18:1: warning: a second box")


@pytest.mark.parametrize(
    ("ending", "missing"),
    [
        ("", "without the issuer's signature and the date"),
        ("\n{.signature}\n示例区民政局\n", "without the date it was written"),
        ("\n{.signature}\n2023年6月13日\n", "without the issuer's signature"),
        ("\n{.signature}\n示例区民政局\n\n{.signature}\n2023年6月13日\n", ""),
        ("\n{.signature}\n示例区民政局\n\n{.signature}\n二〇二三年六月十三日\n", ""),
    ],
)
def test_a_notice_ends_with_signature_and_date(scratch: Path, ending: str, missing: str) -> None:
    (scratch / "text" / "notice.md").write_text(NOTICE + ending, encoding="utf-8")
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: parts\nnotice: text/notice.md")
    warnings = found(scratch, "notice-unsigned")
    assert [missing in item for item in warnings] == ([True] if missing else []), warnings


def test_an_indicator_name_that_starts_like_a_formula_is_a_warning(tmp_path: Path) -> None:
    """validate warns on a name a spreadsheet would run (the reports write it inert either way)."""
    from plancraft.compile.pipeline import compile_plan
    from tests.conftest import FIXTURE_PLANS

    plan = tmp_path / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    indicators = plan / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    first_name = re.search(r"^ +name: (.+)$", text, re.MULTILINE)
    assert first_name
    indicators.write_text(
        text.replace(first_name.group(1), '"=HYPERLINK(\\"http://x\\",\\"y\\")"', 1),
        encoding="utf-8",
    )
    found = [d for d in compile_plan(plan).diagnostics.warnings if d.code == "formula-like-name"]
    assert len(found) == 1 and "starts like a spreadsheet formula" in found[0].message
    name_line = text[: first_name.start()].count("\n") + 1
    assert found[0].location.path.endswith("indicators.yaml")
    assert name_line - 3 <= found[0].location.line <= name_line  # the name, else its row
    clean = [d for d in compile_plan(FIXTURE_PLANS / "minimal").diagnostics.items]
    assert not [d for d in clean if d.code == "formula-like-name"]
