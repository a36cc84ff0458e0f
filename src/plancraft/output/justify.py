"""Justify CJK lines: spread each non-final line's slack over its inter-character gaps.

WeasyPrint 70 justifies by widening spaces only, so a Chinese line with no spaces keeps the gap
避头尾 leaves at its end. This pass runs on the laid-out pages before drawing: for every line of a
justified paragraph but its last, it widens the letter spacing of the line's text boxes (Pango draws
the glyphs further apart; the text itself is untouched, so copying and pdftotext stay exact) and
moves the boxes after each one along.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TO_UNITS = 1024
"""Pango units per CSS pixel (PANGO_SCALE)."""
MIN_SLACK = 0.05
"""Slack (CSS px) below which a line is left alone."""
MAX_SPACING = 16.0
"""The most extra space (CSS px) put between two characters; a line needing more is left ragged."""


def justify_document(document: Any) -> int:
    """Justify every non-final line of the justified paragraphs of a rendered WeasyPrint document.

    Returns the number of lines changed.
    """
    _ensure_class()
    lines = list(_justified_lines(page._page_box for page in document.pages))
    last_of: dict[int, Any] = {}
    for element, line, _right in lines:
        last_of[id(element)] = line
    changed = 0
    for element, line, right in lines:
        if last_of[id(element)] is not line and justify_line(line, right):
            changed += 1
    return changed


def _justified_lines(roots: Iterator[Any]) -> Iterator[tuple[Any, Any, float]]:
    """(paragraph element, line box, right edge of the text block) for lines of justified blocks."""
    from weasyprint.formatting_structure import boxes

    stack = list(roots)[::-1]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox):
            continue
        children = getattr(box, "children", None) or []
        if isinstance(box, boxes.BlockContainerBox) and box.style["text_align_all"] == "justify":
            right = box.content_box_x() + box.width
            for child in children:
                if isinstance(child, boxes.LineBox):
                    yield box.element if box.element is not None else box, child, right
        blocks = [child for child in children if not isinstance(child, boxes.LineBox)]
        stack.extend(reversed(blocks))


def justify_line(line: Any, right: float) -> bool:
    """Stretch one line box so that its last glyph ends at `right`; True when it was changed."""
    texts = list(_text_boxes(line))
    if not texts or any(box.justification_spacing for box in texts) or _forced_break(line):
        return False
    gaps = sum(len(box.text) for box in texts) - 1
    last = texts[-1]
    slack = right - (last.position_x + last.width - _letter_spacing(last))
    if gaps < 1 or slack < MIN_SLACK or slack / gaps > MAX_SPACING:
        return False
    _spread(line, slack / gaps, 0.0)
    return True


def _forced_break(line: Any) -> bool:
    """Whether the line ends in a <br>: a forced break ends a line as a paragraph's end does."""
    box = line
    while getattr(box, "children", None):
        box = box.children[-1]
        if getattr(box, "element_tag", None) == "br":
            return True
    return False


def _text_boxes(box: Any) -> Iterator[Any]:
    """The text boxes of a line, in order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        if box.text:
            yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            yield from _text_boxes(child)


def _letter_spacing(box: Any) -> float:
    """A box's CSS letter spacing in px (0 for normal)."""
    spacing = box.style["letter_spacing"]
    return 0.0 if spacing == "normal" else float(spacing)


def _spread(box: Any, extra: float, advance: float) -> float:
    """Move `box` right by `advance`, widen the gaps inside it by `extra`; the advance after it."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        box.position_x += advance
        count = len(box.text)
        if count:
            _widen(box, extra)
            box.width += (count - 1) * extra
            advance += count * extra
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += advance
        before = advance
        for child in box.children:
            if child.is_in_normal_flow():
                advance = _spread(child, extra, advance)
        box.width += advance - before
        if isinstance(box, boxes.LineBox):
            box.width -= extra
    else:
        box.translate(advance, 0)
    return advance


def _widen(box: Any, extra: float) -> None:
    """Make the box's Pango layout draw its glyphs `extra` px further apart."""
    layout = box.pango_layout
    layout.__class__ = _SpreadLayout
    layout.extra_spacing = extra


def _spread_layout_class() -> type:
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import Layout

    class SpreadLayout(Layout):
        """A WeasyPrint layout drawn with extra letter spacing between its characters."""

        extra_spacing = 0.0

        def set_text(self, text: str, justify: bool = False) -> None:
            super().set_text(text, justify)
            if not self.text or not self.extra_spacing:
                return
            spacing = self.style["letter_spacing"]
            base = 0.0 if spacing == "normal" else float(spacing)
            encoded = self.text.encode()
            attributes = pango.pango_layout_get_attributes(self.layout)
            if attributes == ffi.NULL:
                attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
            spacing_units = int((base + self.extra_spacing) * TO_UNITS)
            attribute = pango.pango_attr_letter_spacing_new(spacing_units)
            attribute.start_index, attribute.end_index = 0, len(encoded)
            pango.pango_attr_list_change(attributes, attribute)
            pango.pango_layout_set_attributes(self.layout, attributes)

    return SpreadLayout


_SpreadLayout: Any = None


def _ensure_class() -> None:
    """Make the layout class (it needs WeasyPrint, imported only when a PDF is made)."""
    global _SpreadLayout
    if _SpreadLayout is None:
        _SpreadLayout = _spread_layout_class()
