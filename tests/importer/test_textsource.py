"""Reading text extractions: paragraphs, and tables in each layout the seeds use."""

from __future__ import annotations

from pathlib import Path

from plancraft.importer.blocks import Grid, Line
from plancraft.importer.textsource import read_text


def _read(tmp_path: Path, text: str) -> list:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return read_text(path)


def _cells(grid: Grid) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in grid.rows]


def test_bookmarks_and_blank_lines_go(tmp_path: Path) -> None:
    blocks = _read(tmp_path, "[bookmark: _Toc1][bookmark: _Toc2]第一部分  规划背景\n\n正文。\n")
    assert [block.text for block in blocks] == ["第一部分 规划背景", "正文。"]


def test_inline_tab_rows_with_groups_and_a_split_cell(tmp_path: Path) -> None:
    blocks = _read(
        tmp_path,
        "表 1：完成情况\n\n\t序号\t指标\t2015\t2020 年\n区级\t1\t儿童中心\t0\t1\n"
        "\t2\t社区服务中心\t1\t1\n社会组织\t1\t每万人拥有的社会组\t26\t29\n\n\t\t织数\t\t\n"
        "\n（一）下一节\n",
    )
    grid = blocks[0]
    assert isinstance(grid, Grid) and grid.caption == "完成情况" and grid.caption_number == 1
    assert [cell.text for cell in grid.header[0]] == ["", "序号", "指标", "2015", "2020年"]
    assert _cells(grid) == [
        ["区级", "1", "儿童中心", "0", "1"],
        [None, "2", "社区服务中心", "1", "1"],
        ["社会组织", "1", "每万人拥有的社会组织数", "26", "29"],
    ]
    assert isinstance(blocks[1], Line) and blocks[1].text == "（一）下一节"


def test_cell_per_line_rows_anchored_on_the_sequence(tmp_path: Path) -> None:
    text = (
        "“十四五”时期主要指标\n\t领域\n\t序号\n\t指  标\n\t2020年\n\t2025年\n\n"
        "\t基本民生保障\n\t社会\n\n救助\n\t1\n\t集中供养率（%）\n\t≥50\n\t100\n\n"
        "\t\n\t接济救助\n\t2\n\t总床位数（张）※\n\t825\n\t2\n\n"
        "备注：带“※”的指标为约束性指标。\n"
    )
    grid = _read(tmp_path, text)[0]
    assert grid.caption == "“十四五”时期主要指标"
    assert [(cell.text, cell.colspan) for cell in grid.header[0]] == [
        ("领域", 2),
        ("序号", 1),
        ("指 标", 1),
        ("2020年", 1),
        ("2025年", 1),
    ]
    assert _cells(grid) == [
        ["基本民生保障", "社会救助", "1", "集中供养率（%）", "≥50", "100"],
        [None, "接济救助", "2", "总床位数（张）※", "825", "2"],
    ]
    assert grid.notes == ["备注：带“※”的指标为约束性指标。"]


def test_untabbed_cells_one_per_line(tmp_path: Path) -> None:
    text = (
        "“十四五”时期主要指标\n\n领域\n\n序号\n\n2025年\n\n基本民生保障\n\n社会\n\n救助\n\n1\n\n供养率（%）\n\n100\n\n"
        "2\n\n床位数（张）\n\n≥50\n\n备注:说明。\n"
    )
    grid = _read(tmp_path, text)[0]
    assert _cells(grid) == [
        ["基本民生保障", "社会救助", "1", "供养率（%）", "100"],
        [None, None, "2", "床位数（张）", "≥50"],
    ]
    assert [cell.text for cell in grid.header[0]] == ["领域", "序号", "", "2025年"]


def test_indented_box_lines_are_not_tables(tmp_path: Path) -> None:
    blocks = _read(tmp_path, "\t专栏1：救助能力提升工程\n\n\t1.提升经办服务能力\n整合资源。\n")
    assert all(isinstance(block, Line) for block in blocks)
    assert [block.text for block in blocks][:2] == ["专栏1：救助能力提升工程", "1.提升经办服务能力"]


def test_a_one_cell_per_line_table_starting_with_a_category_keeps_it_as_a_header(
    tmp_path: Path,
) -> None:
    text = "前文说明。\n类别\n序号\n指标\n2025年\n养老\n1\n床位数（张）\n100\n救助\n2\n覆盖率（%）\n95\n"
    grid = next(block for block in _read(tmp_path, text) if not isinstance(block, Line))
    assert grid.caption != "类别" and grid.header[0][0].text == "类别"
    assert len(grid.rows) == 2


def test_untabbed_rows_go_on_across_a_change_of_group_cells(tmp_path: Path) -> None:
    text = (
        "主要指标\n\n领域\n\n序号\n\n2025年\n\n基本民生保障\n\n社会\n\n救助\n\n1\n\n供养率（%）\n\n100\n\n"
        "2\n\n机构数量（所）\n\n1\n\n基层社会治理\n\n城乡\n\n社区\n\n治理\n\n3\n\n示范点（个）\n\n6\n\n"
        "4\n\n选举比例（%）\n\n80\n\n慈善事业发展\n\n5\n\n覆盖率（%）\n\n≥5\n\n（一）下一节\n"
    )
    grid = _read(tmp_path, text)[0]
    assert isinstance(grid, Grid)
    assert [row[-2].text for row in grid.rows if row[-2]] == [
        "供养率（%）",
        "机构数量（所）",
        "示范点（个）",
        "选举比例（%）",
        "覆盖率（%）",
    ]


def test_tabbed_rows_go_on_when_a_group_cell_spans_both_group_columns(tmp_path: Path) -> None:
    text = (
        "主要指标\n\t领域\n\t序号\n\t指标\n\t2020年\n\t2025年\n\n"
        "\t民生\n\t社会救助\n\t1\n\t供养率（%）\n\t90\n\t100\n\n"
        "\t\n\t\n\t2\n\t床位数（张）\n\t40\n\t≥50\n\n"
        "\t\n\t养老\n\t3\n\t养老床位（张）\n\t7\n\t8\n\n"
        "\t基础保障\n\t4\n\t网上办理率（%）\n\t85\n\t95\n\n"
        "\t\n\t5\n\t标准数量（个）\n\t2\n\t13\n\n注：说明。\n"
    )
    grid = _read(tmp_path, text)[0]
    assert _cells(grid) == [
        ["民生", "社会救助", "1", "供养率（%）", "90", "100"],
        [None, None, "2", "床位数（张）", "40", "≥50"],
        [None, "养老", "3", "养老床位（张）", "7", "8"],
        ["基础保障", "", "4", "网上办理率（%）", "85", "95"],
        [None, None, "5", "标准数量（个）", "2", "13"],
    ]


def test_a_web_copy_table_without_seq_is_read_by_its_columns(tmp_path: Path) -> None:
    text = (
        "前文。\n\n主要指标\n\n类别\n\n指标名称\n\n2020年\n\n2025年\n\n属性\n\n"
        "安全\n\n新建消防救援站（座）\n\n3\n\n8\n\n约束性\n\n火灾亡人率（人/十万人）\n\n0.2\n\n≤0.2\n\n预期性\n\n"
        "服务\n\n\n\n消防站覆盖率（%）\n\n80\n\n95\n\n约束性\n\n（一）下一节\n"
    )
    blocks = _read(tmp_path, text)
    grid = next(block for block in blocks if isinstance(block, Grid))
    assert grid.caption == "主要指标"
    assert [cell.text for cell in grid.header[0]] == [
        "类别",
        "指标名称",
        "2020年",
        "2025年",
        "属性",
    ]
    assert _cells(grid) == [
        ["安全", "新建消防救援站（座）", "3", "8", "约束性"],
        [None, "火灾亡人率（人/十万人）", "0.2", "≤0.2", "预期性"],
        ["服务", "消防站覆盖率（%）", "80", "95", "约束性"],
    ]
    assert isinstance(blocks[-1], Line) and blocks[-1].text == "（一）下一节"
