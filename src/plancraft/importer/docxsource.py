"""Reading a Word (.docx) plan: paragraphs with heading levels, automatic numbers and bold leads,
text boxes, tracked changes taken as accepted, and tables with merges."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compile.numbering import chinese
from ..i18n import ngettext
from ..limits import IMPORT_FILE_BYTES, is_xml_part, member_chunks, open_docx, read_member
from ..source.confine import read_confined
from .blocks import Block, Grid, GridCell, Line
from .patterns import CAPTION_RE, NOTE_RE, clean, is_heading, is_prose_end

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
HEADING_STYLE_RE = re.compile(r"^(?:Heading|标题)\s*([1-9])$", re.I)
TOC_STYLE_RE = re.compile(r"^(?:toc|目录)\s*[1-9]$", re.I)
TOC_TITLE_RE = re.compile(r"^目\s*录$")
CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographDigital",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}
ARABIC_FORMATS = {"decimal", "decimalFullWidth", "decimalHalfWidth", "decimalZero"}
SKIPPED = {
    W + "del",
    W + "moveFrom",
    W + "txbxContent",
    MC_FALLBACK,
    W + "instrText",
    W + "delText",
}
CHANGES = (W + "ins", W + "del", W + "moveFrom", W + "moveTo")


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class _Numbering:
    """Word's numbering definitions, and the running counts of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counts: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints next in list `num_id` at level `ilvl`: 第一部分, 二、, （三）."""
        levels = self.levels.get(num_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt not in CHINESE_FORMATS | ARABIC_FORMATS:
            return ""
        counts = self.counts.setdefault(num_id, {})
        start = self.starts.get((num_id, ilvl), level.start)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            value = counts.get(index, shown.start if shown else 1)
            return chinese(value) if shown and shown.fmt in CHINESE_FORMATS else str(value)

        return re.sub(r"%([1-9])", number, level.text)


def _numbering(document: Any) -> _Numbering:
    numbering = _Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.findall(W + "abstractNum"):
        levels = {}
        for lvl in node.findall(W + "lvl"):
            levels[int(lvl.get(W + "ilvl", "0"))] = _Level(
                int(_val(lvl, "start") or 1),
                _val(lvl, "numFmt") or "decimal",
                _val(lvl, "lvlText") or "",
            )
        abstract[node.get(W + "abstractNumId", "")] = levels
    for node in root.findall(W + "num"):
        num_id = node.get(W + "numId", "")
        numbering.levels[num_id] = abstract.get(_val(node, "abstractNumId") or "", {})
        for override in node.findall(W + "lvlOverride"):
            start = _val(override, "startOverride")
            if start:
                numbering.starts[(num_id, int(override.get(W + "ilvl", "0")))] = int(start)
    return numbering


def _val(node: Any, child: str) -> str | None:
    found = node.find(W + child)
    return found.get(W + "val") if found is not None else None


@dataclass
class _Style:
    name: str
    outline: int | None
    num: tuple[str, int] | None


def _styles(document: Any) -> dict[str, _Style]:
    """Each paragraph style's name, outline level and list numbering, inherited through basedOn."""
    raw: dict[str, tuple[str, str | None, int | None, tuple[str, int] | None]] = {}
    for style in document.styles.element.findall(W + "style"):
        ppr = style.find(W + "pPr")
        level = _val(ppr, "outlineLvl") if ppr is not None else None
        raw[style.get(W + "styleId", "")] = (
            _val(style, "name") or "",
            _val(style, "basedOn"),
            int(level) if level is not None else None,
            _num_pr(ppr),
        )
    resolved: dict[str, _Style] = {}
    for style_id, (name, based, outline, num) in raw.items():
        seen = {style_id}
        while based and based in raw and based not in seen and (outline is None or num is None):
            seen.add(based)
            _, next_based, base_outline, base_num = raw[based]
            outline = outline if outline is not None else base_outline
            num = num or base_num
            based = next_based
        resolved[style_id] = _Style(name, outline, num)
    return resolved


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id = _val(numpr, "numId")
    return (num_id, int(_val(numpr, "ilvl") or 0)) if num_id and num_id != "0" else None


def _text(node: Any) -> str:
    """The text of a paragraph as accepted: insertions kept, deletions and text boxes left out."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            if child.tag in SKIPPED:
                continue
            if child.tag == W + "t":
                parts.append(child.text or "")
            elif child.tag in (W + "tab", W + "br"):
                parts.append(" ")
            else:
                walk(child)

    walk(node)
    return "".join(parts)


class _Reader:
    """Walks the body of a .docx keeping list counts, and collects notes on what it changed."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _numbering(document)
        self.styles = _styles(document)
        self.blocks: list[Block] = []
        self.index = 0
        self.in_toc = False

    def paragraph(self, node: Any) -> None:
        from docx.text.paragraph import Paragraph

        self.index += 1
        index = self.index
        ppr = node.find(W + "pPr")
        style = self.styles.get(_val(ppr, "pStyle") or "Normal" if ppr is not None else "Normal")
        text = clean(_text(node))
        num = _num_pr(ppr) or (style.num if style else None)
        label = self.numbering.label(*num) if num else ""
        if text and label and not is_heading(text):
            text = clean(f"{label} {text}" if label.startswith("第") else label + text)
        in_toc = bool(style and TOC_STYLE_RE.match(style.name))
        if text and in_toc and not self.in_toc and not self._after_toc_title():
            self.blocks.append(Line(index, "目录"))
        self.in_toc = in_toc
        if text:
            if self.blocks and isinstance(self.blocks[-1], Grid) and NOTE_RE.match(text):
                self.blocks[-1].notes.append(text)
            else:
                paragraph = Paragraph(node, self.document)
                self.blocks.append(
                    Line(index, text, _bold_lead(paragraph), self.level(ppr, style, text))
                )
        for box in node.iter(W + "txbxContent"):
            if not any(parent.tag == MC_FALLBACK for parent in box.iterancestors()):
                for inner in box.iter(W + "p"):
                    self.paragraph(inner)

    def _after_toc_title(self) -> bool:
        last = self.blocks[-1] if self.blocks else None
        return isinstance(last, Line) and bool(TOC_TITLE_RE.match(last.text))

    def level(self, ppr: Any, style: _Style | None, text: str) -> int:
        """The heading level of a paragraph without a typed number: its style or outline level."""
        if is_heading(text):
            return 0
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        if outline is not None and int(outline) < 9:
            return int(outline) + 1
        match = HEADING_STYLE_RE.match(style.name if style else "")
        if match:
            return int(match.group(1))
        return style.outline + 1 if style and style.outline is not None and style.outline < 9 else 0

    def table(self, node: Any) -> None:
        from docx.table import Table

        self.index += 1
        grid = _grid(Table(node, self.document), self.index)
        if self.blocks and isinstance(self.blocks[-1], Line):
            caption = self.blocks[-1].text
            match = CAPTION_RE.match(caption)
            if match:
                grid.caption, grid.caption_number = clean(match.group(2)), int(match.group(1))
                self.blocks.pop()
            elif not is_prose_end(caption) and not is_heading(caption) and len(caption) <= 60:
                grid.caption = caption
                self.blocks.pop()
        self.blocks.append(grid)


def xml_only(data: bytes) -> bytes:
    """The .docx in `data`, checked against the DOCX_ limits and unpacked whole, with every part but
    the XML emptied: import reads text only, and python-docx would keep each image in memory."""
    package = io.BytesIO()
    with open_docx(data) as archive, zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            if is_xml_part(info.filename):
                out.writestr(info.filename, read_member(archive, info.filename))
            else:
                for _chunk in member_chunks(archive, info.filename):
                    pass
                out.writestr(info.filename, b"")
    return package.getvalue()


def read_docx(path: Path, notes: list | None = None) -> list[Block]:
    """The blocks of a .docx in body order; the 'line' of a block is its paragraph index."""
    from docx import Document as open_document

    data = read_confined(path, None, IMPORT_FILE_BYTES)
    document = open_document(io.BytesIO(xml_only(data)))
    del data
    reader = _Reader(document)
    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            reader.paragraph(child)
        elif child.tag == W + "tbl":
            reader.table(child)
    changes = sum(1 for node in document.element.body.iter(*CHANGES))
    if changes and notes is not None:
        from .structure import Note

        notes.append(
            Note(
                0,
                ngettext(
                    "{count} tracked change taken as accepted (insertions kept, deletions dropped)",
                    "{count} tracked changes taken as accepted (insertions kept, deletions dropped)",
                    changes,
                ).format(count=changes),
                "import-changes",
            )
        )
    return reader.blocks


def _bold_lead(paragraph: Any) -> str:
    """The paragraph's opening sentence when it is set in bold runs."""
    lead = ""
    for run in paragraph.runs:
        if not run.bold:
            break
        lead += run.text
    lead = clean(lead)
    full = clean(paragraph.text)
    return lead if lead and lead.endswith("。") and len(lead) < len(full) else ""


def _grid(table: Any, index: int) -> Grid:
    """A Word table: gridSpan becomes colspans, vMerge None cells below their origin."""
    rows: list[list[GridCell | None]] = []
    for tr in table._tbl.tr_lst:
        row: list[GridCell | None] = []
        for tc in tr.tc_lst:
            text = clean("".join(_text(p) for p in tc.iter(W + "p")))
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
