"""A PDF page set in two columns: the gutter found from where the characters stand, and reading order."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from statistics import median
from typing import Any

BIN = 2.0
"""The width in points of the strips whose cover by text lines finds the gutter."""
MIDDLE = (0.3, 0.7)
"""The share of the page width a gutter lies within."""
CROSSING_SHARE = 0.1
"""At most this share of a page's lines (a title, a page number) may cross its gutter."""
GUTTER_CHARS = 0.8
"""A gutter is at least this many characters wide …"""
SIDE_SHARE = 0.25
"""… with at least this share of the lines on each side of it …"""
SIDE_MIN = 4
"""… and at least this many lines on each side …"""
FULL_SHARE = 0.4
"""… of which this share on the left reach it (justified prose does; an unruled table's cells do not)."""
FULL_CHARS = 3
GAP_CHARS = 0.6
"""A gap narrower than this many characters (a space between words) still covers its strip."""


@dataclass(frozen=True)
class Layout:
    """Where a page's gutter lies, if it has one, and the tops of the lines that cross it."""

    gutter: tuple[float, float] | None = None
    crossing: tuple[float, ...] = ()

    def key(self, top: float, x0: float, x1: float) -> tuple[int, int, float]:
        """Reading order: down the left column, then the right, band by band between the lines that
        cross the gutter (a title, a table set across both columns)."""
        if self.gutter is None:
            return (0, 0, top)
        start, end = self.gutter
        band = bisect_right(self.crossing, top)
        if x0 < start and x1 > end:
            return (band, -1, top)
        return (band, 0 if (x0 + x1) / 2 < (start + end) / 2 else 1, top)

    def split(self, chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """A text line's characters, cut at the gutter unless one of them stands in it."""
        if self.gutter is None or self.crosses(chars):
            return [chars]
        middle = sum(self.gutter) / 2
        left = [char for char in chars if char["x1"] <= middle]
        right = [char for char in chars if char["x1"] > middle]
        return [side for side in (left, right) if side]

    def crosses(self, chars: list[dict[str, Any]]) -> bool:
        """Whether a character of the line stands in the gutter."""
        if self.gutter is None:
            return False
        start, end = self.gutter
        return any(char["x0"] < end and char["x1"] > start for char in chars)


def find_layout(lines: list[list[dict[str, Any]]], width: float) -> Layout:
    """The gutter of a page in two columns: a strip in the middle that (almost) no line crosses, with
    lines on both sides and the left ones reaching it; else a one-column layout."""
    if len(lines) < 2 * SIDE_MIN:
        return Layout()
    size = median(char["size"] for chars in lines for char in chars)
    cover = _cover(lines, width, size)
    limit = CROSSING_SHARE * len(lines)
    low, high = int(width * MIDDLE[0] / BIN), int(width * MIDDLE[1] / BIN)
    best: tuple[int, int] | None = None
    start = None
    for index in range(low, high + 1):
        if cover[index] <= limit and start is None:
            start = index
        if (cover[index] > limit or index == high) and start is not None:
            end = index if cover[index] > limit else index + 1
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    if best is None or (best[1] - best[0]) * BIN < GUTTER_CHARS * size:
        return Layout()
    gutter = (best[0] * BIN, best[1] * BIN)
    layout = Layout(gutter)
    sides = [line for line in lines if not layout.crosses(line)]
    left = [
        max(c["x1"] for c in line if c["x1"] <= gutter[0])
        for line in sides
        if _has(line, gutter, 0)
    ]
    right = sum(1 for line in sides if _has(line, gutter, 1))
    wanted = max(SIDE_MIN, SIDE_SHARE * len(lines))
    full = sum(1 for x1 in left if x1 >= gutter[0] - FULL_CHARS * size)
    if len(left) < wanted or right < wanted or full < FULL_SHARE * len(left):
        return Layout()
    crossing = sorted(min(c["top"] for c in line) for line in lines if layout.crosses(line))
    return Layout(gutter, tuple(crossing))


def _has(chars: list[dict[str, Any]], gutter: tuple[float, float], side: int) -> bool:
    if side == 0:
        return any(char["x1"] <= gutter[0] for char in chars)
    return any(char["x0"] >= gutter[1] for char in chars)


def _cover(lines: list[list[dict[str, Any]]], width: float, size: float) -> list[int]:
    """For each strip of the page, how many lines have text (or a gap narrower than a character) on it."""
    last = int(width / BIN) + 1
    steps = [0] * (last + 2)
    for chars in lines:
        start, end = chars[0]["x0"], chars[0]["x1"]
        for char in chars[1:]:
            if char["x0"] - end < GAP_CHARS * size:
                end = max(end, char["x1"])
                continue
            _step(steps, start, end, last)
            start, end = char["x0"], char["x1"]
        _step(steps, start, end, last)
    cover, running = [], 0
    for step in steps[: last + 1]:
        running += step
        cover.append(running)
    return cover


def _step(steps: list[int], start: float, end: float, last: int) -> None:
    steps[min(max(int(start / BIN), 0), last)] += 1
    steps[min(max(int(end / BIN), 0), last) + 1] -= 1
