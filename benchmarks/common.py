"""What every measurement shares: timed runs of the real CLI, their statistics, the scratch copy of plans/."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PLANS = PROJECT / "plans"
BIG_PLAN = "beijing"
PARALLEL_JOBS = 2


@dataclass
class Run:
    """One timed subprocess: wall time, peak memory, exit status, what it printed, CPU time."""

    seconds: float
    max_rss_kb: int
    returncode: int
    output: str
    cpu_seconds: float = 0.0
    """User and system time of the process and its threads (less sensitive to load than wall time)."""


@dataclass
class Stats:
    """The runs of one measurement."""

    label: str
    runs: list[Run]
    note: str = ""
    memory: bool = False

    @property
    def times(self) -> list[float]:
        """Wall times of the runs, in seconds."""
        return [run.seconds for run in self.runs]

    @property
    def median(self) -> float:
        """Median wall time."""
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        """Median CPU time (user + system)."""
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        """The largest max RSS over the runs, in MB (10^6 bytes)."""
        return max(run.max_rss_kb for run in self.runs) * 1024 / 1e6


class BenchmarkError(RuntimeError):
    """A command the benchmark depends on failed."""


def venv_bin(name: str) -> str:
    """A program in the venv that runs this script (e.g. .venv/bin/plancraft)."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise BenchmarkError(f"{path} not found: run this with the project's venv python")
    return str(path)


MEASURED_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""The measured commands' environment: Python caches bytecode, as on any installed system (a sandbox that
sets PYTHONDONTWRITEBYTECODE would make every run recompile plancraft's modules, but not WeasyPrint's, whose
bytecode pip wrote at install)."""


def run_once(command: list[str], cwd: Path) -> Run:
    """Run `command` to completion, timing it and taking its max RSS from wait4."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, env=MEASURED_ENV
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        output = sink.read().decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss, process.returncode, output, cpu)


def run_checked(command: list[str], cwd: Path) -> Run:
    """Run `command`, failing loudly with its output when it exits non-zero."""
    run = run_once(command, cwd)
    if run.returncode != 0:
        raise BenchmarkError(
            f"`{' '.join(command)}` (in {cwd}) exited {run.returncode}:\n{run.output}"
        )
    return run


def plancraft(*args: str | Path) -> list[str]:
    """A plancraft command line."""
    return [venv_bin("plancraft"), *map(str, args)]


def repeat_runs(label: str, repeat: int, make_command: Callable[[], list[str]], cwd: Path) -> Stats:
    """Run a fresh command from `make_command` `repeat` times."""
    return interleaved(repeat, cwd, {label: make_command})[label]


def interleaved(
    repeat: int, cwd: Path, commands: dict[str, Callable[[], list[str]]]
) -> dict[str, Stats]:
    """Run each command once per round, in the order given, for `repeat` rounds; compared commands share the load."""
    progress(" + ".join(commands) + f" ×{repeat}")
    runs: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, make_command in commands.items():
            runs[label].append(run_checked(make_command(), cwd))
    return {label: Stats(label, found) for label, found in runs.items()}


def progress(message: str) -> None:
    """Say what is being measured, on stderr."""
    print(f"  … {message}", file=sys.stderr, flush=True)


class Scratch:
    """A temporary folder holding a copy of plans/ and fresh output folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(PLANS, root / "plans")

    def fresh(self, prefix: str = "out") -> Path:
        """A new empty folder (relative to the scratch root) for one build's output."""
        return Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=self.root)).relative_to(self.root)

    def plan(self, slug: str) -> Path:
        """The relative path of a plan in the scratch copy."""
        return Path("plans") / slug


def page_count(pdf: Path) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


@dataclass
class Results:
    """Everything measured in one benchmark run."""

    rows: list[Stats] = field(default_factory=list)
    scaling: list[tuple[int, int, int, Stats]] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)
    comparison: str = ""


def warm_up(scratch: Scratch) -> None:
    """One untimed PDF build, so bytecode and font caches do not land in the first timed run."""
    progress("warm-up (untimed PDF build of one plan)")
    run_checked(
        plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            scratch.fresh("warm"),
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--force",
        ),
        scratch.root,
    )
