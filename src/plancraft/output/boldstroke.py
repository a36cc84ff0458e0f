"""Bold without a bold face: stroke the glyph outlines as well as filling them (PDF text mode 2).

仿宋 and 楷体 come without a bold face (FandolFang, FandolKai, 仿宋_GB2312), and WeasyPrint 70 draws
the regular glyphs for `font-weight: bold` (it synthesizes no bold). This wrap draws the text of a bold
box whose font has no bold face with rendering mode 2 (fill, then stroke) and a line as wide as
STROKE of the font size, in the text's colour: the strokes thicken each stem by that width, the way
xdvipdfmx's fake bold and FOP's simulated styles do. The text, its glyphs, widths and positions are
untouched, so layout, line breaks and extracted text stay exactly as before; a run in a real bold
face (FandolSong Bold for titles, FandolHei Bold, Noto Serif CJK Bold) is drawn as before.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

STROKE = 0.035
"""Stroke width as a fraction of the font size (0.56 pt at 三号); each stem gains that much."""
BOLD_WEIGHT = 600
"""The CSS weight from which text is bold."""
FILL_STROKE = 2
FILL = 0

_installed = False


def install() -> None:
    """Wrap WeasyPrint's text drawing once per process; text that is not bold is drawn as before."""
    global _installed
    if _installed:
        return
    from weasyprint import draw

    draw.draw_text = _with_stroke(draw.draw_text)
    _installed = True


def _with_stroke(draw_text: Callable[..., Any]) -> Callable[..., Any]:
    def draw_bold(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        if textbox.style["font_weight"] < BOLD_WEIGHT:
            return draw_text(stream, textbox, *args, **kwargs)
        stream.set_color(textbox.style["color"], stroke=True)
        stream.set_line_width(round(STROKE * textbox.style["font_size"], 3))
        set_font_size = stream.set_font_size
        stroking = [False]

        def set_font(font_hash: str, size: float) -> None:
            wanted = not has_bold_face(_font(stream, font_hash))
            if wanted != stroking[0]:
                stream.set_text_rendering(FILL_STROKE if wanted else FILL)
                stroking[0] = wanted
            set_font_size(font_hash, size)

        stream.set_font_size = set_font
        try:
            return draw_text(stream, textbox, *args, **kwargs)
        finally:
            del stream.set_font_size
            if stroking[0]:
                stream.set_text_rendering(FILL)

    return draw_bold


def _font(stream: Any, font_hash: str) -> Any:
    """The stream's font object whose resource name is `font_hash`."""
    return next(font for font in stream._fonts.values() if font.hash == font_hash)


def has_bold_face(font: Any) -> bool:
    """Whether a WeasyPrint font's face is itself bold (usWeightClass, fsSelection or macStyle)."""
    known = getattr(font, "plancraft_bold_face", None)
    if known is None:
        known = face_is_bold(_table(font.hb_face, b"OS/2"), _table(font.hb_face, b"head"))
        font.plancraft_bold_face = known
    return bool(known)


def face_is_bold(os2: bytes, head: bytes) -> bool:
    """Whether OS/2 and head tables describe a bold face."""
    if len(os2) >= 64:
        weight, selection = (
            struct.unpack_from(">H", os2, 4)[0],
            struct.unpack_from(">H", os2, 62)[0],
        )
        if weight >= BOLD_WEIGHT or selection & 0x20:
            return True
    return len(head) >= 46 and bool(struct.unpack_from(">H", head, 44)[0] & 1)


def _table(face: Any, tag: bytes) -> bytes:
    """The bytes of one OpenType table of a HarfBuzz face (empty when absent)."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return bytes(ffi.buffer(data, length[0])) if length[0] else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)
