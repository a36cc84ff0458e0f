"""CFF (OpenType) font subsets rewritten with TrueType outlines: many OFD readers (数科, 福昕) take
only TrueType. The approach of fontTools' otf2ttf snippet: each cubic outline made quadratic (cu2qu,
within 1 unit per em), a glyf table in the same glyph order, so glyph ids and the cmap stay as they were.
"""

from __future__ import annotations

import dataclasses
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout import Font

MAX_ERROR = 1.0
"""The farthest a quadratic outline may stray from the cubic, in font units (1/1000 em here)."""


def with_truetype_outlines(font: Font) -> Font:
    """The font with its file made TrueType; a font fontTools cannot convert is kept as it is."""
    if font.suffix != "otf":
        return font
    try:
        return dataclasses.replace(font, data=to_truetype(font.data), suffix="ttf")
    except Exception:  # a CFF subset fontTools cannot read stays CFF (readers may fall back)
        return font


def to_truetype(data: bytes) -> bytes:
    """An OpenType font with CFF outlines as the same font with TrueType (glyf) outlines."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import OPTIMIZE_FONT_SPEED, TTFont, newTable

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, cfg={OPTIMIZE_FONT_SPEED: True})
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"], font["loca"] = glyf, newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    metrics = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[name] = (metrics[name][0], glyph.xMin)
    font["maxp"] = _maxp()
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def _maxp() -> object:
    """maxp version 1.0 for an unhinted TrueType font (the counts are filled in on saving)."""
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    return maxp
