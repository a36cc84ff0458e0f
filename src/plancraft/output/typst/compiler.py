"""Typst compiles plan.typ over the plan's data: both as files in a private folder, so that a kept
compiler (the preview's) lays out again only what an edit changed."""

from __future__ import annotations

import datetime
import json
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ...diagnostics import Location, source_path
from ...i18n import _
from ...resources import template_text
from .data import document_data
from .fonts import TYPST_ROLES, bold_roles, fell_back, role_stacks, typst_fonts
from .narrow import FontListing, narrowed_fonts
from .variant import attachment_data, attachment_files, variant_options, with_dublin_core

if TYPE_CHECKING:
    from ...compile.document import Document
    from ...diagnostics import Diagnostics
    from ..pdfvariant import PdfOptions

TEMPLATE = "plan.typ"
DATA_FILE = "data.json"
"""The file plan.typ reads the document from, next to it."""
FONTS_FOLDER = "fonts"
"""Where a narrowed compile's font files are linked, in the compiler's folder."""
ROLE_NAMES = {
    "fangsong": "仿宋",
    "xiaobiaosong": "小标宋",
    "heiti": "黑体",
    "kaiti": "楷体",
    "song": "宋体",
}


def _with_fonts(
    data: dict[str, Any], fonts: Any, diagnostics: Diagnostics | None, where: str
) -> str:
    """`data` as JSON with each role's families among `fonts`, fallbacks reported."""
    stacks = role_stacks(frozenset(fonts.families()))
    if diagnostics is not None:
        for role in TYPST_ROLES:
            stack = stacks[role]
            if fell_back(stack):
                diagnostics.warning(
                    Location(source_path(where)),
                    _(
                        "Typst finds no official font nor Fandol for {role}; it uses {family}"
                    ).format(role=ROLE_NAMES[role], family=stack[0] if stack else "-"),
                    code="font-fallback",
                    hint=_("run make setup to install the Fandol fonts"),
                )
    data["fonts"], data["bold"] = stacks, bold_roles(stacks, fonts)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def typst_message(warning: Any) -> str:
    """A Typst warning in one line: its message and hints."""
    hints = [str(hint) for hint in getattr(warning, "hints", None) or []]
    message = str(getattr(warning, "message", warning))
    return "; ".join([message, *hints])


def timestamp(document: Document) -> datetime.datetime | None:
    """The document date for the PDF's metadata (reproducible), or None."""
    if not document.created:
        return None
    return datetime.datetime.fromisoformat(document.created.replace("Z", "+00:00"))


def compile_options(document: Document) -> dict[str, Any]:
    """What every compile passes: untagged (poppler misreads Typst's tags), the document's date."""
    return {"format": "pdf", "pdf_tags": False, "timestamp": timestamp(document)}


class KeptCompiler:
    """One plan's `typst.Compiler`, given the template as a file path (with the template as bytes,
    typst-py 0.15.2 fails on the second compile); each compile rewrites what changed.

    `narrow`: a compile made once (a build) is given only the fonts its document prints with when
    it can be (narrow.py), fontconfig's faces read from `listing` when the build started fc-list
    before the plan loaded; a kept compiler (the preview), whose document changes, gets all fonts."""

    def __init__(self, narrow: bool = False, listing: FontListing | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="plancraft-typst-"))
        self.narrow = narrow
        self.listing = listing
        """fc-list started before the plan loaded, for a narrowed compile."""
        self._compiler: Any = None
        self._fonts: Any = None
        self._written: dict[str, bytes] = {}
        self.warnings: list[str] = []
        """Typst's warnings on the last compile (a layout that did not converge among them)."""

    def compile(
        self,
        document: Document,
        diagnostics: Diagnostics | None = None,
        where: str = ".",
        options: PdfOptions | None = None,
    ) -> bytes:
        """The PDF of `document`, as the variant `options` asks (None: plain); raises
        typst.TypstError when Typst cannot lay it out."""
        import typst

        # fc-list runs while the data is made (or from before the plan loaded, when given) for a
        # compile given its document's fonts only.
        listing = (self.listing or FontListing()) if self.narrow and self._fonts is None else None
        try:
            self._write(TEMPLATE, template_text(TEMPLATE).encode())
            for name, attached in attachment_files(options).items():
                self._write(name, attached)
            data = document_data(document, {}, {}, attachment_data(options))
            if self._fonts is None:
                self._fonts = self._chosen_fonts(data, listing)
        finally:
            if listing is not None:
                listing.close()
        self._write(DATA_FILE, _with_fonts(data, self._fonts, diagnostics, where).encode())
        if self._compiler is None:
            self._compiler = typst.Compiler(
                str(self.folder / TEMPLATE), root=str(self.folder), font_paths=self._fonts
            )
        settings = compile_options(document) | variant_options(options)
        result, warnings = self._compiler.compile_with_warnings(**settings)
        assert isinstance(result, bytes)
        self.warnings = [str(warning) for warning in warnings]
        if diagnostics is not None:
            for warning in warnings:
                diagnostics.warning(
                    Location(source_path(where)),
                    _("Typst warns: {message}").format(message=typst_message(warning)),
                    code="typst-warning",
                    hint=_("the PDF was written; look at the pages it concerns"),
                )
        return with_dublin_core(result, options)

    def _chosen_fonts(self, data: dict[str, Any], listing: FontListing | None = None) -> Any:
        """The fonts this compiler is given: narrowed to the document's when it may be (`listing`:
        fc-list started for it), else all."""
        if self.narrow:
            printed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            # Inline code prints in the mono role's Noto, an SVG's text in its own fonts: tags only the
            # tree can write (text is escaped).
            if '"node":"code"' not in printed and '"data_url":"data:image/svg' not in printed:
                narrowed = narrowed_fonts(self.folder / FONTS_FOLDER, printed, listing)
                if narrowed is not None:
                    return narrowed
        return typst_fonts()

    def _write(self, name: str, data: bytes) -> None:
        """Write `data` to `name` unless it holds it already (then Typst sees no change)."""
        if self._written.get(name) != data:
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self._written[name] = data

    def close(self) -> None:
        """Drop the compiler and its folder."""
        self._compiler = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> KeptCompiler:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
