"""Scores an imported plan against an expected.yaml written by reading the source document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from plancraft.source.model import Plan, Section

TRIM = "。．.，,：:；; \u3000"


def load_expected(folder: Path) -> dict[str, Any]:
    """The expected.yaml of one corpus document."""
    return YAML(typ="safe").load((folder / "expected.yaml").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """A title or value with spaces, bracket width and trailing punctuation evened out."""
    text = re.sub(r"\s+", "", str(text)).replace("(", "（").replace(")", "）")
    return text.strip(TRIM)


@dataclass
class Score:
    """How much of one document's expected structure an import got right."""

    headings: int = 0
    headings_right: int = 0
    title: bool | None = None
    issuer: bool | None = None
    period: bool | None = None
    indicators: int = 0
    indicators_typed: int = 0
    date: bool | None = None
    furniture: int = 0
    furniture_kept: int = 0
    passages: int = 0
    passages_kept: int = 0
    levels: int = 0
    levels_right: int = 0

    @property
    def outline_pct(self) -> float:
        """Expected headings found at the right level with the right title, in percent."""
        return 100.0 * self.headings_right / self.headings if self.headings else 100.0

    @property
    def indicators_pct(self) -> float:
        """Expected indicator rows found with name, target and nature, in percent."""
        return 100.0 * self.indicators_typed / self.indicators if self.indicators else 100.0


def _headings(sections: list, out: list[tuple[int, str]]) -> list[tuple[int, str]]:
    for item in sections:
        if isinstance(item, Section) and not item.in_box:
            out.append((item.depth, norm(item.title)))
            _headings(item.content, out)
    return out


def _counts(sections: list, depth: int, out: Counter[int]) -> Counter[int]:
    for item in sections:
        if isinstance(item, Section) and not item.in_box:
            out[depth] += 1
            _counts(item.content, depth + 1, out)
    return out


def body_text(folder: Path) -> str:
    """The imported plan's body text (its text/*.md files), unescaped, with whitespace removed."""
    parts = [path.read_text(encoding="utf-8") for path in sorted((folder / "text").glob("*.md"))]
    return re.sub(r"\s+", "", re.sub(r"\\(.)", r"\1", "".join(parts)))


def _issuers(text: str) -> set[str]:
    return {part for part in re.split(r"[\s、，,]+", text) if part}


def score(expected: dict[str, Any], plan: Plan, body: str = "") -> Score:
    """Compare an imported plan (and its body text, see `body_text`) with what its source states."""
    result = Score()
    found = Counter(_headings(plan.outline, []))
    for heading in expected.get("outline", []):
        result.headings += 1
        key = (heading["level"], norm(heading["title"]))
        if found[key] > 0:
            found[key] -= 1
            result.headings_right += 1
    if expected.get("title"):
        result.title = norm(plan.meta.title) == norm(expected["title"])
    if expected.get("issuer"):
        result.issuer = _issuers(plan.meta.issuer) == _issuers(expected["issuer"])
    if expected.get("period"):
        stated = (expected["period"]["start"], expected["period"]["end"])
        result.period = (plan.meta.period_start, plan.meta.period_end) == stated
    if expected.get("date"):
        result.date = str(expected["date"]) in {str(value) for value in plan.meta.dates.values()}
    found_counts = _counts(plan.outline, 1, Counter())
    for level, count in (expected.get("outline_counts") or {}).items():
        result.levels += 1
        result.levels_right += found_counts[int(level)] == count
    for text in expected.get("furniture") or []:
        result.furniture += 1
        result.furniture_kept += re.sub(r"\s+", "", text) in body
    for text in expected.get("kept") or []:
        result.passages += 1
        result.passages_kept += re.sub(r"\s+", "", text) in body
    rows = Counter(
        (norm(i.name), norm(i.target.text if i.target else ""), i.nature)
        for i in (plan.indicators.indicators if plan.indicators else [])
    )
    for row in expected.get("indicators", []):
        result.indicators += 1
        key = (norm(row["name"]), norm(row.get("target", "")), row.get("nature", "预期性"))
        if rows[key] > 0:
            rows[key] -= 1
            result.indicators_typed += 1
    return result


def _mark(right: bool | None) -> str:
    return "—" if right is None else "yes" if right else "no"


def table(scores: dict[str, Score]) -> str:
    """The per-document figures as a plain-text table."""
    lines = [
        f"{'document':24} {'outline':>12} {'levels':>6} {'title':>5} {'issuer':>6} {'period':>6} "
        f"{'date':>4} {'indicators':>12} {'furniture':>9} {'kept':>5}"
    ]
    for name, s in scores.items():
        lines.append(
            f"{name:24} {s.headings_right:>4}/{s.headings:<3}{s.outline_pct:4.0f}% "
            f"{s.levels_right:>3}/{s.levels:<2} "
            f"{_mark(s.title):>5} {_mark(s.issuer):>6} {_mark(s.period):>6} {_mark(s.date):>4} "
            f"{s.indicators_typed:>4}/{s.indicators:<3}"
            f"{s.indicators_pct:4.0f}% "
            f"{s.furniture_kept:>5}/{s.furniture:<3} {s.passages_kept:>2}/{s.passages:<2}"
        )
    return "\n".join(lines)
