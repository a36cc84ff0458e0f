"""A review as text, JSON or an HTML page, in the reader's language."""

from __future__ import annotations

import json
from dataclasses import asdict

from ... import i18n
from ...i18n import N_, _, ngettext
from .accept import shortened
from .model import (
    Review,
)


def as_text(review: Review) -> str:
    """The review for a terminal, one finding a line, grouped by id."""
    lines = [
        ngettext(
            "{file}: {count} finding against plan {plan}",
            "{file}: {count} findings against plan {plan}",
            len(review.findings),
        ).format(file=review.source, count=len(review.findings), plan=review.slug)
    ]
    lines += [_("note: {note}").format(note=note) for note in review.notes]
    for finding in review.findings:
        at = (
            finding.id
            + (f" {finding.field}" if finding.field else "")
            + (f" ({finding.where})" if finding.where else "")
        )
        who = " ".join(part for part in (finding.author, finding.date) if part)
        who = _(" by {author}").format(author=who) if who else ""
        if finding.kind == "edit":
            lines.append(
                "  "
                + _("{at}: untracked edit {old} → {new}").format(
                    at=at, old=shortened(finding.old), new=shortened(finding.text)
                )
            )
        elif finding.kind == "change":
            lines.append(
                "  "
                + _("{at}: tracked change{by}: {old} → {new}").format(
                    at=at, by=who, old=shortened(finding.old), new=shortened(finding.text)
                )
            )
        elif finding.kind == "comment":
            lines.append(
                "  "
                + _("{at}: comment{by} on {anchor}: {text}").format(
                    at=at, by=who, anchor=shortened(finding.old), text=finding.text
                )
            )
        else:
            lines.append(
                "  "
                + _("{at}: tracked {kind}{by}: {text}").format(
                    at=at, kind=kind_label(finding.kind), by=who, text=shortened(finding.text)
                )
            )
    lines += [_("accepted: {change}").format(change=line) for line in review.applied]
    lines += [_("kept: {change}").format(change=line) for line in review.kept]
    return "\n".join(lines)


HTML_COLUMNS = (
    N_("id"),
    N_("field"),
    N_("kind"),
    N_("author"),
    N_("date"),
    N_("before or anchor"),
    N_("after or text"),
)
KINDS = {
    "insertion": N_("insertion"),
    "deletion": N_("deletion"),
    "moved-to": N_("moved-to"),
    "moved-from": N_("moved-from"),
    "comment": N_("comment"),
    "change": N_("change"),
    "edit": N_("edit"),
}


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def as_json(review: Review) -> str:
    """The review as JSON for tools."""
    return json.dumps(asdict(review), ensure_ascii=False, indent=2)


def as_html(review: Review) -> str:
    """The review as a small HTML page."""
    from html import escape

    rows = "".join(
        f'<tr class="{escape(f.kind)}"><td>{escape(f.id)}</td>'
        f"<td>{escape(f.field)}{escape(f.where)}</td><td>{escape(kind_label(f.kind))}</td>"
        f"<td>{escape(f.author)}</td><td>{escape(f.date)}</td>"
        f"<td><del>{escape(f.old)}</del></td><td><ins>{escape(f.text)}</ins></td></tr>"
        for f in review.findings
    )
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in review.notes)
    style = (
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;"
        "vertical-align:top}del{color:#a00}ins{color:#070}"
    )
    head = "".join(f"<th>{escape(_(name))}</th>" for name in HTML_COLUMNS)
    title = escape(review.source)
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    heading = _("Review of {file}").format(file=review.source)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title><style>{style}</style>"
        f"</head><body>"
        f"<h1>{title} · {escape(review.slug)}</h1>{notes}<table><tr>{head}</tr>{rows}</table>"
        f"</body></html>\n"
    )
