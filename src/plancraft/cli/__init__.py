"""The `plancraft` command: a thin click shell over the library, one module per command."""

from __future__ import annotations

import gc

GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation in a command's process (Python's
default is 700): importing and loading a plan allocate much and free little. The default collected 85
times, for 12 ms, in a Typst build of beijing; this none."""
gc.set_threshold(GC_YOUNG_THRESHOLD)

from . import (  # noqa: E402, F401 - they register
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
from .app import main  # noqa: E402

__all__ = ["main", "run"]


def run() -> None:
    """The `plancraft` program: `main` in a process that runs one command and ends. The collector is
    frozen after the imports (no collection walks the modules again) and when the command is done (the
    exit frees memory without a last full collection); a caller of `main` in a longer process (the
    tests' CliRunner) keeps Python's own collection."""
    gc.freeze()
    try:
        main()
    finally:
        gc.freeze()
