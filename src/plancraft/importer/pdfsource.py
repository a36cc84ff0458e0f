"""Reading a text PDF by position: page furniture by place and repetition, wrapped lines re-joined, tables."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from ..limits import IMPORT_FILE_BYTES
from ..source.confine import read_confined
from .blocks import Block, Grid, GridCell, Line
from .patterns import BOX_RE, CAPTION_RE, NOTE_RE, is_heading
from .pdfchars import RuledPage, draws_lines, page_chars, text_lines
from .pdflayout import Layout, find_layout
from .structure import Note

MARGIN = 0.11
"""The top and bottom share of a page where running heads and page numbers stand (GB/T 9704 sets the
page number's dashes 7 mm under the text block, whose foot is 35 mm above the sheet's edge: its top
is about 31 mm, 10.4% of an A4 page, above the edge)."""
REPEATED_MIN = 3
"""A margin line on this many pages (digits aside) is a running head or foot."""
GAP_CHARS = 1.8
"""A gap between words wider than this many characters separates table cells."""
FULL_CHARS = 1.6
"""A line ending within this many characters of its column's right edge runs on."""
HEADING_GAP = 1.2
"""A heading's second line sits closer than this many characters below its first."""
LINES_PER_PAGE = 100
"""Lines are numbered page × 100 + line on the page, so that 1205 is page 12, line 5."""
PAGES_PER_WORKER = 20
"""A PDF is read by several processes, one per core, when each gets at least this many pages …"""
MAX_WORKERS = 4
"""… and by at most this many."""
BOLD_FONT_RE = re.compile(r"bold|heavy|black|hei|黑", re.IGNORECASE)
PAGE_DIGITS_RE = re.compile(r"[0-9]+")


class ScannedPdf(ValueError):
    """A PDF without a text layer."""


@dataclass
class PdfLine:
    """A line of text as placed on a page."""

    page: int
    number: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False


@dataclass
class PdfPage:
    """The lines and the ruled tables (by their top, left and right) of one page, and its columns."""

    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    tables: list[tuple[tuple[float, float, float], Grid]] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)


def read_pdf(path: Path, notes: list[Note] | None = None) -> list[Block]:
    """The blocks of a text PDF, in reading order; a PDF without text is refused as scanned."""
    import pypdfium2

    notes = notes if notes is not None else []
    data = read_confined(path, None, IMPORT_FILE_BYTES)
    document = pypdfium2.PdfDocument(data)
    count = len(document)
    document.close()
    workers = min(os.cpu_count() or 1, MAX_WORKERS, count // PAGES_PER_WORKER)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        cuts = [count * part // workers for part in range(workers + 1)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = pool.map(_read_pages, [data] * workers, cuts, cuts[1:])
            pages = [page for part in parts for page in part]
    else:
        pages = _read_pages(data, 0, count)
    if not any(page.lines for page in pages):
        raise ScannedPdf(
            _(
                "{file} has no text layer (a scanned PDF?): run OCR on it first, or import a "
                "Word or text copy"
            ).format(file=path.name)
        )
    _drop_margins(pages, notes)
    return _blocks(pages, notes)


def _read_pages(data: bytes, start: int, end: int) -> list[PdfPage]:
    """Pages start … end − 1 (from 0) of a PDF, read by one process."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [_page(index + 1, document[index]) for index in range(start, end)]
    finally:
        document.close()


def _tables(
    number: int, page: Any, chars: list[dict[str, Any]]
) -> list[tuple[tuple[float, float, float, float], Grid]]:
    """The ruled tables pdfplumber's table finder sees in the page's ruling lines, with their boxes."""
    from pdfplumber.table import TableFinder

    found = []
    for table in TableFinder(RuledPage(page, chars)).tables:  # type: ignore[arg-type]
        rows = table.extract()
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            x0, top, x1, bottom = (float(value) for value in table.bbox)
            found.append(((x0, top, x1, bottom), _grid(number * LINES_PER_PAGE, rows)))
    return found


def _page(number: int, page: Any) -> PdfPage:
    chars = page_chars(page)
    tables = _tables(number, page, chars) if draws_lines(page) else []
    found = PdfPage(number, float(page.get_width()), float(page.get_height()))
    found.tables = [((box[1], box[0], box[2]), grid) for box, grid in tables]

    def outside(char: dict[str, Any]) -> bool:
        middle_x = (char["x0"] + char["x1"]) / 2
        middle_y = (char["top"] + char["bottom"]) / 2
        return not any(
            x0 <= middle_x <= x1 and top <= middle_y <= bottom
            for (x0, top, x1, bottom), _grid in tables
        )

    lines = text_lines([char for char in chars if outside(char)])
    found.layout = find_layout(lines, found.width)
    pieces = [piece for line in lines for piece in found.layout.split(line)]
    pieces.sort(key=lambda piece: found.layout.key(*_extent(piece)[:3]))
    for index, piece in enumerate(pieces, start=1):
        size = Counter(round(char["size"], 1) for char in piece).most_common(1)[0][0]
        top, x0, x1, bottom = _extent(piece)
        found.lines.append(
            PdfLine(
                number,
                number * LINES_PER_PAGE + min(index, LINES_PER_PAGE - 1),
                _spaced(piece, size),
                x0,
                x1,
                top,
                bottom,
                size,
                all(BOLD_FONT_RE.search(char.get("fontname", "")) for char in piece),
            )
        )
    return found


def _extent(chars: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """Top, left, right and bottom of a run of characters, in the order Layout.key takes them."""
    return (
        float(min(char["top"] for char in chars)),
        float(min(char["x0"] for char in chars)),
        float(max(char["x1"] for char in chars)),
        float(max(char["bottom"] for char in chars)),
    )


def _spaced(chars: list[dict[str, Any]], size: float) -> str:
    """The line's text, with a tab where a wide gap separates two cells of an unruled table."""
    out = [chars[0]["text"]]
    for before, char in zip(chars, chars[1:]):
        gap = char["x0"] - before["x1"]
        if gap > GAP_CHARS * size and before["text"] not in "：:":
            out.append("\t")
        elif gap > 0.5 * size:
            out.append(" ")
        out.append(char["text"])
    return "".join(out)


def _grid(line: int, rows: list[list[str | None]]) -> Grid:
    """A ruled table: in the header a merged cell spans columns, in the body it spans rows."""
    width = max(len(row) for row in rows)
    texts = [[_cell_text(cell) for cell in row] + [None] * (width - len(row)) for row in rows]
    header: list[GridCell] = []
    for text in texts[0]:
        if text is None and header:
            header[-1].colspan += 1
        else:
            header.append(GridCell(text or ""))
    body: list[list[GridCell | None]] = []
    for row in texts[1:]:
        body.append([None if text is None and body else GridCell(text or "") for text in row])
    seq = next(
        (i for i, cell in enumerate(texts[0]) if (cell or "").replace(" ", "") == "序号"), None
    )
    return Grid(line, [header], body, seq_column=seq, group_columns=seq or 0)


def _cell_text(cell: str | None) -> str | None:
    if cell is None:
        return None
    return re.sub(r"\s*\n\s*", "", cell).strip()


def _drop_margins(pages: list[PdfPage], notes: list[Note]) -> None:
    """Running heads and feet go: margin lines repeated on several pages, digits aside."""

    def key(line: PdfLine) -> str:
        return PAGE_DIGITS_RE.sub("#", re.sub(r"\s+", "", line.text))

    def in_margin(page: PdfPage, line: PdfLine) -> bool:
        return line.bottom < page.height * MARGIN or line.top > page.height * (1 - MARGIN)

    counts = Counter(
        text
        for page in pages
        for text in {key(line) for line in page.lines if in_margin(page, line)}
    )
    dropped = 0
    first = 0
    for page in pages:
        kept = []
        for line in page.lines:
            bare = key(line)
            if in_margin(page, line) and (
                counts[bare] >= REPEATED_MIN
                or re.fullmatch(r"[—－\-–#\s页第共/]*#[—－\-–#\s页第共/]*", bare)
            ):
                dropped += 1
                first = first or line.number
                continue
            kept.append(line)
        page.lines = kept
    if dropped:
        notes.append(
            Note(
                first,
                ngettext(
                    "dropped {count} running head, foot or page number of the PDF",
                    "dropped {count} running heads, feet and page numbers of the PDF",
                    dropped,
                ).format(count=dropped),
                "import-furniture",
            )
        )


def _blocks(pages: list[PdfPage], notes: list[Note]) -> list[Block]:
    """Lines re-joined into paragraphs, ruled tables in their place, unruled ones by their tabs."""
    from .textsource import read_lines

    blocks: list[Block] = []
    pending: list[PdfLine] = []
    joined = 0
    for page in pages:
        items: list[tuple[tuple[int, int, float], PdfLine | Grid]] = [
            (page.layout.key(line.top, line.x0, line.x1), line) for line in page.lines
        ]
        items += [(page.layout.key(*place), grid) for place, grid in page.tables]
        items.sort(key=lambda item: item[0])
        for _place, item in items:
            if isinstance(item, Grid):
                blocks.extend(_paragraphs(pending, read_lines))
                pending = []
                _add_table(blocks, item)
                continue
            if pending and _runs_on(pending[-1], item, page.lines):
                pending[-1] = _joined(pending[-1], item)
                joined += 1
            else:
                pending.append(item)
    blocks.extend(_paragraphs(pending, read_lines))
    if joined:
        notes.append(
            Note(
                pages[0].number * LINES_PER_PAGE,
                ngettext(
                    "re-joined {count} line the PDF wrapped",
                    "re-joined {count} lines the PDF wrapped",
                    joined,
                ).format(count=joined),
                "import-pdf",
            )
        )
    return blocks


def _paragraphs(lines: list[PdfLine], read_lines: Any) -> list[Block]:
    bold = {line.number: line.text for line in lines if line.bold}
    return list(read_lines([(line.number, line.text) for line in lines], bold))


def _add_table(blocks: list[Block], grid: Grid) -> None:
    """A ruled table; one continuing the table just before it (its header repeated or not) joins it."""
    previous = blocks[-1] if blocks else None
    if isinstance(previous, Grid) and previous.width == grid.width:
        same_header = [c.text for c in previous.header[0]] == [c.text for c in grid.header[0]]
        if not same_header:
            previous.rows.append(list(grid.header[0]))
        previous.rows.extend(grid.rows)
        return
    if isinstance(previous, Line):
        caption = CAPTION_RE.match(previous.text)
        if caption or (
            len(previous.text) <= 60
            and not is_heading(previous.text)
            and not previous.text.endswith("。")
        ):
            blocks.pop()
            grid.caption = caption.group(2) if caption else previous.text
            grid.caption_number = int(caption.group(1)) if caption else None
    blocks.append(grid)


def _joined(before: PdfLine, line: PdfLine) -> PdfLine:
    """`before` with `line` run on (a space only between two Latin letters or digits)."""
    space = (
        " "
        if before.text[-1:].isascii() and line.text[:1].isascii() and before.text[-1:].isalnum()
        else ""
    )
    return PdfLine(
        before.page,
        before.number,
        before.text + space + line.text,
        line.x0,
        line.x1,
        before.top,
        line.bottom,
        before.size,
        before.bold,
    )


def _runs_on(before: PdfLine, line: PdfLine, lines: list[PdfLine]) -> bool:
    """Whether `line` continues `before`: `before` fills its column and `line` is not indented or numbered."""
    if "\t" in before.text or "\t" in line.text or before.bold != line.bold:
        return False
    if is_heading(line.text) or BOX_RE.match(line.text) or NOTE_RE.match(line.text):
        return False
    if abs(before.size - line.size) > 0.5:
        return False
    column = [other for other in lines if abs(other.x0 - before.x0) < 3 * before.size]
    right = max((other.x1 for other in column), default=before.x1)
    full = before.x1 >= right - FULL_CHARS * before.size and len(column) >= 3
    if is_heading(before.text) and before.page == line.page:
        below = 0 <= line.top - before.bottom < HEADING_GAP * line.size
        reaches = before.x1 >= max(other.x1 for other in lines) - FULL_CHARS * before.size
        return below and reaches and not line.text.endswith("。")
    own = [other.x0 for other in lines if abs(other.x0 - line.x0) < 3 * line.size]
    indented = line.x0 > min(own, default=line.x0) + 0.8 * line.size
    return full and not indented
