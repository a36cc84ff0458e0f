"""The document date: fixed by SOURCE_DATE_EPOCH or the plan's last commit, so builds are reproducible."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def build_date(plan_root: Path) -> str:
    """The document date, fixed so builds are reproducible: SOURCE_DATE_EPOCH, else the plan's last commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or last_commit_time(plan_root)
    if not epoch.isdigit():
        return ""
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def last_commit_time(plan_root: Path) -> str:
    """The commit time (epoch seconds) of the last commit touching `plan_root`, or '' outside git."""
    if not in_repository(plan_root):
        return ""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=plan_root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def in_repository(path: Path) -> bool:
    """Whether git may find a repository from `path` (GIT_DIR, or a .git in its real folder or above)."""
    if os.environ.get("GIT_DIR"):
        return True
    try:
        here = Path(path).resolve()
        return any((folder / ".git").exists() for folder in (here, *here.parents))
    except OSError:  # a folder it may not look into: git decides, as before
        return True
