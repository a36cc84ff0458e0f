"""Regression corpus of bad inputs: every case must fail with located, plain-language errors, never a crash.

Each folder under tests/corpus/ is one case, applied to a copy of the minimal plan at plans/minimal:

- any file in the folder other than case.yaml and expected.txt replaces (or adds) the plan file at the same path;
- case.yaml (optional) describes edits that are easier to read than a whole replaced file:

      about: one line saying what is wrong
      delete: [text/tasks.md]                  # plan files to remove
      replace:                                 # the first `old` in `file` becomes `new` (text) ...
        - {file: plan.yaml, old: "period: {start: 2021", new: "period: {start: '2021'"}
        - {file: text/preface.md, old: 规划期, new_bytes: "\\xff\\xfe"}   # ... or raw bytes, one per code point
      generate:                                # a whole file, written as [text, times repeated] pieces
        - {file: text/preface.md, parts: [["> ", 10000], ["深。\\n", 1]]}
      symlink:                                 # made at test time (a checkout keeps them too)
        - {file: text/tasks.md, to: ../../../secret.txt}
      fifo: [text/tasks.md]                    # a named pipe in place of a file
      mkdir: [text/tasks.md]                   # a folder in place of a file

  A case that makes a symlink also gets secret.txt beside plans/, standing for a file outside the plan
  (the checkout's .git/config); the tests check that its content never reaches the output.

- expected.txt holds the diagnostics that must appear in `plancraft validate` output, one substring a line,
  each starting with its `path:line:col` location where it has one; blank lines and `#` comments are ignored.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from plancraft.cli import main
from tests.conftest import FIXTURE_PLANS, edit

CORPUS = Path(__file__).resolve().parent / "corpus"
CASE_FILES = {"case.yaml", "expected.txt"}
PLAN = Path("plans") / "minimal"
EARLIER_HTML = b"<!DOCTYPE html><title>an earlier, good build</title>\n"
SECRET = "token = ghp_not-for-publishing"


@dataclass(frozen=True)
class Case:
    """One corpus folder: how to break the minimal plan and what validate must say about it."""

    folder: Path

    @property
    def name(self) -> str:
        """The folder name, used as the test id."""
        return self.folder.name

    @property
    def mutation(self) -> dict:
        """The parsed case.yaml, or an empty mutation when the case only replaces files."""
        path = self.folder / "case.yaml"
        if not path.is_file():
            return {}
        return YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}

    @property
    def about(self) -> str:
        """What is wrong with the input, from case.yaml (or the folder name)."""
        return str(self.mutation.get("about", self.name))

    @property
    def expected(self) -> list[str]:
        """The diagnostic substrings validate must print."""
        lines = (self.folder / "expected.txt").read_text(encoding="utf-8").splitlines()
        return [
            line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
        ]

    def apply(self, plan: Path) -> None:
        """Turn a copy of the minimal plan at `plan` into this case's bad input."""
        mutation = self.mutation
        for relative in mutation.get("delete", []):
            (plan / relative).unlink()
        for source in sorted(self.folder.rglob("*")):
            relative = source.relative_to(self.folder)
            if source.is_file() and str(relative) not in CASE_FILES:
                (plan / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, plan / relative)
        for change in mutation.get("replace", []):
            target = plan / change["file"]
            raw = target.read_bytes()
            old = change["old"].encode("utf-8")
            assert old in raw, f"{self.name}: {change['old']!r} not in {change['file']}"
            new = (
                change["new_bytes"].encode("latin-1")
                if "new_bytes" in change
                else change["new"].encode("utf-8")
            )
            target.write_bytes(raw.replace(old, new, 1))
        for piece in mutation.get("generate", []):
            text = "".join(part * times for part, times in piece["parts"])
            (plan / piece["file"]).write_bytes(text.encode("utf-8"))
        for link in mutation.get("symlink", []):
            (plan / link["file"]).unlink(missing_ok=True)
            (plan / link["file"]).symlink_to(link["to"])
        for relative in mutation.get("fifo", []):
            (plan / relative).unlink(missing_ok=True)
            os.mkfifo(plan / relative)
        for relative in mutation.get("mkdir", []):
            (plan / relative).unlink(missing_ok=True)
            (plan / relative).mkdir()


def cases() -> list[Case]:
    """Every corpus case, in name order."""
    return [Case(folder) for folder in sorted(CORPUS.iterdir()) if folder.is_dir()]


def make_plan(case: Case, root: Path) -> Path:
    """Copy the minimal plan to `root`/plans/minimal and break it as the case says."""
    plan = root / PLAN
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    if case.mutation.get("symlink"):
        (root / "secret.txt").write_text(f"[http]\n{SECRET}\n", encoding="utf-8")
    case.apply(plan)
    return plan


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory, so diagnostics print as plans/minimal/…."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_corpus_is_not_empty() -> None:
    """The corpus folder holds cases, each with an expected.txt naming at least one diagnostic."""
    assert len(cases()) >= 20
    assert all(case.expected for case in cases())


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_validate_reports_located_errors(case: Case, in_tmp: Path) -> None:
    """validate exits 1 with every expected located diagnostic and no traceback."""
    make_plan(case, in_tmp)
    result = CliRunner().invoke(main, ["validate"])
    shown = f"{case.about}\nexit {result.exit_code}, output:\n{result.output[:2000]}"
    assert "Traceback" not in result.output and "internal error" not in result.output, shown
    assert result.exit_code == 1, shown
    missing = [line for line in case.expected if line not in result.output]
    assert not missing, f"missing {missing}\n{shown}"


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_build_fails_and_keeps_the_earlier_output(case: Case, in_tmp: Path) -> None:
    """build exits 1 and leaves an existing dist/minimal.html byte for byte as it was."""
    make_plan(case, in_tmp)
    earlier = in_tmp / "dist" / "minimal.html"
    earlier.parent.mkdir()
    earlier.write_bytes(EARLIER_HTML)
    result = CliRunner().invoke(main, ["build"])
    shown = f"{case.about}\nexit {result.exit_code}, output:\n{result.output[:2000]}"
    assert "Traceback" not in result.output and "internal error" not in result.output, shown
    assert result.exit_code == 1, shown
    assert "earlier outputs kept" in result.output, shown
    assert earlier.read_bytes() == EARLIER_HTML
    assert SECRET not in result.output, shown
    assert sorted(
        path.name for path in earlier.parent.iterdir() if not path.name.startswith(".")
    ) == ["minimal.html"]


def test_a_byte_order_mark_is_accepted(scratch: Path) -> None:
    """A UTF-8 BOM at the start of a YAML or Markdown file is dropped silently, so the plan still validates."""
    for relative in (
        "plan.yaml",
        "indicators.yaml",
        "tables/t-facilities.yaml",
        "text/background.md",
    ):
        path = scratch / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_a_section_may_refer_to_itself(scratch: Path) -> None:
    """References print computed labels and cannot form cycles, so a section citing itself is valid."""
    edit(scratch / "text" / "background.md", "形势复杂。", "形势复杂，详见本部分第[@situation]节。")
    result = CliRunner().invoke(main, ["build", "--format", "html", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert '<a class="xref" href="#situation">二</a>' in Path("out/minimal.html").read_text(
        encoding="utf-8"
    )
