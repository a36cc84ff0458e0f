"""The `plancraft` program: the CLI (plancraft.cli) in a process that runs one command and ends.

Python's collector is tuned for that here, not in the library or the CLI module, which longer processes
(the tests' CliRunner, a caller of the library) import: the youngest generation is collected every
GC_YOUNG_THRESHOLD allocations, set before the CLI's modules are imported, and the collector is frozen
after the imports (no collection walks the modules again).

When the command is done the process ends without tearing the interpreter down (`end`): the exit
handlers run and the standard streams are flushed as on any exit, but the modules and every object built
are not freed one by one, which took about a twentieth of a Typst build of beijing.
"""

from __future__ import annotations

import gc

GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation (Python's default is 700): importing
and loading a plan allocate much and free little. The default collected 85 times, for 12 ms, in a Typst
build of beijing; this none."""


FLUSH_FAILED = 120
"""The exit code Python gives when it cannot flush the standard streams at exit."""


def run() -> None:
    """Run the command the arguments name, and end the process with its exit code."""
    gc.set_threshold(GC_YOUNG_THRESHOLD)
    from .cli import main

    gc.freeze()
    try:
        main()
    except SystemExit as done:
        gc.freeze()
        end(done)
        raise


def end(done: SystemExit) -> None:
    """End the process now as `done` asks, after the exit handlers and a flush (else return)."""
    # Python's own exit is left to do it when another thread still runs (Python waits for it), when
    # the code is not a number (Python prints it) or a stream cannot be flushed (Python reports it).
    import atexit
    import os
    import threading

    code = 0 if done.code is None else done.code
    if threading.active_count() > 1 or not isinstance(code, int) or not _flushed():
        return
    atexit._run_exitfuncs()
    os._exit(code if _flushed() else FLUSH_FAILED)


def _flushed() -> bool:
    """Whether the standard streams (those still open) could be flushed."""
    import sys

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
