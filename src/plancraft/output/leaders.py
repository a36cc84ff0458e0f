"""Table-of-contents leaders that reach the right edge on a line moved left by a hanging indent.

The table of contents hangs its entries (plan.css: `margin-left` and a negative `text-indent` of the
number's width), so that a wrapped entry goes on under its title. WeasyPrint 70 fills a leader
(`leader("·")`) as if its line started at the block's left edge, so on a first line moved left by the
indent the page number ends short of the right edge by the indent. This pass, on the laid-out pages
before drawing, moves what follows such a leader to the right edge and fills the gap with dots.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .boxtree import walk

MIN_SHORTFALL = 0.5
"""A line ending less than this (CSS px) short of the edge is left alone."""


def extend_leaders(document: Any) -> int:
    """Extend every leader whose line ends short of its block's right edge; returns how many."""
    from weasyprint.formatting_structure import boxes

    found = [
        (block, line, leader)
        for page in document.pages
        for block, line in _lines(page._page_box, boxes)
        for leader in walk(line)
        if getattr(leader, "is_leader", False)
    ]
    dots = {_font(leader): leader for _block, _line, leader in found if leader.children}
    extended = 0
    for block, line, leader in found:
        shortfall = block.content_box_x() + block.width - _right(line, boxes)
        sample = dots.get(_font(leader))
        if shortfall < MIN_SHORTFALL or sample is None:
            continue
        _shift_after(line, leader, shortfall)
        _fill(leader, sample, block.content_box_x() + block.width)
        extended += 1
    return extended


def _font(box: Any) -> tuple[Any, ...]:
    """What a leader's dots look like: its font family, size and weight."""
    style = box.style
    return (tuple(style["font_family"]), style["font_size"], style["font_weight"])


def _lines(page: Any, boxes: Any) -> Iterator[tuple[Any, Any]]:
    """(block, line box) for every line of the page."""
    for box in walk(page):
        if isinstance(box, boxes.BlockContainerBox):
            for child in box.children:
                if isinstance(child, boxes.LineBox):
                    yield box, child


def _right(line: Any, boxes: Any) -> float:
    """Where the line's last text (the page number) ends."""
    texts = [box for box in walk(line) if isinstance(box, boxes.TextBox)]
    return texts[-1].position_x + texts[-1].width if texts else line.position_x + line.width


def _shift_after(box: Any, leader: Any, shift: float) -> bool:
    """Move the boxes after `leader` right by `shift` and widen the leader and its parents;
    True when `leader` is inside `box`."""
    found = False
    for child in box.children:
        if found:
            child.translate(dx=shift)
        elif child is leader:
            found = True
        elif getattr(child, "children", None) and _shift_after(child, leader, shift):
            found = True
    if found:
        box.width += shift
    if found and leader in box.children:
        leader.width += shift
    return found


def _fill(leader: Any, sample: Any, right: float) -> None:
    """Lay the leader's dots anew over its width, copies of `sample`'s first dot on the grid WeasyPrint
    uses (from the block's right edge), so that they line up with the dots of the other lines."""
    dot = sample.children[0]
    step = dot.width
    start, end = leader.position_x, leader.position_x + leader.width
    top = leader.position_y + dot.position_y - sample.position_y
    dots = []
    position = right - step
    while position >= start:
        if position + step <= end:
            copy = dot.copy()
            copy.position_x, copy.position_y = position, top
            dots.append(copy)
        position -= step
    leader.children = tuple(reversed(dots))
