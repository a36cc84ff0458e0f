"""PDF: lay out the rendered HTML with WeasyPrint, fetching nothing outside the plan and its assets."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from ..diagnostics import Diagnostics, Location, source_path
from ..i18n import _
from ..resources import templates_folder
from . import actualtext, boldstroke, grid
from .continued import continue_document
from .html import print_html
from .imprint import place_imprint
from .justify import justify_document
from .lastline import pull_down_lone_characters
from .leaders import extend_leaders
from .pdfvariant import pdf_options, write_options

if TYPE_CHECKING:
    from ..compile.document import Document
    from .formats import WriteContext
    from .pdfvariant import PdfOptions


def sandboxed_fetcher(allowed_roots: list[Path], refused: list[str]):
    """A WeasyPrint URL fetcher that serves data: URLs and files inside `allowed_roots`, nothing else."""
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed_roots]

    class SandboxFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme == "file" and not parsed.netloc:
                path = Path(unquote(parsed.path)).resolve()
                if any(path == root or root in path.parents for root in roots) and path.is_file():
                    return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"plancraft does not let a plan fetch {url}")

    return SandboxFetcher(allow_redirects=False, timeout=1)


def harfbuzz_subsetting() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast, small) rather than falling back to fontTools."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def write_pdf(
    html: str,
    target: Path,
    plan_root: Path,
    diagnostics: Diagnostics,
    options: PdfOptions | None = None,
) -> bool:
    """Render `html` to a PDF at `target` (a PDF/A or PDF/UA with `options`); record refused
    fetches as errors; True on success."""
    from weasyprint import HTML

    if not harfbuzz_subsetting():
        diagnostics.warning(
            Location(source_path(plan_root)),
            _("fonts are subset with fontTools, which is much slower than HarfBuzz"),
            code="font-subset",
            hint=_(
                "install HarfBuzz-Subset 4.1 or newer (Debian: libharfbuzz-subset0; make setup "
                "does)"
            ),
        )

    html = print_html(html)
    refused: list[str] = []
    fetcher = sandboxed_fetcher([plan_root, templates_folder()], refused)
    actualtext.install()
    boldstroke.install()
    grid.install()
    document = HTML(
        string=html, base_url=str(plan_root.resolve()) + "/", url_fetcher=fetcher
    ).render()
    continue_document(document)
    place_imprint(document)
    extend_leaders(document)
    pull_down_lone_characters(document)
    justify_document(document)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document.write_pdf(target, pdf_identifier=identifier, **write_options(document, options))
    for url in refused:
        diagnostics.error(
            Location(source_path(plan_root)),
            _("the plan tried to load {url}, which is outside the plan").format(url=url),
            code="sandbox",
            hint=_("plans may only use files inside their own folder"),
        )
    return not refused


def write(document: Document, context: WriteContext) -> bytes:
    """The PDF writer (output/formats.py): the HTML writer's page laid out, in the forked worker
    when the build has one (it imported WeasyPrint while the plan compiled)."""
    html = context.output("html").decode("utf-8")
    errors = len(context.diagnostics.errors)
    options = pdf_options(document, context)
    if len(context.diagnostics.errors) > errors:
        return b""  # a source it should embed cannot be read
    make = context.worker.write_pdf if context.worker is not None else write_pdf
    with context.scratch_file("pdf") as target:
        if not make(html, target, context.plan_root, context.diagnostics, options):
            return b""
        return target.read_bytes()
