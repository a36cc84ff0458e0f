"""Reading a Word (.docx) plan: paragraphs with their heading level and bold lead, and tables with merges."""
from __future__ import annotations

import re
from pathlib import Path

from .blocks import Block, Grid, GridCell, Line
from .patterns import CAPTION_RE, NOTE_RE, clean, is_heading, is_prose_end

HEADING_STYLE_RE = re.compile(r"^(?:Heading|标题)\s*([1-6])$", re.I)


def read_docx(path: Path) -> list[Block]:
    """The blocks of a .docx document in body order; the 'line' of a block is its paragraph index."""
    from docx import Document as open_document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = open_document(str(path))
    blocks: list[Block] = []
    index = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        index += 1
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = clean(paragraph.text)
            if not text:
                continue
            if blocks and isinstance(blocks[-1], Grid) and NOTE_RE.match(text):
                blocks[-1].notes.append(text)
                continue
            blocks.append(Line(index, text, _bold_lead(paragraph), _heading_level(paragraph, text)))
        elif tag == "tbl":
            grid = _grid(Table(child, document), index)
            if blocks and isinstance(blocks[-1], Line):
                caption = blocks[-1].text
                match = CAPTION_RE.match(caption)
                if match:
                    grid.caption, grid.caption_number = clean(match.group(2)), int(match.group(1))
                    blocks.pop()
                elif not is_prose_end(caption) and not is_heading(caption) and len(caption) <= 60:
                    grid.caption = caption
                    blocks.pop()
            blocks.append(grid)
    return blocks


def _heading_level(paragraph, text: str) -> int:
    """The level of a heading styled as one whose number Word supplies (so the text carries none)."""
    match = HEADING_STYLE_RE.match(paragraph.style.name if paragraph.style is not None else "")
    if match and not is_heading(text):
        return int(match.group(1))
    return 0


def _bold_lead(paragraph) -> str:
    """The paragraph's opening sentence when it is set in bold runs."""
    lead = ""
    for run in paragraph.runs:
        if not run.bold:
            break
        lead += run.text
    lead = clean(lead)
    full = clean(paragraph.text)
    return lead if lead and lead.endswith("。") and len(lead) < len(full) else ""


def _grid(table, index: int) -> Grid:
    """A Word table: horizontal merges become colspans, vertical merges None cells below their origin."""
    rows: list[list[GridCell | None]] = []
    for tr in table._tbl.tr_lst:
        row: list[GridCell | None] = []
        for tc in tr.tc_lst:
            text = clean("".join(node.text or "" for node in tc.iter() if node.tag.endswith("}t")))
            if tc.vMerge == "continue":
                row.append(None)
                row.extend([None] * (tc.grid_span - 1))
            else:
                row.append(GridCell(text, tc.grid_span))
        rows.append(row)
    header = [[cell or GridCell("") for cell in rows[0]]] if rows else []
    body = rows[1:]
    names = [re.sub(r"\s+", "", cell.text) for cell in header[0]] if header else []
    seq = names.index("序号") if "序号" in names else None
    return Grid(index, header, body, seq_column=seq, group_columns=seq or 0)
