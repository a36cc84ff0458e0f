"""A review as a report: a finding a row, at its plan id, in the reader's language."""

from __future__ import annotations

from dataclasses import asdict

from ...i18n import N_, _, ngettext
from ...report import Cell, Column, Group, Mark, Report, Row, Sheet, Status
from .accept import shortened
from .model import Finding, Review

COLUMNS = (
    ("id", N_("id")),
    ("field", N_("field")),
    ("kind", N_("kind")),
    ("author", N_("author")),
    ("date", N_("date")),
    ("old", N_("before or anchor")),
    ("text", N_("after or text")),
)
KINDS = {
    "insertion": N_("insertion"),
    "deletion": N_("deletion"),
    "moved-to": N_("moved-to"),
    "moved-from": N_("moved-from"),
    "comment": N_("comment"),
    "change": N_("change"),
    "edit": N_("edit"),
    "conflict": N_("conflict"),
}
KIND_FILLS = {
    "insertion": ("D4EDD0", "2A7A3A"),
    "deletion": ("F4A3A3", "C0392B"),
    "moved-to": ("C5D5F0", "3366CC"),
    "moved-from": ("C5D5F0", "3366CC"),
    "comment": ("F5E08C", "9A7D0A"),
    "change": ("F8C98A", "D35400"),
    "edit": ("F8C98A", "D35400"),
    "conflict": ("F4A3A3", "C0392B"),
}
WIDTHS = {"id": 24, "old": 40, "text": 40}


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def review_report(review: Review) -> Report:
    """The findings of one returned file; what --accept wrote or kept as the summary."""
    heading = ngettext(
        "{file}: {count} finding against plan {plan}",
        "{file}: {count} findings against plan {plan}",
        len(review.findings),
    ).format(file=review.source, count=len(review.findings), plan=review.slug)
    columns = [
        Column("line", _("finding"), formats=frozenset({"text"})),
        *(
            Column(
                key,
                _(label),
                "status" if key == "kind" else "marks" if key in ("old", "text") else "text",
                WIDTHS.get(key, 12),
                hidden=frozenset({"text"}),
            )
            for key, label in COLUMNS
        ),
    ]
    group = Group(
        heading,
        [_row(finding) for finding in review.findings],
        [_("warning: {warning}").format(warning=warning) for warning in review.warnings]
        + [_("note: {note}").format(note=note) for note in review.notes],
    )
    return Report(
        title=_("Review of {file}").format(file=review.source),
        meta=[f"{review.source} · {review.slug}"],
        sheets=[Sheet(_("findings"), columns, [group])],
        summary=[_("accepted: {change}").format(change=line) for line in review.applied]
        + [_("kept: {change}").format(change=line) for line in review.kept],
        statuses={kind: Status(_(word), *KIND_FILLS[kind]) for kind, word in KINDS.items()},
        data=asdict(review),
    )


def _row(finding: Finding) -> Row:
    return Row(
        {
            "line": Cell(_line(finding)),
            "id": Cell(finding.id),
            "field": Cell(finding.field + finding.where),
            "kind": Cell(
                kind_label(finding.kind), status=finding.kind if finding.kind in KINDS else ""
            ),
            "author": Cell(finding.author),
            "date": Cell(finding.date),
            "old": Cell(finding.old, marks=[Mark("-", finding.old)] if finding.old else []),
            "text": Cell(finding.text, marks=[Mark("+", finding.text)] if finding.text else []),
        }
    )


def _line(finding: Finding) -> str:
    """The finding as a sentence for a terminal."""
    at = (
        finding.id
        + (f" {finding.field}" if finding.field else "")
        + (f" ({finding.where})" if finding.where else "")
    )
    who = " ".join(part for part in (finding.author, finding.date) if part)
    who = _(" by {author}").format(author=who) if who else ""
    if finding.kind == "edit":
        return _("{at}: untracked edit {old} → {new}").format(
            at=at, old=shortened(finding.old), new=shortened(finding.text)
        )
    if finding.kind == "conflict":
        return _(
            "{at}: conflict: the copy has {new}, the plan now has {old} (both changed since the "
            "export)"
        ).format(at=at, old=shortened(finding.old), new=shortened(finding.text))
    if finding.kind == "change":
        return _("{at}: tracked change{by}: {old} → {new}").format(
            at=at, by=who, old=shortened(finding.old), new=shortened(finding.text)
        )
    if finding.kind == "comment":
        return _("{at}: comment{by} on {anchor}: {text}").format(
            at=at, by=who, anchor=shortened(finding.old), text=finding.text
        )
    return _("{at}: tracked {kind}{by}: {text}").format(
        at=at, kind=kind_label(finding.kind), by=who, text=shortened(finding.text)
    )
