"""Images in plan prose: only files inside the plan folder, inlined so the HTML stands alone."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..i18n import _
from ..limits import IMAGE_BYTES
from .confine import Refused, read_confined, real_path

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
DATA_IMAGE_RE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")


def image_problem(src: str, plan_root: Path) -> str:
    """Why the image `src` may not be used by the plan at `plan_root`, or '' when it may."""
    if src.startswith("data:"):
        return (
            ""
            if DATA_IMAGE_RE.match(src)
            else _("only base64 PNG, JPEG, GIF or WebP data: images are allowed")
        )
    parsed = urlparse(src)
    if parsed.scheme or parsed.netloc or src.startswith(("/", "\\")):
        return _("images must be files inside the plan folder, given as a relative path")
    try:
        path = image_path(src, plan_root)
        root = real_path(plan_root)
    except Refused as refused:
        return refused.message
    if path != root and root not in path.parents:
        return _("the path leads outside the plan folder")
    if not path.is_file():
        return _("no such file in the plan folder")
    if path.suffix.lower() not in IMAGE_TYPES:
        return _("not an image type plancraft embeds ({types})").format(
            types=", ".join(sorted(IMAGE_TYPES))
        )
    if path.stat().st_size > IMAGE_BYTES.value:
        return _("larger than {size} MB (the limit {limit})").format(
            size=IMAGE_BYTES.value // (1024 * 1024), limit=IMAGE_BYTES.name
        )

    return ""


def image_path(src: str, plan_root: Path) -> Path:
    """The file a relative image `src` names, with symlinks and ../ resolved."""
    return real_path(plan_root / unquote(urlparse(src).path))


def embedded(src: str, plan_root: Path) -> str | None:
    """A data: URL holding the image, or None when the plan may not use it."""
    if image_problem(src, plan_root):
        return None
    if src.startswith("data:"):
        return src
    path = image_path(src, plan_root)
    try:
        data = base64.b64encode(read_confined(path, plan_root, IMAGE_BYTES)).decode("ascii")
    except Refused:
        return None
    return f"data:{IMAGE_TYPES[path.suffix.lower()]};base64,{data}"
