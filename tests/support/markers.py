"""The markers' guard: a test that lays out a PDF or starts a browser without its marker fails.

`make test-fast` leaves out the tests marked `pdf` and `browser`; this guard keeps that honest in every
run, fast or full, so that a new test that builds a PDF cannot slip into the fast loop unmarked. It sees
the test's own process and the PDF worker it forks: calls of `plancraft.output.pdf.write_pdf` and of
`PdfWorker.write_pdf`, and Chromium or playwright's driver started through `subprocess.Popen`. What a
module- or session-wide fixture used counts for every test that uses it, not only the first. A PDF
laid out by a `plancraft` started as a separate process is not seen: mark such tests by hand.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

BROWSER_PROGRAMS = {"chromium", "chromium-browser", "chrome", "google-chrome"}
REASONS = {"pdf": "it lays out a PDF with WeasyPrint", "browser": "it starts Chromium"}


class Guard:
    """What the running test and each fixture used, and the check that a test is marked for it."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.fixtures: dict[tuple[str, str], set[str]] = {}

    def record(self, marker: str) -> None:
        """Note that the running test (or the fixture being set up) used what `marker` stands for."""
        self.used.add(marker)

    def wrap(self, function: Callable[..., Any], marker: str) -> Callable[..., Any]:
        """`function`, recording `marker` on each call."""

        @functools.wraps(function)
        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.record(marker)
            return function(*args, **kwargs)

        return recorded

    def starts(self, argv: Any, executable: Any = None) -> None:
        """Record a browser when the process about to start is Chromium or playwright's driver."""
        program = executable or (argv[0] if isinstance(argv, list | tuple) and argv else argv)
        if isinstance(program, str | bytes | Path):
            path = Path(os.fsdecode(program))
            if path.name in BROWSER_PROGRAMS or "playwright" in path.parts:
                self.record("browser")

    def needs(self, item: pytest.Item) -> set[str]:
        """The markers `item` needs: what it used, and what the fixtures it uses used when set up."""
        needed = set(self.used)
        for (baseid, name), used in self.fixtures.items():
            if name in getattr(item, "fixturenames", ()) and _within(item.nodeid, baseid):
                needed |= used
        return needed

    def missing(self, item: pytest.Item) -> list[str]:
        """Why `item` fails: one sentence per marker it needs and lacks."""
        return [
            f"mark it @pytest.mark.{marker}: {REASONS[marker]} (see tests/support/markers.py)"
            for marker in sorted(self.needs(item))
            if item.get_closest_marker(marker) is None
        ]


def _within(nodeid: str, baseid: str) -> bool:
    """Whether a fixture defined at `baseid` is visible to the test `nodeid`."""
    return not baseid or nodeid == baseid or nodeid.startswith((baseid + "/", baseid + "::"))


GUARD = Guard()


def install() -> None:
    """Watch the PDF writers and process starts for the rest of the session."""
    from plancraft.output import pdf, pdfworker

    pdf.write_pdf = GUARD.wrap(pdf.write_pdf, "pdf")  # type: ignore[method-assign]
    worker = pdfworker.PdfWorker
    worker.write_pdf = GUARD.wrap(worker.write_pdf, "pdf")  # type: ignore[method-assign]
    popen = subprocess.Popen.__init__

    @functools.wraps(popen)
    def starting(process: subprocess.Popen, args: Any, *rest: Any, **options: Any) -> None:
        GUARD.starts(args, options.get("executable"))
        popen(process, args, *rest, **options)

    subprocess.Popen.__init__ = starting  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Start each test with nothing used."""
    GUARD.used.clear()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest) -> Iterator:
    """Remember what a module- or session-wide fixture used, for every test that uses it later."""
    before, GUARD.used = GUARD.used, set()
    try:
        return (yield)
    finally:
        if fixturedef.scope != "function":
            key = (fixturedef.baseid, fixturedef.argname)
            GUARD.fixtures[key] = GUARD.fixtures.get(key, set()) | GUARD.used
        GUARD.used |= before


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test that used a PDF layout or a browser without the marker that says so."""
    outcome = yield
    if missing := GUARD.missing(item):
        pytest.fail("; ".join(missing), pytrace=False)
    return outcome
