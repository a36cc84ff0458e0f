"""Showing a plan diff: coloured terminal text, JSON for tools, and an HTML redline for reviewers."""

from __future__ import annotations

import json
from html import escape

from .. import i18n
from ..i18n import N_, _
from .diff import Change, Span, context

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


def _kind(change: Change) -> str:
    return _(KIND_WORDS[change.kind]) if change.kind in KIND_WORDS else change.kind


def as_text(results: list[tuple[str, list[Change]]], colour: bool) -> str:
    """One block per plan; insertions as {+…+} and deletions as [-…-] (green and red on a terminal)."""
    import click

    lines: list[str] = []
    for slug, changes in results:
        if not changes:
            lines.append(_("{plan}: no changes").format(plan=slug))
            continue
        title = _("{plan}: {count} change(s)").format(plan=slug, count=len(changes))
        lines.append(click.style(title, bold=True) if colour else title)
        for change in changes:
            head = f"  {_kind(change)} {change.label} [{change.target}]"
            if change.detail:
                head += _(": {detail}").format(detail=change.detail)
            lines.append(head)
            if change.spans:
                lines.append(
                    "    "
                    + "".join(_span_text(change.spans, i, colour) for i in range(len(change.spans)))
                )
    return "\n".join(lines)


def _span_text(spans: list[Span], index: int, colour: bool) -> str:
    op, text = spans[index].op, spans[index].text
    if op == "=":
        head, middle, tail = context(spans, index)
        return head + ("…" if middle else "") + tail
    if colour:
        import click

        return click.style(
            text, fg="green" if op == "+" else "red", underline=op == "+", strikethrough=op == "-"
        )
    return f"{{+{text}+}}" if op == "+" else f"[-{text}-]"


def as_json(results: list[tuple[str, list[Change]]], old: str, new: str) -> str:
    """A stable structure: {"old", "new", "plans": [{"plan", "changes": [...]}]}."""
    return json.dumps(
        {
            "old": old,
            "new": new,
            "plans": [
                {"plan": slug, "changes": [c.as_dict() for c in changes]}
                for slug, changes in results
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_html(results: list[tuple[str, list[Change]]], old: str, new: str) -> str:
    """A self-contained redline page: insertions underlined green, deletions struck red, context collapsible."""
    body = []
    for slug, changes in results:
        count = escape(_("{count} change(s)").format(count=len(changes)))
        body.append(f"<h2>{escape(slug)} <small>{count}</small></h2>")
        if not changes:
            body.append("<p class='none'>" + escape(_("no changes")) + "</p>")
        for change in changes:
            detail = f"<span class='detail'>{escape(change.detail)}</span>" if change.detail else ""
            spans = "".join(_span_html(change.spans, i) for i in range(len(change.spans)))
            body.append(
                f"<section class='change {change.kind}'><h3><span class='kind'>"
                f"{escape(_kind(change))}</span> {escape(change.label)} "
                f"<code>{escape(change.target)}</code> {detail}</h3>"
                + (f"<p class='text'>{spans}</p>" if spans else "")
                + "</section>"
            )
    title = escape(_("Plan redline"))
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} {escape(old)} → "
        f"{escape(new)}</title><style>{STYLE}</style></head><body><h1>{title}</h1>"
        f"<p class='revs'>{escape(old)} → {escape(new)}</p>{''.join(body)}</body></html>\n"
    )


def _span_html(spans: list[Span], index: int) -> str:
    op, text = spans[index].op, spans[index].text
    if op == "+":
        return f"<ins>{escape(text)}</ins>"
    if op == "-":
        return f"<del>{escape(text)}</del>"
    head, middle, tail = context(spans, index)
    if middle:
        return f"{escape(head)}<details class='ctx'><summary>…</summary>{escape(middle)}</details>{escape(tail)}"
    return escape(text)


STYLE = """
body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
       line-height: 1.8; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
h2 small { color: #666; font-size: .6em; }
.change { border-left: 4px solid #999; padding: .2em 1em; margin: 1em 0; background: #fafafa; }
.change.added { border-color: #2a7; } .change.removed { border-color: #c33; } .change.moved { border-color: #36c; }
.change.indicator, .change.table { border-color: #c80; }
h3 { font-size: 1em; margin: .3em 0; font-weight: normal; } .kind { font-weight: bold; margin-right: .4em; }
code { color: #666; font-size: .85em; } .detail { color: #333; margin-left: .5em; }
ins { background: #dfd; color: #060; text-decoration: underline; } del { background: #fdd; color: #a00; }
details.ctx { display: inline; color: #888; } details.ctx summary { display: inline; cursor: pointer; }
.revs { color: #666; }
"""
