"""Atomic writes: a file or a whole folder appears complete at its path, or not at all."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
RUN_STARTED = time.time()
# What the helpers below leave behind when the process is killed: .NAME.PID-RANDOM.tmp files and
# .NAME.PID-RANDOM (or .NAME.old.PID-RANDOM) folders; names without the PID come from older versions.
LEFTOVER_RE = re.compile(
    r"^\.(?P<name>.+?)\.(?:old\.)?(?:(?P<pid>[0-9]+)-)?[a-z0-9_]{8}(?P<tmp>\.tmp)?$"
)


def current_umask() -> int:
    """The process umask, so outputs get the same mode as any other new file."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary file beside `target` with the mode a new file gets; removed unless renamed into place."""
    sweep_leftovers(target.parent, target.name)
    handle, name = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=target.parent)
    os.close(handle)
    path = Path(name)
    try:
        path.chmod(0o666 & ~current_umask())
        yield path
    finally:
        path.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file and a rename."""
    with temporary_beside(target) as temporary:
        temporary.write_bytes(data)
        os.replace(temporary, target)


@contextmanager
def folder_draft(target: Path) -> Iterator[Path]:
    """A scratch folder beside `target` to write a whole folder into; removed unless published."""
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(target.parent, target.name)
    draft = Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))
    try:
        draft.chmod(0o777 & ~current_umask())
        yield draft
    finally:
        shutil.rmtree(draft, ignore_errors=True)


def publish_folder(draft: Path, target: Path) -> None:
    """Put the finished folder `draft` at `target`, replacing what is there in one step where the system allows."""
    if not target.exists():
        os.replace(draft, target)
        return
    if _exchange(draft, target):
        shutil.rmtree(draft)  # `draft` now holds the old folder
        return
    aside = Path(tempfile.mkdtemp(prefix=_prefix(target, "old."), dir=target.parent))
    os.replace(target, aside / target.name)
    os.replace(draft, target)
    shutil.rmtree(aside, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return done == 0


def _prefix(target: Path, kind: str = "") -> str:
    """How a temporary file or folder beside `target` starts: hidden, named after it, with our PID."""
    return f".{target.name}.{kind}{os.getpid()}-"


def sweep_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Remove what killed runs left in `folder`: temporary files and draft folders whose process is
    gone (and, for `name`, those of older versions made before this run started). The removed paths."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = LEFTOVER_RE.match(entry.name)
        if not match or not _stale(entry, match, name):
            continue
        path = Path(entry.path)
        if match.group("tmp") and entry.is_file(follow_symlinks=False):
            path.unlink(missing_ok=True)
        elif not match.group("tmp") and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            continue
        removed.append(path)
    return removed


def _stale(entry: os.DirEntry, match: re.Match[str], name: str | None) -> bool:
    if match.group("pid"):
        return not _alive(int(match.group("pid")))
    if match.group("name") != name:
        return False
    try:
        return entry.stat(follow_symlinks=False).st_mtime < RUN_STARTED
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """Whether process `pid` is running (ours always is)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
