"""The body writer: the tree's blocks as WordprocessingML, bookmarking every id."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable

from ...compile import document as doc
from .grid import column_widths, lay_out
from .ids import appendix_row_id, bookmark_name, paragraph_id
from .notice import header_lines, imprint, public_line, signature_style
from .styles import (
    LANDSCAPE_WIDTH,
    NO_INDENT,
    TEXT_WIDTH,
)
from .wordml import escape_xml, paragraph_xml, run_xml

PORTRAIT_END = (
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/>'
    "</w:sectPr></w:pPr></w:p>"
)
"""An empty paragraph ending a portrait section: a landscape table follows on a new page."""
LANDSCAPE_END = (
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>'
    '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr></w:p>'
)
"""An empty paragraph ending a landscape section (write_docx sets its page up)."""
OUTLINED_BY_DEPTH = {"volumes"}
"""Numbering styles whose headings take their outline level from their depth (篇 0, 章 1, 节 2 …),
since the named styles' levels (章 and 部分 at 0) are those of the other styles."""
HEADING_STYLES = {
    "volume": "PlanVolume",
    "part": "Heading1",
    "chapter": "Heading1",
    "section": "PlanSection",
    "cn": "Heading2",
    "paren-cn": "Heading3",
    "arabic": "Heading4",
    "paren-arabic": "Heading5",
    "box-item": "BoxHeading",
}
LEAD_STYLES = {
    "volume": "LeadHei",
    "part": "LeadHei",
    "chapter": "LeadHei",
    "section": "LeadHei",
    "cn": "LeadHei",
    "paren-cn": "LeadKai",
    "arabic": "LeadBold",
    "paren-arabic": "LeadPlain",
    "box-item": "LeadHei",
}


class BodyWriter:
    """Writes the tree's blocks as WordprocessingML, numbering bookmarks as it goes."""

    def __init__(
        self, document: doc.Document, package, pages: dict[str, int] | None = None
    ) -> None:
        self.document = document
        self.pages = pages or {}
        """Id → printed page number in the PDF, to fill the table of contents with (empty: unfilled)."""
        self.package = package
        self.next_bookmark = 0
        self.ends_landscape = False
        """Whether main() ended inside a landscape section (the document's last section is landscape)."""
        self.images = 0
        self.notice_title = False
        """True until the notice's first centred paragraph, its title, is written."""

    # Bookmarks and inline runs ------------------------------------------------------------------

    def mark(self, anchor: str, content: str) -> str:
        """`content` (runs) inside the bookmark for `anchor`."""
        if not anchor:
            return content
        self.next_bookmark += 1
        number = self.next_bookmark
        return (
            f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(anchor)}"/>{content}'
            f'<w:bookmarkEnd w:id="{number}"/>'
        )

    def runs(self, runs: list[doc.Inline], props: frozenset[str] = frozenset()) -> str:
        """Inline runs as w:r elements; `props`: the flags (b, i, u, code) of the enclosing runs."""
        out = []
        for run in runs:
            if isinstance(run, doc.Text):
                out.append(run_xml(run.text, props))
            elif isinstance(run, doc.Strong):
                out.append(self.runs(run.children, props | {"b"}))
            elif isinstance(run, doc.Emphasis):
                out.append(self.runs(run.children, props | {"i"}))
            elif isinstance(run, doc.Revision):
                out.append(self.revision(run, props))
            elif isinstance(run, doc.Code):
                out.append(run_xml(run.text, props | {"code"}))
            elif isinstance(run, doc.Link):
                from docx.opc.constants import RELATIONSHIP_TYPE as RT

                rid = self.package.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
                out.append(
                    f'<w:hyperlink r:id="{rid}">{self.runs(run.children, props | {"u"})}'
                    f"</w:hyperlink>"
                )
            elif isinstance(run, doc.Reference):
                if run.label:
                    out.append(
                        f'<w:hyperlink w:anchor="{bookmark_name(run.target)}">'
                        f"{run_xml(run.label, props)}</w:hyperlink>"
                    )
                else:
                    out.append(run_xml(run.source, props))
            elif isinstance(run, doc.Image):
                out.append(self.image(run, props))
            elif isinstance(run, doc.LineBreak) and run.hard:
                out.append("<w:r><w:br/></w:r>")
        return "".join(out)

    def revision(self, run: doc.Revision, props: frozenset[str]) -> str:
        """Inserted or deleted text: a tracked change (w:ins, w:del) when it has an author, else
        underlined or struck."""
        if not run.author:
            return self.runs(run.children, props | {"u" if run.op == "+" else "strike"})
        return self.tracked(run, self.runs(run.children, props))

    def tracked(self, run: doc.Revision, content: str) -> str:
        """Runs wrapped as the tracked change `run` is: w:ins or w:del with its author and date."""
        tag = "ins" if run.op == "+" else "del"
        if tag == "del":
            content = content.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        self.next_bookmark += 1
        date = f' w:date="{escape_xml(run.date)}"' if run.date else ""
        return (
            f'<w:{tag} w:id="{self.next_bookmark}" w:author="{escape_xml(run.author)}"{date}>'
            f"{content}</w:{tag}>"
        )

    def image(self, image: doc.Image, props: frozenset[str]) -> str:
        """An inline picture no wider than the text, or its alt text when it cannot be embedded."""
        if image.data_url is None or "," not in image.data_url:
            return run_xml(image.alt, props)
        from docx.shared import Emu

        data = base64.b64decode(image.data_url.split(",", 1)[1])
        self.images += 1
        try:
            inline = self.package.part.new_pic_inline(io.BytesIO(data), None, None)
        except Exception:  # noqa: BLE001 - an image python-docx cannot read prints as its alt text
            return run_xml(image.alt, props)
        inline.docPr.set("descr", image.alt)
        inline.docPr.set("id", str(self.images))  # the body is not in the package yet: count here
        extent = inline.extent
        if extent.cx > Emu(TEXT_WIDTH * 635):
            scale = TEXT_WIDTH * 635 / extent.cx
            extent.cx, extent.cy = int(extent.cx * scale), int(extent.cy * scale)
            inline.graphic.graphicData.pic.spPr.xfrm.ext.cx = extent.cx
            inline.graphic.graphicData.pic.spPr.xfrm.ext.cy = extent.cy
        from lxml import etree

        xml = etree.tostring(inline, encoding="unicode")
        return f"<w:r><w:drawing>{xml}</w:drawing></w:r>"

    # Blocks -------------------------------------------------------------------------------------

    def blocks(self, blocks: list[doc.Block], owner: str, style: str = "") -> str:
        """Blocks under `owner`, its prose blocks numbered for their ids; `style` for the prose."""
        out = []
        number = 0
        for block in blocks:
            if isinstance(block, (doc.Paragraph, doc.ListBlock, doc.Quote, doc.CodeBlock)) or (
                isinstance(block, doc.Table) and block.table_kind == "prose"
            ):
                number += 1
                anchor = paragraph_id(owner, number)
                if isinstance(block, doc.Table):
                    out.append(self.mark_table(self.grid(block), anchor))
                else:
                    out.append(self.prose(block, anchor, style))
            elif isinstance(block, doc.Table):
                out.append(self.table(block))
            elif isinstance(block, doc.Box):
                out.append(self.box(block))
            elif isinstance(block, doc.Division):
                out.append(self.division(block, style))
            elif isinstance(block, doc.Rule):
                out.append(paragraph_xml("", "RuleLine"))
        return "".join(out)

    def prose(self, block: doc.Block, anchor: str, style: str) -> str:
        """A prose block with one bookmark from its first paragraph's start to its last's end."""
        paragraphs = self.prose_paragraphs(block, style or "BodyText", 0)
        if not paragraphs:
            return ""
        if len(paragraphs) == 1:
            ppr, content = paragraphs[0]
            return f"<w:p>{ppr}{self.mark(anchor, content)}</w:p>"
        self.next_bookmark += 1
        number = self.next_bookmark
        out = []
        for index, (ppr, content) in enumerate(paragraphs):
            if index == 0:
                content = (
                    f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(anchor)}"/>' + content
                )
            if index == len(paragraphs) - 1:
                content += f'<w:bookmarkEnd w:id="{number}"/>'
            out.append(f"<w:p>{ppr}{content}</w:p>")
        return "".join(out)

    def prose_paragraphs(self, block: doc.Block, style: str, depth: int) -> list[tuple[str, str]]:
        """(paragraph properties, runs) for each paragraph of a prose block."""
        if isinstance(block, doc.Paragraph):
            if self.notice_title and "center" in block.classes:
                style, self.notice_title = "NoticeTitle", False
            if "signature" in block.classes:
                style = signature_style(block)
            centred = {"addressee", "center", "right"} & set(block.classes)
            extra = NO_INDENT if centred and "signature" not in block.classes else ""
            extra += "".join(
                f'<w:jc w:val="{value}"/>'
                for cls, value in (("center", "center"), ("right", "right"))
                if cls in block.classes and "signature" not in block.classes
            )
            return [(f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>', self.runs(block.runs))]
        if isinstance(block, doc.ListBlock):
            out = []
            for index, item in enumerate(block.items):
                marker = f"{block.start + index}." if block.ordered else "•"
                first = True
                for inner in item:
                    for ppr, content in self.prose_paragraphs(inner, "ListText", depth + 1):
                        if first:
                            content = run_xml(marker + " ") + content
                            first = False
                        left = depth + 1
                        indent = f'<w:ind w:leftChars="{200 * left}" w:left="{640 * left}"/>'
                        ppr = re.sub(r"<w:ind [^>]*/>", "", ppr)
                        out.append(
                            (
                                re.sub(
                                    r"(<w:jc [^>]*/>)?</w:pPr>",
                                    indent + r"\1</w:pPr>",
                                    ppr,
                                    count=1,
                                ),
                                content,
                            )
                        )
            return out
        if isinstance(block, doc.Quote):
            return [
                pair
                for inner in block.blocks
                for pair in self.prose_paragraphs(inner, "QuoteText", depth)
            ]
        if isinstance(block, doc.CodeBlock):
            lines = block.text.rstrip("\n").split("\n")
            content = "<w:r><w:br/></w:r>".join(run_xml(line, "CodeChar") for line in lines)
            return [('<w:pPr><w:pStyle w:val="CodeText"/></w:pPr>', content)]
        return []

    def division(self, division: doc.Division, box_style: str = "") -> str:
        """A heading (or run-in lead) with its bookmark, then the division's blocks."""
        heading = division.heading
        number = heading.number + (
            "　" if heading.number and heading.heading_kind in doc.SPACED_KINDS else ""
        )
        if heading.run_in:
            lead = self.titled(number, heading, LEAD_STYLES[heading.heading_kind])
            style = "BoxText" if heading.heading_kind == "box-item" else "BodyText"
            out = (
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                f"{self.mark(division.id, lead + self.runs(heading.lead))}</w:p>"
            )
        else:
            style = HEADING_STYLES[heading.heading_kind]
            outline = ""
            if heading.heading_kind != "box-item":
                if self.document.numbering in OUTLINED_BY_DEPTH:
                    outline = f'<w:outlineLvl w:val="{min(heading.level, 9) - 1}"/>'
                elif heading.level >= 5:
                    style = "Heading5"
            out = paragraph_xml(
                self.mark(division.id, self.titled(number, heading)), style, outline
            )
        inner = "BoxText" if heading.heading_kind == "box-item" or box_style else ""
        return out + self.blocks(division.blocks, division.id, inner)

    def titled(self, number: str, heading: doc.Heading, style: str = "") -> str:
        """A heading's number and title as runs; in a redline the title with its revisions."""
        if not heading.revised:
            return run_xml(number + heading.title, style)
        out = run_xml(number, style)
        for run in heading.revised:
            if isinstance(run, doc.Revision):
                text = "".join(child.text for child in run.children if isinstance(child, doc.Text))
                out += self.tracked(run, run_xml(text, style))
            elif isinstance(run, doc.Text):
                out += run_xml(run.text, style)
        return out

    def box(self, box: doc.Box) -> str:
        """A 专栏 as a bordered one-cell table: its title, then its blocks."""
        if box.revised:
            named = run_xml(f"{box.number}：" if box.number else "") + self.runs(box.revised)
        else:
            named = run_xml(f"{box.number}：{box.title}" if box.number else box.title)
        title = paragraph_xml(self.mark(box.id, named), "BoxTitle")
        content = title + self.blocks(box.blocks, box.id, "BoxText")
        if content.endswith("</w:tbl>"):
            content += paragraph_xml("", "AfterTable")  # a cell ends with a paragraph
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right")
        )
        return (
            '<w:tbl><w:tblPr><w:tblStyle w:val="BoxTable"/>'
            f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
            f'<w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>'
            f'<w:bottom w:w="113" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
            f'<w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>'
            f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
            f"</w:tcPr>{content}</w:tc></w:tr>"
            f"</w:tbl>" + paragraph_xml("", "AfterTable")
        )

    # Tables -------------------------------------------------------------------------------------

    def table(self, table: doc.Table) -> str:
        """A numbered table: caption with its bookmark, unit line, grid and notes."""
        caption = (f"{table.number}　" if table.number else "") + table.title
        runs = run_xml(caption)
        if table.revised:
            runs = run_xml(f"{table.number}　" if table.number else "") + self.runs(table.revised)
        out = paragraph_xml(self.mark(table.id, runs), "TableCaption") if caption else ""
        if table.unit:
            out += paragraph_xml(run_xml(table.unit), "TableUnit")
        out += self.grid(table)
        for note in table.notes:
            out += paragraph_xml(self.runs(note), "TableNote")
        out += "" if table.notes else paragraph_xml("", "AfterTable")
        return PORTRAIT_END + out + LANDSCAPE_END if table.landscape else out

    def grid(self, table: doc.Table, row_anchor: Callable[[str], str] | None = None) -> str:
        """The table's cells on a fixed grid: merged cells, header rows repeated, row ids marked."""
        grid = lay_out(table.header + table.rows)
        if not grid.columns:
            return ""
        width = LANDSCAPE_WIDTH if table.landscape else TEXT_WIDTH
        widths = column_widths(grid, len(table.header), width)
        tbl = (
            '<w:tbl><w:tblPr><w:tblStyle w:val="PlanTable"/>'
            f'<w:tblW w:w="{width}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0"/></w:tblPr>'
            f"<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
        )
        all_rows = table.header + table.rows
        for r, slots in enumerate(grid.rows):
            row = all_rows[r]
            header = r < len(table.header)
            trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
            cells = []
            for index, (column, cell, first) in enumerate(slots):
                span = max(cell.colspan, 1)
                width = sum(widths[column : column + span])
                tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (
                    f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                )
                if cell.rowspan > 1 or not first:
                    tcpr += '<w:vMerge w:val="restart"/>' if first else "<w:vMerge/>"
                tcpr += '<w:vAlign w:val="center"/>'
                style = (
                    "TableHeading"
                    if header
                    else (
                        "TableGroup"
                        if cell.kind == "group"
                        else ("TableName" if cell.kind == "name" else "TableText")
                    )
                )
                align = (
                    f'<w:jc w:val="{cell.align}"/>'
                    if cell.align in ("left", "center", "right")
                    else ""
                )
                content = self.runs(cell.runs) if first else ""
                if index == 0 and row.id:
                    anchor = row_anchor(row.id) if row_anchor else row.id
                    content = self.mark(anchor, content)
                cells.append(
                    f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraph_xml(content, style, align)}</w:tc>"
                )
            tbl += f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"
        return tbl + "</w:tbl>"

    def mark_table(self, xml: str, anchor: str) -> str:
        """A table whose first cell's first paragraph starts the bookmark for `anchor`."""
        head, sep, rest = xml.partition("<w:p>")
        if not sep:
            return xml
        self.next_bookmark += 1
        number = self.next_bookmark
        name = bookmark_name(anchor)
        start = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
        start += f'<w:bookmarkEnd w:id="{number}"/>'
        ppr, closing, runs = rest.partition("</w:pPr>")
        if rest.startswith("<w:pPr>") and closing:
            return f"{head}<w:p>{ppr}{closing}{start}{runs}"
        return f"{head}<w:p>{start}{rest}"

    # The document -------------------------------------------------------------------------------

    def notice(self, notice: doc.Notice) -> str:
        """The 印发通知: 发文机关标志, 发文字号 and 签发人, the red rule, its text and 公开属性."""
        out = ""
        if notice.header:
            out += paragraph_xml(self.mark("notice-header", run_xml(notice.header)), "NoticeHeader")
        out += header_lines(notice)
        if notice.header or notice.doc_number:
            out += paragraph_xml("", "RedRule")
        self.notice_title = True
        out += self.blocks(notice.blocks, "notice", "")
        self.notice_title = False
        return out + public_line(notice, self.mark)

    def imprint(self, notice: doc.Notice) -> str:
        """The 版记 at the end of the document, on a portrait page."""
        self.images += 1
        found = imprint(notice, self.mark, self.images)
        if found and self.ends_landscape:
            self.ends_landscape = False
            return LANDSCAPE_END + found
        return found

    def cover_line(self, cover: doc.Cover, name: str) -> str:
        """The cover's title, issuer or date; in a redline with its revisions."""
        if name in cover.revised:
            return self.runs(cover.revised[name])
        return run_xml(getattr(cover, name))

    def main(self) -> str:
        """Cover, table of contents, preface, body and 附表."""
        document = self.document
        cover = document.cover
        if "title" in cover.revised:
            title = self.cover_line(cover, "title")
        else:
            title = "<w:r><w:br/></w:r>".join(
                run_xml(line) for line in cover.title_lines or [cover.title]
            )
        out = paragraph_xml(self.mark("cover", title), "Title")
        out += paragraph_xml(self.cover_line(cover, "issuer"), "CoverLine")
        if cover.date or "date" in cover.revised:
            out += paragraph_xml(self.cover_line(cover, "date"), "CoverLine")
        if cover.docinfo:
            out += self.docinfo(cover.docinfo)
        out += self.toc()
        preface = document.preface
        if preface and preface.title:
            out += paragraph_xml(
                self.mark(preface.id, run_xml(preface.title)),
                "PrefaceTitle",
                "<w:pageBreakBefore/>",
            )
        first = self.blocks(preface.blocks, preface.id) if preface else ""
        first += self.blocks(document.body, "body")
        if not (preface and preface.title):  # the first page after the 目录 starts a page
            first = (
                re.sub(
                    r"^(<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?)",
                    r"\1<w:pageBreakBefore/>",
                    first,
                    count=1,
                )
                if first.startswith("<w:p><w:pPr>")
                else paragraph_xml("", "", "<w:pageBreakBefore/>") + first
            )
        out += first
        if document.appendix:
            appendix = document.appendix
            appendix_xml = paragraph_xml(
                self.mark(appendix.id, run_xml(f"附表　{appendix.title}")),
                "AppendixTitle",
                "<w:pageBreakBefore/>",
            )
            appendix_xml += self.grid(appendix, appendix_row_id)
            for note in appendix.notes:
                appendix_xml += paragraph_xml(self.runs(note), "TableNote")
            out += (
                PORTRAIT_END + appendix_xml + LANDSCAPE_END if appendix.landscape else appendix_xml
            )
        out = out.replace(LANDSCAPE_END + PORTRAIT_END, "")
        self.ends_landscape = out.endswith(LANDSCAPE_END)
        return out.removesuffix(LANDSCAPE_END)

    def docinfo(self, docinfo: list[tuple[str, str]]) -> str:
        """The cover's document information as a borderless two-column table."""
        rows = [
            doc.Row([doc.Cell([doc.Text(label)], kind="name"), doc.Cell([doc.Text(value)])])
            for label, value in docinfo
        ]
        return self.grid(doc.Table("", "", [], rows)).replace(
            'w:val="PlanTable"', 'w:val="DocInfoTable"'
        )

    def toc(self) -> str:
        """The 目录 title, then each entry as a link with a PAGEREF field to its heading: Word and
        LibreOffice reckon the page from their own layout (Word on opening, updateFields), and the
        field shows the page the heading prints on in the PDF until then."""
        out = paragraph_xml(
            self.mark("toc", run_xml("目　录")), "TOCHeading", "<w:pageBreakBefore/>"
        )
        lines = []
        for entry in self.document.toc:
            spaced = entry.number and entry.entry_kind in doc.SPACED_KINDS
            text = entry.number + ("　" if spaced else "") + entry.title
            name = bookmark_name(entry.id)
            page = self.pages.get(entry.id)
            pageref = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + (run_xml(str(page)) if page else "")
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            lines.append(
                paragraph_xml(
                    f'<w:hyperlink w:anchor="{name}" w:history="1">{run_xml(text)}{pageref}'
                    "</w:hyperlink>",
                    f"TOC{min(entry.level, 3)}",
                )
            )
        return out + "".join(lines)


PIC_NAMESPACES = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
