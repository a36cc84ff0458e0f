"""A small hand-made report that every renderer test reads."""

from __future__ import annotations

from plancraft.report import Cell, Column, Figure, Group, Mark, Report, Row, Sheet, Status

HOSTILE = '=HYPERLINK("http://x","y")'


def sample() -> Report:
    """Two groups, a status, marks, a negative number, a formula-like name, a figure."""
    columns = [
        Column("name", "Name", width=20),
        Column("delta", "Delta", "number", 8),
        Column("status", "Status", "status", text=" ({})"),
        Column("change", "Change", "marks", 30, text="\n    {}"),
    ]
    groups = [
        Group(
            "first: 2 rows",
            [
                Row(
                    {
                        "name": Cell("beds", href="#fig-beds"),
                        "delta": Cell(-3),
                        "status": Cell("worse", status="worse"),
                        "change": Cell(
                            marks=[Mark("=", "target "), Mark("-", "9"), Mark("+", "11")]
                        ),
                    }
                ),
                Row(
                    {
                        "name": Cell(HOSTILE),
                        "delta": Cell("-2.5"),
                        "status": Cell("ok", status="ok"),
                    }
                ),
            ],
            notes=["note: two rows"],
        ),
        Group("second: empty"),
    ]
    return Report(
        title="Sample report",
        meta=["old → new"],
        sheets=[
            Sheet(
                "sample",
                columns,
                groups,
                figures=[Figure("fig-beds", "Beds", '<svg viewBox="0 0 10 10"></svg>')],
            )
        ],
        summary=["done"],
        statuses={"worse": Status("worse", "F4A3A3", "C0392B"), "ok": Status("ok", "D4EDD0")},
    )
