"""The Typst PDF writer: the document tree laid out by templates/plan.typ, in-process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...diagnostics import Location, source_path
from ...i18n import _
from .compiler import KeptCompiler

if TYPE_CHECKING:
    from ...compile.document import Document
    from ...diagnostics import Diagnostics
    from ..formats import WriteContext


def render_pdf(
    document: Document, diagnostics: Diagnostics | None = None, where: str = "."
) -> bytes:
    """The PDF of `document`, compiled in a fresh Typst compiler."""
    with KeptCompiler() as compiler:
        return compiler.compile(document, diagnostics, where)


def write(document: Document, context: WriteContext) -> bytes:
    """The Typst PDF writer (output/formats.py, format `pdf-typst`)."""
    import typst

    try:
        return render_pdf(document, context.diagnostics, str(context.plan_root))
    except typst.TypstError as exc:
        context.diagnostics.error(
            Location(source_path(context.plan_root)),
            _("Typst could not lay out the plan: {message}").format(message=exc.message),
            code="typst",
            hint=_("build with --pdf-engine weasyprint, and report the problem"),
        )
        return b""
