"""Tables become typed indicators (unit, nature, comparator) or plain tables with rowspans."""

from __future__ import annotations

from plancraft.importer.blocks import Grid, GridCell
from plancraft.importer.tables import indicators_data, is_indicator_grid, table_data
from plancraft.source.periods import parse

FOURTEENTH = parse("十四五")


def _grid(header: list[str], rows: list[list[str | None]], caption: str = "主要指标") -> Grid:
    return Grid(
        1,
        [[GridCell(text) for text in header]],
        [[GridCell(text) if text is not None else None for text in row] for row in rows],
        caption=caption,
    )


def test_indicator_table_with_nature_column_and_units_in_names() -> None:
    grid = _grid(
        ["序号", "主要指标", "指标值", "指标性质"],
        [
            ["1", "供养率（%）", "100", "预期性"],
            ["2", "床位数(张)", "≥200", "约束性"],
            ["3", "收入年均增长（%）", "与GDP增长基本同步", "预期性"],
        ],
    )
    assert is_indicator_grid(grid)
    data = indicators_data(grid, numbered=False, period=FOURTEENTH)
    assert data["columns"] == ["seq", "name", "target", "nature"]
    first, second, third = data["indicators"]
    assert (first["name"], first["unit"], first["target"], first["nature"]) == (
        "供养率",
        "%",
        "100",
        "预期性",
    )
    assert (second["name"], second["unit"], second["target"], second["nature"]) == (
        "床位数",
        "张",
        "≥200",
        "约束性",
    )
    assert third["target"] == "与GDP增长基本同步"


def test_binding_mark_and_baseline_year() -> None:
    grid = _grid(
        ["领域", "序号", "指标", "2020年", "2025年"], [["养老", "1", "床位数（张）※", "4.8", "≥7"]]
    )
    data = indicators_data(grid, numbered=True, period=FOURTEENTH)
    assert data["numbered"] and data["baseline_year"] == 2020 and data["binding_mark"] == "※"
    indicator = data["indicators"][0]
    assert (indicator["domain"], indicator["nature"], indicator["baseline"]) == (
        "养老",
        "约束性",
        "4.8",
    )


def test_unit_column_is_kept_as_printed() -> None:
    grid = _grid(
        ["序号", "主要指标", "单位", "2025年目标值", "指标属性"],
        [["1", "供养标准", "(元/人、月）", "1600", "预期性"]],
    )
    indicator = indicators_data(grid, numbered=False, period=FOURTEENTH)["indicators"][0]
    assert indicator["unit"] == "（元/人、月）" and indicator["name"] == "供养标准"


def test_completion_and_other_tables_are_plain_tables_with_rowspans() -> None:
    grid = _grid(
        ["", "序号", "指标", "2015", "2020年"],
        [["区级", "1", "中心", "0", "1"], [None, "2", "服务站", "1", "1, 1"]],
        caption="主要指标完成情况",
    )
    assert not is_indicator_grid(grid)
    data = table_data(grid, "table-1")
    assert data["rows"][0][0] == {"text": "区级", "rowspan": 2}
    assert data["rows"][1] == ["2", "服务站", "1", "1, 1"]
    assert not is_indicator_grid(
        _grid(["序号", "指标", "方式", "2025年"], [["1", "养老院", "补齐", "全覆盖"]])
    )
