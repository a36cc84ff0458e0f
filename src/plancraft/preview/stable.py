"""Whether changed files are written: the same size and modification time across a short interval."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

STABLE_FOR = 0.05
"""Seconds a changed file must keep its size and modification time before its page is shown."""

Snapshot = dict[Path, "tuple[int, int] | None"]
"""Each file's size and modification time (ns), None for a file that is not there."""


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The size and modification time of each of `paths` now."""
    seen: Snapshot = {}
    for path in paths:
        try:
            stat = path.stat()
            seen[path] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            seen[path] = None
    return seen


def settled(before: Snapshot, pause: Callable[[float], object], quiet: float = STABLE_FOR) -> bool:
    """Whether the files are as in `before` and have been for `quiet` seconds (`pause` waits out the rest)."""
    if snapshot(before) != before:
        return False
    newest = max((seen[1] for seen in before.values() if seen), default=0) / 1e9
    left = min(quiet, newest + quiet - time.time())
    if left <= 0:
        return True
    pause(left)
    return snapshot(before) == before
