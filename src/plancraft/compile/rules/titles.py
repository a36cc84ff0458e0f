"""Two tables, or two 专栏, with the same title."""

from __future__ import annotations

from ...diagnostics import Diagnostics, Location
from ...i18n import _
from ...source.model import Box, IndicatorTable, Placement, Plan, Table
from ..resolve import document_items
from .rule import rule


@rule("duplicate-titles", "duplicate-title")
def check_duplicate_titles(plan: Plan, diagnostics: Diagnostics) -> None:
    """Every table, and every 专栏, has a title of its own (the second in document order is reported)."""
    items = list(document_items(plan))
    placed = [item.target for item in items if isinstance(item, Placement)]
    every: list[Table | IndicatorTable] = [*plan.tables]
    if plan.indicators:
        every.append(plan.indicators)
    every.sort(key=lambda table: placed.index(table.id) if table.id in placed else len(placed))
    tables = [(table.title, table.location) for table in every]
    boxes = [(item.title, item.location) for item in items if isinstance(item, Box)]
    for kind, titled in ((_("table"), tables), (_("box"), boxes)):
        first: dict[str, Location] = {}
        for title, location in titled:
            key = "".join(title.split())
            if not key:
                continue
            if key in first:
                diagnostics.warning(
                    location,
                    _("a second {kind} is titled '{title}' (first at {place})").format(
                        kind=kind, title=title, place=first[key]
                    ),
                    code="duplicate-title",
                    hint=_("give each its own title, as the text it belongs to says"),
                )
            first.setdefault(key, location)
