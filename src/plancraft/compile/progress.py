"""How far along an indicator is: its target kind, the value expected in a year, and its status.

Pure functions of numbers; docs/monitoring.md gives the rules with worked examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..source.model import Quantity

KINDS = ("level", "cumulative", "growth", "reduction", "upper-limit")
"""The target kinds indicators.yaml may name; a target that is not a number is `qualitative`."""
QUALITATIVE = "qualitative"
STATUSES = ("achieved", "ahead", "on-track", "behind", "no-data")
"""The official grading (提前实现, 快于预期, 基本符合预期, 滞后) and 无数据, in the order reports count them."""
ASSESSED = STATUSES[:4]
"""The statuses a department may give a qualitative target itself."""
DEFAULT_TOLERANCE = 0.1
GROWTH_RE = re.compile(r"年均.{0,4}(?:增长|增速|递增)|年均增")
CUMULATIVE_RE = re.compile(r"累计")
REDUCTION_RE = re.compile(r"降低|下降|减少")


@dataclass(frozen=True, slots=True)
class Target:
    """What an indicator aims at, as numbers."""

    kind: str
    target: float
    baseline: float | None
    base_year: int
    target_year: int
    tolerance: float = DEFAULT_TOLERANCE
    at_least: bool | None = None
    """True for ≥ (more is better), False for ≤; None: from the direction baseline → target."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an indicator stands in a year."""

    status: str
    expected: float | None = None
    """The value expected this year on the path from baseline to target (for growth: the rate)."""
    reason: str = ""
    """Why there is no status: no-value, no-baseline or base-year."""


def infer_kind(name: str, target: Quantity | None) -> str:
    """The target kind an indicator's name and target suggest (see docs/monitoring.md)."""
    if target is None or target.value is None:
        return QUALITATIVE
    if GROWTH_RE.search(name):
        return "growth"
    if CUMULATIVE_RE.search(name):
        return "cumulative"
    if REDUCTION_RE.search(name):
        return "reduction"
    if target.comparator in ("≤", "<"):
        return "upper-limit"
    return "level"


def share_of_period(year: int, base_year: int, target_year: int) -> float:
    """How much of the period has passed by the end of `year`: 0 in the base year, 1 at the end."""
    if target_year <= base_year:
        return 1.0
    return min(max((year - base_year) / (target_year - base_year), 0.0), 1.0)


def assess(goal: Target, year: int, value: float | None) -> Progress:
    """The status of `value` reached in `year` (None: no-data)."""
    if goal.kind == "growth":
        return _growth(goal, year, value)
    if goal.kind == "reduction":
        return _reduction(goal, year, value)
    if goal.kind == "upper-limit" and (goal.baseline is None or goal.baseline <= goal.target):
        return _ceiling(goal, year, value)
    baseline = 0.0 if goal.kind == "cumulative" else goal.baseline
    upward = _upward(goal, baseline)
    if value is None:
        expected = _linear(goal, baseline, year) if baseline is not None else None
        return Progress("no-data", expected, "no-value")
    if _met(value, goal.target, upward):
        expected = _linear(goal, baseline, year) if baseline is not None else None
        return Progress("achieved", expected)
    if baseline is None:
        return Progress("no-data", None, "no-baseline")
    expected = _linear(goal, baseline, year)
    gap = (value - expected) if upward else (expected - value)
    return Progress(_graded(gap, goal.tolerance * abs(goal.target - baseline)), expected)


def _upward(goal: Target, baseline: float | None) -> bool:
    if goal.kind == "upper-limit":
        return False
    if goal.at_least is not None:
        return goal.at_least
    return baseline is None or goal.target >= baseline


def _met(value: float, target: float, upward: bool) -> bool:
    return value >= target if upward else value <= target


def _linear(goal: Target, baseline: float, year: int) -> float:
    share = share_of_period(year, goal.base_year, goal.target_year)
    return baseline + (goal.target - baseline) * share


def _graded(gap: float, tolerance: float) -> str:
    """ahead, on-track or behind for a distance `gap` beyond the expected path (a gap of exactly
    the tolerance, give or take rounding, is on track)."""
    slack = tolerance + 1e-9 * max(1.0, tolerance)
    if gap > slack:
        return "ahead"
    if gap < -slack:
        return "behind"
    return "on-track"


def _growth(goal: Target, year: int, value: float | None) -> Progress:
    """`value` is the average annual growth since the base year, in %; compounded."""
    years = year - goal.base_year
    if years <= 0:
        return Progress("no-data", None, "base-year")
    if value is None:
        return Progress("no-data", goal.target, "no-value")
    reached = (1 + value / 100) ** years
    expected = (1 + goal.target / 100) ** years
    whole = (1 + goal.target / 100) ** (goal.target_year - goal.base_year)
    if reached >= whole:
        return Progress("achieved", goal.target)
    return Progress(_graded(reached - expected, goal.tolerance * abs(whole - 1)), goal.target)


def _reduction(goal: Target, year: int, value: float | None) -> Progress:
    """`value` is the reduction since the base year, in %; the path compounds a steady yearly rate."""
    share = share_of_period(year, goal.base_year, goal.target_year)
    expected = 100 * (1 - (1 - goal.target / 100) ** share)
    if value is None:
        return Progress("no-data", expected, "no-value")
    if value >= goal.target:
        return Progress("achieved", expected)
    return Progress(_graded(value - expected, goal.tolerance * abs(goal.target)), expected)


def _ceiling(goal: Target, year: int, value: float | None) -> Progress:
    """A limit already kept at the start: kept every year it is on track, kept at the end achieved."""
    if value is None:
        return Progress("no-data", goal.target, "no-value")
    if value > goal.target:
        return Progress("behind", goal.target)
    return Progress("achieved" if year >= goal.target_year else "on-track", goal.target)
