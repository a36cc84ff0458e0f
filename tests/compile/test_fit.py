"""Whether a table goes on a landscape page: explicit in the YAML, else estimated from its content."""

from __future__ import annotations

import shutil
from pathlib import Path

from plancraft.compile import document as doc
from plancraft.compile import fit
from plancraft.compile.pipeline import compile_plan
from tests.conftest import PLANS, edit

LANDSCAPE = Path(__file__).parent.parent / "fixtures" / "landscape"


def _tables(blocks: list[doc.Block]) -> dict[str, doc.Table]:
    found: dict[str, doc.Table] = {}
    for block in blocks:
        if isinstance(block, doc.Table):
            found[block.id] = block
        elif isinstance(block, doc.Division | doc.Box):
            found.update(_tables(block.blocks))
    return found


def with_wide_tables(plan: Path) -> None:
    """Add the 14-column district table and the explicitly landscape table to a copy of a plan."""
    for name in ("t-districts.yaml", "t-turned.yaml"):
        shutil.copy(LANDSCAPE / name, plan / "tables" / name)
    edit(
        plan / "text" / "background.md",
        "{{table t-facilities}}\n",
        "{{table t-facilities}}\n\n各区指标见[@t-districts]。\n\n{{table t-districts}}\n\n"
        "横排表格之后恢复竖排。\n",
    )
    edit(
        plan / "text" / "safeguards.md",
        "全面加强党对民政工作的领导。\n",
        "全面加强党对民政工作的领导。设施见[@t-turned]。\n\n{{table t-turned}}\n\n"
        "横排表格之后恢复竖排。\n",
    )


def test_wide_table_auto_explicit_and_override(scratch: Path) -> None:
    with_wide_tables(scratch)
    tables = _tables(compile_plan(scratch).document().body)
    assert tables["t-districts"].landscape, fit.minimum_width(tables["t-districts"])
    assert tables["t-turned"].landscape
    assert not tables["t-facilities"].landscape
    edit(scratch / "tables" / "t-districts.yaml", "unit:", "landscape: false\nunit:")
    assert not _tables(compile_plan(scratch).document().body)["t-districts"].landscape


def test_minimum_width_counts_short_cells_and_wrapping_columns() -> None:
    def cell(text: str, kind: doc.CellKind = "data") -> doc.Cell:
        return doc.Cell([doc.Text(text)], kind=kind)

    table = doc.Table(
        "t",
        "",
        [doc.Row([cell("序号"), cell("指标"), cell("2020年")])],
        [doc.Row([cell("1"), cell("一个很长很长的会换行的指标名称", "name"), cell("12800")])],
    )
    extra = fit.CELL_EXTRA_PT
    expected = (2 * 10.5 + extra) + (4 * 10.5 + extra) + (4 * 5.25 + 10.5 + extra)
    assert fit.minimum_width(table) == expected
    assert not fit.landscape(table) and fit.landscape(table, True)


def test_the_five_plans_stay_portrait() -> None:
    for root in sorted(PLANS.iterdir()):
        document = compile_plan(root).document()
        assert not fit.has_landscape(document), root.name


def _width_warnings(plan: Path) -> list[str]:
    loaded = compile_plan(plan)  # checked with the others, without making the tree
    return [str(d) for d in loaded.diagnostics.warnings if d.code == "table-too-wide"]


def test_a_table_too_wide_where_it_prints_is_a_located_warning(scratch: Path) -> None:
    with_wide_tables(scratch)
    assert _width_warnings(scratch) == []  # the 14-column table fits a landscape page
    edit(scratch / "tables" / "t-districts.yaml", "unit:", "landscape: false\nunit:")
    [kept_portrait] = _width_warnings(scratch)
    assert "t-districts.yaml:1:5: warning" in kept_portrait  # at the table's id
    assert "landscape: false" in kept_portrait
    districts = scratch / "tables" / "t-districts.yaml"
    wider = districts.read_text(encoding="utf-8").replace("landscape: false\n", "")
    for row in (
        "[序号, 指标, ",
        "[1, 养老机构床位数, ",
        "[2, 养老照料中心数量, ",
        "[3, 社区养老服务驿站数量, ",
    ):
        filler = "序号, " * 0 + ", ".join(["延庆区" if row.startswith("[序号") else "1234"] * 12)
        wider = wider.replace(row, row + filler + ", ")
    districts.write_text(wider, encoding="utf-8")
    [too_wide] = _width_warnings(scratch)
    assert "landscape page" in too_wide and "225 mm" in too_wide


def test_the_five_plans_have_no_table_too_wide() -> None:
    for root in sorted(PLANS.iterdir()):
        assert _width_warnings(root) == [], root.name


def test_a_wide_table_inside_a_box_stays_portrait_with_a_warning(scratch: Path) -> None:
    shutil.copy(LANDSCAPE / "t-districts.yaml", scratch / "tables" / "t-districts.yaml")
    edit(
        scratch / "text" / "tasks.md",
        "整合社会救助资源。\n",
        "整合社会救助资源。\n\n{{table t-districts}}\n",
    )
    loaded = compile_plan(scratch)
    assert not _tables(loaded.document().body)["t-districts"].landscape
    [boxed] = [str(d) for d in loaded.diagnostics.warnings if d.code == "table-too-wide"]
    assert "专栏" in boxed


def test_placed_cells_skip_the_columns_rowspans_hold() -> None:
    """A cell's column counts the cells to its left and those reaching down from rows above."""

    def cell(name: str, rowspan: int = 1, colspan: int = 1) -> doc.Cell:
        return doc.Cell([doc.Text(name)], rowspan=rowspan, colspan=colspan)

    rows = [
        doc.Row([cell("a", rowspan=3), cell("b", colspan=2), cell("c")]),
        doc.Row([cell("d", rowspan=2), cell("e"), cell("f")]),
        doc.Row([cell("g"), cell("h")]),
    ]
    placed = [(column, doc.plain_text(found.runs)) for column, found in fit.placed_cells(rows)]
    assert placed == [
        (0, "a"),
        (1, "b"),
        (3, "c"),
        (1, "d"),
        (2, "e"),
        (3, "f"),
        (2, "g"),
        (3, "h"),
    ]
