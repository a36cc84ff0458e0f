"""A forked process that imports WeasyPrint while the plan is compiled, then lays out its PDF.

WeasyPrint takes half a second to import; loading, checking and assembling a plan takes about as long.
On a machine with two cores or more, `plancraft build` starts this worker before it compiles, so the
two overlap and a one-plan PDF build takes little longer than WeasyPrint alone. What the worker logs
and records comes back to the calling process: diagnostics, and WeasyPrint's log records.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics

LOGGER = "weasyprint"


def can_overlap() -> bool:
    """Whether a worker would help and is safe: two usable cores, fork, and no other thread to copy."""
    import multiprocessing

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return (
        cores > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


class PdfWorker:
    """One forked process that has WeasyPrint imported by the time the HTML is ready."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()
        self._used = False

    def write_pdf(self, html: str, target: Path, plan_root: Path, diagnostics: Diagnostics) -> bool:
        """Lay out `html` into a PDF at `target` in the worker; as `pdf.write_pdf`, True on success."""
        self._used = True
        self._connection.send((html, target, plan_root))
        outcome = self._connection.recv()
        if isinstance(outcome, BaseException):
            raise outcome
        ok, found, records = outcome
        diagnostics.items.extend(found.items)
        logger = logging.getLogger(LOGGER)
        if not logger.handlers:  # as WeasyPrint sets its logger up when imported here
            logger.addHandler(logging.NullHandler())
        for level, message in records:
            logger.log(level, "%s", message)
        return ok

    def close(self) -> None:
        """Stop the worker; one never given a PDF to make is stopped at once."""
        if self._used:
            self._connection.send(None)
            self._process.join()
        else:
            self._process.terminate()
            self._process.join()
        self._connection.close()


def _serve(connection: Any) -> None:
    """The worker: import WeasyPrint, then lay out each PDF asked for until told to stop."""
    try:
        _import_weasyprint()
        while (job := connection.recv()) is not None:
            try:
                outcome: Any = _write_pdf(*job)
            except Exception as exc:  # handed to the caller, which raises it as in-process
                outcome = exc
            connection.send(outcome)
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        return  # the caller was interrupted or is gone: it reports, not the worker


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401

    from . import pdf  # noqa: F401


def _write_pdf(
    html: str, target: Path, plan_root: Path
) -> tuple[bool, Diagnostics, list[tuple[int, str]]]:
    from .pdf import write_pdf

    records: list[tuple[int, str]] = []
    collector = logging.Handler()
    collector.emit = lambda record: records.append((record.levelno, record.getMessage()))  # type: ignore[method-assign]
    logger = logging.getLogger(LOGGER)
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [collector], False
    try:
        diagnostics = Diagnostics()
        ok = write_pdf(html, target, plan_root, diagnostics)
    finally:
        logger.handlers, logger.propagate = handlers, propagate
    return ok, diagnostics, records
