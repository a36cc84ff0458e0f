"""CFF (OpenType) font subsets rewritten with TrueType outlines: many OFD readers (数科, 福昕) take only
TrueType. Each cubic outline is made quadratic (fontTools' cu2qu, within 1 unit per em) and reversed to
TrueType's clockwise direction; the glyf and loca tables are written here directly (fontTools' own glyf
compiler costs more than the whole conversion); glyph ids, metrics and the cmap stay as they were.
"""

from __future__ import annotations

import dataclasses
import io
import math
import struct
from typing import TYPE_CHECKING, Any

from .glyphcache import GlyphCache, charstring_key

if TYPE_CHECKING:
    from .layout import Font

MAX_ERROR = 1.0
"""The farthest a quadratic outline may stray from the cubic, in font units (1/1000 em here)."""
CONVERSION = f"cu2qu {MAX_ERROR} reversed, glyf records v1"
"""What the glyph cache's keys say about how a glyph was converted; change it with the conversion."""

ENDCHAR = b"\x0e"
"""A charstring that draws nothing."""
Point = tuple[int, int, bool]
"""x, y in font units, on the curve or a quadratic control point."""


def with_truetype_outlines(font: Font, cache: GlyphCache | None = None) -> Font:
    """The font with its file made TrueType; a font fontTools cannot convert is kept as it is."""
    if font.suffix != "otf":
        return font
    try:
        return dataclasses.replace(font, data=to_truetype(font.data, cache), suffix="ttf")
    except Exception:  # a CFF subset fontTools cannot read stays CFF (readers may fall back)
        return font


class _QuadraticPen:
    """Collects a CFF glyph's contours as TrueType points, each curve made quadratic."""

    def __init__(self) -> None:
        self.contours: list[list[tuple[float, float, bool]]] = []

    def moveTo(self, point: tuple[float, float]) -> None:
        self.contours.append([(point[0], point[1], True)])

    def lineTo(self, point: tuple[float, float]) -> None:
        self.contours[-1].append((point[0], point[1], True))

    def curveTo(self, *points: tuple[float, float]) -> None:
        from fontTools.cu2qu import curve_to_quadratic

        start = self.contours[-1][-1][:2]
        spline = curve_to_quadratic((start, *points), MAX_ERROR)
        self.contours[-1].extend((x, y, False) for x, y in spline[1:-1])
        self.contours[-1].append((points[-1][0], points[-1][1], True))

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        self.contours[-1].extend((x, y, False) for x, y in points[:-1])
        self.contours[-1].append((points[-1][0], points[-1][1], True))

    def closePath(self) -> None:
        contour = self.contours[-1]
        if len(contour) > 1 and contour[0] == contour[-1]:
            contour.pop()

    endPath = closePath

    def addComponent(self, name: str, transformation: Any) -> None:
        raise ValueError("CFF glyphs have no components")

    def points(self) -> list[list[Point]]:
        """The contours rounded to font units and reversed (CFF runs counter-clockwise)."""
        out = []
        for contour in self.contours:
            if len(contour) < 2:
                continue
            reversed_contour = [contour[0], *contour[:0:-1]]
            out.append([(_round(x), _round(y), on) for x, y, on in reversed_contour])
        return out


def _round(value: float) -> int:
    return math.floor(value + 0.5)


def _delta(value: int, short: int, same_or_positive: int) -> tuple[int, bytes]:
    """A coordinate delta's flag bits and bytes (one byte when it fits, none when zero)."""
    if value == 0:
        return same_or_positive, b""
    if -255 <= value <= 255:
        return short | (same_or_positive if value > 0 else 0), bytes((abs(value),))
    return 0, struct.pack(">h", value)


def glyph_record(contours: list[list[Point]]) -> tuple[bytes, tuple[int, int, int, int]]:
    """A simple glyph's glyf record (no instructions, padded to 4 bytes) and its bounding box."""
    points = [point for contour in contours for point in contour]
    box = (
        min(x for x, _, _ in points),
        min(y for _, y, _ in points),
        max(x for x, _, _ in points),
        max(y for _, y, _ in points),
    )
    ends, count = [], 0
    for contour in contours:
        count += len(contour)
        ends.append(count - 1)
    flags, xs, ys = bytearray(), bytearray(), bytearray()
    last_x = last_y = 0
    for x, y, on in points:
        x_flag, x_bytes = _delta(x - last_x, 0x02, 0x10)
        y_flag, y_bytes = _delta(y - last_y, 0x04, 0x20)
        flags.append(int(on) | x_flag | y_flag)
        xs += x_bytes
        ys += y_bytes
        last_x, last_y = x, y
    record = (
        struct.pack(">hhhhh", len(contours), *box)
        + struct.pack(f">{len(ends)}H", *ends)
        + b"\0\0"
        + flags
        + xs
        + ys
    )
    return record + b"\0" * (-len(record) % 4), box


def to_truetype(data: bytes, cache: GlyphCache | None = None) -> bytes:
    """An OpenType font with CFF outlines as the same font with TrueType (glyf) outlines; glyphs
    found in `cache` are taken from it (only when the font calls no subroutines)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    keyed = cache is not None and _calls_no_subroutines(font)
    metrics = font["hmtx"].metrics
    glyf, offsets, boxes = bytearray(), [0], []
    most_points = most_contours = 0
    for name in order:
        bytecode = _bytecode(charstrings[name])
        if bytecode == ENDCHAR:  # a glyph the subset keeps only to keep the glyph ids
            offsets.append(len(glyf))
            continue
        key = charstring_key(bytecode, CONVERSION) if keyed else None
        found = cache.get(key) if cache is not None and key is not None else None
        if found is None:
            pen = _QuadraticPen()
            glyph_set[name].draw(pen)
            contours = pen.points()
            if contours:
                found = glyph_record(contours)
                if cache is not None and key is not None:
                    cache.put(key, *found)
        if found is not None:
            record, box = found
            glyf += record
            boxes.append((name, box))
            metrics[name] = (metrics[name][0], box[0])
            most_points = max(most_points, _point_count(record))
            most_contours = max(most_contours, _contour_count(record))
        offsets.append(len(glyf))
    font["glyf"], font["loca"] = DefaultTable("glyf"), DefaultTable("loca")
    font["glyf"].data = bytes(glyf)
    font["loca"].data = struct.pack(f">{len(offsets)}L", *offsets)
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    _update_head_and_hhea(font, boxes, metrics)
    font["maxp"] = _maxp(len(order), most_points, most_contours)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def _calls_no_subroutines(font: Any) -> bool:
    """Whether the CFF has no subroutines, so a glyph's charstring bytes alone give its outline."""
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    privates = [fd.Private for fd in top.FDArray] if hasattr(top, "FDArray") else [top.Private]
    return not len(cff.GlobalSubrs) and not any(
        len(getattr(p, "Subrs", None) or []) for p in privates
    )


def _bytecode(charstring: Any) -> bytes:
    if getattr(charstring, "bytecode", None) is None:
        charstring.compile()
    return bytes(charstring.bytecode)


def _contour_count(record: bytes) -> int:
    return struct.unpack_from(">h", record)[0]


def _point_count(record: bytes) -> int:
    """One more than the last contour's end point."""
    contours = _contour_count(record)
    return struct.unpack_from(">H", record, 10 + 2 * (contours - 1))[0] + 1


def _update_head_and_hhea(
    font: Any, boxes: list[tuple[str, tuple[int, int, int, int]]], metrics: dict
) -> None:
    """The font's bounding box, long offsets, and the horizontal extremes of the new outlines."""
    head, hhea = font["head"], font["hhea"]
    head.indexToLocFormat, head.glyphDataFormat = 1, 0
    if not boxes:
        return
    head.xMin = min(box[0] for _, box in boxes)
    head.yMin = min(box[1] for _, box in boxes)
    head.xMax = max(box[2] for _, box in boxes)
    head.yMax = max(box[3] for _, box in boxes)
    hhea.minLeftSideBearing = min(box[0] for _, box in boxes)
    hhea.minRightSideBearing = min(metrics[name][0] - box[2] for name, box in boxes)
    hhea.xMaxExtent = max(box[2] for _, box in boxes)


def _maxp(glyphs: int, points: int, contours: int) -> Any:
    """maxp version 1.0 for an unhinted TrueType font without composite glyphs."""
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs, maxp.maxPoints, maxp.maxContours = glyphs, points, contours
    for field in (
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    return maxp
