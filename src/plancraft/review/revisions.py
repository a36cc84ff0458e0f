"""Plans as they were at a git revision: exported to a scratch folder and loaded by the ordinary loader."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..i18n import _


class RevisionError(Exception):
    """Git could not give us what was asked (not a repository, unknown revision …)."""


def _git(*args: str, cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise RevisionError(_("git is not installed")) from exc
    if done.returncode:
        raise RevisionError(
            done.stderr.decode("utf-8", "replace").strip()
            or _("{command} failed").format(command="git " + " ".join(args))
        )
    return done.stdout


def repository_root(path: Path) -> Path:
    """The top folder of the git repository holding `path`."""
    return Path(_git("rev-parse", "--show-toplevel", cwd=path).decode().strip())


def resolve_revision(revision: str, cwd: Path) -> str:
    """The commit a revision name stands for."""
    return (
        _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=cwd).decode().strip()
    )


def plan_dirs_at(revision: str, plans_dir: Path) -> list[str]:
    """The plan folder names under `plans_dir` at a revision."""
    root = repository_root(plans_dir if plans_dir.exists() else Path.cwd())
    prefix = (plans_dir.resolve().relative_to(root)).as_posix()
    listing = (
        _git("ls-tree", "-r", "--name-only", revision, "--", prefix, cwd=root)
        .decode("utf-8")
        .splitlines()
    )
    return sorted({Path(name).parent.name for name in listing if Path(name).name == "plan.yaml"})


@contextmanager
def checkout_plan(revision: str, plan_dir: Path) -> Iterator[Path | None]:
    """The plan folder as it was at `revision`, in a scratch folder (None if it did not exist then)."""
    root = repository_root(plan_dir.parent if not plan_dir.exists() else plan_dir)
    relative = plan_dir.resolve().relative_to(root).as_posix()
    names = (
        _git("ls-tree", "-r", "--name-only", revision, "--", relative, cwd=root)
        .decode("utf-8")
        .splitlines()
    )
    with tempfile.TemporaryDirectory(prefix="plancraft-rev-") as scratch:
        target = Path(scratch) / plan_dir.name
        if not any(Path(name).name == "plan.yaml" for name in names):
            yield None
            return
        for name in names:
            path = target / Path(name).relative_to(relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_git("show", f"{revision}:{name}", cwd=root))
        yield target
