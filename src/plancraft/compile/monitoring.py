"""A plan's indicators against its monitoring year files: the status of each indicator in a year."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.model import Indicator, MonitoringYear, Plan, YearValue
from .progress import DEFAULT_TOLERANCE, QUALITATIVE, Progress, Target, assess, infer_kind


@dataclass(slots=True)
class Assessment:
    """One indicator in one year: its value (if any) and where that puts it."""

    indicator: Indicator
    kind: str
    year: int
    entry: YearValue | None
    progress: Progress
    baseline: float | None
    """The baseline the path starts from: the table's, else the base year's monitoring value."""
    assessed: bool = False
    """Whether the status is the department's own judgement (`assessed:`), not computed."""

    @property
    def status(self) -> str:
        """achieved, ahead, on-track, behind or no-data."""
        return self.progress.status

    @property
    def warning(self) -> bool:
        """Whether this is an early warning: a 约束性 indicator behind its path."""
        return self.indicator.binding and self.status == "behind"


def base_year(plan: Plan) -> int | None:
    """The year the baselines are from: the indicator table's, else the year before the period."""
    table = plan.indicators
    if table is not None and table.baseline_year:
        return table.baseline_year
    return plan.meta.period_start - 1 if plan.meta.period_start else None


def target_year(plan: Plan) -> int | None:
    """The year the targets are for: the indicator table's, else the period's last."""
    table = plan.indicators
    if table is not None and table.target_year:
        return table.target_year
    return plan.meta.period_end


def years(plan: Plan) -> list[int]:
    """The years with a year file, in order."""
    return [year.year for year in plan.monitoring]


def year_file(plan: Plan, year: int) -> MonitoringYear | None:
    """The year file of `year`."""
    return next((found for found in plan.monitoring if found.year == year), None)


def kind_of(indicator: Indicator) -> str:
    """The indicator's target kind: as written in indicators.yaml, else inferred."""
    if indicator.target is None or indicator.target.value is None:
        return QUALITATIVE
    return indicator.target_kind or infer_kind(indicator.name, indicator.target)


def baseline_of(plan: Plan, indicator: Indicator) -> float | None:
    """The indicator's baseline: the table's number, else its value in the base year's file."""
    if indicator.baseline is not None and indicator.baseline.value is not None:
        return indicator.baseline.value
    first = base_year(plan)
    found = year_file(plan, first) if first is not None else None
    entry = found.values.get(indicator.id) if found is not None else None
    return entry.value if entry is not None else None


def target_of(plan: Plan, indicator: Indicator) -> Target | None:
    """The indicator's target as numbers; None for a qualitative one or a plan without years."""
    start, end = base_year(plan), target_year(plan)
    kind = kind_of(indicator)
    if kind == QUALITATIVE or start is None or end is None or indicator.target is None:
        return None
    comparator = indicator.target.comparator
    return Target(
        kind=kind,
        target=indicator.target.value or 0.0,
        baseline=baseline_of(plan, indicator),
        base_year=start,
        target_year=end,
        tolerance=plan.meta.tolerance or DEFAULT_TOLERANCE,
        at_least=True if comparator in ("≥", ">") else False if comparator in ("≤", "<") else None,
    )


def assess_indicator(plan: Plan, indicator: Indicator, year: int) -> Assessment:
    """Where `indicator` stands in `year`."""
    found = year_file(plan, year)
    entry = found.values.get(indicator.id) if found is not None else None
    goal = target_of(plan, indicator)
    baseline = goal.baseline if goal is not None else None
    value = entry.value if entry is not None else None
    if value is None and entry is not None and entry.assessed:
        progress = assess(goal, year, None) if goal is not None else Progress("no-data")
        return Assessment(
            indicator,
            kind_of(indicator),
            year,
            entry,
            Progress(entry.assessed, progress.expected),
            baseline,
            assessed=True,
        )
    progress = (
        assess(goal, year, value) if goal is not None else Progress("no-data", None, "no-value")
    )
    return Assessment(indicator, kind_of(indicator), year, entry, progress, baseline)


def assess_year(plan: Plan, year: int) -> list[Assessment]:
    """Every indicator of the plan in `year`, in table order."""
    table = plan.indicators
    return [assess_indicator(plan, item, year) for item in (table.indicators if table else [])]


def latest_year(plan: Plan) -> int | None:
    """The last year with a year file after the base year (None: none)."""
    start = base_year(plan)
    later = [year for year in years(plan) if start is None or year > start]
    return later[-1] if later else None


def history(plan: Plan, indicator: Indicator) -> list[tuple[int, float]]:
    """The indicator's values year by year, as far as the year files give them."""
    return [
        (found.year, entry.value)
        for found in plan.monitoring
        if (entry := found.values.get(indicator.id)) is not None and entry.value is not None
    ]


def number_text(value: float | None) -> str:
    """A number as reports print it: 1650, 46.2, 1122; two decimals at most; — for none."""
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
