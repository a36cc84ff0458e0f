"""The Typst PDF writer: the document tree laid out by templates/plan.typ, in-process."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from ...diagnostics import Location, source_path
from ...i18n import _
from ...resources import template_text
from .data import document_json
from .fonts import bold_roles, fell_back, role_stacks

if TYPE_CHECKING:
    from ...compile.document import Document
    from ...diagnostics import Diagnostics
    from ..formats import WriteContext

TEMPLATE = "plan.typ"
ROLE_NAMES = {
    "fangsong": "仿宋",
    "xiaobiaosong": "小标宋",
    "heiti": "黑体",
    "kaiti": "楷体",
    "song": "宋体",
}


def typst_inputs(
    document: Document, diagnostics: Diagnostics | None = None, where: str = "."
) -> dict[str, str]:
    """The template's sys.inputs: the document and its fonts as JSON; a role with no installed
    family, or only a last resort, is reported to `diagnostics`."""
    stacks = role_stacks()
    if diagnostics is not None:
        for role, stack in stacks.items():
            if fell_back(stack):
                diagnostics.warning(
                    Location(source_path(where)),
                    _(
                        "Typst finds no official font nor Fandol for {role}; it uses {family}"
                    ).format(role=ROLE_NAMES[role], family=stack[0] if stack else "-"),
                    code="font-fallback",
                    hint=_("run make setup to install the Fandol fonts"),
                )
    return {"data": document_json(document, stacks, bold_roles(stacks))}


def timestamp(document: Document) -> datetime.datetime | None:
    """The document date for the PDF's metadata (reproducible), or None."""
    if not document.created:
        return None
    return datetime.datetime.fromisoformat(document.created.replace("Z", "+00:00"))


def compile_options(document: Document) -> dict[str, Any]:
    """What every compile passes besides the inputs: untagged (poppler misreads Typst's tags)."""
    return {"format": "pdf", "pdf_tags": False, "timestamp": timestamp(document)}


def render_pdf(
    document: Document, diagnostics: Diagnostics | None = None, where: str = "."
) -> bytes:
    """The PDF of `document`, compiled in a fresh Typst compiler."""
    import typst

    source = template_text(TEMPLATE).encode("utf-8")
    inputs = typst_inputs(document, diagnostics, where)
    result = typst.compile(source, sys_inputs=inputs, **compile_options(document))
    assert isinstance(result, bytes)
    return result


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
