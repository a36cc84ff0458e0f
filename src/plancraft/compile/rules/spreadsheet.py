"""Indicator names a spreadsheet would take for a formula (=, +, -, @, tab, carriage return first)."""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import Plan
from .rule import rule

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel, WPS or LibreOffice read a cell as a formula (OWASP's CSV injection rule)."""


@rule("formula-names", "formula-like-name")
def check_formula_names(plan: Plan, diagnostics: Diagnostics) -> None:
    """An indicator name, unit or domain does not start like a spreadsheet formula."""
    if not plan.indicators:
        return
    for indicator in plan.indicators.indicators:
        for field in ("name", "unit", "domain"):
            text = str(getattr(indicator, field, "") or "")
            if text.startswith(FORMULA_STARTS):
                diagnostics.warning(
                    indicator.locate(field),
                    _("{id}: the {field} '{text}' starts like a spreadsheet formula").format(
                        id=indicator.id, field=field, text=text[:40]
                    ),
                    code="formula-like-name",
                    hint=_(
                        "reports write it as inert text, but check it is not pasted from a "
                        "spreadsheet: a name starts with its first word"
                    ),
                )
