"""No lone character on a paragraph's last line (孤字): pull one down from the line above.

Pango breaks lines greedily, so a paragraph can end with one character and its full stop alone on a
line (…方立 / 法。). This pass runs on the laid-out pages before the justify pass: when the last line
of a paragraph or a heading (set justified or from the left) holds a single character, punctuation
aside, the last character of the line above moves down to it; two when that one may not start a
line (、，。 …) or the one left would end it (（《“). A justified line above is then one character
short, and the justify pass spreads that over its gaps (about 0.6 px each). Only the two text boxes
at the break change (their text and Pango layouts, made as WeasyPrint makes them); the line count,
the page breaks and the text itself stay the same."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .punctuation import CENTRED, CLOSING, MARKS, OPENING

NO_LINE_START = CLOSING | CENTRED | frozenset("…—%")
"""Characters a line may not start with (避头)."""
NO_LINE_END = OPENING
"""Characters a line may not end with (避尾)."""
MOST_MOVED = 2
"""The most characters pulled down."""
LEAST_LEFT = 4
"""The fewest characters the line above keeps."""
PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6"})


def pull_down_lone_characters(document: Any) -> int:
    """Give every paragraph or heading whose last line holds one character another from the line
    above; returns how many changed."""
    from weasyprint.formatting_structure import boxes

    paragraphs: dict[int, list[Any]] = {}
    for block, line in _paragraph_lines((page._page_box for page in document.pages), boxes):
        paragraphs.setdefault(id(block), []).append(line)
    changed = 0
    for lines in paragraphs.values():
        if len(lines) >= 2 and _lone(lines[-1], boxes) and _pull(lines[-2], lines[-1], boxes):
            changed += 1
    return changed


def _paragraph_lines(roots: Iterator[Any], boxes: Any) -> Iterator[tuple[Any, Any]]:
    """(paragraph or heading element, line box) for the lines of paragraphs and headings set
    justified or from the left, in order."""
    stack = list(roots)[::-1]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox):
            continue
        children = getattr(box, "children", None) or []
        if (
            isinstance(box, boxes.BlockContainerBox)
            and box.element_tag in PARAGRAPH_TAGS
            and box.style["text_align_all"] in ("justify", "start", "left")
        ):
            for child in children:
                if isinstance(child, boxes.LineBox):
                    yield (box.element if box.element is not None else box), child
        stack.extend(
            reversed([child for child in children if not isinstance(child, boxes.LineBox)])
        )


def _texts(line: Any, boxes: Any) -> list[Any]:
    """The line's text boxes, in order."""
    found = []
    stack = [line]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.TextBox):
            found.append(box)
        else:
            stack.extend(reversed(getattr(box, "children", None) or []))
    return found


def _lone(line: Any, boxes: Any) -> bool:
    """Whether the line holds one character, punctuation aside."""
    text = "".join(box.text for box in _texts(line, boxes))
    core = [char for char in text if char not in MARKS and char not in NO_LINE_START]
    return len(core) == 1 and not text[:1].isspace()


def _pull(above: Any, last: Any, boxes: Any) -> bool:
    """Move the last characters of the line `above` to the start of `last`; False when they may not."""
    upper, lower = _texts(above, boxes), _texts(last, boxes)
    if not upper or not lower:
        return False
    tail, head = upper[-1], lower[0]
    same = tail.element is head.element and tail.element_tag == head.element_tag
    if not same or any(box.justification_spacing for box in upper):
        return False
    count = next(
        (
            count
            for count in range(1, MOST_MOVED + 1)
            if len(tail.text) - count >= LEAST_LEFT
            and tail.text[-count] not in NO_LINE_START
            and tail.text[-count - 1] not in NO_LINE_END
        ),
        None,
    )
    if count is None:
        return False
    moved = tail.text[-count:]
    _shift(above, tail, _set_text(tail, tail.text[:-count]))
    _shift(last, head, _set_text(head, moved + head.text))
    return True


def _set_text(box: Any, text: str) -> float:
    """Give a text box new text and a Pango layout for it; how much wider it became."""
    from weasyprint.text.line_break import create_layout, line_size

    layout = create_layout(text, box.style, None, None, 0)
    first, _index = layout.get_first_line()
    width, _height = line_size(first, box.style)
    layout.deactivate()
    change = width - box.width
    box.text, box.pango_layout, box.width = text, layout, width
    return change


def _shift(parent: Any, box: Any, change: float) -> bool:
    """After `box` changed width by `change`: widen the boxes holding it inside `parent` and move
    those that follow it; True when `box` is inside `parent`."""
    found = False
    for child in getattr(parent, "children", None) or []:
        if found:
            child.translate(dx=change)
        elif child is box or _shift(child, box, change):
            found = True
    if found:
        parent.width += change
    return found
