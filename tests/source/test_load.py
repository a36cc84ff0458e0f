from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.diagnostics import Diagnostics
from plancraft.source.load import load_plan, parse_quantity
from plancraft.source.model import Box, Placement, Prose, Section
from tests.conftest import edit


def test_minimal_plan_loads_into_the_model(minimal: Path) -> None:
    diagnostics = Diagnostics()
    plan = load_plan(minimal, diagnostics)
    assert not diagnostics.items
    assert [part.id for part in plan.outline] == [
        "background",
        "requirements",
        "tasks",
        "safeguards",
    ]
    assert [part.role for part in plan.outline] == [
        "background",
        "requirements",
        "tasks",
        "safeguards",
    ]
    foundation, situation = plan.outline[0].sections
    assert (foundation.id, foundation.title, foundation.depth) == ("foundation", "发展基础", 2)
    progress = foundation.sections[0]
    assert progress.run_in and progress.depth == 3 and progress.title == "兜底保障能力大幅提升。"
    assert progress.location.path.endswith("text/background.md") and progress.location.line == 5
    assert isinstance(progress.content[0], Prose)
    assert (
        isinstance(progress.content[1], Placement) and progress.content[1].target == "t-facilities"
    )
    assert plan.preface.title == "前言"


def test_boxes_hold_their_items(minimal: Path) -> None:
    plan = load_plan(minimal, Diagnostics())
    relief = plan.outline[2].sections[0]
    box = next(
        item for item in relief.sections[0].sections[0].sections[0].content if isinstance(item, Box)
    )
    assert box.id == "box-relief" and box.title == "基层社会救助能力提升工程"
    assert [item.title for item in box.content if isinstance(item, Section)] == [
        "提升基层社会救助经办服务能力",
        "建设救助管理设施",
    ]


def test_indicators_are_typed(minimal: Path) -> None:
    plan = load_plan(minimal, Diagnostics())
    rows = {row.id: row for row in plan.indicators.indicators}
    beds = rows["temporary-beds"]
    assert beds.binding and beds.unit == "张" and beds.baseline.value == 825
    assert (beds.target.comparator, beds.target.value) == ("≥", 1600)
    textual = rows["low-income-standard"].target
    assert textual.value is None and textual.text.startswith("不低于")
    assert plan.indicators.target_year == 2025


def test_tables_keep_spans(minimal: Path) -> None:
    plan = load_plan(minimal, Diagnostics())
    [table] = plan.tables
    assert table.rows[0][0].text == "区级" and table.rows[0][0].rowspan == 2


@pytest.mark.parametrize(
    "value, comparator, number, percent, text",
    [
        ("≥7", "≥", 7, False, "≥7"),
        ("≤5", "≤", 5, False, "≤5"),
        ("47%", "", 47, True, "47%"),
        ("≥60%", "≥", 60, True, "≥60%"),
        (4.8, "", 4.8, False, "4.8"),
        (100, "", 100, False, "100"),
        ("—", "", None, False, "—"),
        ("不低于低保标准的1.3倍", "", None, False, "不低于低保标准的1.3倍"),
    ],
)
def test_quantities(value, comparator, number, percent, text) -> None:
    quantity = parse_quantity(value)
    assert (quantity.comparator, quantity.value, quantity.percent, quantity.text) == (
        comparator,
        number,
        percent,
        text,
    )


def test_numbers_keep_the_digits_they_were_written_with(scratch: Path) -> None:
    edit(
        scratch / "tables" / "t-facilities.yaml",
        "[2, 区级社区服务中心, 1, 1]",
        "[2, 区级社区服务中心, 0.10, 1.50]",
    )
    edit(scratch / "indicators.yaml", "baseline: 4.8", "baseline: 4.80")
    plan = load_plan(scratch, Diagnostics())
    assert [cell.text for cell in plan.tables[0].rows[1]] == [
        "2",
        "区级社区服务中心",
        "0.10",
        "1.50",
    ]
    assert plan.indicators.indicators[2].baseline.text == "4.80"
    assert plan.indicators.indicators[2].baseline.value == 4.8


def test_missing_markdown_file_is_located(scratch: Path) -> None:
    (scratch / "text" / "tasks.md").unlink()
    diagnostics = Diagnostics()
    load_plan(scratch, diagnostics)
    [error] = diagnostics.errors
    assert error.code == "file-missing" and "text/tasks.md" in error.message
    assert error.location.path.endswith("plan.yaml") and error.location.line == 24


def test_folder_without_plan_yaml(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert load_plan(tmp_path, diagnostics) is None
    assert "plan.yaml is missing" in diagnostics.errors[0].message
