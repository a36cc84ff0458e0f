"""The 版记 on the foot of the document's last page, an even page (GB/T 9704-2012 7.4.1, 7.5).

The 版记 (`div.imprint`) ends the document, after the plan the notice sends (附件 come before it, 7.3.7).
Printed on both sides, the last face is an even page, so plan.css starts it on one (`break-before: left`):
WeasyPrint lays it out alone there, after a blank page when the plan ended on an even page. This pass,
on the laid-out pages before drawing,

- moves it back onto that even page when it fits under the plan's last line with a line to spare, and
  drops the blank page and its own;
- else leaves the blank page and the 版记 page without page numbers, as 7.5 asks;
- moves it down so that its last rule lies on the foot of the text block (7.4.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .boxtree import walk

IMPRINT_CLASS = "imprint"


def place_imprint(document: Any) -> str:
    """Put the 版记 of a rendered WeasyPrint document at the foot of its last page; what was done:
    "none" (no 版记), "alone" (on an even page of its own), "moved" (under the plan's last line)
    or "after-blank" (a blank page before it, neither numbered)."""
    from weasyprint.formatting_structure import boxes

    pages = [page._page_box for page in document.pages]
    found = next(
        ((index, box) for index, page in enumerate(pages) for box in _imprints(page)), None
    )
    if found is None:
        return "none"
    index, imprint = found
    outcome = "alone"
    if index >= 2 and pages[index - 1].page_type.blank:
        target = pages[index - 2]
        room = _foot(target) - _content_bottom(target, boxes)
        if room >= imprint.margin_height() + _line(target):
            _flow(pages[index]).children.remove(imprint)
            flow = _flow(target)
            flow.children = [*flow.children, imprint]
            imprint.translate(0, _content_bottom(target, boxes) - imprint.position_y)
            del document.pages[index - 1 : index + 1]
            index, outcome = index - 2, "moved"
        else:
            for page in pages[index - 1 : index + 1]:
                page.children = [child for child in page.children if not _is_margin(child, boxes)]
            outcome = "after-blank"
    page = document.pages[index]._page_box
    imprint.translate(0, _foot(page) - imprint.border_box_y() - imprint.border_height())
    return outcome


def _imprints(page: Any) -> Iterator[Any]:
    for box in walk(page):
        element = getattr(box, "element", None)
        if (
            element is not None
            and getattr(box, "element_tag", None) == "div"
            and IMPRINT_CLASS in (element.get("class") or "").split()
        ):
            yield box


def _flow(page: Any) -> Any:
    """The page's fragment of <body>, which holds the document's blocks."""
    root = page.children[0]
    return root.children[-1]


def _foot(page: Any) -> float:
    """The bottom of the page's text block."""
    return page.content_box_y() + page.height


def _line(page: Any) -> float:
    """One body line (the root's line height)."""
    height = page.children[0].style["line_height"]
    return float(getattr(height, "value", 0) or 0)


def _is_margin(box: Any, boxes: Any) -> bool:
    return isinstance(box, boxes.MarginBox)


def _content_bottom(page: Any, boxes: Any) -> float:
    """The lowest line, rule or image the page prints in its text block."""
    bottom = page.content_box_y()
    for box in walk(page.children[0]):
        if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
            bottom = max(bottom, box.position_y + box.margin_height())
        elif isinstance(box, boxes.BlockLevelBox) and box.border_bottom_width:
            bottom = max(bottom, box.border_box_y() + box.border_height())
    return bottom
