"""A forked process that imports WeasyPrint while the plan is compiled, then lays out its PDFs.

WeasyPrint takes half a second to import; loading, checking and assembling a plan takes about as long.
On a machine with two cores or more, `build_plans` (one plan at a time) hands build_plan a worker,
which is started as soon as a plan's PDF is found out of date, before the plan compiles: the two
overlap and a one-plan PDF build takes little longer than WeasyPrint alone. What the worker records
comes back to the calling process: diagnostics, WeasyPrint's log records, and exceptions.
"""

from __future__ import annotations

import logging
import pickle
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostics
from .machine import usable_cores

if TYPE_CHECKING:
    from .pdfvariant import PdfOptions

LOGGER = "weasyprint"


def can_overlap() -> bool:
    """Whether a worker would help and is safe: two usable cores, fork, and no other thread to copy."""
    import multiprocessing

    return (
        usable_cores() > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


class WorkerStopped(RuntimeError):
    """The worker process ended while it had a PDF to make (killed, out of memory, crashed)."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in the worker, attached as its cause."""

    def __str__(self) -> str:
        return str(self.args[0])


class PdfWorker:
    """One forked process, started on demand, that has WeasyPrint imported by the time HTML comes."""

    def __init__(self) -> None:
        self._process: Any = None
        self._connection: Any = None
        self._used = False

    def start(self) -> None:
        """Fork the worker now (once), so that it imports WeasyPrint while the caller goes on."""
        if self._process is not None:
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self._connection), daemon=True)
        self._process.start()
        child.close()

    def write_pdf(
        self,
        html: str,
        target: Path,
        plan_root: Path,
        diagnostics: Diagnostics,
        options: PdfOptions | None = None,
    ) -> bool:
        """Lay out `html` into a PDF at `target` in the worker; as `pdf.write_pdf`, True on success."""
        self.start()
        self._used = True
        try:
            self._connection.send((html, target, plan_root, options))
            outcome = self._connection.recv()
        except (EOFError, OSError) as exc:
            self._process.join(5)
            code = self._process.exitcode
            raise WorkerStopped(
                f"the PDF worker stopped while making the PDF of {plan_root.name} (exit code {code})"
            ) from exc
        if outcome[0] == "raised":
            _, exception, text = outcome
            raise exception from RemoteTraceback(text)
        _, ok, found, records = outcome
        diagnostics.items.extend(found.items)
        if records and not logging.getLogger(LOGGER).handlers:  # as importing WeasyPrint would
            logging.getLogger(LOGGER).addHandler(logging.NullHandler())
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        return ok

    def close(self) -> None:
        """Stop the worker: let a used one finish, end one that never got a PDF at once."""
        if self._process is None:
            return
        if self._used:
            try:
                self._connection.send(None)
            except OSError:
                pass  # it has already ended
            self._process.join(5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._connection.close()
        self._process = None


def _serve(connection: Any, callers_end: Any) -> None:
    """The worker: import WeasyPrint, then lay out each PDF asked for until told to stop.

    It closes its copy of the caller's end of the pipe first: then a caller that dies, even by
    SIGKILL, leaves the pipe with no writer, and the worker's next read ends it.
    """
    callers_end.close()
    try:
        _import_weasyprint()
        while (job := connection.recv()) is not None:
            connection.send(_outcome(job))
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        return  # the caller was interrupted or is gone: it reports, not the worker


def _outcome(job: tuple[str, Path, Path, PdfOptions | None]) -> tuple[Any, ...]:
    """("made", ok, diagnostics, log records), or ("raised", exception, traceback text)."""
    try:
        return ("made", *_write_pdf(*job))
    except Exception as exc:  # handed to the caller, which raises it as in-process
        text = traceback.format_exc()
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return ("raised", exc, text)


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401

    from . import pdf  # noqa: F401


def _write_pdf(
    html: str, target: Path, plan_root: Path, options: PdfOptions | None
) -> tuple[bool, Diagnostics, list[tuple[str, int, str]]]:
    from .pdf import write_pdf

    records: list[tuple[str, int, str]] = []
    collector = logging.Handler()
    collector.emit = lambda record: records.append(  # type: ignore[method-assign]
        (record.name, record.levelno, record.getMessage())
    )
    logger = logging.getLogger(LOGGER)
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [collector], False
    try:
        diagnostics = Diagnostics()
        ok = write_pdf(html, target, plan_root, diagnostics, options)
    finally:
        logger.handlers, logger.propagate = handlers, propagate
    return ok, diagnostics, records
