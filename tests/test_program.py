"""The `plancraft` program (plancraft.program): the collector tuned, and a process that ends at once
with its command's exit code, its output flushed and its exit handlers run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PLANS

FAST_EXIT = (
    "import os\n"
    "exit_now = os._exit\n"
    "os._exit = lambda code: (print('| ended at once', file=sys.stderr, flush=True), exit_now(code))\n"
)
"""Statements that make the process say when it ends without Python's teardown."""


def script(*words: str, before: str = "") -> str:
    """Python running `plancraft WORDS` by plancraft.program, after the statements `before`."""
    return (
        f"import sys\n{FAST_EXIT}{before}\nfrom plancraft.program import run\n"
        f"sys.argv = ['plancraft', *{list(words)!r}]\nrun()\n"
    )


def program(*words: str, before: str = "") -> subprocess.CompletedProcess:
    """`plancraft WORDS` run by plancraft.program in a fresh Python, after the statements `before`."""
    return subprocess.run(
        [sys.executable, "-c", script(*words, before=before)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_program_tunes_the_collector_and_the_cli_module_does_not() -> None:
    """plancraft.program (the installed `plancraft`) collects less often and freezes what it imported;
    importing the CLI, as the tests and library callers do, leaves Python's collector as it was."""
    before = (
        "import atexit, gc\n"
        "import plancraft.cli\n"
        "print(gc.get_threshold()[0], gc.get_freeze_count())\n"
        "from plancraft.program import GC_YOUNG_THRESHOLD\n"
        "atexit.register(lambda: print(gc.get_threshold()[0] == GC_YOUNG_THRESHOLD,"
        " gc.get_freeze_count() > 1000))\n"
    )
    done = program("--version", before=before)
    lines = done.stdout.splitlines()
    assert done.returncode == 0
    assert lines[0] == "700 0" and lines[-1] == "True True"


@pytest.mark.parametrize(
    ("words", "code", "said"),
    [
        (("validate", str(PLANS / "beijing")), 0, "0 error(s)"),
        (("validate", "no-such-plan"), 1, "not a plan folder"),
        (("--no-such-option",), 2, "No such option"),
    ],
)
def test_the_process_ends_with_the_commands_code_its_output_and_exit_handlers(
    words: tuple[str, ...], code: int, said: str
) -> None:
    """The process ends without tearing Python down, but as Python would end it: the command's exit
    code, everything printed (unflushed at the end), and the exit handlers run after it."""
    before = (
        "import atexit\n"
        "sys.stdout.write('written, not flushed')\n"
        "atexit.register(lambda: print('| exit handler ran'))\n"
    )
    done = program(*words, before=before)
    assert done.returncode == code
    assert done.stdout.startswith("written, not flushed")
    assert done.stdout.rstrip().endswith("| exit handler ran")
    assert said in done.stdout + done.stderr
    assert done.stderr.rstrip().endswith("| ended at once")


def test_a_thread_still_running_is_waited_for() -> None:
    """With another thread running the process ends as Python ends it: after the thread."""
    before = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.5), print('thread done', flush=True))).start()\n"
    )
    done = program("--version", before=before)
    assert done.returncode == 0
    assert "thread done" in done.stdout
    assert "ended at once" not in done.stderr


@pytest.mark.parametrize("closed", [">&-", "2>&-"])
def test_a_closed_standard_stream_is_no_error(closed: str) -> None:
    """A stream closed when the program starts (`>&-`) is None in Python: nothing to flush there."""
    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"$0" -c "$1" {closed}',
            sys.executable,
            script("validate", str(PLANS / "beijing")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
