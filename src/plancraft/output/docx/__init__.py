"""The Word writer: the document tree to a GB/T 9704 .docx for drafters to restyle and reviewers.

python-docx gives the package (parts, relationships, footers, properties); the body is written as
WordprocessingML from the tree in one pass, and the zip is rewritten with a fixed order and
timestamps so the same plan always gives the same bytes. Every division, paragraph block, table, box
and indicator row carries a bookmark named after its id (see `bookmark_name`), so a returned file
maps back to the plan.
"""

from __future__ import annotations

import io

from ...compile import document as doc
from ..formats import WriteContext
from .base import add_base
from .body import PIC_NAMESPACES, BodyWriter
from .ids import appendix_row_id, bookmark_name, paragraph_id
from .notice import BOX_NAMESPACES, notice_styles
from .package import (
    R_NS,
    normalise_zip,
    number_from_one,
    prune,
    set_properties,
    set_up_page,
    set_up_settings,
    update_fields_on_opening,
    write_footer,
)
from .pages import printed_pages
from .styles import W_NS, styles_xml

__all__ = ["appendix_row_id", "bookmark_name", "paragraph_id", "write", "write_docx"]


def write(document: doc.Document, context: WriteContext) -> bytes:
    """The Word writer (output/formats.py): its 目录 holds the page numbers of the PDF it `uses`."""
    return write_docx(document, printed_pages(context.output("pdf")))


def write_docx(document: doc.Document, pages: dict[str, int] | None = None) -> bytes:
    """The whole document as .docx bytes, the same bytes for the same tree; `pages` (id → printed
    page number) fills the 目录's page numbers, left for Word to fill when not given."""
    from docx import Document as NewDocument
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import parse_xml

    package = NewDocument()
    styles = package.styles.element
    for child in list(styles):
        styles.remove(child)
    for child in parse_xml(styles_xml(document.numbering, notice_styles(document.notice))):
        styles.append(child)
    writer = BodyWriter(document, package, pages)
    body = package.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    set_up_page(package.sections[0])

    def append(xml: str) -> None:
        wrapper = parse_xml(
            f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}" {PIC_NAMESPACES} {BOX_NAMESPACES}>'
            f"{xml}</w:body>"
        )
        for element in list(wrapper):
            body.sectPr.addprevious(element)

    if document.notice:
        append(writer.notice(document.notice))
        package.add_section(WD_SECTION.NEW_PAGE)
    append(writer.main())
    if document.notice:
        append(writer.imprint(document.notice))
    main = 1 if document.notice else 0
    sections = list(package.sections)
    for index, section in enumerate(sections):
        landscape = section.orientation == WD_ORIENT.LANDSCAPE or (
            index == len(sections) - 1 and writer.ends_landscape
        )
        set_up_page(section, landscape)
        section.different_first_page_header_footer = index == main
        if index == 0:
            write_footer(section.footer, "right")
            write_footer(section.even_page_footer, "left")
            number_from_one(section._sectPr)
        if index == main:
            section.first_page_footer.is_linked_to_previous = False
    package.settings.odd_and_even_pages_header_footer = True
    settings = package.settings.element
    zoom = settings.find(f"{{{W_NS}}}zoom")
    mirror = parse_xml(f'<w:mirrorMargins xmlns:w="{W_NS}"/>')
    if zoom is not None:
        zoom.addnext(mirror)
    else:
        settings.insert(0, mirror)
    set_up_settings(settings)
    if document.toc:
        update_fields_on_opening(settings)
    set_properties(package, document)
    prune(package, document)
    add_base(package)
    raw = io.BytesIO()
    package.save(raw)
    return normalise_zip(raw.getvalue(), document.created)
