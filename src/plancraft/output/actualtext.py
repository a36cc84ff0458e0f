"""Draw each compressed punctuation run inside an ActualText span (ISO 32000-1, 14.9.4).

A narrowed mark keeps its full-width glyph, so its box overlaps the next mark's; poppler (pdftotext,
Evince's copy) would then split the line into words or lines. Marked content whose ActualText is the
run's characters makes readers take those characters, spread over the run's true extent, instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .punctuation import RUN_CLASS

_installed = False


def install() -> None:
    """Wrap WeasyPrint's inline drawing once per process; boxes not made by plancraft are drawn as before."""
    global _installed
    if _installed:
        return
    from weasyprint import draw

    draw.draw_inline_level = _with_actual_text(draw.draw_inline_level)
    _installed = True


def _with_actual_text(draw_inline_level: Callable[..., None]) -> Callable[..., None]:
    import pydyf

    def draw_inline(stream: Any, page: Any, box: Any, *args: Any, **kwargs: Any) -> None:
        text = run_text(box)
        if text is None:
            draw_inline_level(stream, page, box, *args, **kwargs)
            return
        properties = pydyf.Dictionary({"ActualText": pydyf.String(text)})
        stream.begin_marked_content("Span", properties)
        try:
            draw_inline_level(stream, page, box, *args, **kwargs)
        finally:
            stream.end_marked_content()

    return draw_inline


def run_text(box: Any) -> str | None:
    """The characters of a compressed punctuation run's box (a fragment of it on a line), else None."""
    element = getattr(box, "element", None)
    if element is None or box.element_tag != "span":
        return None
    if RUN_CLASS not in (element.get("class") or "").split():
        return None
    return "".join(_texts(box))


def _texts(box: Any) -> Iterator[str]:
    text = getattr(box, "text", None)
    if text is not None:
        yield text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)
