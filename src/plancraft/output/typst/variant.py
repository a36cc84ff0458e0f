"""PDF/A and PDF/UA with the Typst engine: the variant as Typst's PDF standard, the plan's sources
as attached files, the plan's Dublin Core fields added to Typst's XMP (as output/pdfvariant.py
does for WeasyPrint)."""

from __future__ import annotations

import io
from typing import Any

from ..pdfvariant import LANGUAGE, TAGGED, PdfOptions

STANDARDS = {"pdf/a-2b": "a-2b", "pdf/a-3b": "a-3b", "pdf/a-3a": "a-3a", "pdf/ua-1": "ua-1"}
"""Each variant as the PDF standard Typst exports to."""
SOURCES_FOLDER = "sources"
"""Where the compiler's private folder holds the files to attach (plan.typ reads them)."""
MIME_TYPES = {".md": "text/markdown", ".yaml": "application/yaml", ".yml": "application/yaml"}


def variant_options(options: PdfOptions | None) -> dict[str, Any]:
    """What a compile passes for the variant: Typst's standard, and tags where it requires them."""
    if options is None:
        return {}
    return {"pdf_standards": [STANDARDS[options.variant]], "pdf_tags": options.variant in TAGGED}


def attachment_files(options: PdfOptions | None) -> dict[str, bytes]:
    """The files to attach, by their path in the compiler's folder (numbered: plan paths vary)."""
    if options is None:
        return {}
    return {f"{SOURCES_FOLDER}/{n:04d}": data for n, (_, data) in enumerate(options.attachments)}


def attachment_data(options: PdfOptions | None) -> list[dict[str, str]]:
    """What plan.typ attaches: each source's name in the plan, its file and its MIME type."""
    if options is None:
        return []
    files = attachment_files(options)
    return [
        {"name": name, "file": file, "mime": mime_type(name)}
        for (name, _), file in zip(options.attachments, files, strict=True)
    ]


def mime_type(name: str) -> str:
    """The MIME type PDF/A-3 asks of an embedded file."""
    import mimetypes

    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MIME_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def with_dublin_core(pdf: bytes, options: PdfOptions | None) -> bytes:
    """`pdf` with the plan's language, issuer (dc:publisher), 发文字号 (dc:identifier) and date in
    its XMP; a plain PDF (None) is left as it is."""
    if options is None:
        return pdf
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:language"] = {LANGUAGE}
            if options.issuer:
                xmp["dc:publisher"] = {options.issuer}
            if options.doc_number:
                xmp["dc:identifier"] = options.doc_number
            if options.created:
                xmp["dc:date"] = [options.created]
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()
