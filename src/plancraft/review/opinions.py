"""The 意见采纳情况表: every comment of a round, who sent it, where it points, what was decided."""

from __future__ import annotations

from dataclasses import asdict

from ..i18n import N_, _
from ..report import Cell, Column, Group, Report, Row, Sheet, Status
from ..source.model import Round, RoundItem
from ..source.rounds import ADOPTED, DECISIONS, PARTLY, REJECTED, UNDECIDED
from .word.report import kind_label

BY = ("unit", "section")
FILLS = {
    ADOPTED: ("D4EDD0", "2A7A3A"),
    PARTLY: ("F8E0B0", "CC8800"),
    REJECTED: ("F4A3A3", "C0392B"),
    UNDECIDED: ("EEEEEE", "666666"),
}
OTHER = N_("(none)")


def opinions_report(title: str, rounds: list[Round], by: str = "unit") -> Report:
    """The adoption table of `rounds` grouped by unit or by section, counts per decision, and an
    appendix of the comments not adopted with their reasons (for the 编制说明)."""
    items = [(found, item) for found in rounds for item in found.items]
    columns = [
        Column("no", _("No."), "number", 5, text="{}."),
        Column("round", _("round"), width=10, text=" [{}]", hidden=frozenset({"text"})),
        Column("unit", _("unit"), width=14, text=" {}"),
        Column("author", _("author"), width=8, text=" ({})"),
        Column("place", _("section"), width=16, text=" {}"),
        Column("quoted", _("quoted text"), width=24, text="\n    “{}”"),
        Column("opinion", _("comment"), width=36, text="\n    {}"),
        Column("decision", _("decision"), "status", 8, text="\n    → {}"),
        Column("reason", _("reason"), width=28, text=_(": {reason}").format(reason="{}")),
    ]
    main = Sheet(
        _("adoption"),
        columns,
        _groups(items, by),
        title=_("Adoption of comments"),
        notes=[_counts([item for _round, item in items])],
    )
    rejected = [(found, item) for found, item in items if item.decision == REJECTED]
    appendix = Sheet(
        _("not adopted"),
        [column for column in columns if column.key not in ("decision", "author")],
        [Group(_("Comments not adopted, with reasons"), [_row(f, i) for f, i in rejected])],
        title=_("Comments not adopted, with reasons"),
        notes=[] if rejected else [_("none")],
    )
    return Report(
        title=_("{plan}: adoption of comments").format(plan=title),
        meta=[", ".join(found.name for found in rounds)],
        sheets=[main, appendix],
        summary=[_counts([item for _round, item in items])],
        statuses={name: Status(name, *FILLS[name]) for name in DECISIONS},
        data={
            "plan": title,
            "rounds": [
                {"round": found.name, "items": [_data(item) for item in found.items]}
                for found in rounds
            ],
            "counts": {
                name: sum(item.decision == name for _r, item in items) for name in DECISIONS
            },
        },
    )


def _groups(items: list[tuple[Round, RoundItem]], by: str) -> list[Group]:
    grouped: dict[str, list[tuple[Round, RoundItem]]] = {}
    for found, item in items:
        if by == "unit":
            for unit in dict.fromkeys(reviewer.unit for reviewer in item.reviewers):
                grouped.setdefault(unit or _(OTHER), []).append((found, item))
        else:
            part = item.place.split(" ")[0] if item.place else _(OTHER)
            grouped.setdefault(part, []).append((found, item))
    return [
        Group(
            heading,
            [_row(found, item) for found, item in members],
            [_counts([item for _round, item in members])],
        )
        for heading, members in grouped.items()
    ]


def _counts(items: list[RoundItem]) -> str:
    counts = {name: sum(item.decision == name for item in items) for name in DECISIONS}
    return _("{total} comment(s): {counts}").format(
        total=len(items), counts=_(", ").join(f"{name} {count}" for name, count in counts.items())
    )


def _row(found: Round, item: RoundItem) -> Row:
    opinion = f"[{kind_label(item.kind)}] {item.text}"
    return Row(
        {
            "no": Cell(item.number),
            "round": Cell(found.name),
            "unit": Cell("、".join(dict.fromkeys(r.unit for r in item.reviewers))),
            "author": Cell("、".join(dict.fromkeys(r.author for r in item.reviewers if r.author))),
            "place": Cell(" ".join(part for part in (item.place, _field(item.field)) if part)),
            "quoted": Cell(item.quoted),
            "opinion": Cell(opinion),
            "decision": Cell(item.decision, status=item.decision),
            "reason": Cell(item.reason),
        }
    )


def _field(name: str) -> str:
    """An indicator field as the diff names it (目标, 基期 …), or as recorded."""
    return _(name) if name else ""


def _data(item: RoundItem) -> dict:
    found = asdict(item)
    for key in ("location", "decision_location"):
        found.pop(key)
    return found
