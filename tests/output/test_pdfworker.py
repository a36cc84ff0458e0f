"""The forked PDF worker: same bytes as in-process, and what it records comes back to the caller."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plancraft.diagnostics import Diagnostics
from plancraft.output.pdf import write_pdf
from plancraft.output.pdfworker import PdfWorker, RemoteTraceback, WorkerStopped, can_overlap
from tests.conftest import FIXTURE_PLANS

HTML = "<style>body { font: 16px FandolFang }</style><p>正文：“好。”（见附件）</p>"


@pytest.fixture
def worker():
    started = PdfWorker()
    yield started
    started.close()


@pytest.mark.pdf
def test_the_worker_writes_the_same_pdf_as_in_process(worker: PdfWorker, tmp_path: Path) -> None:
    here, there = Diagnostics(), Diagnostics()
    assert write_pdf(HTML, tmp_path / "here.pdf", tmp_path, here)
    assert worker.write_pdf(HTML, tmp_path / "there.pdf", tmp_path, there)
    assert (tmp_path / "there.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
    assert here.items == there.items == []


@pytest.mark.pdf
def test_a_refused_fetch_comes_back_as_the_same_error(worker: PdfWorker, tmp_path: Path) -> None:
    html = '<p>正文<img src="file:///etc/passwd"></p>'
    here, there = Diagnostics(), Diagnostics()
    assert not write_pdf(html, tmp_path / "here.pdf", tmp_path, here)
    assert not worker.write_pdf(html, tmp_path / "there.pdf", tmp_path, there)
    assert [d.code for d in there.errors] == ["sandbox"]
    assert [str(d) for d in there.items] == [str(d) for d in here.items]


@pytest.mark.pdf
def test_weasyprint_warnings_reach_the_callers_logger(worker: PdfWorker, tmp_path: Path) -> None:
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(f"{record.name}: {record.getMessage()}")  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        assert worker.write_pdf(
            "<p>\U000e0100\U00013000</p>", tmp_path / "x.pdf", tmp_path, Diagnostics()
        )
    finally:
        logger.removeHandler(handler)
    assert any(m.startswith("weasyprint") and ".notdef" in m for m in records), records


@pytest.mark.pdf
def test_an_exception_in_the_worker_is_raised_in_the_caller(
    worker: PdfWorker, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        worker.write_pdf(HTML, tmp_path / "missing" / "x.pdf", tmp_path, Diagnostics())
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "Traceback" in str(raised.value.__cause__)  # the worker's own traceback, for -v
    assert worker.write_pdf(HTML, tmp_path / "x.pdf", tmp_path, Diagnostics())  # still serving


@pytest.mark.pdf
def test_a_worker_that_died_is_an_error_and_closes(tmp_path: Path) -> None:
    worker = PdfWorker()
    worker.start()
    process = worker._process
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    with pytest.raises(WorkerStopped, match=f"PDF of {tmp_path.name} "):
        worker.write_pdf(HTML, tmp_path / "x.pdf", tmp_path, Diagnostics())
    worker.close()  # no BrokenPipeError from a dead worker
    assert not process.is_alive()


@pytest.mark.slow
def test_a_worker_ends_when_its_caller_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "worker.pid"
    script = (
        "import os, signal, sys; from plancraft.output.pdfworker import PdfWorker\n"
        "worker = PdfWorker(); worker.start()\n"
        "open(sys.argv[1], 'w').write(str(worker._process.pid))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(pid_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == -signal.SIGKILL
    worker = int(pid_file.read_text())
    for _ in range(200):  # it first finishes importing WeasyPrint, then reads the closed pipe
        if _state(worker) == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(worker, signal.SIGKILL)
        raise AssertionError("the worker outlived its killed caller")


def _state(pid: int) -> str:
    """A process's state letter; Z for a zombie or a process that is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


def test_a_worker_is_forked_only_when_started_and_an_unused_one_stops_when_closed() -> None:
    worker = PdfWorker()
    assert worker._process is None
    worker.close()
    worker.start()
    process = worker._process
    worker.close()
    assert not process.is_alive()


@pytest.mark.pdf
@pytest.mark.skipif(not can_overlap(), reason="the worker is used only with two cores")
def test_a_jobs_1_build_lays_every_pdf_out_in_one_worker(tmp_path: Path) -> None:
    """build_plans(jobs=1) overlaps: the calling process never imports WeasyPrint, one worker makes
    the PDFs of both plans, they are the ones an in-process build writes, and a rebuild with nothing
    to do forks no worker."""
    plans = tmp_path / "plans"
    for slug in ("minimal", "second"):
        shutil.copytree(FIXTURE_PLANS / "minimal", plans / slug)
    script = (
        "import sys; from pathlib import Path\n"
        "from plancraft.output import build, pdfworker\n"
        "forks = []\n"
        "class Counted(pdfworker.PdfWorker):\n"
        "    def start(self):\n"
        "        forks.extend([] if self._process else [self]); super().start()\n"
        "pdfworker.PdfWorker = Counted\n"
        "roots = [Path(sys.argv[1], 'minimal'), Path(sys.argv[1], 'second')]\n"
        "for _ in range(2):\n"
        "    results = list(build.build_plans(roots, Path(sys.argv[2]), ('pdf',)))\n"
        "    assert all(result.ok for result in results)\n"
        "    print(len(forks), 'weasyprint' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(plans), str(tmp_path / "overlap")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["1", "False", "1", "False"]
    from plancraft.output.build import build_plan

    for slug in ("minimal", "second"):
        assert build_plan(plans / slug, tmp_path / "here", ("pdf",)).ok
        overlapped = (tmp_path / "overlap" / f"{slug}.pdf").read_bytes()
        assert overlapped == (tmp_path / "here" / f"{slug}.pdf").read_bytes()
