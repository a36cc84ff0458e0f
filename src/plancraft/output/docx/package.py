"""The .docx package around the body: page, settings, footers, properties, and a reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from ...compile import document as doc
from .styles import (
    FONTS,
    LINE_PITCH,
    W_NS,
)
from .wordml import escape_xml, run_xml

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def set_up_page(section, landscape: bool = False) -> None:
    """A4, margins 37/35 mm top/bottom, 28 mm inside, 26 mm outside, a 22-line grid (28 characters a
    line come from the condensed characters, styles.CHAR_SPACING); landscape: the
    same 版心 turned, 28/26 mm top/bottom, 35 mm inside, 37 mm outside (docs/pdf-layout.md)."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.shared import Mm

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(35), Mm(37)
        section.header_distance, section.footer_distance = Mm(15), Mm(26 - 7 - 5)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(28 - 7 - 5)
    section.gutter = 0
    sect = section._sectPr
    for old in sect.findall(f"{{{W_NS}}}docGrid"):
        sect.remove(old)
    sect.append(
        parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:type="lines" w:linePitch="{LINE_PITCH}"/>')
    )


def set_up_settings(settings) -> None:
    """Word 2013+ layout (no compatibility mode), Chinese theme fonts, adjacent punctuation
    compressed (Word's 字符间距控制: 只压缩标点符号, the default of Chinese Word), no preview picture."""
    for element in settings.iter(f"{{{W_NS}}}characterSpacingControl"):
        element.set(f"{{{W_NS}}}val", "compressPunctuation")
    for element in settings.iter(f"{{{W_NS}}}compatSetting"):
        if element.get(f"{{{W_NS}}}name") == "compatibilityMode":
            element.set(f"{{{W_NS}}}val", "15")
    for element in settings.iter(f"{{{W_NS}}}themeFontLang"):
        element.set(f"{{{W_NS}}}eastAsia", "zh-CN")
    for element in settings.findall(f"{{{W_NS}}}savePreviewPicture"):
        settings.remove(element)


def update_fields_on_opening(settings) -> None:
    """Word offers to bring the fields (the 目录's page numbers) up to date with its own layout when
    the file is opened; other programs print the numbers the file holds."""
    from docx.oxml import parse_xml

    update = parse_xml(f'<w:updateFields xmlns:w="{W_NS}" w:val="true"/>')
    compat = settings.find(f"{{{W_NS}}}compat")
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)


def number_from_one(sect) -> None:
    """Page numbers start at 1 on the file's first page and run on through every later section, as
    the PDF counts them (the notice 1, the cover 2 unnumbered, the 目录 3 …)."""
    from docx.oxml import parse_xml

    numbers = parse_xml(f'<w:pgNumType xmlns:w="{W_NS}" w:start="1"/>')
    cols = sect.find(f"{{{W_NS}}}cols")
    if cols is not None:
        cols.addprevious(numbers)
    else:
        sect.find(f"{{{W_NS}}}pgMar").addnext(numbers)


def write_footer(footer, side: str) -> None:
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
            f'{run_xml("— ")}<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/>'
            f'</w:r>{run_xml("1")}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f"{run_xml(' —')}</w:p>"
        )
    )


def set_properties(package, document: doc.Document) -> None:
    props = package.core_properties
    when = created_time(document.created)
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


def prune(package, document: doc.Document) -> None:
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
                f"{escape_xml(document.generator)}</Application><DocSecurity>0</DocSecurity>"
                "<LinksUpToDate>false</LinksUpToDate></Properties>"
            ).encode()


def created_time(created: str) -> dt.datetime:
    if created:
        return dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    return dt.datetime(1980, 1, 1)


def normalise_zip(data: bytes, created: str) -> bytes:
    """The package rewritten with [Content_Types].xml first, then parts by name, one timestamp."""
    when = max(created_time(created), dt.datetime(1980, 1, 1))
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
