from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.api import load
from tests.conftest import edit


def codes(plan: Path) -> dict[str, list]:
    found: dict[str, list] = {}
    for diagnostic in load(plan).diagnostics:
        found.setdefault(diagnostic.code, []).append(diagnostic)
    return found


def test_minimal_plan_is_clean(minimal: Path) -> None:
    assert not load(minimal).diagnostics.items


def test_typed_number_in_markdown_heading(scratch: Path) -> None:
    edit(scratch / "text" / "background.md", "# 面临形势", "# 二、面临形势")
    [error] = codes(scratch)["typed-number"]
    assert error.location.line == 10 and "'二、'" in error.message


def test_unknown_reference_suggests_a_known_id(scratch: Path) -> None:
    edit(scratch / "text" / "tasks.md", "见[@box-relief]", "见[@box-releif]")
    [error] = codes(scratch)["unknown-ref"]
    assert (
        error.location.path.endswith("tasks.md")
        and error.location.line == 18
        and error.location.col == 2
    )
    assert error.hint == "did you mean 'box-relief'?"


def test_unknown_table_placement(scratch: Path) -> None:
    edit(scratch / "text" / "background.md", "{{table t-facilities}}", "{{table t-facility}}")
    found = codes(scratch)
    assert found["unknown-ref"][0].location.line == 8
    assert found["unplaced-table"][0].severity.value == "warning"


def test_missing_role(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "role: safeguards", "role: extra")
    [error] = codes(scratch)["missing-role"]
    assert "safeguards" in error.message


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("target: 100", "target: 120", "not a percentage"),
        ("baseline: 825", "baseline: 82.5%", "is a percentage but the unit is '张'"),
        ("baseline: 4.8", "baseline: -4.8", "is negative"),
    ],
)
def test_indicator_values_must_fit_their_unit(
    scratch: Path, old: str, new: str, words: str
) -> None:
    edit(scratch / "indicators.yaml", old, new)
    [error] = codes(scratch)["indicator-value"]
    assert words in error.message and error.location.path.endswith("indicators.yaml")


def test_table_shape(scratch: Path) -> None:
    edit(
        scratch / "tables" / "t-facilities.yaml",
        "[2, 区级社区服务中心, 1, 1]",
        "[2, 区级社区服务中心, 1]",
    )
    [error] = codes(scratch)["table-shape"]
    assert "row 2 has 4 cells where the table has 5" in error.message


def test_heading_level_jump(scratch: Path) -> None:
    edit(scratch / "text" / "safeguards.md", "# 加强组织领导", "### 加强组织领导")
    assert codes(scratch)["heading-jump"][0].location.line == 1


def test_invisible_characters(scratch: Path) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "本\u202e规划")
    [error] = codes(scratch)["invisible-character"]
    assert "U+202E" in error.message


def test_paragraph_with_typed_number_is_a_warning(scratch: Path) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "（一）本规划")
    [warning] = codes(scratch)["typed-number"]
    assert warning.severity.value == "warning"


def make_parent(scratch: Path, per_thousand_target: str, beds_target: str) -> None:
    """A parent plan `city` beside the scratch plan, with the same indicator names and other targets."""
    city = scratch.parent / "city"
    city.mkdir()
    (city / "plan.yaml").write_text("title: 市规划\n", encoding="utf-8")
    text = (scratch / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace('target: "≥7"', f'target: "{per_thousand_target}"').replace(
        'target: "≥1600"', f'target: "{beds_target}"'
    )
    (city / "indicators.yaml").write_text(text, encoding="utf-8")
    edit(scratch / "plan.yaml", "numbering: parts", "parent: city\nnumbering: parts")


def test_a_rate_weaker_than_the_parent_plan_is_a_warning(scratch: Path) -> None:
    make_parent(scratch, "≥9", "≥9000")
    [warning] = codes(scratch)["weaker-than-parent"]
    assert warning.severity.value == "warning" and "每千名常住人口养老床位数" in warning.message
    assert (
        warning.location.path.endswith("indicators.yaml")
        and warning.location.line == 33
        and warning.location.col == 13
    )
    assert "≥7" in warning.message and "≥9" in warning.message


def test_equal_or_stronger_targets_and_absolute_counts_are_not_compared(scratch: Path) -> None:
    make_parent(scratch, "≥7", "≥9000")
    assert "weaker-than-parent" not in codes(scratch)


def test_placeholders_are_located_warnings(scratch: Path) -> None:
    edit(scratch / "text" / "tasks.md", "\n", "\n开展【待填写：任务】工作。\n")
    edit(scratch / "plan.yaml", "issuer: 示例区民政局", "issuer: 【待填写】")
    found = codes(scratch)["placeholder"]
    places = sorted((str(d.location), d.message) for d in found)
    assert places[0][0] == "plans/minimal/plan.yaml:3:9" and "【待填写】" in places[0][1]
    assert places[1][0] == "plans/minimal/text/tasks.md:2:3" and "【待填写：任务】" in places[1][1]
    assert all(d.severity.value == "warning" for d in found)


@pytest.mark.parametrize("marks", ["#", "##"])
def test_a_reference_in_a_heading_is_located_at_the_reference(scratch: Path, marks: str) -> None:
    edit(scratch / "text" / "background.md", "# 面临形势", f"{marks} 面临形势见[@nowhere]")
    [error] = codes(scratch)["unknown-ref"]
    assert (error.location.line, error.location.col) == (10, len(marks) + 7)


def test_a_row_of_a_table_that_failed_to_load_is_not_reported_again_as_unknown(
    scratch: Path,
) -> None:
    """One key typo in indicators.yaml is one error: references to its ids are not unknown, only unavailable."""
    edit(
        scratch / "indicators.yaml",
        "  - id: temporary-beds\n",
        "  - id: temporary-beds\n    taget: 1\n",
    )
    edit(scratch / "text" / "tasks.md", "见[@box-relief]", "见[@temporary-beds]和[@box-relief]")
    errors = load(scratch).diagnostics.errors
    assert [d.code for d in errors] == ["schema"], [str(d) for d in errors]


def test_a_unit_typed_into_a_value_must_be_the_indicators_unit(scratch: Path) -> None:
    text = (scratch / "indicators.yaml").read_text(encoding="utf-8")
    assert 'unit: "%"' in text
    edit(scratch / "indicators.yaml", "    target: 100\n", "    target: 100张\n")
    errors = [d for d in load(scratch).diagnostics.errors if d.code == "indicator-unit"]
    assert len(errors) == 1 and "'张'" in errors[0].message and "'%'" in errors[0].message


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("表1", "write [@t-facilities]"),
        ("专栏1", "write [@box-relief]"),
        ("第三部分", "write [@tasks]"),
        ("表9", "no 表9 exists"),
    ],
)
def test_a_typed_reference_to_a_numbered_thing_is_a_warning(
    scratch: Path, typed: str, hint: str
) -> None:
    edit(scratch / "text" / "tasks.md", "见[@box-relief]", f"另见{typed}，见[@box-relief]")
    found = [d for d in load(scratch).diagnostics.warnings if d.code == "typed-reference"]
    assert len(found) == 1 and typed in found[0].message and hint in found[0].hint
    assert (found[0].location.line, found[0].location.col) == (18, 3)


def test_the_importers_stand_ins_are_placeholders(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "issuer: 示例区民政局", "issuer: （编制单位待定）")
    found = [d for d in load(scratch).diagnostics.warnings if d.code == "placeholder"]
    assert len(found) == 1 and found[0].location.line == 3
