"""Word variants of the corpus, written as Word writes them: heading styles, outline levels,
automatic numbering (第%1章, %1、, （%1）), a text box, a tracked change and merged cells."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from make_corpus import BOOKMARK, HERE, HIERARCHY, headings, kind_of, opening

from plancraft.importer.blocks import Grid, Line
from plancraft.importer.textsource import read_text

W_NS = nsdecls("w")
ABSTRACT = (
    '<w:abstractNum {ns} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
    "{levels}</w:abstractNum>"
)
LEVEL = (
    '<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
    '<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
)
TEXT_BOX = """<w:r {ns} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">
<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5000000" cy="1000000"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>
<a:ext cx="5000000" cy="1000000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
</wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>
</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
</mc:Choice><mc:Fallback><w:pict><v:shape style="width:400pt;height:80pt"><v:textbox>
<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>
</w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def _source_blocks(lines: list[str]) -> list:
    """The opening's paragraphs and tables as the text importer segments them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "opening.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return read_text(path)


def _add_numbering(document: docx.document.Document, forms: list[tuple[str, str]]) -> str:
    """An abstractNum with these (numFmt, lvlText) levels and a num using it; returns the numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        LEVEL.format(ilvl=i, fmt=fmt, text=text) for i, (fmt, text) in enumerate(forms)
    )
    numbering.insert(0, parse_xml(ABSTRACT.format(ns=W_NS, aid=90, levels=levels)))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _num_pr(num_id: str, ilvl: int) -> object:
    return parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )


def _table(document: docx.document.Document, grid: Grid) -> None:
    if grid.caption:
        number = f"表{grid.caption_number}：" if grid.caption_number is not None else ""
        document.add_paragraph(number + grid.caption)
    rows = [list(row) for row in grid.header] + [list(row) for row in grid.rows]
    width = grid.width
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            if cell is None:
                origin = r - 1
                while origin > 0 and rows[origin][column] is None:
                    origin -= 1
                table.cell(origin, column).merge(table.cell(r, column))
                column += 1
                continue
            target = table.cell(r, column)
            if cell.colspan > 1:
                target = target.merge(table.cell(r, column + cell.colspan - 1))
            target.text = cell.text
            column += cell.colspan
    for note in grid.notes:
        document.add_paragraph(note)


def _write(name: str, source: str, parts: int, heading, extra=None) -> dict:
    """A .docx of the opening of `source`, its headings written by `heading`."""
    lines, count = opening(source, parts)
    depth_of = {
        index + 1: (kind, depth) for index, kind, depth in headings(lines, HIERARCHY[source])
    }
    document = docx.Document()
    state = extra(document) if extra else None
    for block in _source_blocks(lines):
        if isinstance(block, Grid):
            _table(document, block)
            continue
        assert isinstance(block, Line)
        original = BOOKMARK.sub("", lines[block.line - 1]).strip()
        if block.line in depth_of:
            kind, depth = depth_of[block.line]
            title = original[kind_of(original, False)[1] :].strip()  # type: ignore[index]
            heading(document, title, kind, depth, state)
        else:
            document.add_paragraph(block.text)
    if state and "after" in state:
        state["after"](document)
    document.save(str(HERE / name))
    return {
        "source": source,
        "lines": count,
        "outline": [d for _, _, d in headings(lines, HIERARCHY[source])],
        "repairs": {},
    }


def _styled(document, title: str, kind: str, depth: int, state) -> None:
    """Heading 1–2, a 标题 3 style, and an outline level on a plain paragraph below."""
    if depth <= 2:
        document.add_paragraph(title, style=f"Heading {depth}")
    elif depth == 3:
        document.add_paragraph(title, style=state["标题 3"])
    else:
        paragraph = document.add_paragraph(title)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:outlineLvl {W_NS} w:val="{depth - 1}"/>')
        )


def _styled_setup(document) -> dict:
    style = document.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    return {"标题 3": style}


def _chapters_setup(document) -> dict:
    num_id = _add_numbering(
        document, [("chineseCounting", "第%1章"), ("chineseCounting", "第%2节")]
    )
    return {"num": num_id, "paragraphs": 0}


def _chapters(document, title: str, kind: str, depth: int, state) -> None:
    paragraph = document.add_paragraph(title, style=f"Heading {depth}")
    paragraph._p.get_or_add_pPr().insert(0, _num_pr(state["num"], depth - 1))
    state["paragraphs"] += 1
    if state["paragraphs"] == 2:
        _text_box(document, "这一段文字在文本框里：文本框中的内容也要导入。")
        _tracked(document)


def _text_box(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(TEXT_BOX.format(ns=W_NS, text=text)))


def _tracked(document) -> None:
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f"<w:r {W_NS}><w:t>修订后的句子保留插入的文字</w:t></w:r>"))
    paragraph._p.append(
        parse_xml(
            f'<w:del {W_NS} w:id="1" w:author="审稿人" w:date="2022-08-01T00:00:00Z">'
            "<w:r><w:delText>和被删除的文字</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {W_NS} w:id="2" w:author="审稿人" w:date="2022-08-01T00:00:00Z">'
            "<w:r><w:t>，这是插入的文字。</w:t></w:r></w:ins>"
        )
    )


def _parts_setup(document) -> dict:
    num_id = _add_numbering(
        document,
        [
            ("chineseCounting", "第%1部分"),
            ("chineseCounting", "%2、"),
            ("chineseCounting", "（%3）"),
        ],
    )
    styles = {}
    for depth in (1, 2, 3):
        style = document.styles.add_style(f"标题 {depth}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.element.get_or_add_pPr().insert(0, _num_pr(num_id, depth - 1))
        styles[depth] = style
    return {"styles": styles}


def _parts(document, title: str, kind: str, depth: int, state) -> None:
    document.add_paragraph(title, style=state["styles"][depth])


def docx_variants(expected: dict) -> None:
    expected["beijing-styles.docx"] = _write(
        "beijing-styles.docx", "beijing-municipal.txt", 2, _styled, _styled_setup
    )
    record = _write("zhushan-autonum.docx", "zhushan.txt", 2, _chapters, _chapters_setup)
    record["extra_text"] = [
        "文本框中的内容也要导入",
        "修订后的句子保留插入的文字，这是插入的文字。",
    ]
    record["absent_text"] = ["和被删除的文字"]
    expected["zhushan-autonum.docx"] = record
    expected["tongzhou-autonum.docx"] = _write(
        "tongzhou-autonum.docx", "tongzhou.txt", 2, _parts, _parts_setup
    )
