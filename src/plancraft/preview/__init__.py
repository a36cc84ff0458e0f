"""`plancraft serve`: a live preview of plans in the browser, reloaded on save."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .server import PreviewServer, is_loopback
from .watch import Preview, ReloadHook

__all__ = ["Preview", "PreviewServer", "is_loopback", "start"]


def start(
    roots: Iterable[Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    cache: Path | None = None,
    hook: ReloadHook | None = None,
    log: bool = False,
    pdf_engine: str | None = None,
) -> PreviewServer:
    """Load the plans, bind the server and start watching; the caller runs `serve_forever()`.
    `pdf_engine` prints every plan's PDF (None: each plan's `pdf_engine:`)."""
    preview = Preview(roots, hook, pdf_engine)
    server = PreviewServer(preview, host, port, cache, log)
    preview.load_all()
    preview.start()
    return server
