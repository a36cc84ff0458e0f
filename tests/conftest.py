"""Shared fixtures: the example plans, the seeds, and scratch copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import markers

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
FIXTURE_PLANS = TESTS / "fixtures" / "plans"
PLANS = PROJECT / "plans"
SOURCES = PROJECT / "sources"


def pytest_configure(config: pytest.Config) -> None:
    """Fail tests that lay out a PDF or start a browser without saying so (tests/support/markers.py)."""
    markers.install()
    config.pluginmanager.register(markers, "plancraft-markers")


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch):
    """Tests read English unless they ask for another language; so do the processes they start."""
    from plancraft import i18n

    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def minimal() -> Path:
    """The small example plan that exercises every feature of the format."""
    return FIXTURE_PLANS / "minimal"


@pytest.fixture
def volumes() -> Path:
    """A 纲要 in 篇/章/节: two 篇, four chapters numbered on across them, cross-references to both."""
    return FIXTURE_PLANS / "volumes"


@pytest.fixture
def scratch(tmp_path: Path, minimal: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the minimal plan at plans/minimal under a temporary working directory."""
    target = tmp_path / "plans" / "minimal"
    shutil.copytree(minimal, target)
    monkeypatch.chdir(tmp_path)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, failing loudly when the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
