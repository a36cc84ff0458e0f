"""The title breaks written in plan.yaml (title_lines, notice_title_lines) spell the title."""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.markdown import plain_text
from ...source.model import Plan, Prose
from .rule import rule


@rule("title-lines", "title-lines")
def check_title_lines(plan: Plan, diagnostics: Diagnostics) -> None:
    """Explicit title breaks in plan.yaml give back the title they break."""
    meta = plan.meta
    notice_title = next(
        (
            plain_text(item.tokens)
            for item in plan.notice
            if isinstance(item, Prose) and "center" in item.classes
        ),
        "",
    )
    for key, lines, title in (
        ("title_lines", meta.title_lines, meta.title),
        ("notice_title_lines", meta.notice_title_lines, notice_title),
    ):
        if lines and "".join(lines) != title:
            joined = "".join(lines)
            diagnostics.error(
                meta.locate(key),
                _("{key} joined is '{joined}', not the title '{title}'").format(
                    key=key, joined=joined, title=title
                ),
                code="title-lines",
                hint=_("write the title's characters, split where each line ends"),
            )
