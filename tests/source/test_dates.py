"""The document date (source/dates.py): git is asked only where it may find a repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from plancraft.source import dates
from plancraft.source.dates import build_date, in_repository


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)


def test_outside_a_repository_git_is_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_epoch: None
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("git was run outside a repository")

    monkeypatch.setattr(dates.subprocess, "run", refuse)
    assert not in_repository(tmp_path)
    assert build_date(tmp_path) == ""


def test_a_dot_git_above_a_plan_or_git_dir_is_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_epoch: None
) -> None:
    plan = tmp_path / "repo" / "plans" / "x"
    plan.mkdir(parents=True)
    assert not in_repository(plan)
    (tmp_path / "repo" / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's .git file
    assert in_repository(plan)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    assert in_repository(tmp_path)


def test_a_link_into_a_repository_is_in_it(tmp_path: Path, no_epoch: None) -> None:
    """git looks from the real folder, so a link from outside into a repository is in it."""
    repo = tmp_path / "repo"
    (repo / "plans" / "x").mkdir(parents=True)
    (repo / ".git").mkdir()
    (tmp_path / "outside").mkdir()
    link = tmp_path / "outside" / "x"
    link.symlink_to(repo / "plans" / "x")
    assert in_repository(link)


def test_in_a_repository_the_date_is_the_last_commit(tmp_path: Path, no_epoch: None) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "plan.yaml").write_text("title: x\n")
    env = {"GIT_AUTHOR_DATE": "2023-06-13T08:00:00Z", "GIT_COMMITTER_DATE": "2023-06-13T08:00:00Z"}
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, env={**os.environ, **env})
    assert build_date(plan) == "2023-06-13T08:00:00Z"


def test_a_folder_that_cannot_be_looked_into_leaves_it_to_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_epoch: None
) -> None:
    """Python 3.11 raises on a .git it may not stat (EACCES): git is asked, as before the check."""

    def refused(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refused)
    assert in_repository(tmp_path)
