"""One small SVG per indicator: baseline, target, the expected path, the yearly values by status."""

from __future__ import annotations

import math
from html import escape

from ..compile.monitoring import Assessment, history, number_text, target_of
from ..compile.progress import assess
from ..i18n import _
from ..source.model import Plan
from .statuses import INKS

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 360, 150, 46, 74, 12, 24


def chart(plan: Plan, row: Assessment) -> str:
    """The SVG of `row`'s indicator over the plan's period; empty for a qualitative target."""
    goal = target_of(plan, row.indicator)
    if goal is None:
        return ""
    years = list(range(goal.base_year, goal.target_year + 1))
    path = [(year, assess(goal, year, None).expected) for year in years]
    expected = [(year, value) for year, value in path if value is not None]
    values = [
        (year, value, assess(goal, year, value).status)
        for year, value in history(plan, row.indicator)
        if goal.base_year <= year <= goal.target_year
    ]
    numbers = [goal.target] + [v for _y, v in expected] + [v for _y, v, _s in values]
    if goal.baseline is not None and goal.kind not in ("growth", "reduction"):
        numbers.append(goal.baseline)
    low, high = _scale(min(numbers), max(numbers))

    def x(year: float) -> float:
        span = max(goal.target_year - goal.base_year, 1)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - goal.base_year) / span, 1)

    def y(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low), 1)

    bottom = HEIGHT - BOTTOM
    out = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(row.indicator.name)}">',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#999"/>',
    ]
    for year in (years[0], years[-1]) if len(years) > 6 else years:
        out.append(
            f'<text x="{x(year)}" y="{bottom + 15}" class="tick" text-anchor="middle">{year}</text>'
        )
    goal_text = _("target {value}").format(value=number_text(goal.target))
    out.append(
        f'<line x1="{LEFT}" y1="{y(goal.target)}" x2="{WIDTH - RIGHT}" y2="{y(goal.target)}" '
        f'stroke="#C0392B" stroke-dasharray="2 3"/>'
        f'<text x="{WIDTH - RIGHT + 4}" y="{y(goal.target) + 4}" class="value" fill="#C0392B">'
        f"{escape(goal_text)}</text>"
    )
    if len(expected) > 1:
        points = " ".join(f"{x(year)},{y(value)}" for year, value in expected)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#777" stroke-dasharray="5 3"/>'
        )
    if goal.baseline is not None and goal.kind not in ("growth", "reduction"):
        out.append(
            f'<circle cx="{x(goal.base_year)}" cy="{y(goal.baseline)}" r="4" fill="#fff" '
            f'stroke="#555" stroke-width="1.5"/>'
            f'<text x="{x(goal.base_year) - 7}" y="{y(goal.baseline) + 4}" class="tick" '
            f'text-anchor="end">{number_text(goal.baseline)}</text>'
        )
    if len(values) > 1:
        points = " ".join(f"{x(year)},{y(value)}" for year, value, _s in values)
        out.append(f'<polyline points="{points}" fill="none" stroke="#555"/>')
    for year, value, status in values:
        ink = INKS[status]
        out.append(
            f'<circle cx="{x(year)}" cy="{y(value)}" r="5" fill="#{ink}">'
            f"<title>{year}: {number_text(value)}</title></circle>"
        )
    if values:
        year, value, status = values[-1]
        out.append(
            f'<text x="{x(year) + 8}" y="{y(value) - 6}" class="value" fill="#{INKS[status]}">'
            f"{number_text(value)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _scale(low: float, high: float) -> tuple[float, float]:
    """A range around low … high with a little room, from zero when the values are not far from it."""
    if low >= 0 and low < 0.5 * high:
        low = 0.0
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    room = (high - low) * 0.08
    return (low if low == 0 else low - room), high + room
