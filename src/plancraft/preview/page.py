"""The preview's pages: a plan's HTML with the reload script, the placeholder, the list of plans."""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from .. import i18n
from ..i18n import _

if TYPE_CHECKING:
    from .watch import PlanState

ASSET_PREFIX = "/_plancraft/"


def _client_texts() -> str:
    """What the page's script says, in the preview's language."""
    return json.dumps(
        {
            "live": _("live"),
            "reconnecting": _("reconnecting"),
            "hide": _("Hide until the next change"),
            "oneError": _("1 error"),
            "errors": _("{count} errors"),
            "lastGood": _(" — showing the last good rendering"),
            "hintLabel": _("hint: "),
        },
        ensure_ascii=False,
    )


def _client(slug: str, good: int) -> str:
    return (
        f'<link rel="stylesheet" href="{ASSET_PREFIX}preview.css">\n'
        f'<script src="{ASSET_PREFIX}preview.js" data-slug="{escape(slug)}" '
        f'data-good="{good}" data-text="{escape(_client_texts())}"></script>\n'
    )


def _page(title: str, body_class: str, body: str, client: str) -> bytes:
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{escape(title)}</title>\n</head>\n<body class="{body_class}">\n'
        f"{body}\n{client}</body>\n</html>\n"
    ).encode()


def inject(html: str, slug: str, good: int) -> bytes:
    """A plan's HTML with the reload script and the overlay's stylesheet at the end of its body."""
    at = html.rfind("</body>")
    if at < 0:
        at = len(html)
    return (html[:at] + _client(slug, good) + html[at:]).encode()


def placeholder(slug: str, good: int) -> bytes:
    """The page of a plan that has not rendered yet: never blank, the overlay says why."""
    body = (
        f'<main class="plancraft-waiting"><h1>{escape(slug)}</h1>\n'
        "<p>"
        + escape(_("This plan has not rendered yet: fix the errors listed and it appears here."))
        + "</p></main>"
    )
    return _page(slug, "", body, _client(slug, good))


def index(states: Iterable[PlanState]) -> bytes:
    """The list of served plans with their status."""
    rows = []
    for state in states:
        kind = "error" if state.errors else "warning" if state.warnings else "ok"
        slug = escape(state.slug)
        rows.append(
            f'<tr><td><a href="/{slug}/">{slug}</a></td>'
            f"<td>{escape(state.title or state.slug)}</td>"
            f'<td class="status {kind}">{escape(state.status)}</td>'
            f'<td><a href="/{slug}.pdf">PDF</a></td></tr>'
        )
    heads = "".join(f"<th>{escape(text)}</th>" for text in (_("plan"), _("title"), _("status")))
    body = (
        "<h1>" + escape(_("plancraft preview")) + "</h1>\n<table>\n"
        f"<thead><tr>{heads}<th></th></tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
    return _page(_("plancraft preview"), "plancraft-index", body, _client("", 0))
