"""Alignment: a plan's indicators matched to its parent plan's, and what each pair says (weaker, stronger …)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ..source.model import Indicator, Quantity

# Indicators that compare across plans of different size: rates, ratios and per-capita figures.
COMPARABLE_RE = re.compile(r"率|比例|比值|占比|每|万名|千名|人均|%|％")
# Words naming whose indicator it is rather than what it measures: 全市社区社会组织数量, 市、区级….
SCOPE_RE = re.compile(r"^(全市|全区|全县|全省|本市|本区|本县|市区级|市级|区级|县级|省级)")
# How alike two normalised names must be (difflib ratio) to match without an explicit parent_id.
SIMILAR_MIN = 0.8

# Every status, the most serious first: the order of sorting and of legends.
STATUSES = (
    "weaker",
    "nature-weakened",
    "unit-differs",
    "not-adopted",
    "stronger",
    "nature-strengthened",
    "aligned",
    "adopted",
    "district-only",
)


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
    text = "".join(
        ch
        for ch in text
        if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))
    )
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
            found[index] = Match(
                indicator,
                upper,
                "parent_id" if upper else "none",
                similarity(indicator, upper) if upper else 0.0,
            )
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
    pairs = sorted(
        (
            (similarity(indicator, upper), index, position)
            for index, indicator in enumerate(mine)
            if index not in found
            for position, upper in enumerate(theirs)
            if upper.id not in taken and normalised_unit(upper) == normalised_unit(indicator)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
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
    return (
        direction(upper.target) or direction(indicator.target) or trend(upper) or trend(indicator)
    )


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
    for status, seen in (
        ("weaker", target == "weaker"),
        ("nature-weakened", nature == "weakened"),
        ("stronger", target == "stronger"),
        ("nature-strengthened", nature == "strengthened"),
        ("aligned", target == "equal"),
    ):
        if seen:
            verdict.status = status
            break
    return verdict


# ---------------------------------------------------------------- comparing plans
