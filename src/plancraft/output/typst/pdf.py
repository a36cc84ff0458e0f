"""The Typst PDF writer: the document tree laid out by templates/plan.typ, in-process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...diagnostics import Location, source_path
from ...i18n import _
from ..pdfvariant import pdf_options
from .compiler import KeptCompiler

if TYPE_CHECKING:
    from ...compile.document import Document
    from ...diagnostics import Diagnostics
    from ..formats import WriteContext
    from ..pdfvariant import PdfOptions
    from .narrow import FontListing


def render_pdf(
    document: Document,
    diagnostics: Diagnostics | None = None,
    where: str = ".",
    options: PdfOptions | None = None,
    listing: FontListing | None = None,
) -> bytes:
    """The PDF of `document` (as the variant `options` asks), compiled once in a fresh Typst
    compiler; `listing`: fc-list started by the build (the writer's `prepare`)."""
    with KeptCompiler(narrow=True, listing=listing) as compiler:
        return compiler.compile(document, diagnostics, where, options)


def write(document: Document, context: WriteContext) -> bytes:
    """The Typst PDF writer (output/formats.py, format `pdf-typst`)."""
    import typst

    errors = len(context.diagnostics.errors)
    options = pdf_options(document, context)
    if len(context.diagnostics.errors) > errors:
        return b""  # a source it should embed cannot be read
    try:
        return render_pdf(
            document,
            context.diagnostics,
            str(context.plan_root),
            options,
            context.prepared.get("pdf-typst"),
        )
    except typst.TypstError as exc:
        context.diagnostics.error(
            Location(source_path(context.plan_root)),
            _("Typst could not lay out the plan: {message}").format(message=exc.message),
            code="typst",
            hint=_("build with --pdf-engine weasyprint, and report the problem"),
        )
        return b""
