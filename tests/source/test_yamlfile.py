from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancraft.diagnostics import Diagnostics
from plancraft.source.yamlfile import load_yaml


def load(tmp_path: Path, content: bytes | str):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    diagnostics = Diagnostics()
    return load_yaml(path, diagnostics), diagnostics


@pytest.mark.parametrize(
    "content, line, col, words",
    [
        ("title: a\ntitle: b\n", 2, 1, "duplicate key"),
        ("a: [1, 2\nb: 3\n", 2, 2, "YAML syntax error"),
        ("a:\n\t- 1\n", 2, 1, "YAML syntax error"),
        ("a: &x [1]\nb: *x\n", 2, 4, "aliases"),
        (b"a: 1\nb: \xff\xfe\n", 2, 4, "not valid UTF-8"),
        ("", 1, 1, "empty"),
    ],
)
def test_bad_yaml_is_located(tmp_path: Path, content, line: int, col: int, words: str) -> None:
    document, diagnostics = load(tmp_path, content)
    assert document is None
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (line, col)
    assert words in error.message


def test_bom_is_accepted(tmp_path: Path) -> None:
    document, diagnostics = load(tmp_path, "\ufefftitle: 规划\n")
    assert not diagnostics.items and document.data["title"] == "规划"


def test_locate_finds_nested_values(tmp_path: Path) -> None:
    document, _ = load(
        tmp_path, "outline:\n  - id: a\n    title: 规划背景\n  - id: b\n    role: x\n"
    )
    assert document.locate(["outline", 1, "role"]).line == 5
    assert document.locate(["outline", 1, "role"]).col == 11
    assert document.locate(["outline", 0]).line == 2


def test_missing_file_is_reported(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert load_yaml(tmp_path / "nope.yaml", diagnostics) is None
    assert diagnostics.errors[0].code == "file-missing"


def test_an_unchanged_file_is_parsed_once(tmp_path: Path) -> None:
    first, _ = load(tmp_path, "title: 规划\n")
    again = load_yaml(tmp_path / "plan.yaml", Diagnostics())
    assert again is not None and again.data is first.data


def test_an_edit_that_keeps_size_and_times_is_read_again(tmp_path: Path) -> None:
    """The known risk of a cache keyed on file metadata: an edit within the clock's granularity."""
    path = tmp_path / "plan.yaml"
    first, _ = load(tmp_path, "title: 甲\n")
    before = path.stat()
    path.write_text("title: 乙\n", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    again = load_yaml(path, Diagnostics())
    assert again is not None and again.data["title"] == "乙" and first.data["title"] == "甲"


def test_a_cached_file_is_still_confined(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (tmp_path / "secret.yaml").write_text("title: 规划\n", encoding="utf-8")
    inside = plan / "plan.yaml"
    inside.write_text("title: 规划\n", encoding="utf-8")
    assert load_yaml(inside, Diagnostics(), plan) is not None
    inside.unlink()
    inside.symlink_to(tmp_path / "secret.yaml")
    diagnostics = Diagnostics()
    assert load_yaml(inside, diagnostics, plan) is None
    assert [error.code for error in diagnostics.errors] == ["sandbox"]
