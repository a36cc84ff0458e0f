"""The characters of a PDF page with their places and fonts, read by PDFium, and the lines they stand on.

PDFium (pypdfium2, which pdfplumber already needs) reads a page's text some five times faster than
pdfminer; pdfplumber is kept for what only it does, finding ruled tables, on the pages that draw lines.
The characters come as pdfplumber gives them: text, x0, x1, top, bottom (from the page's top), size and
fontname.
"""

from __future__ import annotations

import ctypes
import unicodedata
from typing import Any

LINE_TOLERANCE = 3.0
"""Characters whose tops differ by at most this many points stand on one line (as in pdfplumber)."""
NAME_BYTES = 256
WIDE_PUNCTUATION = "‘’“”…—※"
"""Punctuation of ambiguous width that Chinese text sets one em wide."""
ASCENT = 0.88
"""The share of the font size above the baseline: a character's box is one em high, as pdfminer's is."""


def page_chars(page: Any) -> list[dict[str, Any]]:
    """The visible characters of a pypdfium2 page, in the order the page draws them."""
    import pypdfium2.raw as pdfium

    textpage = page.get_textpage()
    height = float(page.get_height())
    box, matrix = pdfium.FS_RECTF(), pdfium.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    objects: dict[int | None, tuple[float, str]] = {}
    chars = []
    try:
        for index, text in enumerate(_texts(pdfium, textpage)):
            if not text.strip():
                continue
            found = pdfium.FPDFText_GetTextObject(textpage, index)
            key = ctypes.cast(found, ctypes.c_void_p).value
            if key not in objects:
                pdfium.FPDFText_GetMatrix(textpage, index, matrix)
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
                size = float(pdfium.FPDFText_GetFontSize(textpage, index)) * scale
                objects[key] = (size, _font_name(pdfium, pdfium.FPDFTextObj_GetFont(found)))
            size, fontname = objects[key]
            pdfium.FPDFText_GetCharOrigin(textpage, index, x, y)
            if wide(text):
                right = x.value + size
            else:
                pdfium.FPDFText_GetLooseCharBox(textpage, index, box)
                right = float(box.right)
            baseline = height - y.value
            chars.append(
                {
                    "text": text,
                    "x0": x.value,
                    "x1": right,
                    "top": baseline - ASCENT * size,
                    "bottom": baseline + (1 - ASCENT) * size,
                    "size": size,
                    "fontname": fontname,
                }
            )
    finally:
        textpage.close()
    return chars


def _texts(pdfium: Any, textpage: Any) -> list[str]:
    """The page's characters by index, read in one call (one by one where the page has a
    character outside the Basic Multilingual Plane, which takes two UTF-16 units)."""
    count = textpage.count_chars()
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    pdfium.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    texts = list(buffer.raw[: 2 * count].decode("utf-16-le", "surrogatepass"))
    if len(texts) == count and not any("\ud800" <= text <= "\udfff" for text in texts):
        return texts
    return [chr(pdfium.FPDFText_GetUnicode(textpage, index)) for index in range(count)]


def wide(text: str) -> bool:
    """Whether a character is set one em wide (Chinese characters and full-width punctuation)."""
    return unicodedata.east_asian_width(text) in "FW" or text in WIDE_PUNCTUATION


def _font_name(pdfium: Any, font: Any) -> str:
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(NAME_BYTES)
    length = pdfium.FPDFFont_GetBaseFontName(font, buffer, NAME_BYTES)
    return buffer.value.decode("utf-8", "replace") if length else ""


def draws_lines(page: Any) -> bool:
    """Whether a pypdfium2 page draws any path (a table's rules among them)."""
    import pypdfium2.raw as pdfium

    return next(iter(page.get_objects(filter=(pdfium.FPDF_PAGEOBJ_PATH,))), None) is not None


def text_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines by their tops, top to bottom, each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda char: (char["top"], char["x0"])):
        if lines and char["top"] - lines[-1][0]["top"] <= LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda char: char["x0"]) for line in lines]


RULE = 3.0
"""A path at most this many points thick is a ruled line; a larger one is a box with four edges."""


class RuledPage:
    """What pdfplumber's table finder asks of a page, from PDFium: its box, edges and characters."""

    def __init__(self, page: Any, chars: list[dict[str, Any]]) -> None:
        self.bbox = (0.0, 0.0, float(page.get_width()), float(page.get_height()))
        self.chars = [
            char | {"upright": True, "doctop": char["top"], "width": char["x1"] - char["x0"]}
            for char in chars
        ]
        self.edges = _edges(page, self.bbox[3])


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """The edges of a page's paths, as pdfplumber's page.edges: a thin path is one, a box four."""
    import pypdfium2.raw as pdfium

    edges: list[dict[str, Any]] = []
    for path in page.get_objects(filter=(pdfium.FPDF_PAGEOBJ_PATH,), max_depth=5):
        left, low, right, high = (float(value) for value in path.get_bounds())
        top, bottom = height - high, height - low
        if bottom - top <= RULE < right - left:
            middle = (top + bottom) / 2
            edges.append(_edge(left, right, middle, middle))
        elif right - left <= RULE < bottom - top:
            middle = (left + right) / 2
            edges.append(_edge(middle, middle, top, bottom))
        elif right - left > RULE and bottom - top > RULE:
            edges += [
                _edge(left, right, top, top),
                _edge(left, right, bottom, bottom),
                _edge(left, left, top, bottom),
                _edge(right, right, top, bottom),
            ]
    return edges


def _edge(x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if top == bottom else "v",
        "object_type": "line",
    }
