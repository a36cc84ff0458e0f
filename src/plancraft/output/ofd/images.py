"""A PDF image XObject as the file an OFD MultiMedia resource holds: JPEG as it is, anything else PNG."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .layout import Matrix


@dataclass
class Image:
    """An image file of the document, shared by every place it is drawn."""

    key: str
    """The PDF image object's id, unique within the document."""
    data: bytes
    suffix: str
    """jpg or png."""
    width: int
    height: int
    """Pixels."""

    @property
    def format(self) -> str:
        """The MultiMedia Format attribute."""
        return "JPEG" if self.suffix == "jpg" else "PNG"


@dataclass
class PlacedImage:
    """An image drawn on a page."""

    image: Image
    ctm: Matrix
    """The image's unit square (origin top left, as OFD reads it) → mm from the page's top left."""


def is_image(xobject: Any) -> bool:
    """An image XObject OFD can hold (not a stencil mask, which paints in the current colour)."""
    return xobject.get("/Subtype") == "/Image" and not bool(xobject.get("/ImageMask", False))


def read_image(key: str, xobject: Any) -> Image:
    """The image's file: a plain JPEG stream is copied, anything else (with its soft mask as
    alpha) written as PNG."""
    from pikepdf import PdfImage

    width, height = int(xobject.Width), int(xobject.Height)
    filters = xobject.get("/Filter")
    colour = xobject.get("/ColorSpace")
    if (
        filters == "/DCTDecode"
        and colour in ("/DeviceRGB", "/DeviceGray")
        and "/SMask" not in xobject
        and "/Decode" not in xobject
    ):
        return Image(key, xobject.read_raw_bytes(), "jpg", width, height)
    picture = PdfImage(xobject).as_pil_image()
    if picture.mode not in ("RGB", "L", "RGBA", "LA"):
        picture = picture.convert("RGB")
    if "/SMask" in xobject:
        alpha = PdfImage(xobject.SMask).as_pil_image().convert("L")
        if alpha.size != picture.size:
            alpha = alpha.resize(picture.size)
        picture = picture.convert("RGBA")
        picture.putalpha(alpha)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return Image(key, out.getvalue(), "png", width, height)
