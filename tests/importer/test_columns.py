"""Main-indicator tables are recognised by what their columns mean, in the shapes real plans print."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.importer import import_into
from plancraft.importer.blocks import Grid, GridCell
from plancraft.importer.columns import indicator_fields
from plancraft.importer.tables import indicators_data, is_indicator_grid, looks_like_indicators
from plancraft.source.periods import parse

FIFTEENTH = parse("十五五")


def _grid(header: list[str], rows: list[list[str | None]], caption: str = "主要指标") -> Grid:
    return Grid(
        1,
        [[GridCell(text) for text in header]],
        [[GridCell(text) if text is not None else None for text in row] for row in rows],
        caption=caption,
    )


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            ["类别", "指标", "单位", "2025年", "2030年", "属性"],
            ["domain", "name", "unit", "baseline", "target", "nature"],
        ),
        (
            ["一级指标", "二级指标", "“十四五”现状值", "规划目标", "指标属性"],
            ["domain", "name", "baseline", "target", "nature"],
        ),
        (
            ["板块", "序号", "指标名称", "完成值", "预期值", "指标类型"],
            ["domain", "seq", "name", "baseline", "target", "nature"],
        ),
        (["指标", "2030年目标值", "属性"], ["name", "target", "nature"]),
        (["领域", "", "序号", "", "2025年"], ["domain", "subdomain", "seq", "name", "target"]),
    ],
)
def test_columns_are_read_by_meaning(header: list[str], fields: list[str]) -> None:
    assert indicator_fields(header) == fields


@pytest.mark.parametrize(
    "header",
    [
        ["序号", "指标", "方式", "2025年"],  # an unknown column
        ["指标", "2030年"],  # a name and a target only: nothing says it is an indicator table
        ["项目名称", "建设内容", "建设年限"],
        ["序号", "指标", "2025年", "2030年", "2035年"],  # two targets
    ],
)
def test_other_tables_are_not_indicator_tables(header: list[str]) -> None:
    assert indicator_fields(header) is None


def test_groups_from_merged_cells_units_from_brackets_and_natures_as_stated() -> None:
    grid = _grid(
        ["类别", "指标", "2025年", "2030年", "属性"],
        [
            ["基础设施", "新建消防救援站（座）", "12", "≥18", "约束性"],
            [None, "消防车辆配备率（%）", "90", "100", "预期"],
            ["队伍建设", "其中：专职消防员（人）", "300", "≥400", "【约束性】"],
        ],
        caption="“十五五”时期消防事业发展规划指标",
    )
    assert is_indicator_grid(grid)
    data = indicators_data(grid, numbered=False, period=FIFTEENTH)
    assert data["columns"] == ["domain", "name", "baseline", "target", "nature"]
    assert (data["baseline_year"], data["target_year"]) == (2025, 2030)
    rows = [
        (row["domain"], row["name"], row.get("unit"), row["baseline"], row["target"], row["nature"])
        for row in data["indicators"]
    ]
    assert rows == [
        ("基础设施", "新建消防救援站", "座", "12", "≥18", "约束性"),
        ("基础设施", "消防车辆配备率", "%", "90", "100", "预期性"),
        ("队伍建设", "其中：专职消防员", "人", "300", "≥400", "约束性"),
    ]


def test_binding_mark_in_the_nature_column_and_a_note_column() -> None:
    grid = _grid(
        ["序号", "指标", "单位", "规划目标", "指标属性", "备注"],
        [["1", "古树名木保护率", "%", "100", "※", "市级统计"]],
    )
    row = indicators_data(grid, numbered=False, period=FIFTEENTH)["indicators"][0]
    assert (row["nature"], row["note"], row["unit"]) == ("约束性", "市级统计", "%")


def test_a_table_titled_as_indicators_that_does_not_read_as_one_is_flagged() -> None:
    unreadable = _grid(["序号", "指标", "方式", "2025年"], [["1", "养老院", "补齐", "全覆盖"]])
    assert looks_like_indicators(unreadable)
    assert not looks_like_indicators(
        _grid(["序号", "指标", "2020年"], [], caption="主要指标完成情况")
    )
    assert not looks_like_indicators(_grid(["项目", "内容"], [], caption="重点项目"))


def test_a_tabbed_table_without_seq_imports_as_indicators_and_validates(tmp_path: Path) -> None:
    source = tmp_path / "yuanlin.txt"
    source.write_text(
        "某区“十五五”时期园林绿化发展规划\n一、发展基础\n全区绿化工作取得成效。\n二、发展目标\n"
        "表1 “十五五”时期园林绿化主要指标\n类别\t指标\t单位\t2025年\t2030年\t属性\t备注\n"
        "生态\t森林覆盖率\t%\t44.6\t≥45\t约束性\t\n\t古树名木保护率\t%\t100\t100\t约束性\t市级统计\n"
        "三、保障措施\n加强组织领导。\n",
        encoding="utf-8",
    )
    result, loaded = import_into(source, tmp_path / "yuanlin")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.errors]
    table = loaded.plan.indicators
    assert table is not None and (table.baseline_year, table.target_year) == (2025, 2030)
    assert [(i.domain, i.name, i.target.text, i.nature, i.note) for i in table.indicators] == [
        ("生态", "森林覆盖率", "≥45", "约束性", ""),
        ("生态", "古树名木保护率", "100", "约束性", "市级统计"),
    ]
