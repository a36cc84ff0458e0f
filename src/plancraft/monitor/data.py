"""The plans to monitor: their data (no text), checked, and assessed for one year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..compile.monitoring import Assessment, assess_year, latest_year
from ..compile.rules.monitoring import check_monitoring
from ..diagnostics import Diagnostics
from ..source.load import load_plan_data
from ..source.model import Plan


@dataclass(slots=True)
class Monitored:
    """One plan in the year reported on."""

    plan: Plan
    year: int | None
    """The year reported on: the one asked for, else the plan's latest year file (None: none)."""
    rows: list[Assessment]

    @property
    def warnings(self) -> list[Assessment]:
        """The 约束性 indicators behind their path: the early warnings."""
        return [row for row in self.rows if row.warning]

    def counts(self) -> dict[str, int]:
        """How many indicators have each status."""
        return dict(Counter(row.status for row in self.rows))


def monitored(plan: Plan, year: int | None = None) -> Monitored:
    """`plan` assessed in `year` (default: its latest year file)."""
    chosen = year if year is not None else latest_year(plan)
    return Monitored(plan, chosen, assess_year(plan, chosen) if chosen is not None else [])


def load_monitored(
    roots: list[Path], year: int | None, diagnostics: Diagnostics
) -> list[Monitored]:
    """Every plan of `roots` that loads, read without its text and checked; what is wrong goes to
    `diagnostics`."""
    found = []
    for root in roots:
        plan = load_plan_data(Path(root), diagnostics)
        if plan is None:
            continue
        check_monitoring(plan, diagnostics)
        found.append(monitored(plan, year))
    return found
