"""Atomic writes: a file or a whole folder appears complete at its path, or not at all."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def current_umask() -> int:
    """The process umask, so outputs get the same mode as any other new file."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary file beside `target` with the mode a new file gets; removed unless renamed into place."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
    draft = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
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
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.replace(target, aside / target.name)
    os.replace(draft, target)
    shutil.rmtree(aside, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return done == 0
