"""A plan diff as a report: a group of changes per plan, insertions and deletions marked."""

from __future__ import annotations

from ..i18n import N_, _
from ..report import Cell, Column, Group, Mark, Report, Row, Sheet, Status
from .diff import Change

KIND_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "moved": N_("moved"),
    "retitled": N_("retitled"),
    "text": N_("changed"),
    "indicator": N_("indicator"),
    "table": N_("table"),
    "metadata": N_("metadata"),
}
KIND_FILLS = {
    "added": ("D4EDD0", "2A7A3A"),
    "removed": ("F4A3A3", "C0392B"),
    "moved": ("C5D5F0", "3366CC"),
    "retitled": ("E3ECF5", "5D7896"),
    "text": ("EEEEEE", "666666"),
    "indicator": ("F8E0B0", "CC8800"),
    "table": ("F8E0B0", "CC8800"),
    "metadata": ("EEEEEE", "666666"),
}


def _kind(change: Change) -> str:
    return _(KIND_WORDS[change.kind]) if change.kind in KIND_WORDS else change.kind


def diff_report(results: list[tuple[str, list[Change]]], old: str, new: str | None) -> Report:
    """The changes of each plan from revision `old` to `new` (None: the working tree)."""
    columns = [
        Column("kind", _("change"), "status", 10),
        Column("label", _("what"), text=" {}", width=30),
        Column("target", _("id"), text=" [{}]", width=16),
        Column("detail", _("detail"), text=_(": {detail}").format(detail="{}"), width=30),
        Column("text", _("text"), "marks", 60, text="\n    {}"),
    ]
    groups = []
    for slug, changes in results:
        heading = (
            _("{plan}: {count} change(s)").format(plan=slug, count=len(changes))
            if changes
            else _("{plan}: no changes").format(plan=slug)
        )
        groups.append(Group(heading, [_row(change) for change in changes]))
    shown_new = new or _("working tree")
    return Report(
        title=_("Plan redline"),
        meta=[f"{old} → {shown_new}"],
        sheets=[Sheet(_("changes"), columns, groups)],
        statuses={kind: Status(_(word), *KIND_FILLS[kind]) for kind, word in KIND_WORDS.items()},
        data={
            "old": old,
            "new": new or "working tree",
            "plans": [
                {"plan": slug, "changes": [c.as_dict() for c in changes]}
                for slug, changes in results
            ],
        },
    )


def _row(change: Change) -> Row:
    return Row(
        {
            "kind": Cell(_kind(change), status=change.kind if change.kind in KIND_WORDS else ""),
            "label": Cell(change.label),
            "target": Cell(change.target),
            "detail": Cell(change.detail),
            "text": Cell(marks=[Mark(span.op, span.text) for span in change.spans]),
        }
    )
