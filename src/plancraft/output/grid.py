"""Body text back on the 22-line grid after a table, a 专栏 or a heading.

Body lines are 28.95 pt apart (plan.css: 225 mm / 22 lines), stacked from the top of the text block,
so they sit on the grid until something of another height comes between them: a table (captions,
rows and notes of other sizes), a 专栏 frame (四号 text, padding, rules), a heading whose half-line
margin a page break cut off, a line made taller by a symbol from a fallback font (㎡). The text after
such a block then prints between the grid lines, and a page holds 20 or 21 lines instead of 22.

WeasyPrint 70 has no line grid (`line-snap`, `line-grid`), so `install` wraps two functions of its
block layout, as `boldstroke` wraps its drawing: the page's text-block top is noted when each page is
made, and after any block of <main> is laid out whole, the next block set at the grid's pitch (its
line height is 28.95 pt) starts on a grid line: the extra space, less than a line, goes into the
margin above it, so WeasyPrint's own page breaking sees it (a block that no longer fits moves to the
next page, where it starts on the grid anyway). On the grid already, nothing moves. A block with a
top margin of part of a line keeps its place (a 节 heading between two grid lines, a table or a
专栏 half a line below the text), and the block after it comes back to the grid. Blocks of other
sizes (inside a 专栏 or a table) are left alone, and so are the notice and the cover, which are not
in <main>.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PITCH_PT = 28.95
"""The grid pitch: the line height of <html> in plan.css."""
PITCH = PITCH_PT * 4 / 3
"""The grid pitch in CSS px."""
FLOW = "main"
"""The element whose blocks keep to the grid (the notice and the cover keep their own distances)."""
TOLERANCE = 0.5 * 4 / 3
"""Offsets from a grid line below this (0.5 pt, in CSS px) count as on it: a 节 heading's margins of
14.5 pt leave the text after it 0.05 pt below the line, which must not cost a line."""

_installed = False


def install() -> None:
    """Wrap WeasyPrint's block layout once per process; documents without a <main> whose lines
    are set at the grid's pitch lay out as before."""
    global _installed
    if _installed:
        return
    from weasyprint.layout import block, page

    page.page_height = _noting_top(page.page_height)
    block.block_level_layout = _snapping(block.block_level_layout)
    _installed = True


def _noting_top(page_height: Callable[..., Any]) -> Callable[..., Any]:
    def noted(box: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        result = page_height(box, context, *args, **kwargs)
        context.plancraft_grid_top = box.content_box_y()
        context.plancraft_snap = False
        return result

    return noted


def _snapping(block_level_layout: Callable[..., Any]) -> Callable[..., Any]:
    def snapped(context: Any, box: Any, *args: Any, **kwargs: Any) -> Any:
        flow = getattr(box, "element_tag", None) == FLOW
        depth = getattr(context, "plancraft_depth", 0)
        if getattr(context, "plancraft_snap", False) and depth:
            if not _on_pitch(box):
                context.plancraft_snap = False
            elif not _keeps_place(box):
                context.plancraft_snap = False
                _snap(context, box, args, kwargs)
        context.plancraft_depth = depth + flow
        try:
            result = block_level_layout(context, box, *args, **kwargs)
        finally:
            context.plancraft_depth = depth
        if depth and result[0] is not None and result[1] is None:
            context.plancraft_snap = True
        return result

    return snapped


def _on_pitch(box: Any) -> bool:
    """Whether the box's lines are set at the grid's pitch."""
    height = box.style["line_height"]
    return getattr(height, "unit", None) == "px" and abs(height.value - PITCH) < 0.01


def _keeps_place(box: Any) -> bool:
    """Whether the box, or the first block it starts with, is placed off the grid on purpose: its
    top margin is not a whole number of lines (a 节 heading, a table's figure, a 专栏)."""
    from weasyprint.formatting_structure import boxes

    while isinstance(box, boxes.BlockBox):
        lines = _length(box.style["margin_top"]) / PITCH
        if abs(lines - round(lines)) > 0.01:
            return True
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children:
            return False
        box = children[0]
    return False


def _snap(context: Any, box: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Move the box's top border edge down to the next grid line through its margin (which the top
    margins of its first descendants collapse with)."""
    from weasyprint.layout.block import collapse_margin

    top = getattr(context, "plancraft_grid_top", None)
    if top is None:
        return
    margins = kwargs.get("adjoining_margins")
    if margins is None and len(args) >= 7:
        margins = args[6]
    collapsed = collapse_margin([*(margins or []), *_top_margins(box)])
    offset = (box.position_y + collapsed - top) % PITCH
    if offset < TOLERANCE or PITCH - offset < TOLERANCE:
        return
    if margins is not None:
        margins.append(collapsed + PITCH - offset)
    else:
        box.position_y += PITCH - offset


def _top_margins(box: Any) -> list[float]:
    """The top margins that collapse into the box's: its own and its first descendants', down to one
    with a top border or padding or that holds lines."""
    from weasyprint.formatting_structure import boxes

    found = []
    while isinstance(box, boxes.BlockBox):
        margin = box.style["margin_top"]
        found.append(float(margin.value) if getattr(margin, "unit", None) == "px" else 0.0)
        if box.style["border_top_width"] or _length(box.style["padding_top"]):
            break
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children or not isinstance(children[0], boxes.BlockBox):
            break
        box = children[0]
    return found


def _length(value: Any) -> float:
    return float(getattr(value, "value", 0) or 0)
