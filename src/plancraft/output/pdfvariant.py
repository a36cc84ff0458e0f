"""PDF variants for filing and accessibility: PDF/A with the plan's own sources inside, tagged PDF/UA.

WeasyPrint writes the variant (identification in XMP, the sRGB output intent, embedded fonts,
bookmarks, structure tags); this module says which variant a build asks for, gathers the sources
to embed as associated files (AFRelationship /Source) and adds the plan's 发文字号, issuer,
date and language to the XMP metadata. docs/archive.md says which variant serves which purpose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Location, source_path
from ..i18n import _
from ..limits import ATTACHMENT_BYTES
from ..source.confine import Refused, read_confined

if TYPE_CHECKING:
    from xml.etree import ElementTree

    from ..compile.document import Document
    from .formats import WriteContext

VARIANTS = ("pdf/a-2b", "pdf/a-3b", "pdf/a-3a", "pdf/ua-1")
"""The variants a plan or `build --pdf-variant` may ask for."""
PLAIN = "plain"
"""What `--pdf-variant` takes for a plain PDF, overriding plan.yaml."""
CARRYING_SOURCES = ("pdf/a-3b", "pdf/a-3a")
"""The variants that embed the plan's sources (PDF/A-3 allows any embedded file)."""
TAGGED = ("pdf/a-3a", "pdf/ua-1")
"""The variants with a structure tree (WeasyPrint tags them)."""
LANGUAGE = "zh-CN"
RELATIONSHIP = "Source"
DESCRIPTION = "plancraft plan source"


@dataclass(frozen=True)
class PdfOptions:
    """What a PDF variant adds to the plain PDF: its name, the files it embeds, its XMP fields."""

    variant: str
    attachments: tuple[tuple[str, bytes], ...] = ()
    """(path inside the plan folder, bytes), in name order."""
    issuer: str = ""
    doc_number: str = ""
    """发文字号, as dc:identifier."""
    created: str = ""
    """The document date (ISO 8601), as dc:date and the attachments' dates."""


def variant_of(document: Document, context: WriteContext) -> str:
    """The variant this build asks for: --pdf-variant, else plan.yaml's pdf_variant; empty for plain."""
    asked = context.settings.get("pdf_variant") or document.pdf_variant
    return "" if asked == PLAIN else asked


def pdf_options(document: Document, context: WriteContext) -> PdfOptions | None:
    """The options of the variant asked for, None for a plain PDF; unreadable sources are errors."""
    variant = variant_of(document, context)
    if not variant:
        return None
    attachments: list[tuple[str, bytes]] = []
    if variant in CARRYING_SOURCES:
        for name in sorted(document.sources):
            try:
                data = read_confined(context.plan_root / name, context.plan_root, ATTACHMENT_BYTES)
            except Refused as refused:
                context.diagnostics.error(
                    Location(source_path(context.plan_root / name)),
                    _("cannot embed {path} in the PDF/A: {reason}").format(
                        path=name, reason=refused.message
                    ),
                    code=refused.code,
                    hint=refused.hint,
                )
                continue
            attachments.append((name, data))
    return PdfOptions(
        variant,
        tuple(attachments),
        issuer=document.issuer,
        doc_number=document.doc_number,
        created=document.created,
    )


def write_options(pdf: Any, options: PdfOptions | None) -> dict[str, Any]:
    """Prepare the rendered WeasyPrint document `pdf` for the variant; the keyword arguments of its
    write_pdf. A plain PDF (None) gets nothing, so it stays byte for byte what it was."""
    if options is None:
        return {}
    from weasyprint import Attachment

    _install()
    pdf.metadata = _metadata_class()(options, **vars(pdf.metadata))
    when = _moment(options.created)
    attachments = [
        Attachment(
            string=data,
            name=name,
            description=DESCRIPTION,
            created=when,
            modified=when,
            relationship=RELATIONSHIP,
        )
        for name, data in options.attachments
    ]
    return {"pdf_variant": options.variant, "attachments": attachments or None}


_installed = False


def _install() -> None:
    """Wrap WeasyPrint's variants once per process: each embedded file listed once in the catalog's
    /AF (WeasyPrint 70 lists every attachment twice), and header cells given a /Scope."""
    global _installed
    if _installed:
        return
    from weasyprint.pdf import VARIANTS as WEASYPRINT_VARIANTS

    for name in VARIANTS:
        function, properties = WEASYPRINT_VARIANTS[name]
        WEASYPRINT_VARIANTS[name] = (_finished(function), properties)
    _installed = True


def _finished(function: Any) -> Any:
    def variant(pdf: Any, *args: Any, **kwargs: Any) -> None:
        function(pdf, *args, **kwargs)
        if "AF" in pdf.catalog:
            pdf.catalog["AF"][:] = list(dict.fromkeys(pdf.catalog["AF"]))
        if "StructTreeRoot" in pdf.catalog:
            scope_header_cells(pdf)

    return variant


def scope_header_cells(pdf: Any) -> None:
    """Give every TH a /Scope: /Column in a row of header cells only, /Row beside data cells
    (the 发文字号： label of the document information table)."""
    for row in pdf.objects:
        if not isinstance(row, dict) or row.get("S") != "/TR":
            continue
        cells = [_object(pdf, kid) for kid in row.get("K", ())]
        cells = [cell for cell in cells if isinstance(cell, dict)]
        scope = "/Column" if all(cell.get("S") == "/TH" for cell in cells) else "/Row"
        for cell in cells:
            if cell.get("S") == "/TH" and isinstance(cell.get("A"), dict):
                cell["A"]["Scope"] = scope


def _object(pdf: Any, reference: Any) -> Any:
    """The object a pydyf reference (b"12 0 R") names, None for anything else (a marked-content id)."""
    if not isinstance(reference, bytes):
        return None
    return pdf.objects[int(reference.split()[0])]


def _moment(created: str) -> dt.datetime:
    """The document date as a datetime (UTC), now when the plan has none."""
    try:
        return dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime.now(dt.UTC)


def _metadata_class() -> type:
    """WeasyPrint's DocumentMetadata, extended with the plan's Dublin Core fields in its XMP."""
    from xml.etree import ElementTree

    from weasyprint.pdf.metadata import DocumentMetadata

    class PlanMetadata(DocumentMetadata):
        def __init__(self, options: PdfOptions, **fields: Any) -> None:
            super().__init__(**fields)
            self.plan_options = options

        def generate_rdf_metadata(self, variant: str, version: Any, conformance: Any) -> bytes:
            rdf = ElementTree.fromstring(
                super().generate_rdf_metadata(variant, version, conformance)
            )
            rdf.append(dublin_core(self.plan_options))
            return ElementTree.tostring(rdf, encoding="utf-8")

    return PlanMetadata


def dublin_core(options: PdfOptions) -> ElementTree.Element:
    """An rdf:Description with dc:language, dc:publisher, dc:identifier (发文字号) and dc:date."""
    from xml.etree import ElementTree

    from weasyprint.pdf.metadata import NS

    rdf, dc = NS["rdf"], NS["dc"]
    description = ElementTree.Element(f"{{{rdf}}}Description", {f"{{{rdf}}}about": ""})

    def listed(name: str, kind: str, value: str) -> None:
        container = ElementTree.SubElement(description, f"{{{dc}}}{name}")
        ElementTree.SubElement(
            ElementTree.SubElement(container, f"{{{rdf}}}{kind}"), f"{{{rdf}}}li"
        ).text = value

    listed("language", "Bag", LANGUAGE)
    if options.issuer:
        listed("publisher", "Bag", options.issuer)
    if options.doc_number:
        ElementTree.SubElement(description, f"{{{dc}}}identifier").text = options.doc_number
    if options.created:
        listed("date", "Seq", options.created)
    return description
