"""The laid-out PDF read back: every glyph with its position, font and colour, every rule and frame.

OFD places each glyph itself, so it needs a layout; the PDF writer has made one. This is a small
interpreter of the content-stream operators WeasyPrint writes (q Q cm, BT Tm Tf TJ Tj ET, rg RG w,
m l c v y h re S f f* B, clipping, marked content, Do of an image) over pikepdf's parser. Positions
come out in millimetres from the top left corner of the page, as OFD wants them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from .images import Image, PlacedImage, is_image, read_image

MM_PER_PT = 25.4 / 72
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Step = tuple[float, ...]
FLIP: Matrix = (1.0, 0.0, 0.0, -1.0, 0.0, 1.0)
"""OFD's image unit square (rows from the top) → PDF's (rows from the bottom)."""


@dataclass
class Font:
    """An embedded font of the PDF: its name, its file, which glyph each code draws and means."""

    key: str
    """The PDF font object's id, unique within the document."""
    name: str
    family: str
    data: bytes
    suffix: str
    """otf or ttf."""
    widths: dict[int, float]
    default_width: float
    unicode: dict[int, str]
    """Glyph id (= 2-byte code, Identity-H) → the characters it stands for (ToUnicode)."""
    cmap: dict[int, int] = field(default_factory=dict)
    """Code point → glyph id in the font file's own cmap (what a reader draws for a character)."""


@dataclass
class Glyph:
    gid: int
    text: str
    x: float
    y: float
    """The baseline origin, mm from the page's top left."""
    advance: float


@dataclass
class TextRun:
    """Glyphs drawn by one TJ on one baseline in one font, size and colour."""

    font: Font
    size: float
    """The em size, mm."""
    color: tuple[int, int, int]
    glyphs: list[Glyph]


@dataclass
class Shape:
    """A path drawn once: stroked rules or filled rectangles."""

    segments: list[list[Step]]
    """Subpaths, mm from the page's top left: a point (x, y) starts the subpath or draws a line to it,
    (x1, y1, x2, y2, x, y) a cubic Bézier curve; a closed subpath repeats its first point."""
    stroke: tuple[int, int, int] | None
    fill: tuple[int, int, int] | None
    line_width: float


@dataclass
class Page:
    width: float
    height: float
    """mm."""
    items: list[TextRun | Shape | PlacedImage] = field(default_factory=list)


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: tuple[int, int, int] = (0, 0, 0)
    stroke: tuple[int, int, int] = (0, 0, 0)
    line_width: float = 1.0


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """first × second, PDF's row-vector convention (first applied first)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = second
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


class Reader:
    """Reads the pages of one PDF, sharing its fonts between them."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.fonts: dict[str, Font] = {}
        self.images: dict[str, Image] = {}
        self.unplaced: dict[str, int] = {}
        """Operators met that this reader does not place (Do of a form, sh, scn of a pattern), with
        counts."""

    def pages(self) -> list[Page]:
        return [self.page(page) for page in self.pdf.pages]

    def page(self, page: Any) -> Page:
        import pikepdf

        x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
        height_pt = y1 - y0
        out = Page((x1 - x0) * MM_PER_PT, height_pt * MM_PER_PT)
        to_mm: Matrix = (MM_PER_PT, 0.0, 0.0, -MM_PER_PT, -x0 * MM_PER_PT, y1 * MM_PER_PT)
        resources = page.get("/Resources", pikepdf.Dictionary())
        fonts = resources.get("/Font", pikepdf.Dictionary())
        xobjects = resources.get("/XObject", pikepdf.Dictionary())
        state, stack = _State(), []
        path: list[list[Step]] = []
        text_matrix: Matrix = IDENTITY
        font: Font | None = None
        size = 0.0
        for instruction in pikepdf.parse_content_stream(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(_State(state.ctm, state.fill, state.stroke, state.line_width))
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm":
                state.ctm = multiply(_numbers(operands), state.ctm)
            elif op == "rg":
                state.fill = _rgb(operands)
            elif op == "RG":
                state.stroke = _rgb(operands)
            elif op == "g":
                state.fill = _gray(operands)
            elif op == "G":
                state.stroke = _gray(operands)
            elif op == "w":
                state.line_width = float(operands[0])
            elif op == "BT":
                text_matrix = IDENTITY
            elif op == "Tm":
                text_matrix = _numbers(operands)
            elif op == "Td":
                text_matrix = multiply(
                    (1, 0, 0, 1, float(operands[0]), float(operands[1])), text_matrix
                )
            elif op == "Tf":
                font = self.font(fonts[operands[0]])
                size = float(operands[1])
            elif op in ("TJ", "Tj") and font is not None:
                parts = operands[0] if op == "TJ" else [operands[0]]
                device = multiply(multiply(text_matrix, state.ctm), to_mm)
                run, advance = self.run(parts, font, size, device, state.fill)
                text_matrix = multiply((1, 0, 0, 1, advance, 0), text_matrix)
                if run.glyphs:
                    out.items.append(run)
            elif op == "m":
                path.append([self.point(operands, state.ctm, to_mm)])
            elif op == "l" and path:
                path[-1].append(self.point(operands, state.ctm, to_mm))
            elif op in ("c", "v", "y") and path and path[-1]:
                path[-1].append(self.curve(op, operands, path[-1][-1][-2:], state.ctm, to_mm))
            elif op == "h" and path and path[-1]:
                path[-1].append(path[-1][0])
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
                path.append([apply(multiply(state.ctm, to_mm), *corner) for corner in corners])
            elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*"):
                stroke = state.stroke if op[0] in "SsBb" else None
                fill = state.fill if op[0] in "fFBb" else None
                width = state.line_width * _scale(multiply(state.ctm, to_mm))
                if path:
                    out.items.append(Shape(path, stroke, fill, width))
                path = []
            elif op == "n":
                path = []  # a clipping path: WeasyPrint clips to what it draws anyway
            elif op == "Do" and is_image(xobject := xobjects.get(operands[0], {})):
                placed = multiply(FLIP, multiply(state.ctm, to_mm))
                out.items.append(PlacedImage(self.image(xobject), placed))
            elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
                self.unplaced["scn"] = self.unplaced.get("scn", 0) + 1
            elif op in ("Do", "sh", "BI"):
                self.unplaced[op] = self.unplaced.get(op, 0) + 1
        out.items = joined(out.items)
        return out

    def point(self, operands: Any, ctm: Matrix, to_mm: Matrix) -> tuple[float, float]:
        return apply(multiply(ctm, to_mm), float(operands[0]), float(operands[1]))

    def curve(self, op: str, operands: Any, current: Step, ctm: Matrix, to_mm: Matrix) -> Step:
        """c, v (first control point at the current point) or y (second at the end) as one step."""
        points = [self.point(operands[i : i + 2], ctm, to_mm) for i in range(0, len(operands), 2)]
        if op == "v":
            points = [(current[0], current[1]), *points]
        elif op == "y":
            points = [*points, points[-1]]
        return (*points[0], *points[1], *points[2])

    def run(
        self, parts: Any, font: Font, size: float, device: Matrix, color: tuple[int, int, int]
    ) -> tuple[TextRun, float]:
        """The glyphs one TJ draws, and how far it moves the text position (text space)."""
        import pikepdf

        scale = _scale(device)
        glyphs: list[Glyph] = []
        position = 0.0
        for part in parts:
            if isinstance(part, pikepdf.String):
                codes = bytes(part)
                for index in range(0, len(codes) - 1, 2):
                    gid = codes[index] << 8 | codes[index + 1]
                    advance = font.widths.get(gid, font.default_width) / 1000 * size
                    x, y = apply(device, position, 0.0)
                    glyphs.append(Glyph(gid, font.unicode.get(gid, ""), x, y, advance * scale))
                    position += advance
            else:
                position -= float(part) / 1000 * size
        return TextRun(font, size * scale, color, glyphs), position

    def image(self, xobject: Any) -> Image:
        key = f"{xobject.objgen[0]}-{xobject.objgen[1]}"
        if key not in self.images:
            self.images[key] = read_image(key, xobject)
        return self.images[key]

    def font(self, font: Any) -> Font:
        key = f"{font.objgen[0]}-{font.objgen[1]}"
        if key not in self.fonts:
            self.fonts[key] = read_font(key, font)
        return self.fonts[key]


def joined(
    items: list[TextRun | Shape | PlacedImage],
) -> list[TextRun | Shape | PlacedImage]:
    """The items with each stretch of runs drawn one after another on one baseline put in
    left-to-right order (WeasyPrint draws a leader's dots from the right) and joined where font,
    size and colour go on: a line's spans become one TextObject, as readers expect."""
    out: list[TextRun | Shape | PlacedImage] = []
    line: list[TextRun] = []
    for item in [*items, None]:
        if isinstance(item, TextRun) and (not line or _same_line(line[0], item)):
            line.append(item)
            continue
        for run in sorted(line, key=lambda found: found.glyphs[0].x):
            last = out[-1] if out else None
            if isinstance(last, TextRun) and _goes_on(last, run):
                last.glyphs.extend(run.glyphs)
            else:
                out.append(run)
        line = [item] if isinstance(item, TextRun) else []
        if item is not None and not isinstance(item, TextRun):
            out.append(item)
    return out


def _same_line(first: TextRun, run: TextRun) -> bool:
    return abs(first.glyphs[0].y - run.glyphs[0].y) < 0.01


def _goes_on(last: TextRun, run: TextRun) -> bool:
    return (
        (last.font, last.size, last.color) == (run.font, run.size, run.color)
        and abs(last.glyphs[-1].y - run.glyphs[0].y) < 0.01
        and run.glyphs[0].x >= last.glyphs[-1].x + last.glyphs[-1].advance - 0.01
    )


def read_font(key: str, font: Any) -> Font:
    """A Type0 (Identity-H) or simple font's file, widths and meanings."""
    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = descendant.FontDescriptor
    data, suffix = b"", "ttf"
    for entry, kind in (("/FontFile3", "otf"), ("/FontFile2", "ttf"), ("/FontFile", "pfb")):
        if entry in descriptor:
            data, suffix = descriptor[entry].read_bytes(), kind
            break
    name = re.sub(r"^[A-Z]{6}\+", "", str(font.BaseFont)[1:])
    widths = _widths(descendant.get("/W")) if "/W" in descendant else {}
    unicode = _to_unicode(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else {}
    found = Font(key, name, name, data, suffix, widths, float(descendant.get("/DW", 1000)), unicode)
    _read_cmap(found)
    return found


def _read_cmap(font: Font) -> None:
    """The font file's family name and cmap (a reader maps characters to glyphs through it)."""
    from fontTools.ttLib import TTFont

    try:
        parsed = TTFont(io.BytesIO(font.data), lazy=True)
        font.family = parsed["name"].getBestFamilyName() or font.name
        order = {name: index for index, name in enumerate(parsed.getGlyphOrder())}
        font.cmap = {point: order[name] for point, name in (parsed.getBestCmap() or {}).items()}
    except Exception:  # a font fontTools cannot read keeps its PDF name and no cmap
        font.cmap = {}


def _widths(array: Any) -> dict[int, float]:
    """A CIDFont /W array: `c [w1 w2 …]` or `c_first c_last w`."""
    import pikepdf

    widths: dict[int, float] = {}
    items = list(array)
    index = 0
    while index < len(items) - 1:
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            for offset, width in enumerate(items[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            last, width = int(items[index + 1]), float(items[index + 2])
            for code in range(first, last + 1):
                widths[code] = width
            index += 3
    return widths


HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries."""
    found: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = HEX.findall(block)
        for source, target in zip(codes[::2], codes[1::2]):
            found[int(source, 16)] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            codes = HEX.findall(line)
            if len(codes) < 3:
                continue
            first, last = int(codes[0], 16), int(codes[1], 16)
            if b"[" in line:
                for offset, target in enumerate(codes[2:]):
                    found[first + offset] = _utf16(target)
            else:
                start = _utf16(codes[2])
                for offset in range(last - first + 1):
                    found[first + offset] = start[:-1] + chr(ord(start[-1]) + offset)
    return found


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be", errors="replace")


def _numbers(operands: Any) -> Matrix:
    a, b, c, d, e, f = (float(value) for value in operands)
    return (a, b, c, d, e, f)


def _rgb(operands: Any) -> tuple[int, int, int]:
    r, g, b = (round(float(value) * 255) for value in operands[:3])
    return (r, g, b)


def _gray(operands: Any) -> tuple[int, int, int]:
    level = round(float(operands[0]) * 255)
    return (level, level, level)


def _scale(matrix: Matrix) -> float:
    """How much `matrix` scales a length (the mean of its axes)."""
    a, b, c, d, _, _ = matrix
    return ((a * a + b * b) ** 0.5 + (c * c + d * d) ** 0.5) / 2
