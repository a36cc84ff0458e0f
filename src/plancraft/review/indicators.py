"""District indicators against the parent plan's: which were adopted, with what target, nature."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compile.alignment import (
    Verdict,
    judge,
    match_indicators,
)
from ..diagnostics import Diagnostics, Location, display_path
from ..i18n import _
from ..source.model import Indicator, Quantity
from ..source.parent import YAML_SUFFIXES


@dataclass(slots=True)
class PlanIndicators:
    """One plan's (or one parent's) indicator table, read without the rest of the plan."""

    name: str
    title: str
    source: Path
    indicators: list[Indicator]
    target_year: int | None = None
    baseline_year: int | None = None


@dataclass(slots=True)
class Row:
    """One line of the comparison: a district indicator, a parent's indicator it lacks, or both."""

    plan: str
    indicator: Indicator | None
    upper: Indicator | None
    match: str
    score: float
    verdict: Verdict

    @property
    def status(self) -> str:
        """The row's status."""
        return self.verdict.status

    def as_dict(self) -> dict[str, Any]:
        """The row as the JSON and CSV reports give it (see docs/indicators.md)."""
        mine, upper = self.indicator, self.upper
        return {
            "plan": self.plan,
            "id": mine.id if mine else None,
            "name": mine.name if mine else None,
            "unit": mine.unit if mine else None,
            "baseline": _text(mine.baseline) if mine else None,
            "target": _text(mine.target) if mine else None,
            "nature": mine.nature if mine else None,
            "parent_id": upper.id if upper else None,
            "parent_name": upper.name if upper else None,
            "parent_unit": upper.unit if upper else None,
            "parent_baseline": _text(upper.baseline) if upper else None,
            "parent_target": _text(upper.target) if upper else None,
            "parent_nature": upper.nature if upper else None,
            "match": self.match,
            "score": self.score,
            "status": self.status,
            "compared": self.verdict.compared,
            "target_change": self.verdict.target_change or None,
            "nature_change": self.verdict.nature_change or None,
            "nature_reason": (mine.nature_reason or None) if mine else None,
        }


def _text(quantity: Quantity | None) -> str | None:
    return quantity.text if quantity is not None else None


@dataclass(slots=True)
class Comparison:
    """Plans against one parent: a row per district indicator and per parent one not adopted."""

    parent: PlanIndicators
    plans: list[PlanIndicators]
    rows: list[Row] = field(default_factory=list)

    def cell(self, plan: str, upper_id: str) -> Row | None:
        """The row of plan `plan` for the parent's indicator `upper_id` (adopted or not)."""
        return next(
            (
                row
                for row in self.rows
                if row.plan == plan and row.upper is not None and row.upper.id == upper_id
            ),
            None,
        )


def compare(plan: PlanIndicators, parent: PlanIndicators) -> list[Row]:
    """The rows of one plan: its own indicators in order, then the parent's it lacks."""
    rows = [
        Row(plan.name, match.indicator, match.upper, match.kind, match.score, judge(match))
        for match in match_indicators(plan.indicators, parent.indicators)
    ]
    adopted = {row.upper.id for row in rows if row.upper}
    rows += [
        Row(plan.name, None, upper, "none", 0.0, Verdict("not-adopted"))
        for upper in parent.indicators
        if upper.id not in adopted
    ]
    return rows


def compare_all(parent: PlanIndicators, plans: list[PlanIndicators]) -> Comparison:
    """Every plan in `plans` against `parent`."""
    comparison = Comparison(parent, plans)
    for plan in plans:
        comparison.rows += compare(plan, parent)
    return comparison


# ---------------------------------------------------------------- reading plan folders


def read_indicators(source: Path, diagnostics: Diagnostics) -> PlanIndicators | None:
    """The indicator table of a plan folder or an indicators file, with the plan's title; None on
    errors."""
    from ..source.load import INDICATORS_FILE, PLAN_FILE, load_indicators
    from ..source.yamlfile import load_yaml, plain

    source = Path(source)
    is_file = source.suffix in YAML_SUFFIXES
    folder = source.parent if is_file else source
    path = source if is_file else source / INDICATORS_FILE
    if not path.is_file():
        diagnostics.error(
            Location(display_path(path)),
            _("no indicator table here"),
            code="file-missing",
            hint=_("name a plan folder or an indicators.yaml"),
        )
        return None
    table = load_indicators(folder, diagnostics, path)
    if table is None:
        return None
    title = table.title
    if not is_file and (folder / PLAN_FILE).is_file():
        document = load_yaml(folder / PLAN_FILE, Diagnostics(), folder)
        data = plain(document.data) if document is not None else None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            title = data["title"]
    shown = display_path(path) if is_file else folder.name
    return PlanIndicators(
        shown, title, path, table.indicators, table.target_year, table.baseline_year
    )


def plan_parent(root: Path, diagnostics: Diagnostics) -> str:
    """The `parent:` of the plan folder `root` ('' when it names none)."""
    from ..source.load import PLAN_FILE
    from ..source.yamlfile import load_yaml, plain

    path = Path(root) / PLAN_FILE
    document = load_yaml(path, diagnostics, Path(root)) if path.is_file() else None
    data = plain(document.data) if document is not None else None
    return str(data.get("parent") or "") if isinstance(data, dict) else ""


def resolve_parent(
    root: Path, override: str | Path | None, diagnostics: Diagnostics
) -> Path | None:
    """What plan `root` is compared with: `override` when given (a slug beside the plan, or a path
    from the working folder), else the plan's own `parent:`; None when it names none."""
    from ..source.parent import is_path, parent_source

    if override:
        text = str(override)
        given = Path(text)
        if is_path(text) or given.exists():
            return Path(os.path.realpath(given))
        return Path(os.path.realpath(Path(root).parent / text))
    parent = plan_parent(root, diagnostics)
    return Path(os.path.realpath(parent_source(Path(root), parent))) if parent else None


def compare_plans(
    roots: list[Path], parent: str | Path | None = None, diagnostics: Diagnostics | None = None
) -> list[Comparison]:
    """Group the plan folders `roots` by parent and compare each group. A plan that is the parent
    of others is left out, and so, with a warning, is one without a parent."""
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    groups: dict[Path, list[Path]] = {}
    for root in roots:
        source = resolve_parent(root, parent, diagnostics)
        if source is None:
            continue
        groups.setdefault(source, []).append(root)
    parent_folders = {
        source.parent if source.suffix in YAML_SUFFIXES else source for source in groups
    }
    comparisons = []
    for source, members in groups.items():
        upper = read_indicators(source, diagnostics)
        plans = [
            read_indicators(root, diagnostics)
            for root in members
            if Path(root).resolve() not in parent_folders
        ]
        if upper is None:
            continue
        found = [plan for plan in plans if plan is not None]
        if found:
            comparisons.append(compare_all(upper, found))
    for root in roots:
        if Path(root).resolve() in parent_folders or resolve_parent(root, parent, Diagnostics()):
            continue
        diagnostics.warning(
            Location(display_path(Path(root) / "plan.yaml")),
            _("{plan} names no parent plan: left out").format(plan=Path(root).name),
            code="no-parent",
            hint=_("add parent: to its plan.yaml, or pass --parent"),
        )

    return comparisons


def shared_parent_comparisons(roots: list[Path]) -> list[Comparison]:
    """The comparisons of the plans in `roots` that share a parent with another plan there."""
    sources = {root: resolve_parent(root, None, Diagnostics()) for root in roots}
    counted = Counter(source for source in sources.values() if source is not None)
    shared = [root for root, source in sources.items() if source and counted[source] >= 2]
    return compare_plans(shared, None, Diagnostics()) if shared else []
