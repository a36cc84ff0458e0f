"""Nothing built is lost, concurrent builds do not corrupt each other, and builds are reproducible."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from plancraft.output.build import build_plan
from plancraft.source.dates import build_date
from tests.conftest import edit

pytestmark = pytest.mark.pdf

PLANCRAFT = [sys.executable, "-m", "plancraft.cli"]


def leftovers(folder: Path) -> list[str]:
    """Temporary files left behind in an output folder."""
    return sorted(path.name for path in folder.rglob("*.tmp"))


@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_two_builds_are_byte_identical(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_plan(scratch, tmp_path / "a", force=True, pdf_engine=engine)
    second = build_plan(scratch, tmp_path / "b", force=True, pdf_engine=engine)
    assert first.ok and second.ok
    for name in ("minimal.html", "minimal.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_date_comes_from_source_date_epoch_or_the_last_commit(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date(scratch) == ""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2023-06-13T08:00:00Z",
        "GIT_COMMITTER_DATE": "2023-06-13T08:00:00Z",
    }
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=scratch, check=True, env=env)
    assert build_date(scratch) == "2023-06-13T08:00:00Z"
    result = build_plan(scratch, tmp_path / "out", ("pdf",))
    assert result.ok
    assert (
        PdfReader(tmp_path / "out" / "minimal.pdf")
        .metadata["/CreationDate"]
        .startswith("D:20230613080000")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(scratch) == "2023-11-14T22:13:20Z"


def test_a_failure_while_writing_the_pdf_keeps_the_earlier_pdf(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert build_plan(scratch, out).ok
    before = {name: (out / name).read_bytes() for name in ("minimal.html", "minimal.pdf")}

    def half_written(html: str, target: Path, root: Path, diagnostics, options=None) -> bool:
        target.write_bytes(b"%PDF-1.7 truncated")
        raise OSError("disk full")

    monkeypatch.setattr("plancraft.output.pdf.write_pdf", half_written)
    edit(scratch / "text" / "background.md", "面临形势", "面临的形势")
    with pytest.raises(OSError):
        build_plan(scratch, out, ("pdf",))
    assert (out / "minimal.pdf").read_bytes() == before["minimal.pdf"]
    assert leftovers(out) == []


def test_a_killed_build_leaves_the_earlier_outputs_whole(scratch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_plan(scratch, out).ok
    before = (out / "minimal.pdf").read_bytes()
    edit(scratch / "text" / "background.md", "面临形势", "面临的形势")
    process = subprocess.Popen(
        [*PLANCRAFT, "build", "-o", str(out), "--force", str(scratch)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(
        1.0
    )  # somewhere in the middle of loading WeasyPrint or laying out; either way is fine
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = (out / "minimal.pdf").read_bytes()
    assert after == before or len(PdfReader(out / "minimal.pdf").pages) > 0
    assert after.startswith(b"%PDF") and after.rstrip().endswith(b"%%EOF")


@pytest.mark.slow
def test_concurrent_builds_into_one_folder_do_not_corrupt_each_other(
    scratch: Path, tmp_path: Path
) -> None:
    second = scratch.parent / "second"
    shutil.copytree(scratch, second)
    out = tmp_path / "out"
    commands = [
        [*PLANCRAFT, "build", "-o", str(out), "--force", "--jobs", "1", str(scratch), str(second)]
        for _ in range(3)
    ]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for command in commands
    ]
    outputs = [process.communicate(timeout=300)[0].decode() for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    reference = build_plan(scratch, tmp_path / "reference", force=True)
    assert reference.ok
    for name in ("minimal.html", "minimal.pdf"):
        assert (out / name).read_bytes() == (tmp_path / "reference" / name).read_bytes(), name
    assert len(PdfReader(out / "second.pdf").pages) > 0
    assert leftovers(out) == []


def _children(pid: int) -> list[int]:
    """The live (not zombie) processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.slow
def test_a_killed_parallel_build_leaves_no_worker(scratch: Path, tmp_path: Path) -> None:
    """kill -9 of `build --jobs 2` left its two workers running (about 340 MB, writing into OUT)."""
    second = scratch.parent / "second"
    shutil.copytree(scratch, second)
    command = [*PLANCRAFT, "build", "-o", str(tmp_path / "out"), "--jobs", "2", "--force"]
    process = subprocess.Popen(
        [*command, "--format", "pdf", str(scratch), str(second)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(workers) == 2, "the build finished before its workers were seen"
    deadline = time.monotonic() + 30
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
