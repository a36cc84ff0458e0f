"""The `plancraft` program: the CLI (plancraft.cli) in a process that runs one command and ends.

Python's collector is tuned for that here, not in the library or the CLI module, which longer processes
(the tests' CliRunner, a caller of the library) import: the youngest generation is collected every
GC_YOUNG_THRESHOLD allocations, set before the CLI's modules are imported, and the collector is frozen
after the imports (no collection walks the modules again) and when the command is done (the exit frees
memory without a last full collection).
"""

from __future__ import annotations

import gc

GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation (Python's default is 700): importing
and loading a plan allocate much and free little. The default collected 85 times, for 12 ms, in a Typst
build of beijing; this none."""


def run() -> None:
    """Run the command the arguments name."""
    gc.set_threshold(GC_YOUNG_THRESHOLD)
    from .cli import main

    gc.freeze()
    try:
        main()
    finally:
        gc.freeze()
