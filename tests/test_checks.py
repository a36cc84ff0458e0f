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
    assert error.location.path.endswith("tasks.md") and error.location.line == 18 and error.location.col == 2
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


@pytest.mark.parametrize("old, new, words", [
    ("target: 100", "target: 120", "not a percentage"),
    ("baseline: 825", "baseline: 82.5%", "is a percentage but the unit is '张'"),
    ("baseline: 4.8", "baseline: -4.8", "is negative"),
])
def test_indicator_values_must_fit_their_unit(scratch: Path, old: str, new: str, words: str) -> None:
    edit(scratch / "indicators.yaml", old, new)
    [error] = codes(scratch)["indicator-value"]
    assert words in error.message and error.location.path.endswith("indicators.yaml")


def test_table_shape(scratch: Path) -> None:
    edit(scratch / "tables" / "t-facilities.yaml", "[2, 区级社区服务中心, 1, 1]", "[2, 区级社区服务中心, 1]")
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
