"""Tables are placed in the text: once each, and only tables that exist."""

from __future__ import annotations

import difflib

from ...diagnostics import Diagnostics, Location
from ...i18n import _
from ...source.load import INDICATORS_FILE
from ...source.model import Placement, Plan
from ..resolve import document_items
from .rule import rule


@rule("placements", "placement", "unknown-ref", "unplaced-table")
def check_placements(plan: Plan, diagnostics: Diagnostics) -> None:
    """Every {{table id}} names a table, each table is placed exactly once, the indicators too."""
    known = {table.id for table in plan.tables}
    placed: dict[str, Location] = {}
    for item in document_items(plan):
        if not isinstance(item, Placement):
            continue
        if item.kind == "indicators" and plan.indicators is None:
            if plan.root / INDICATORS_FILE in plan.sources:
                continue  # it is there and its errors are reported
            diagnostics.error(
                item.location,
                _("{{indicators}} but the plan has no indicators.yaml"),
                code="placement",
            )
            continue
        if item.kind == "table" and item.target not in known and item.target not in plan.unloaded:
            close = difflib.get_close_matches(item.target, sorted(known), n=1)
            diagnostics.error(
                item.location,
                _("no table with id '{id}'").format(id=item.target),
                code="unknown-ref",
                hint=_("did you mean '{id}'?").format(id=close[0])
                if close
                else _("tables: {ids}").format(ids=", ".join(sorted(known))),
            )
            continue
        if item.target in placed:
            diagnostics.error(
                item.location,
                _("table '{id}' is placed twice (first at {place})").format(
                    id=item.target, place=placed[item.target]
                ),
                code="placement",
            )
        placed.setdefault(item.target, item.location)
    for table in plan.tables:
        if table.id not in placed:
            diagnostics.warning(
                table.location,
                _("table '{id}' is never placed in the text").format(id=table.id),
                code="unplaced-table",
                hint=_("add {directive} where it belongs").format(
                    directive="{{table " + table.id + "}}"
                ),
            )
    if plan.indicators and plan.indicators.id not in placed:
        diagnostics.warning(
            plan.indicators.location,
            _("the indicator table is never placed in the text"),
            code="unplaced-table",
            hint=_("add {{indicators}} to the 发展目标 section"),
        )
