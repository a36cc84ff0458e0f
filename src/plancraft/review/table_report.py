"""The 修改对照表 as a report: 序号 / 章节 / 修改前 / 修改后 / 修改说明, a group per plan."""

from __future__ import annotations

from ..i18n import _
from ..report import Cell, Column, Group, Mark, Report, Row, Sheet
from .changes_table import ChangeTable, TableRow
from .diff import Change


def table_report(
    results: list[tuple[str, ChangeTable | list[Change]]], old: str, new: str | None
) -> Report:
    """The 修改对照表 of each plan from revision `old` to `new` (None: the working tree)."""
    columns = [
        Column("seq", _("No."), "number", 5, text="{}."),
        Column("place", _("section"), width=18, text=" {}"),
        Column("before", _("before"), "marks", 40, text="\n    {}"),
        Column("after", _("after"), "marks", 40, text="\n    → {}"),
        Column("note", _("explanation"), width=24, text="\n    {}"),
        Column("target", _("id"), width=14, text=" [{}]"),
    ]
    groups = [_group(slug, found) for slug, found in results]
    return Report(
        title=_("Revision comparison table"),
        meta=[f"{old} → {new or _('working tree')}"],
        sheets=[Sheet(_("revisions"), columns, groups, frozen_columns=2)],
        data={
            "old": old,
            "new": new or "working tree",
            "plans": [
                {
                    "plan": slug,
                    **(
                        found.as_dict()
                        if isinstance(found, ChangeTable)
                        else {"changes": [change.as_dict() for change in found]}
                    ),
                }
                for slug, found in results
            ],
        },
    )


def _group(slug: str, found: ChangeTable | list[Change]) -> Group:
    if not isinstance(found, ChangeTable):
        rows = [
            TableRow(slug, change.target, [], [], f"{change.kind} {change.label}", change.kind)
            for change in found
        ]
        found = ChangeTable(rows)
    notes = []
    if found.renumbered or found.punctuation:
        notes.append(
            _(
                "Not listed: {renumbered} heading(s), box(es) or table(s) only renumbered; "
                "{punctuation} change(s) of punctuation only."
            ).format(renumbered=found.renumbered, punctuation=found.punctuation)
        )
    heading = _("{plan}: {count} row(s)").format(plan=slug, count=len(found.rows))
    return Group(
        heading,
        [_row(number, row) for number, row in enumerate(found.rows, start=1)],
        notes,
    )


def _row(number: int, row: TableRow) -> Row:
    return Row(
        {
            "seq": Cell(number),
            "place": Cell(row.place),
            "before": Cell(
                "".join(span.text for span in row.before),
                marks=[Mark(span.op, span.text) for span in row.before],
            ),
            "after": Cell(
                "".join(span.text for span in row.after),
                marks=[Mark(span.op, span.text) for span in row.after],
            ),
            "note": Cell(row.note),
            "target": Cell(row.target),
        }
    )
