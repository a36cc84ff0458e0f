"""OFD (GB/T 33190-2016), China's fixed-layout format: the PDF's pages, lines and glyph positions
written again as OFD XML with the PDF's embedded font subsets (as TrueType), so the text stays
selectable.

The layout is the PDF writer's (this writer `uses` pdf): `layout` reads each glyph, rule and frame
back from the PDF's content streams, `package` writes them as TextObjects, PathObjects and
ImageObjects.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from typing import TYPE_CHECKING, Any

from ... import __version__
from ...diagnostics import Location, source_path
from ...i18n import N_, _
from ..cache import CACHE_DIR
from .glyphcache import GlyphCache
from .layout import MM_PER_PT, Reader
from .package import Bookmark, DocInfo, package
from .truetype import with_truetype_outlines

if TYPE_CHECKING:
    from ...compile.document import Document
    from ..formats import WriteContext

UNPLACED = {
    "Do": N_("form XObjects"),
    "sh": N_("shadings"),
    "scn": N_("pattern and gradient fills"),
    "BI": N_("inline images"),
}


def write(document: Document, context: WriteContext) -> bytes:
    """The OFD writer (output/formats.py): the PDF writer's output read back and written as OFD."""
    import pikepdf

    data = context.output("pdf")
    with pikepdf.open(BytesIO(data)) as pdf:
        reader = Reader(pdf)
        pages = reader.pages()
        outline = bookmarks(pdf)
    if reader.unplaced:
        context.diagnostics.error(
            Location(source_path(context.plan_root)),
            _("the OFD writer cannot place {what} yet").format(
                what=", ".join(_(UNPLACED[op]) for op in sorted(reader.unplaced))
            ),
            code="ofd-unsupported",
            hint=_("build the PDF instead, or give the figure as a PNG or JPEG image for OFD"),
        )
        return b""
    cache = GlyphCache(context.out_dir / CACHE_DIR / "ofd-glyphs.bin")
    fonts = [with_truetype_outlines(font, cache) for font in reader.fonts.values()]
    cache.save()
    images = list(reader.images.values())
    return package(pages, fonts, images, outline, doc_info(document, data))


def doc_info(document: Document, pdf: bytes) -> DocInfo:
    """OFD.xml's DocInfo: a DocID from the PDF's bytes (the same plan gives the same file)."""
    start, end = document.period
    return DocInfo(
        doc_id=hashlib.sha256(pdf).hexdigest()[:32],
        title=document.title,
        author=document.issuer,
        subject=f"{document.title}（{start}—{end}年）" if start and end else document.title,
        creation_date=document.created[:10],
        creator="plancraft",
        creator_version=__version__,
        keywords=[document.period_keywords, document.issuer] if document.issuer else [],
        custom={"发文字号": document.doc_number},
    )


def bookmarks(pdf: Any) -> list[Bookmark]:
    """The PDF's outline as OFD bookmarks (page index and top in mm)."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    heights = [float(page.MediaBox[3]) for page in pdf.pages]

    def convert(item: Any) -> Bookmark | None:
        destination = item.destination
        if destination is None or len(destination) < 4 or not hasattr(destination[0], "objgen"):
            return None
        index = pages.get(destination[0].objgen, 0)
        top = float(destination[3]) if destination[1] == "/XYZ" else heights[index]
        mark = Bookmark(str(item.title), index, max(heights[index] - top, 0) * MM_PER_PT)
        mark.children = [found for child in item.children if (found := convert(child))]
        return mark

    with pdf.open_outline() as outline:
        return [found for item in outline.root if (found := convert(item))]
