"""Headings of parts, sections and 专栏: no typed numbers, no hidden characters, no references."""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.markdown import XREF_RE
from ...source.model import Box, Plan, Prose, Section
from ..numbering import typed_number
from ..resolve import document_items
from .rule import rule
from .text import check_hidden, located_in_line


@rule("headings", "typed-number", "invisible-character", "unknown-ref", "heading-ref", "run-in")
def check_headings(plan: Plan, diagnostics: Diagnostics) -> None:
    """Headings carry no typed number, hidden character or reference; a run-in heading runs into a paragraph."""
    for item in document_items(plan):
        if isinstance(item, (Section, Box)):
            typed = typed_number(item.title)
            if typed:
                diagnostics.error(
                    item.location,
                    _("'{title}' starts with the typed number '{typed}'").format(
                        title=item.title, typed=typed
                    ),
                    code="typed-number",
                    hint=_("numbers are computed: delete it from the source"),
                )
            check_hidden(item.title, item.location, diagnostics)
            _check_heading_references(item, plan, diagnostics)
        if isinstance(item, Section) and item.run_in:
            first = item.content[0] if item.content else None
            if not (
                isinstance(first, Prose)
                and first.tokens
                and first.tokens[0].type == "paragraph_open"
            ):
                diagnostics.error(
                    item.location,
                    _("run-in heading '{title}' is not followed by a paragraph").format(
                        title=item.title
                    ),
                    code="run-in",
                    hint=_("put the paragraph right after the heading or drop .run-in"),
                )


def _check_heading_references(item: Section | Box, plan: Plan, diagnostics: Diagnostics) -> None:
    """References are printed in text only; a [@id] in a heading would print as typed."""
    for match in XREF_RE.finditer(item.title):
        target = match.group(1)
        location = located_in_line(item.location, match.group(0))
        if target not in plan.labels:
            diagnostics.error(
                location,
                _("reference to unknown id '{id}'").format(id=target),
                code="unknown-ref",
                hint=_("and references belong in the text, not in headings"),
            )
        else:
            diagnostics.error(
                location,
                _("a heading cannot hold the reference {reference}").format(
                    reference=f"[@{target}]"
                ),
                code="heading-ref",
                hint=_("put the reference in the text below the heading"),
            )
