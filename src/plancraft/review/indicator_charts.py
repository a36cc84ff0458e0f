"""Indicator charts for the HTML report: each plan's baseline → target against the parent's target."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from ..compile.alignment import comparable, normalised_unit
from ..i18n import _
from ..source.model import Indicator
from .indicator_statuses import INKS, target_text
from .indicators import Row

CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, LINE = 400, 86, 74, 22
LABEL_EM = 11
"""Pixels a character of a plan's name takes at the labels' font size (11 px)."""


def chart(upper: Indicator, plans: list[tuple[str, Row | None]]) -> str:
    """An SVG of each plan's baseline → target for one parent indicator, with the parent's target
    as a dashed line when the indicator compares across plans (rates, ratios, per-capita); empty
    when no plan has a number to draw."""
    compares = comparable(upper)
    lines: list[tuple[str, str, Indicator | None, str]] = [(_("parent"), "parent", upper, "")]
    for name, row in plans:
        if row is None or row.indicator is None:
            lines.append((name, "not-adopted", None, _("not adopted")))
        elif normalised_unit(row.indicator) != normalised_unit(upper):
            lines.append(
                (
                    name,
                    row.status,
                    None,
                    _("unit differs: {unit}").format(unit=row.indicator.unit or _("none")),
                )
            )
        else:
            lines.append((name, row.status, row.indicator, ""))
    values: list[float] = []
    for _name, status, indicator, _note in lines:
        if indicator is not None and (compares or status != "parent"):
            values += [
                q.value
                for q in (indicator.baseline, indicator.target)
                if q is not None and q.value is not None
            ]
    if not values or max(values) <= 0:
        return ""
    counts = all(value == int(value) for value in values)
    top = _nice(max(values), counts)
    left = max(LABEL_WIDTH, LABEL_EM * max(len(name) for name, *_rest in lines) + 8)
    span = CHART_WIDTH - left - VALUE_WIDTH
    height = LINE * len(lines) + 26

    def x(value: float) -> float:
        return round(left + span * value / top, 1)

    out = [
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(upper.name)}">'
    ]
    axis_y = LINE * len(lines) + 4
    out.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + span}" y2="{axis_y}" stroke="#999"/>')
    for tick in (0.0, top / 2, top) if not counts or top % 2 == 0 else (0.0, top):
        out.append(
            f'<line x1="{x(tick)}" y1="{axis_y}" x2="{x(tick)}" y2="{axis_y + 4}" '
            f'stroke="#999"/><text x="{x(tick)}" y="{axis_y + 16}" class="tick" '
            f'text-anchor="middle">{_number(tick)}</text>'
        )
    goal = upper.target.value if upper.target is not None else None
    if compares and goal is not None:
        out.append(
            f'<line x1="{x(goal)}" y1="2" x2="{x(goal)}" y2="{axis_y}" '
            f'stroke="#C0392B" stroke-dasharray="4 3"/>'
        )
    for index, (name, status, indicator, note) in enumerate(lines):
        y = LINE * index + LINE / 2 + 2
        ink = "#333" if status == "parent" else f"#{INKS[status]}"
        out.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" '
            f'class="label" fill="{ink}">{escape(name)}</text>'
        )
        if indicator is None or (status == "parent" and not compares):
            text = note or (
                _("target {value} (a total, not compared)").format(value=target_text(upper))
                if indicator
                else ""
            )

            out.append(f'<text x="{left + 2}" y="{y + 4}" class="note">{escape(text)}</text>')
            continue
        out.append(_dumbbell(indicator, y, ink, x, left))
    out.append("</svg>")
    return "".join(out)


def _dumbbell(indicator: Indicator, y: float, ink: str, x: Any, left: int) -> str:
    start, end = indicator.baseline, indicator.target
    parts = []
    if end is None or end.value is None:
        text = end.text if end is not None else "—"
        return f'<text x="{left + 2}" y="{y + 4}" class="note">{escape(text)}</text>'
    if start is not None and start.value is not None:
        parts.append(
            f'<line x1="{x(start.value)}" y1="{y}" x2="{x(end.value)}" y2="{y}" '
            f'stroke="{ink}" stroke-width="2"/>'
        )
        parts.append(
            f'<circle cx="{x(start.value)}" cy="{y}" r="4" fill="#fff" '
            f'stroke="{ink}" stroke-width="1.5"/>'
        )
    parts.append(f'<circle cx="{x(end.value)}" cy="{y}" r="5" fill="{ink}"/>')
    parts.append(
        f'<text x="{x(end.value) + 8}" y="{y + 4}" class="value" fill="{ink}">'
        f"{escape(end.text)}</text>"
    )
    return "".join(parts)


def _nice(value: float, counts: bool = False) -> float:
    """A round number at or above `value`: 1, 2, 2.5 or 5 times a power of ten (for counts a whole
    number: never 2.5, nor below 1)."""
    power = 10.0 ** math.floor(math.log10(value))
    steps = (1, 2, 5, 10) if counts else (1, 2, 2.5, 5, 10)
    top = next(step * power for step in steps if step * power >= value * 0.999999)
    return max(top, 1.0) if counts else top


def _number(value: float) -> str:
    return f"{value:g}"
