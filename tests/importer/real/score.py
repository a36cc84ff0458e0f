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


def _issuers(text: str) -> set[str]:
    return {part for part in re.split(r"[\s、，,]+", text) if part}


def score(expected: dict[str, Any], plan: Plan) -> Score:
    """Compare an imported plan with what its source states."""
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
        f"{'document':24} {'outline':>12} {'title':>5} {'issuer':>6} {'period':>6} {'indicators':>12}"
    ]
    for name, s in scores.items():
        lines.append(
            f"{name:24} {s.headings_right:>4}/{s.headings:<3}{s.outline_pct:4.0f}% "
            f"{_mark(s.title):>5} {_mark(s.issuer):>6} {_mark(s.period):>6} "
            f"{s.indicators_typed:>4}/{s.indicators:<3}"
            f"{s.indicators_pct:4.0f}%"
        )
    return "\n".join(lines)
