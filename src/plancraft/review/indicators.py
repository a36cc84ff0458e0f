"""District indicators against the parent plan's: which were adopted, with what target, nature."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Location, display_path
from ..source.model import Indicator, Quantity
from ..source.parent import YAML_SUFFIXES

# Indicators that compare across plans of different size: rates, ratios and per-capita figures.
COMPARABLE_RE = re.compile(r"率|比例|比值|占比|每|万名|千名|人均|%|％")
# Words naming whose indicator it is rather than what it measures: 全市社区社会组织数量, 市、区级….
SCOPE_RE = re.compile(r"^(全市|全区|全县|全省|本市|本区|本县|市区级|市级|区级|县级|省级)")
# How alike two normalised names must be (difflib ratio) to match without an explicit parent_id.
SIMILAR_MIN = 0.8

# Every status, the most serious first: the order of sorting and of legends.
STATUSES = ("weaker", "nature-weakened", "unit-differs", "not-adopted", "stronger",
            "nature-strengthened", "aligned", "adopted", "district-only")


@dataclass(slots=True)
class Match:
    """A district indicator, the parent's it matched (None: none), how, and how alike."""

    indicator: Indicator
    upper: Indicator | None
    kind: str = "none"
    score: float = 0.0


@dataclass(slots=True)
class Verdict:
    """What a matched pair says: the status, and the target and nature comparisons behind it."""

    status: str
    compared: bool = False
    target_change: str = ""
    nature_change: str = ""


def normalised_name(name: str) -> str:
    """The name without width variants, spaces, punctuation, ※ and a leading scope word."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text
                   if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))
    return SCOPE_RE.sub("", text) or text


def normalised_unit(indicator: Indicator) -> str:
    """The unit without width variants, brackets and spaces; % for none and a percentage target."""
    text = unicodedata.normalize("NFKC", indicator.unit)
    text = "".join(ch for ch in text if not ch.isspace() and ch not in "()[]【】")
    if not text and indicator.target is not None and indicator.target.percent:
        return "%"
    return text


def similarity(a: Indicator, b: Indicator) -> float:
    """How alike two indicators' normalised names are, 0 to 1."""
    ratio = difflib.SequenceMatcher(None, normalised_name(a.name), normalised_name(b.name)).ratio()
    return round(ratio, 3)


def match_indicators(mine: list[Indicator], theirs: list[Indicator]) -> list[Match]:
    """Match each of `mine` to at most one of `theirs`, and each of theirs to at most one of mine:
    an explicit parent_id first, then the same name, then the same normalised name, then the most
    alike names of the same unit (only a name or parent_id match may cross units: unit-differs)."""
    by_id = {upper.id: upper for upper in theirs}
    found: dict[int, Match] = {}
    taken: set[str] = set()
    for index, indicator in enumerate(mine):
        if indicator.parent_id:
            upper = by_id.get(indicator.parent_id)
            found[index] = Match(indicator, upper, "parent_id" if upper else "none",
                                 similarity(indicator, upper) if upper else 0.0)
            if upper:
                taken.add(upper.id)
    keys = (("name", lambda row: row.name), ("normalised", lambda row: normalised_name(row.name)))
    for kind, key in keys:
        free = {key(upper): upper for upper in reversed(theirs) if upper.id not in taken}
        for index, indicator in enumerate(mine):
            upper = free.get(key(indicator))
            if index not in found and upper is not None and upper.id not in taken:
                found[index] = Match(indicator, upper, kind, 1.0)
                taken.add(upper.id)
    pairs = sorted(((similarity(indicator, upper), index, position)
                    for index, indicator in enumerate(mine) if index not in found
                    for position, upper in enumerate(theirs) if upper.id not in taken
                    and normalised_unit(upper) == normalised_unit(indicator)),
                   key=lambda pair: (-pair[0], pair[1], pair[2]))
    for score, index, position in pairs:
        upper = theirs[position]
        if score < SIMILAR_MIN:
            break
        if index not in found and upper.id not in taken:
            found[index] = Match(mine[index], upper, "similar", score)
            taken.add(upper.id)
    return [found.get(index) or Match(indicator, None) for index, indicator in enumerate(mine)]


def comparable(indicator: Indicator) -> bool:
    """Whether it compares across plans: a rate, ratio, per-capita figure or percentage."""
    percent = indicator.target is not None and indicator.target.percent
    return percent or bool(COMPARABLE_RE.search(indicator.name + indicator.unit))


def direction(quantity: Quantity | None) -> int:
    """+1 when more is better (≥, >), -1 when less is (≤, <), 0 when the value does not say."""
    if quantity is None or quantity.value is None:
        return 0
    return {"≥": 1, ">": 1, "≤": -1, "<": -1}.get(quantity.comparator, 0)


def trend(indicator: Indicator) -> int:
    """+1 when the target is above the baseline, -1 when below, 0 when that cannot be read."""
    start, end = indicator.baseline, indicator.target
    if start is None or end is None or start.value is None or end.value is None:
        return 0
    if start.value == end.value:
        return 0
    return 1 if end.value > start.value else -1


def weaker(mine: Quantity | None, theirs: Quantity | None, way: int) -> bool:
    """Whether target `mine` asks for less than `theirs`, given which way is better."""
    if mine is None or theirs is None or mine.value is None or theirs.value is None:
        return False
    return (theirs.value - mine.value) * way > 0


def better_way(indicator: Indicator, upper: Indicator) -> int:
    """Which way is better for a pair: the comparators first, then the parent's and the district's
    baseline → target."""
    return (direction(upper.target) or direction(indicator.target)
            or trend(upper) or trend(indicator))


def target_change(indicator: Indicator, upper: Indicator) -> str:
    """weaker, stronger or equal when the targets are numbers that compare; '' when they do not."""
    mine, theirs = indicator.target, upper.target
    if mine is None or theirs is None:
        return ""
    if mine.value is None or theirs.value is None:
        return "equal" if mine.text and mine.text == theirs.text else ""
    if mine.value == theirs.value:
        return "equal"
    way = better_way(indicator, upper)
    if not way:
        return ""
    return "weaker" if weaker(mine, theirs, way) else "stronger"


def nature_change(indicator: Indicator, upper: Indicator) -> str:
    """weakened for 约束性 → 预期性, strengthened for the reverse, '' for the same nature."""
    if indicator.binding == upper.binding:
        return ""
    return "strengthened" if indicator.binding else "weakened"


def judge(match: Match) -> Verdict:
    """The status of one district indicator against its match in the parent plan."""
    indicator, upper = match.indicator, match.upper
    if upper is None:
        return Verdict("district-only")
    if not indicator.compare:
        return Verdict("adopted")
    if normalised_unit(indicator) != normalised_unit(upper):
        return Verdict("unit-differs")
    if not (comparable(indicator) or comparable(upper)):
        return Verdict("adopted")
    target, nature = target_change(indicator, upper), nature_change(indicator, upper)
    verdict = Verdict("adopted", True, target, nature)
    for status, seen in (("weaker", target == "weaker"), ("nature-weakened", nature == "weakened"),
                         ("stronger", target == "stronger"),
                         ("nature-strengthened", nature == "strengthened"),
                         ("aligned", target == "equal")):
        if seen:
            verdict.status = status
            break
    return verdict


# ---------------------------------------------------------------- comparing plans


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
            "plan": self.plan, "id": mine.id if mine else None, "name": mine.name if mine else None,
            "unit": mine.unit if mine else None, "baseline": _text(mine.baseline) if mine else None,
            "target": _text(mine.target) if mine else None, "nature": mine.nature if mine else None,
            "parent_id": upper.id if upper else None, "parent_name": upper.name if upper else None,
            "parent_unit": upper.unit if upper else None,
            "parent_baseline": _text(upper.baseline) if upper else None,
            "parent_target": _text(upper.target) if upper else None,
            "parent_nature": upper.nature if upper else None,
            "match": self.match, "score": self.score, "status": self.status,
            "compared": self.verdict.compared, "target_change": self.verdict.target_change or None,
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
        return next((row for row in self.rows if row.plan == plan and row.upper is not None
                     and row.upper.id == upper_id), None)


def compare(plan: PlanIndicators, parent: PlanIndicators) -> list[Row]:
    """The rows of one plan: its own indicators in order, then the parent's it lacks."""
    rows = [Row(plan.name, match.indicator, match.upper, match.kind, match.score, judge(match))
            for match in match_indicators(plan.indicators, parent.indicators)]
    adopted = {row.upper.id for row in rows if row.upper}
    rows += [Row(plan.name, None, upper, "none", 0.0, Verdict("not-adopted"))
             for upper in parent.indicators if upper.id not in adopted]
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
        diagnostics.error(Location(display_path(path)), "no indicator table here",
                          code="file-missing", hint="name a plan folder or an indicators.yaml")
        return None
    table = load_indicators(folder, diagnostics, path)
    if table is None:
        return None
    title = table.title
    if not is_file and (folder / PLAN_FILE).is_file():
        document = load_yaml(folder / PLAN_FILE, Diagnostics())
        data = plain(document.data) if document is not None else None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            title = data["title"]
    shown = display_path(path) if is_file else folder.name
    return PlanIndicators(shown, title, path, table.indicators, table.target_year,
                          table.baseline_year)


def plan_parent(root: Path, diagnostics: Diagnostics) -> str:
    """The `parent:` of the plan folder `root` ('' when it names none)."""
    from ..source.load import PLAN_FILE
    from ..source.yamlfile import load_yaml, plain

    path = Path(root) / PLAN_FILE
    document = load_yaml(path, diagnostics) if path.is_file() else None
    data = plain(document.data) if document is not None else None
    return str(data.get("parent") or "") if isinstance(data, dict) else ""


def resolve_parent(root: Path, override: str | Path | None,
                   diagnostics: Diagnostics) -> Path | None:
    """What plan `root` is compared with: `override` when given (a slug beside the plan, or a path
    from the working folder), else the plan's own `parent:`; None when it names none."""
    from ..source.parent import is_path, parent_source

    if override:
        text = str(override)
        given = Path(text)
        if is_path(text) or given.exists():
            return given.resolve()
        return (Path(root).parent / text).resolve()
    parent = plan_parent(root, diagnostics)
    return parent_source(Path(root), parent).resolve() if parent else None


def compare_plans(roots: list[Path], parent: str | Path | None = None,
                  diagnostics: Diagnostics | None = None) -> list[Comparison]:
    """Group the plan folders `roots` by parent and compare each group. A plan that is the parent
    of others is left out, and so, with a warning, is one without a parent."""
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    groups: dict[Path, list[Path]] = {}
    for root in roots:
        source = resolve_parent(root, parent, diagnostics)
        if source is None:
            continue
        groups.setdefault(source, []).append(root)
    parent_folders = {source.parent if source.suffix in YAML_SUFFIXES else source
                      for source in groups}
    comparisons = []
    for source, members in groups.items():
        upper = read_indicators(source, diagnostics)
        plans = [read_indicators(root, diagnostics) for root in members
                 if Path(root).resolve() not in parent_folders]
        if upper is None:
            continue
        found = [plan for plan in plans if plan is not None]
        if found:
            comparisons.append(compare_all(upper, found))
    for root in roots:
        if Path(root).resolve() in parent_folders or resolve_parent(root, parent, Diagnostics()):
            continue
        diagnostics.warning(Location(display_path(Path(root) / "plan.yaml")),
                            f"{Path(root).name} names no parent plan: left out", code="no-parent",
                            hint="add parent: to its plan.yaml, or pass --parent")
    return comparisons


def shared_parent_comparisons(roots: list[Path]) -> list[Comparison]:
    """The comparisons of the plans in `roots` that share a parent with another plan there."""
    sources = {root: resolve_parent(root, None, Diagnostics()) for root in roots}
    counted = Counter(source for source in sources.values() if source is not None)
    shared = [root for root, source in sources.items() if source and counted[source] >= 2]
    return compare_plans(shared, None, Diagnostics()) if shared else []
