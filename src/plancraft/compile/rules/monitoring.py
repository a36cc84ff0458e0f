"""Checks on the monitoring year files: ids, years, values as numbers, and early warnings."""

from __future__ import annotations

import difflib
import re

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import Indicator, Plan, YearValue
from ..monitoring import (
    assess_indicator,
    base_year,
    baseline_of,
    kind_of,
    latest_year,
    number_text,
    target_year,
)
from ..progress import QUALITATIVE
from .rule import Rule, rule

NUMBER_WITH_UNIT_RE = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(\S+?)\s*$")
IMPLAUSIBLE_FACTOR = 10
"""A value this many times larger (or smaller) than both baseline and target is likely a unit slip."""


def check_monitoring(plan: Plan, diagnostics: Diagnostics) -> None:
    """Run every monitoring rule on the plan's year files."""
    if not plan.monitoring:
        return
    for each in MONITORING_RULES:
        each(plan, diagnostics)


def _indicators(plan: Plan) -> dict[str, Indicator]:
    return {item.id: item for item in plan.indicators.indicators} if plan.indicators else {}


@rule("monitoring-years", "monitoring-year")
def check_years(plan: Plan, diagnostics: Diagnostics) -> None:
    """A file's year is its name, within the base year … the target year."""
    first, last = base_year(plan), target_year(plan)
    for found in plan.monitoring:
        if found.path.stem != str(found.year):
            diagnostics.error(
                found.location,
                _("{file} holds the values of year {year}").format(
                    file=found.path.name, year=found.year
                ),
                code="monitoring-year",
                hint=_("name the file {year}.yaml, or fix the year").format(year=found.year),
            )
        if first is not None and last is not None and not first <= found.year <= last:
            diagnostics.error(
                found.location,
                _("year {year} is outside the plan's period {first}–{last}").format(
                    year=found.year, first=first, last=last
                ),
                code="monitoring-year",
                hint=_("the base year and each year of the period may have a file"),
            )


@rule("monitoring-ids", "monitoring-unknown-indicator")
def check_ids(plan: Plan, diagnostics: Diagnostics) -> None:
    """Every id names a row of the indicator table."""
    if plan.indicators is None:
        return
    known = _indicators(plan)
    for found in plan.monitoring:
        for key, entry in found.values.items():
            if key in known:
                continue
            close = difflib.get_close_matches(key, list(known), n=1)
            diagnostics.error(
                entry.location,
                _("unknown indicator {id}").format(id=key),
                code="monitoring-unknown-indicator",
                hint=_("did you mean '{id}'?").format(id=close[0])
                if close
                else _("use an id of indicators.yaml"),
            )


@rule("monitoring-values", "monitoring-unit", "monitoring-value")
def check_values(plan: Plan, diagnostics: Diagnostics) -> None:
    """A value is a number in the indicator's unit."""
    known = _indicators(plan)
    for found in plan.monitoring:
        for key, entry in found.values.items():
            indicator = known.get(key)
            if indicator is None or entry.written is None or entry.value is not None:
                continue
            where = entry.value_location or entry.location
            typed = NUMBER_WITH_UNIT_RE.match(str(entry.written))
            if typed:
                diagnostics.error(
                    where,
                    _("'{value}' has a unit typed in: {unit}").format(
                        value=entry.written, unit=typed.group(2)
                    ),
                    code="monitoring-unit",
                    hint=_(
                        "write the number alone ({number}) in the indicator's unit {unit}"
                    ).format(number=typed.group(1), unit=indicator.unit or _("none")),
                )
            else:
                diagnostics.error(
                    where,
                    _("'{value}' is not a number").format(value=entry.written),
                    code="monitoring-value",
                    hint=_("for a target that is not a number give assessed: and a note"),
                )


@rule("monitoring-plausible", "monitoring-implausible")
def check_plausible(plan: Plan, diagnostics: Diagnostics) -> None:
    """A value far from both baseline and target (a unit slip?)."""
    known = _indicators(plan)
    for found in plan.monitoring:
        for key, entry in found.values.items():
            indicator = known.get(key)
            if indicator is None or entry.value is None or kind_of(indicator) == QUALITATIVE:
                continue
            if _implausible(entry.value, indicator, baseline_of(plan, indicator)):
                diagnostics.warning(
                    entry.value_location or entry.location,
                    _(
                        "{value} is far from baseline {baseline} and target {target} of {name}"
                    ).format(
                        value=number_text(entry.value),
                        baseline=number_text(baseline_of(plan, indicator)),
                        target=indicator.target.text if indicator.target else "—",
                        name=indicator.name,
                    ),
                    code="monitoring-implausible",
                    hint=_("check the unit ({unit}) and the decimal point").format(
                        unit=indicator.unit or _("none")
                    ),
                )


def _implausible(value: float, indicator: Indicator, baseline: float | None) -> bool:
    target = indicator.target.value if indicator.target else None
    known = [abs(number) for number in (baseline, target) if number is not None]
    if not known:
        return False
    kind = kind_of(indicator)
    if value < 0 and kind in ("level", "cumulative", "upper-limit") and min(known) >= 0:
        return True
    top, bottom = max(known), min(known)
    if top > 0 and abs(value) > IMPLAUSIBLE_FACTOR * top:
        return True
    if (
        kind in ("level", "upper-limit")
        and bottom > 0
        and 0 < abs(value) < bottom / IMPLAUSIBLE_FACTOR
    ):
        return True
    return indicator.unit == "%" and kind == "level" and top <= 100 < value


@rule("monitoring-provisional", "monitoring-provisional-after-final")
def check_provisional(plan: Plan, diagnostics: Diagnostics) -> None:
    """A provisional value older than a final one."""
    for index, found in enumerate(plan.monitoring):
        later = plan.monitoring[index + 1 :]
        for key, entry in found.values.items():
            if not entry.provisional:
                continue
            final = next((year for year in later if _final(year.values.get(key))), None)
            if final is not None:
                diagnostics.warning(
                    entry.location,
                    _(
                        "the {year} value of {id} is still provisional, but {later}'s is final"
                    ).format(year=found.year, id=key, later=final.year),
                    code="monitoring-provisional-after-final",
                    hint=_("replace it with the final figure and remove status: provisional"),
                )


def _final(entry: YearValue | None) -> bool:
    return entry is not None and entry.value is not None and not entry.provisional


@rule("monitoring-binding", "constraint-behind")
def check_binding(plan: Plan, diagnostics: Diagnostics) -> None:
    """A 约束性 indicator behind its path in the latest year (an early warning)."""
    year = latest_year(plan)
    if year is None or plan.indicators is None:
        return
    for indicator in plan.indicators.indicators:
        result = assess_indicator(plan, indicator, year)
        if not result.warning or result.entry is None:
            continue
        expected = result.progress.expected
        diagnostics.warning(
            result.entry.value_location or result.entry.location,
            _(
                "binding indicator {id} {name} is behind in {year}: {value} where {expected} "
                "was expected (target {target} in {end})"
            ).format(
                id=indicator.id,
                name=indicator.name,
                year=year,
                value=number_text(result.entry.value),
                expected=number_text(expected),
                target=indicator.target.text if indicator.target else "—",
                end=target_year(plan),
            ),
            code="constraint-behind",
            hint=_("an early warning: the evaluation report must name it and say what is done"),
        )


MONITORING_RULES: tuple[Rule, ...] = (
    check_years,
    check_ids,
    check_values,
    check_plausible,
    check_provisional,
    check_binding,
)
