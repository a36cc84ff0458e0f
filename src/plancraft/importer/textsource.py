"""Reading a plain-text extraction: paragraphs one per line, tables as tab- or line-separated cells."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..limits import IMPORT_FILE_BYTES
from ..source.confine import read_confined
from .blocks import Block, Grid, GridCell, Line
from .columns import indicator_fields
from .markdown import looks_like_markdown, unmark
from .patterns import (
    BOOKMARK_RE,
    CAPTION_RE,
    NOTE_RE,
    clean,
    is_heading,
    is_prose_end,
    strip_spaces,
)
from .structure import Note

HEADER_WORDS = {"序号", "领域", "指标", "主要指标"}
CAPTION_WORDS = {"主要指标", "规划指标"}
HEADER_CELL_RE = re.compile(
    r"^(序号|领域|子领域|类别|板块|分类|[一二三]级指标|(主要)?指标(名称|值|性质|属性|类型)?|单位|计量单位|"
    r"“?(十[三四五]五”?)?(20[0-9]{2}年?)?(现状|完成|基期|目标|规划|预期)?值?|规划目标|属性|性质|备注|方式)$"
)
NATURE_CELL_RE = re.compile(r"^[【\[]?(约束|预期)性?(指标)?[】\]]?$")
SHORT_CELL = 40
GROUP_WINDOW = 8
"""How many cells may stand between one row's last cell and the next 序号 (the group cells of a new 领域)."""


def read_text(path: Path, notes: list[Note] | None = None) -> list[Block]:
    """The blocks of a .txt or .md plan: lines, with table regions parsed into grids."""
    raw = read_confined(path, None, IMPORT_FILE_BYTES).decode("utf-8-sig")
    lines = [
        (number, BOOKMARK_RE.sub("", line).replace("\u3000", " ").rstrip(" \r\n"))
        for number, line in enumerate(raw.splitlines(), start=1)
    ]
    bold: dict[int, str] = {}
    box_ends: dict[int, int] = {}
    if path.suffix.lower() in (".md", ".markdown") or looks_like_markdown(lines):
        unmarked = unmark(lines)
        lines = [(line.number, line.text) for line in unmarked.lines]
        bold = {line.number: line.bold_lead for line in unmarked.lines if line.bold_lead}
        box_ends = unmarked.box_ends
        if notes is not None:
            notes.extend(unmarked.notes)
    blocks = read_lines(lines, bold)
    for block in blocks:
        if isinstance(block, Line) and block.line in box_ends:
            block.box_until = box_ends[block.line]
    return blocks


def read_lines(lines: list[tuple[int, str]], bold: dict[int, str] | None = None) -> list[Block]:
    """Blocks from numbered lines of text (bold leads by line number, from Markdown or a PDF)."""
    bold = bold or {}
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        end = _table_end(lines, index)
        if end > index:
            grid = parse_region(lines[index:end])
            _attach_caption(blocks, grid)
            index = _attach_notes(lines, end, grid)
            blocks.append(grid)
            continue
        number, text = lines[index]
        if text.strip():
            blocks.append(Line(number, clean(text), clean(bold.get(number, ""))))
        index += 1
    return blocks


def _is_tabbed(text: str) -> bool:
    return "\t" in text


def _starts_cell(text: str) -> bool:
    """Whether a tabbed line holds table cells, not an indented heading, 专栏 line or paragraph."""
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
    if len(cells) > 1:
        return True
    return bool(cells) and not is_heading(cells[0]) and len(cells[0]) <= SHORT_CELL


def _untabbed_table_starts(lines: list[tuple[int, str]], index: int) -> bool:
    """A run of short lines naming table headers (序号 among them), as in cell-per-line extractions."""
    words = []
    for _, text in lines[index : index + 12]:
        text = text.strip()
        if not text:
            continue
        if len(text) > 12 or is_prose_end(text):
            break
        words.append(re.sub(r"\s+", "", text))
    first = words[0] if words else ""
    if "序号" in words[:6]:
        return (first in HEADER_WORDS or bool(HEADER_CELL_RE.match(first))) and len(words) >= 4
    header = _header_run(words)
    if header and "指标" in header[0] and indicator_fields(header[1:]) is not None:
        return False
    return len(header) >= 3 and len(words) > len(header) and indicator_fields(header) is not None


def _header_run(words: list[str]) -> list[str]:
    """The leading words that read as column headers."""
    run: list[str] = []
    for word in words:
        if not word or not HEADER_CELL_RE.match(word):
            break
        run.append(word)
    return run


def _table_end(lines: list[tuple[int, str]], index: int) -> int:
    """Where the table starting at `index` ends, or `index` if no table starts there."""
    text = lines[index][1]
    if _is_tabbed(text) and _starts_cell(text):
        tabbed = True
    elif _untabbed_table_starts(lines, index):
        tabbed = False
    else:
        return index
    end = index
    last_cell = index
    while end < len(lines):
        text = lines[end][1]
        stripped = text.strip()
        if not stripped:
            end += 1
            continue
        if tabbed and _is_tabbed(text):
            if not _starts_cell(text):
                break
            last_cell = end + 1
        elif NOTE_RE.match(stripped) or CAPTION_RE.match(stripped) or is_heading(stripped):
            break
        elif len(stripped) > SHORT_CELL or is_prose_end(stripped) and len(stripped) > 12:
            break
        else:
            last_cell = end + 1
        end += 1
    return last_cell


def _attach_caption(blocks: list[Block], grid: Grid) -> None:
    """Take the line before the table as its caption when it reads like one."""
    if not blocks or not isinstance(blocks[-1], Line):
        return
    text = blocks[-1].text
    match = CAPTION_RE.match(text)
    if match:
        grid.caption, grid.caption_number = clean(match.group(2)), int(match.group(1))
    elif (
        not is_prose_end(text)
        and not is_heading(text)
        and len(text) <= 60
        and (
            not HEADER_CELL_RE.match(re.sub(r"\s+", "", text))
            or re.sub(r"\s+", "", text) in CAPTION_WORDS
        )
    ):
        grid.caption = clean(text)
    else:
        return
    blocks.pop()


def _attach_notes(lines: list[tuple[int, str]], index: int, grid: Grid) -> int:
    """Take 注： / 备注： lines right after the table as its notes."""
    while index < len(lines):
        text = lines[index][1].strip()
        if not text:
            index += 1
            continue
        if not NOTE_RE.match(text):
            break
        grid.notes.append(clean(text))
        index += 1
    return index


def parse_region(region: list[tuple[int, str]]) -> Grid:
    """A table region of a text extraction as a grid."""
    line = next(number for number, text in region if text.strip())
    nonblank = [text for _, text in region if text.strip()]
    multi = sum(
        1
        for text in nonblank
        if len(text.split("\t")) > 2 or not text.startswith("\t") and "\t" in text
    )
    if multi * 2 >= len(nonblank):
        return _inline_rows(line, nonblank)
    tabbed = any(text.startswith("\t") for text in nonblank)
    tokens, breaks = _cell_tokens(region, tabbed)
    header_end = next(
        (
            i
            for i, token in enumerate(tokens)
            if not HEADER_CELL_RE.match(re.sub(r"\s+", "", token))
        ),
        None,
    )
    if (
        header_end
        and "序号" in [re.sub(r"\s+", "", t) for t in tokens[:header_end]]
        and "1" in tokens
    ):
        return _anchored_rows(line, tokens, header_end, tabbed)
    if not tabbed and header_end and header_end >= 3:
        header = [re.sub(r"\s+", "", token) for token in tokens[:header_end]]
        if "序号" not in header and indicator_fields(header) is not None:
            return _chunked_rows(line, tokens[:header_end], tokens[header_end:])
    return _blank_separated_rows(line, tokens, breaks)


def _inline_rows(line: int, texts: list[str]) -> Grid:
    """Rows written one per line with tab-separated cells (a leading empty cell is merged from above)."""
    rows = [[strip_spaces(cell) for cell in text.split("\t")] for text in texts]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header, body = rows[0], rows[1:]
    seq = _seq_column(header)
    grid = Grid(
        line, [[GridCell(text) for text in header]], [], seq_column=seq, group_columns=seq or 0
    )
    for row in body:
        if seq is not None and not row[seq] and grid.rows and not any(row[:seq]):
            previous = grid.rows[-1]
            for column, text in enumerate(row):
                above = previous[column]
                if text and above is not None:
                    previous[column] = GridCell(above.text + text)
            continue
        cells: list[GridCell | None] = []
        for column, text in enumerate(row):
            merged = seq is not None and column < seq and not text and bool(grid.rows)
            cells.append(None if merged else GridCell(text))
        grid.rows.append(cells)
    return grid


def _seq_column(header: list[str]) -> int | None:
    for column, text in enumerate(header):
        if re.sub(r"\s+", "", text) == "序号":
            return column
    return None


def _cell_tokens(region: list[tuple[int, str]], tabbed: bool) -> tuple[list[str], set[int]]:
    """Cells one per line; in tabbed extractions a line without a tab continues the cell before it."""
    tokens: list[str] = []
    breaks: set[int] = set()
    for _, text in region:
        if not text.strip() and not (tabbed and text.startswith("\t")):
            breaks.add(len(tokens))
            continue
        if tabbed and not text.startswith("\t") and tokens:
            tokens[-1] += clean(text)
            continue
        tokens.append(clean(text))
    return tokens, breaks


def _anchored_rows(line: int, tokens: list[str], header_end: int, tabbed: bool) -> Grid:
    """Rows found by their 序号 1, 2, 3 …; cells before a number are its group (领域, 子领域) cells."""
    header, data = tokens[:header_end], tokens[header_end:]
    anchors = _anchors(data, 2)
    group = anchors[0] if tabbed else 0
    gaps = Counter(b - a for a, b in zip(anchors, anchors[1:]))
    width = max((gaps.most_common(1)[0][0] - 1 - group) if gaps else len(data) - 1, 1)
    anchors = _anchors(data, width + 1) if tabbed else _row_anchors(data, width)
    header, data, anchors = _complete_header(header, data, anchors, width, tabbed)
    groups: list[list[str]] = []
    rows: list[list[str]] = []
    position = 0
    for anchor in anchors:
        groups.append(data[position:anchor])
        rows.append(data[anchor : anchor + 1 + width])
        position = anchor + 1 + width
    columns = max((len(cells) for cells in groups), default=0)
    if not tabbed:
        columns = 2 if any(len(cells) >= 2 for cells in groups) else min(columns, 1)
    grid = Grid(line, [], [], seq_column=columns, group_columns=columns)
    for cells, row in zip(groups, rows):
        grid.rows.append(
            _group_cells(cells, columns, tabbed)
            + [GridCell(text) for text in row]
            + [GridCell("")] * (1 + width - len(row))
        )
    grid.header = [_fit_header(header, columns, width)]
    leftover = data[position:]
    if leftover:
        grid.notes.extend(leftover)
    return grid


def _complete_header(
    header: list[str], data: list[str], anchors: list[int], width: int, tabbed: bool
) -> tuple[list[str], list[str], list[int]]:
    """Column names the header words did not know (项目名称, 建设内容 of a 专栏's project table) stand
    before the first 序号 1 of a one-cell-per-line table: they join the header, not the first row."""
    before = [re.sub(r"\s+", "", text) for text in header].index("序号")
    missing = width - (len(header) - 1 - before) - before
    if tabbed or missing <= 0 or not anchors or anchors[0] != missing:
        return header, data, anchors
    return header + data[:missing], data[missing:], [anchor - missing for anchor in anchors]


def _chunked_rows(line: int, header: list[str], data: list[str]) -> Grid:
    """Rows of a one-cell-per-line table without 序号: split after each nature cell, else by width.

    A row short of cells has its leading group cells merged from above; a row with cells to spare
    had its group cell broken over lines.
    """
    fields = indicator_fields([re.sub(r"\s+", "", text) for text in header]) or []
    width = len(header)
    groups = sum(1 for field in fields if field in ("domain", "subdomain"))
    chunks: list[list[str]] = []
    if fields and fields[-1] == "nature":
        current: list[str] = []
        for token in data:
            current.append(token)
            if NATURE_CELL_RE.match(re.sub(r"\s+", "", token)):
                chunks.append(current)
                current = []
        leftover = current
    else:
        whole = len(data) - len(data) % width
        chunks = [data[i : i + width] for i in range(0, whole, width)]
        leftover = data[whole:]
    grid = Grid(line, [[GridCell(text) for text in header]], [], group_columns=groups)
    for chunk in chunks:
        missing = width - len(chunk)
        if 0 < missing <= groups and grid.rows:
            merged: list[GridCell | None] = [None] * missing
            grid.rows.append(merged + _row_cells(chunk))
        elif missing < 0 and groups:
            extra = 1 - missing
            grid.rows.append(_row_cells(["".join(chunk[:extra])] + chunk[extra:]))
        else:
            grid.rows.append(_row_cells(chunk + [""] * max(missing, 0)))
    grid.notes.extend(leftover)
    return grid


def _row_cells(texts: list[str]) -> list[GridCell | None]:
    return [GridCell(text) for text in texts]


def _anchors(data: list[str], step: int) -> list[int]:
    anchors: list[int] = []
    position, number = 0, 1
    while True:
        try:
            found = data.index(str(number), position)
        except ValueError:
            return anchors
        anchors.append(found)
        position, number = found + step, number + 1


def _row_anchors(data: list[str], width: int) -> list[int]:
    """Rows of a one-cell-per-line table by their 序号, which may restart under each group."""
    if "1" not in data:
        return []
    first = data.index("1")
    anchors, number = [first], 1
    while True:
        start = anchors[-1] + 1 + width
        window = data[start : start + GROUP_WINDOW]
        follows = next((start + i for i, t in enumerate(window) if t == str(number + 1)), None)
        restart = next((start + i for i, t in enumerate(window[:4]) if t == "1" and i >= 1), None)
        if follows is None and restart is None:
            return anchors
        if restart is not None and (follows is None or restart < follows):
            number, follows = 1, restart
        else:
            number += 1
        anchors.append(follows)  # type: ignore[arg-type]


def _group_cells(cells: list[str], columns: int, tabbed: bool) -> list[GridCell | None]:
    if tabbed:
        if cells and cells[0] and len(cells) < columns:
            return _row_cells(cells + [""] * (columns - len(cells)))
        cells = cells + [""] * (columns - len(cells))
        return [GridCell(text) if text else None for text in cells[:columns]]
    if not cells:
        return [None] * columns
    if len(cells) >= 2 and columns >= 2:
        return [GridCell(cells[0]), GridCell("".join(cells[1:]))] + [None] * (columns - 2)
    return (
        [None] * (columns - 1) + [GridCell("".join(cells))]
        if columns >= 2
        else [GridCell("".join(cells))]
    )


def _fit_header(header: list[str], group: int, width: int) -> list[GridCell]:
    """Header cells laid over the grid: group headers span the group columns; missing ones stay empty."""
    names = [re.sub(r"\s+", "", text) for text in header]
    seq = names.index("序号")
    before, after = header[:seq], header[seq + 1 :]
    cells = [GridCell(text) for text in before[:group]]
    if group and cells:
        cells[-1].colspan += group - len(cells)
    elif group:
        cells = [GridCell("", group)]
    after = after[-width:] if width else []
    return (
        cells
        + [GridCell(header[seq])]
        + [GridCell("")] * (width - len(after))
        + [GridCell(t) for t in after]
    )


def _blank_separated_rows(line: int, tokens: list[str], breaks: set[int]) -> Grid:
    """Rows separated by blank lines, the first row being the header."""
    rows: list[list[str]] = []
    current: list[str] = []
    for index, token in enumerate(tokens):
        if index in breaks and current:
            rows.append(current)
            current = []
        current.append(token)
    if current:
        rows.append(current)
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Grid(
        line,
        [[GridCell(text) for text in rows[0]]],
        [[GridCell(text) for text in row] for row in rows[1:]],
    )
