"""Atomic writes: files and whole folders appear complete or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.files import folder_draft, publish_folder, write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "新".encode())
    assert target.read_text(encoding="utf-8") == "新"
    assert [path.name for path in tmp_path.iterdir()] == ["out.html"]


def test_publish_folder_swaps_a_whole_folder_in(tmp_path: Path) -> None:
    target = tmp_path / "plans" / "haidian"
    target.mkdir(parents=True)
    (target / "old.md").write_text("old", encoding="utf-8")
    with folder_draft(target) as draft:
        (draft / "plan.yaml").write_text("title: 新\n", encoding="utf-8")
        publish_folder(draft, target)
    assert sorted(path.name for path in target.iterdir()) == ["plan.yaml"]
    assert sorted(path.name for path in target.parent.iterdir()) == ["haidian"]


def test_a_failed_draft_leaves_the_old_folder_untouched(tmp_path: Path) -> None:
    target = tmp_path / "haidian"
    target.mkdir()
    (target / "plan.yaml").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), folder_draft(target) as draft:
        (draft / "plan.yaml").write_text("half", encoding="utf-8")
        raise RuntimeError("import failed")
    assert (target / "plan.yaml").read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["haidian"]


def test_a_write_removes_an_older_versions_leftovers_of_the_same_file(tmp_path: Path) -> None:
    """Temporary files named without a process id (older versions) are removed when the same file is
    written again and they are older than this run; others are left alone."""
    import os

    old = tmp_path / ".out.html.k2j4h6g8.tmp"
    other = tmp_path / ".notes.html.k2j4h6g8.tmp"
    for path in (old, other):
        path.write_bytes(b"half")
        os.utime(path, (0, 0))
    write_atomic(tmp_path / "out.html", b"whole")
    assert not old.exists() and other.exists()
