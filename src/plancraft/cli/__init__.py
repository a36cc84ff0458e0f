"""The `plancraft` command: a thin click shell over the library, one module per command."""

from __future__ import annotations

from . import (  # noqa: F401 - they register
    build,
    diff,
    extract,
    fonts,
    importing,
    indicators,
    monitor,
    new,
    opinions,
    review,
    serve,
    validate,
)
from .app import main

__all__ = ["main"]
