"""The `plancraft` command: a thin click shell over the library, one module per command."""

from __future__ import annotations

from . import build, diff, fonts, importing, indicators, new, review, serve, validate  # noqa: F401 - they register
from .app import main

__all__ = ["main"]
