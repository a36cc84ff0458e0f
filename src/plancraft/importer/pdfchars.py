"""The characters of a PDF page with their places and fonts, read by PDFium, and the lines they stand on.

PDFium (pypdfium2, which pdfplumber already needs) reads a page's text some five times faster than
pdfminer; pdfplumber is kept for what only it does, finding ruled tables, on the pages that draw lines.
The characters come as pdfplumber gives them: text, x0, x1, top, bottom (from the page's top), size and
fontname.
"""

from __future__ import annotations

import ctypes
from typing import Any

LINE_TOLERANCE = 3.0
"""Characters whose tops differ by at most this many points stand on one line (as in pdfplumber)."""
NAME_BYTES = 256
ASCENT = 0.88
"""The share of the font size above the baseline: a character's box is one em high, as pdfminer's is."""


def page_chars(page: Any) -> list[dict[str, Any]]:
    """The visible characters of a pypdfium2 page, in the order the page draws them."""
    import pypdfium2.raw as pdfium

    textpage = page.get_textpage()
    height = float(page.get_height())
    box, matrix = pdfium.FS_RECTF(), pdfium.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int | None, str] = {}
    chars = []
    try:
        for index in range(textpage.count_chars()):
            text = chr(pdfium.FPDFText_GetUnicode(textpage, index))
            if not text.strip() or pdfium.FPDFText_IsGenerated(textpage, index) == 1:
                continue
            pdfium.FPDFText_GetLooseCharBox(textpage, index, box)
            pdfium.FPDFText_GetCharOrigin(textpage, index, x, y)
            pdfium.FPDFText_GetMatrix(textpage, index, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            size = float(pdfium.FPDFText_GetFontSize(textpage, index)) * (scale or 1.0)
            baseline = height - y.value
            font = pdfium.FPDFTextObj_GetFont(pdfium.FPDFText_GetTextObject(textpage, index))
            key = ctypes.cast(font, ctypes.c_void_p).value
            if key not in fonts:
                fonts[key] = _font_name(pdfium, font)
            chars.append(
                {
                    "text": text,
                    "x0": float(box.left),
                    "x1": float(box.right),
                    "top": baseline - ASCENT * size,
                    "bottom": baseline + (1 - ASCENT) * size,
                    "size": size,
                    "fontname": fonts[key],
                }
            )
    finally:
        textpage.close()
    return chars


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
