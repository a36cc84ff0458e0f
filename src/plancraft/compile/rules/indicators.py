"""Indicator values fit their unit, and names carry no typed number."""

from __future__ import annotations

import re

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import Indicator, Plan, Quantity
from ..numbering import typed_number
from .rule import rule

# A number followed by a unit typed into the value: 100张, ≥7个.
UNIT_SUFFIX_RE = re.compile(
    r"^\s*(?:≥|≤|≧|≦|>|<|＞|＜)?\s*-?[0-9]+(?:\.[0-9]+)?\s*([A-Za-z\u4e00-\u9fff%％/、]+)\s*$"
)


@rule("indicators", "indicator-value", "indicator-unit", "typed-number")
def check_indicators(plan: Plan, diagnostics: Diagnostics) -> None:
    """Baselines and targets fit the indicator's unit; names start without a typed number."""
    if not plan.indicators:
        return
    for indicator in plan.indicators.indicators:
        _check_indicator(indicator, diagnostics)


def _check_indicator(indicator: Indicator, diagnostics: Diagnostics) -> None:
    for field, quantity in (("baseline", indicator.baseline), ("target", indicator.target)):
        if quantity is None or quantity.value is None:
            continue
        problem = _misfit(indicator, quantity)
        if problem:
            diagnostics.error(
                indicator.locate(field),
                f"{indicator.id}: {field} {quantity.text} {problem}",
                code="indicator-value",
            )
    _check_unit_suffix(indicator, diagnostics)
    if typed_number(indicator.name):
        diagnostics.error(
            indicator.location,
            _("{id}: the name starts with a typed number").format(id=indicator.id),
            code="typed-number",
        )


def _check_unit_suffix(indicator: Indicator, diagnostics: Diagnostics) -> None:
    """A unit typed into a value must be the indicator's own unit: 100张 where the unit is % is wrong."""
    unit = indicator.unit.strip().strip("（）()")
    for field, quantity in (("baseline", indicator.baseline), ("target", indicator.target)):
        match = UNIT_SUFFIX_RE.match(quantity.text) if quantity is not None else None
        if match and unit and match.group(1).replace("％", "%") != unit.replace("％", "%"):
            diagnostics.error(
                indicator.locate(field),
                _(
                    "{id}: {field} {value} is in '{suffix}' but the indicator's unit is '{unit}'"
                ).format(
                    id=indicator.id,
                    field=field,
                    value=quantity.text if quantity else "",
                    suffix=match.group(1),
                    unit=indicator.unit,
                ),
                code="indicator-unit",
                hint=_("write the number alone; the unit column says {unit}").format(unit=unit),
            )


def _misfit(indicator: Indicator, quantity: Quantity) -> str:
    unit = indicator.unit.strip()
    if quantity.value is None:
        return ""
    if quantity.percent and unit and unit not in ("%", "％"):
        return _("is a percentage but the unit is '{unit}'").format(unit=unit)
    if unit in ("%", "％") and not 0 <= quantity.value <= 100:
        return _("is not a percentage between 0 and 100")
    if quantity.value < 0:
        return _("is negative")
    return ""
