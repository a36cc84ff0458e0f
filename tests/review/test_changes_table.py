"""The 修改对照表: a row per changed unit at its printed place, renumbering and punctuation counted."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from plancraft.cli import main
from tests.conftest import PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        check=True,
        text=True,
    )
    return done.stdout.strip()


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, -1 if count < 0 else count), encoding="utf-8")


def second_draft(plan: Path) -> None:
    """The issue's scenario: the parts renumbered (第N部分 → 第N章), a word replaced throughout,
    three paragraphs and an indicator target edited, and a change of punctuation."""
    replace(plan / "plan.yaml", "numbering: parts", "numbering: chapters-cn")
    replace(plan / "text" / "tasks.md", "温馨家园", "残疾人之家", -1)
    replace(plan / "text" / "safeguards.md", "深入学习贯彻", "认真学习贯彻")
    replace(plan / "text" / "requirements.md", "坚持以习近平", "始终坚持以习近平")
    replace(plan / "text" / "background.md", "“十三五”期间，", "“十三五”时期，")
    replace(plan / "text" / "preface.md", "。", "；")
    replace(plan / "indicators.yaml", 'target: "≥50"', 'target: "≥60"')


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of mentougou: the first draft and the second."""
    plan = tmp_path / "plans" / "mentougou"
    shutil.copytree(PLANS / "mentougou", plan)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first draft")
    second_draft(plan)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "second draft")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def table(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--table", *args])
    return done.exit_code, done.output


def test_the_table_has_a_row_per_edit_a_summary_and_a_note(repo: Path) -> None:
    code, output = table("--format", "json", "--", "plans/mentougou")
    assert code == 0, output
    found = json.loads(output)["plans"][0]
    kinds = [row["kind"] for row in found["rows"]]
    assert kinds.count("edit") == 3
    assert kinds.count("indicator") == 1
    assert kinds.count("replacement") == 1
    assert len(kinds) == 5  # four content rows and the summary; no row for numbering: itself
    summary = next(row for row in found["rows"] if row["kind"] == "replacement")
    assert (summary["before"][0]["text"], summary["after"][0]["text"]) == ("温馨家园", "残疾人之家")
    assert summary["count"] == 3
    assert found["renumbered"] == 4  # 第一部分 … 第四部分 → 第一章 … 第四章
    assert found["punctuation"] == 1
    edits = {row["target"]: row for row in found["rows"] if row["kind"] == "edit"}
    assert edits["safeguards-1"]["place"] == "第四章 一、"
    assert {"op": "+", "text": "认真"} in edits["safeguards-1"]["after"]
    assert {"op": "-", "text": "深入"} in edits["safeguards-1"]["before"]
    target = next(row for row in found["rows"] if row["kind"] == "indicator")
    assert (target["target"], target["before"], target["after"]) == (
        "ind-02",
        [{"op": "-", "text": "≥50"}],
        [{"op": "+", "text": "≥60"}],
    )


def test_the_text_table_counts_what_it_leaves_out(repo: Path) -> None:
    code, output = table("--", "plans/mentougou")
    assert code == 0, output
    assert "4 heading(s), box(es) or table(s) only renumbered" in output
    assert "1 change(s) of punctuation only" in output
    assert "“温馨家园” changed to “残疾人之家” throughout (3 places)" in output


def test_the_word_table_strikes_and_underlines(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "table.docx"
    code, output = table("--format", "docx", "-o", str(out), "--", "plans/mentougou")
    assert code == 0, output
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    struck = [
        "".join(r.itertext()) for r in root.iter(W + "r") if r.find(f"{W}rPr/{W}strike") is not None
    ]
    underlined = [
        "".join(r.itertext()) for r in root.iter(W + "r") if r.find(f"{W}rPr/{W}u") is not None
    ]
    assert "深入" in struck and "认真" in underlined


@pytest.mark.parametrize("fmt", ["xlsx", "html", pytest.param("pdf", marks=pytest.mark.pdf)])
def test_every_report_format_prints_the_table(repo: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"table.{fmt}"
    code, output = table("--format", fmt, "-o", str(out), "--", "plans/mentougou")
    assert code == 0, output
    assert out.stat().st_size > 1000


def test_against_a_plan_folder(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old" / "mentougou"
    shutil.copytree(PLANS / "mentougou", old)
    done = CliRunner().invoke(
        main, ["diff", "--table", "--against", str(old), "plans/mentougou", "--format", "json"]
    )
    assert done.exit_code == 0, done.output
    assert len(json.loads(done.output)["plans"][0]["rows"]) == 5


def test_a_moved_part_and_new_metadata_are_rows(repo: Path) -> None:
    """Moving a part changes where its text stands (reviewers must find it again): a row, unlike
    the numbering style; so is a new title, at the plan information."""
    plan = repo / "plans" / "mentougou"
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    tasks = text.index("  - id: tasks\n")
    safeguards = text.index("  - id: safeguards\n")
    end = text.index("\n", text.index("file: text/safeguards.md")) + 1
    moved = text[:tasks] + text[safeguards:end] + text[tasks:safeguards] + text[end:]
    (plan / "plan.yaml").write_text(moved, encoding="utf-8")
    replace(
        plan / "plan.yaml",
        "title: 门头沟区“十四五”时期民政事业规划",
        "title: 门头沟区民政事业发展规划",
    )
    git(repo, "commit", "-qam", "third draft")
    code, output = table("--format", "json", "--", "plans/mentougou")
    assert code == 0, output
    rows = json.loads(output)["plans"][0]["rows"]
    assert [(row["kind"], row["place"], row["note"]) for row in rows] == [
        ("moved", "第三章", "moved from 第四章"),
        (
            "metadata",
            "plan information",
            "title: 门头沟区“十四五”时期民政事业规划 → 门头沟区民政事业发展规划",
        ),
    ]
