"""The Word writer: the document tree to a GB/T 9704 .docx for drafters to restyle and reviewers.

python-docx gives the package (parts, relationships, footers, properties); the body is written as
WordprocessingML from the tree in one pass, and the zip is rewritten with a fixed order and
timestamps so the same plan always gives the same bytes. Every division, paragraph block, table, box
and indicator row carries a bookmark named after its id (see `bookmark_name`), so a returned file
maps back to the plan.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _escape

from ..compile import document as doc
from .docxstyles import (
    CHAR_SPACE,
    FONTS,
    LINE_PITCH,
    NO_INDENT,
    STYLES_XML,
    TEXT_WIDTH,
    W_NS,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPACED_KINDS = {"part", "chapter", "section", "appendix"}
HEADING_STYLES = {
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
    "part": "LeadHei",
    "chapter": "LeadHei",
    "section": "LeadHei",
    "cn": "LeadHei",
    "paren-cn": "LeadKai",
    "arabic": "LeadBold",
    "paren-arabic": "LeadPlain",
    "box-item": "LeadHei",
}
PREFIX = "pc_"
MAX_BOOKMARK = 40
"""Word keeps bookmark names of at most 40 characters: letters, digits and underscores."""


def bookmark_name(anchor: str) -> str:
    """The bookmark for an id: pc_ and the id, '-' as '_' (ids hold no '_'); hashed if too long."""
    name = PREFIX + anchor.replace("-", "_")
    if len(name) > MAX_BOOKMARK:
        name = name[: MAX_BOOKMARK - 9] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def paragraph_id(owner: str, number: int) -> str:
    """The id of the `number`th prose block (paragraph, list, quote, code) right under `owner`."""
    return f"{owner}-p{number}"


def appendix_row_id(indicator: str) -> str:
    """The id of an indicator's row in the 附表 (its row in the indicator table has the bare id)."""
    return f"appendix-{indicator}"


def write_docx(document: doc.Document) -> bytes:
    """The whole document as .docx bytes, the same bytes for the same tree."""
    from docx import Document as NewDocument
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml

    package = NewDocument()
    styles = package.styles.element
    for child in list(styles):
        styles.remove(child)
    for child in parse_xml(STYLES_XML):
        styles.append(child)
    writer = _Body(document, package)
    body = package.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    _page_setup(package.sections[0])

    def append(xml: str) -> None:
        wrapper = parse_xml(
            f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}" {PIC_NAMESPACES}>{xml}</w:body>'
        )
        for element in list(wrapper):
            body.sectPr.addprevious(element)

    if document.notice:
        append(writer.notice(document.notice))
        package.add_section(WD_SECTION.NEW_PAGE)
    append(writer.main())
    for index, section in enumerate(package.sections):
        _page_setup(section)
        last = index == len(package.sections) - 1
        section.different_first_page_header_footer = last
        if index == 0:
            _footer(section.footer, "right")
            _footer(section.even_page_footer, "left")
        if last:
            section.first_page_footer.is_linked_to_previous = False
            if index:
                _restart_numbers(section._sectPr)
    package.settings.odd_and_even_pages_header_footer = True
    settings = package.settings.element
    zoom = settings.find(f"{{{W_NS}}}zoom")
    mirror = parse_xml(f'<w:mirrorMargins xmlns:w="{W_NS}"/>')
    if zoom is not None:
        zoom.addnext(mirror)
    else:
        settings.insert(0, mirror)
    _settings(settings)
    _properties(package, document)
    _prune(package, document)
    raw = io.BytesIO()
    package.save(raw)
    return _normalise_zip(raw.getvalue(), document.created)


def _page_setup(section) -> None:
    """A4, margins 37/35 mm top/bottom, 28 mm inside, 26 mm outside, a 22 x 28 grid."""
    from docx.oxml import parse_xml
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7 - 5)
    section.gutter = 0
    sect = section._sectPr
    for old in sect.findall(f"{{{W_NS}}}docGrid"):
        sect.remove(old)
    sect.append(
        parse_xml(
            f'<w:docGrid xmlns:w="{W_NS}" w:type="linesAndChars" w:linePitch="{LINE_PITCH}" '
            f'w:charSpace="{CHAR_SPACE}"/>'
        )
    )


def _settings(settings) -> None:
    """Word 2013+ layout (no compatibility mode), Chinese theme fonts, no preview picture."""
    for element in settings.iter(f"{{{W_NS}}}compatSetting"):
        if element.get(f"{{{W_NS}}}name") == "compatibilityMode":
            element.set(f"{{{W_NS}}}val", "15")
    for element in settings.iter(f"{{{W_NS}}}themeFontLang"):
        element.set(f"{{{W_NS}}}eastAsia", "zh-CN")
    for element in settings.findall(f"{{{W_NS}}}savePreviewPicture"):
        settings.remove(element)


def _restart_numbers(sect) -> None:
    """Page numbers of this section start again at 1 (the plan after its notice)."""
    from docx.oxml import parse_xml

    numbers = parse_xml(f'<w:pgNumType xmlns:w="{W_NS}" w:start="1"/>')
    cols = sect.find(f"{{{W_NS}}}cols")
    if cols is not None:
        cols.addprevious(numbers)
    else:
        sect.find(f"{{{W_NS}}}pgMar").addnext(numbers)


def _footer(footer, side: str) -> None:
    """A footer with the page number as — n —, 四号, on the outside edge one character in."""
    from docx.oxml import parse_xml

    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    indent = (
        'w:rightChars="100" w:right="280"' if side == "right" else 'w:leftChars="100" w:left="280"'
    )
    element.append(
        parse_xml(
            f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Footer"/>'
            f'<w:ind {indent}/><w:jc w:val="{side}"/></w:pPr>'
            f'{_run("— ")}<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/>'
            f'</w:r>{_run("1")}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f"{_run(' —')}</w:p>"
        )
    )


def _properties(package, document: doc.Document) -> None:
    props = package.core_properties
    when = _created(document.created)
    props.title, props.author, props.last_modified_by = (
        document.title,
        document.issuer,
        document.issuer,
    )
    props.subject = f"{document.period[0] or ''}—{document.period[1] or ''}"
    props.identifier = f"plancraft:{document.slug}"
    props.comments = document.generator
    props.keywords, props.category, props.content_status, props.language = "", "", "", "zh-CN"
    props.created, props.modified, props.last_printed = when, when, when
    props.revision = 1


UNUSED_PARTS = ("/metadata/thumbnail", "/stylesWithEffects", "/customXml")
"""Template parts a plan does not need: python-docx's thumbnail, old styles, custom XML."""


def _prune(package, document: doc.Document) -> None:
    """Drop unused template parts, name the fonts with fallbacks, say which program wrote it."""
    for rels in (package.part.package.rels, package.part.rels):
        for rid, rel in list(rels.items()):
            if not rel.is_external and rel.reltype.endswith(UNUSED_PARTS):
                del rels[rid]
    for part in package.part.package.iter_parts():
        if part.partname == "/word/fontTable.xml":
            fonts = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
                f'<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>'
                "</w:font>"
                for name, alt, panose in FONTS
            )
            part._blob = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:fonts xmlns:w="{W_NS}">{fonts}</w:fonts>'
            ).encode()
        elif part.partname == "/docProps/app.xml":
            part._blob = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
                'openxmlformats.org/officeDocument/2006/extended-properties"><Application>'
                f"{_x(document.generator)}</Application><DocSecurity>0</DocSecurity>"
                "<LinksUpToDate>false</LinksUpToDate></Properties>"
            ).encode()


def _created(created: str) -> dt.datetime:
    if created:
        return dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    return dt.datetime(1980, 1, 1)


def _normalise_zip(data: bytes, created: str) -> bytes:
    """The package rewritten with [Content_Types].xml first, then parts by name, one timestamp."""
    when = max(_created(created), dt.datetime(1980, 1, 1))
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    order = sorted(
        parts, key=lambda name: (name != "[Content_Types].xml", name != "_rels/.rels", name)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


# The body --------------------------------------------------------------------------------------


def _x(text: str) -> str:
    return _escape(text, {'"': "&quot;"})


RUN_PROPERTIES = {
    "code": '<w:rStyle w:val="CodeChar"/>',
    "b": "<w:b/><w:bCs/>",
    "i": "<w:i/><w:iCs/>",
    "u": '<w:u w:val="single"/>',
}


def _rpr(flags: frozenset[str] | str) -> str:
    """Run properties in schema order, from flags (code, b, i, u) or a character style id."""
    if isinstance(flags, str):
        return f'<w:rStyle w:val="{flags}"/>' if flags else ""
    return "".join(xml for key, xml in RUN_PROPERTIES.items() if key in flags)


def _run(text: str, flags: frozenset[str] | str = "") -> str:
    if not text:
        return ""
    props = _rpr(flags)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_x(text)}</w:t></w:r>'


def _para(content: str, style: str = "", extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + extra
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


@dataclass
class _Grid:
    """A table laid on its grid: per row, (column, cell, whether the cell starts here)."""

    columns: int
    rows: list[list[tuple[int, doc.Cell, bool]]] = field(default_factory=list)


def _lay_out(rows: list[doc.Row]) -> _Grid:
    """Place cells as HTML does (rowspans push later cells right); continuation slots are marked."""
    taken: dict[tuple[int, int], tuple[doc.Cell, bool]] = {}
    laid: list[list[tuple[int, doc.Cell, bool]]] = []
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in row.cells:
            while (r, column) in taken:
                column += 1
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    taken[(r + dr, column + dc)] = (cell, dr == 0)
            column += max(cell.colspan, 1)
        width = max(width, column)
    for r in range(len(rows)):
        slots = []
        column = 0
        while column < width:
            found = taken.get((r, column))
            if found is None:
                slots.append((column, doc.Cell([]), True))
                column += 1
                continue
            cell, first = found
            slots.append((column, cell, first))
            column += max(cell.colspan, 1)
            while column < width and taken.get((r, column), (None,))[0] is cell:
                column += 1
        laid.append(slots)
    return _Grid(width, laid)


class _Body:
    """Writes the tree's blocks as WordprocessingML, numbering bookmarks as it goes."""

    def __init__(self, document: doc.Document, package) -> None:
        self.document = document
        self.package = package
        self.next_bookmark = 0
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
                out.append(_run(run.text, props))
            elif isinstance(run, doc.Strong):
                out.append(self.runs(run.children, props | {"b"}))
            elif isinstance(run, doc.Emphasis):
                out.append(self.runs(run.children, props | {"i"}))
            elif isinstance(run, doc.Code):
                out.append(_run(run.text, props | {"code"}))
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
                        f"{_run(run.label, props)}</w:hyperlink>"
                    )
                else:
                    out.append(_run(run.source, props))
            elif isinstance(run, doc.Image):
                out.append(self.image(run, props))
            elif isinstance(run, doc.LineBreak) and run.hard:
                out.append("<w:r><w:br/></w:r>")
        return "".join(out)

    def image(self, image: doc.Image, props: frozenset[str]) -> str:
        """An inline picture no wider than the text, or its alt text when it cannot be embedded."""
        if image.data_url is None or "," not in image.data_url:
            return _run(image.alt, props)
        from docx.shared import Emu

        data = base64.b64decode(image.data_url.split(",", 1)[1])
        self.images += 1
        try:
            inline = self.package.part.new_pic_inline(io.BytesIO(data), None, None)
        except Exception:  # noqa: BLE001 - an image python-docx cannot read prints as its alt text
            return _run(image.alt, props)
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
                out.append(_para("", "RuleLine"))
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
            centred = {"addressee", "center", "right", "signature"} & set(block.classes)
            extra = NO_INDENT if centred else ""
            extra += "".join(
                f'<w:jc w:val="{value}"/>'
                for cls, value in (("center", "center"), ("right", "right"), ("signature", "right"))
                if cls in block.classes
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
                            content = _run(marker + " ") + content
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
            content = "<w:r><w:br/></w:r>".join(_run(line, "CodeChar") for line in lines)
            return [('<w:pPr><w:pStyle w:val="CodeText"/></w:pPr>', content)]
        return []

    def division(self, division: doc.Division, box_style: str = "") -> str:
        """A heading (or run-in lead) with its bookmark, then the division's blocks."""
        heading = division.heading
        number = heading.number + (
            "　" if heading.number and heading.heading_kind in SPACED_KINDS else ""
        )
        if heading.run_in:
            lead = _run(number + heading.title, LEAD_STYLES[heading.heading_kind])
            style = "BoxText" if heading.heading_kind == "box-item" else "BodyText"
            out = (
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                f"{self.mark(division.id, lead + self.runs(heading.lead))}</w:p>"
            )
        else:
            style = HEADING_STYLES[heading.heading_kind]
            if heading.heading_kind != "box-item" and heading.level >= 5:
                style = "Heading5"
            out = _para(self.mark(division.id, _run(number + heading.title)), style)
        inner = "BoxText" if heading.heading_kind == "box-item" or box_style else ""
        return out + self.blocks(division.blocks, division.id, inner)

    def box(self, box: doc.Box) -> str:
        """A 专栏 as a bordered one-cell table: its title, then its blocks."""
        title = _para(
            self.mark(box.id, _run(f"{box.number}：{box.title}" if box.number else box.title)),
            "BoxTitle",
        )
        content = title + self.blocks(box.blocks, box.id, "BoxText")
        if content.endswith("</w:tbl>"):
            content += _para("", "AfterTable")  # a cell ends with a paragraph
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
            f"</w:tbl>" + _para("", "AfterTable")
        )

    # Tables -------------------------------------------------------------------------------------

    def table(self, table: doc.Table) -> str:
        """A numbered table: caption with its bookmark, unit line, grid and notes."""
        caption = (f"{table.number}　" if table.number else "") + table.title
        out = _para(self.mark(table.id, _run(caption)), "TableCaption") if caption else ""
        if table.unit:
            out += _para(_run(table.unit), "TableUnit")
        out += self.grid(table)
        for note in table.notes:
            out += _para(self.runs(note), "TableNote")
        return out + ("" if table.notes else _para("", "AfterTable"))

    def grid(self, table: doc.Table, row_anchor: Callable[[str], str] | None = None) -> str:
        """The table's cells on a fixed grid: merged cells, header rows repeated, row ids marked."""
        grid = _lay_out(table.header + table.rows)
        if not grid.columns:
            return ""
        widths = _column_widths(grid, len(table.header))
        tbl = (
            '<w:tbl><w:tblPr><w:tblStyle w:val="PlanTable"/>'
            f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
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
                cells.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{_para(content, style, align)}</w:tc>")
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
        """The 印发通知: 发文机关标志, 发文字号, 签发人, the red rule, then its text."""
        out = ""
        if notice.header:
            out += _para(self.mark("notice-header", _run(notice.header)), "NoticeHeader")
        if notice.doc_number:
            out += _para(_run(notice.doc_number), "DocNumber")
        if notice.signer:
            out += _para(_run(f"签发人：{notice.signer}"), "Signer")
        if notice.header or notice.doc_number:
            out += _para("", "RedRule")
        self.notice_title = True
        out += self.blocks(notice.blocks, "notice", "")
        self.notice_title = False
        return out

    def main(self) -> str:
        """Cover, table of contents, preface, body and 附表."""
        document = self.document
        cover = document.cover
        out = _para(self.mark("cover", _run(cover.title)), "Title")
        out += _para(_run(cover.issuer), "CoverLine")
        if cover.date:
            out += _para(_run(cover.date), "CoverLine")
        if cover.docinfo:
            out += self.docinfo(cover.docinfo)
        out += self.toc()
        if document.preface:
            preface = document.preface
            if preface.title:
                out += _para(
                    self.mark(preface.id, _run(preface.title)),
                    "PrefaceTitle",
                    "<w:pageBreakBefore/>",
                )
            out += self.blocks(preface.blocks, preface.id)
        first = self.blocks(document.body, "body")
        if not document.preface:
            first = (
                re.sub(
                    r"^(<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?)",
                    r"\1<w:pageBreakBefore/>",
                    first,
                    count=1,
                )
                if first.startswith("<w:p><w:pPr>")
                else _para("", "", "<w:pageBreakBefore/>") + first
            )
        out += first
        if document.appendix:
            appendix = document.appendix
            out += _para(
                self.mark(appendix.id, _run(f"附表　{appendix.title}")),
                "AppendixTitle",
                "<w:pageBreakBefore/>",
            )
            out += self.grid(appendix, appendix_row_id)
            for note in appendix.notes:
                out += _para(self.runs(note), "TableNote")
        return out

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
        """The 目录 title and a TOC field holding the computed entries as links."""
        entries = self.document.toc
        depth = max((entry.level for entry in entries), default=1)
        out = _para(self.mark("toc", _run("目　录")), "TOCHeading", "<w:pageBreakBefore/>")
        if not entries:
            return out
        lines = []
        for index, entry in enumerate(entries):
            spaced = entry.number and entry.entry_kind in SPACED_KINDS
            text = entry.number + ("　" if spaced else "") + entry.title
            name = bookmark_name(entry.id)
            begin = (
                (
                    '<w:r><w:fldChar w:fldCharType="begin"/>'
                    '</w:r><w:r><w:instrText xml:space="preserve">'
                    f' TOC \\o "1-{min(depth, 9)}" \\h \\z \\u </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                )
                if index == 0
                else ""
            )
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
            pageref = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/>'
                '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            lines.append(
                _para(
                    f'{begin}<w:hyperlink w:anchor="{name}" w:history="1">{_run(text)}{pageref}'
                    f"</w:hyperlink>{end}",
                    f"TOC{min(entry.level, 3)}",
                )
            )
        return out + "".join(lines)


def _column_widths(grid: _Grid, header_rows: int) -> list[int]:
    """Column widths in twips summing to the text width, by the longest one-column text in each."""
    weights = [3.0] * grid.columns
    for r, slots in enumerate(grid.rows):
        for column, cell, first in slots:
            if first and cell.colspan <= 1:
                length = sum(len(run.text) for run in cell.runs if isinstance(run, doc.Text))
                weights[column] = max(
                    weights[column], min(float(length), 14.0 if r >= header_rows else 6.0)
                )
    total = sum(weights)
    widths = [int(TEXT_WIDTH * weight / total) for weight in weights]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


PIC_NAMESPACES = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
