"""plancraft diff: versions from git compared as documents, not files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.api import compare_revisions, load
from plancraft.cli import main
from plancraft.review.diff import Change, char_spans, compare
from plancraft.source.model import Plan
from tests.conftest import FIXTURE_PLANS, PLANS, PROJECT, edit
from tests.review.diff_scenarios import BACKGROUND, NEW_FILES, SCENARIOS, Edit

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLANCRAFT_UPDATE_GOLDEN") == "1"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch git repository holding plans/minimal, committed once."""
    shutil.copytree(FIXTURE_PLANS / "minimal", tmp_path / "plans" / "minimal")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "test@example.com")
    _git(tmp_path, "config", "user.name", "test")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _commit(repo: Path, message: str) -> None:
    _git(repo, "commit", "-qam", message)


def _changes(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["plans"][0]["changes"]


def test_one_target_and_one_sentence_give_exactly_two_changes(repo: Path) -> None:
    plan = repo / "plans" / "minimal"
    edit(plan / "indicators.yaml", 'target: "≥1600"', 'target: "≥1800"')
    edit(plan / "text" / "background.md", "民政事业取得长足进步。", "民政事业取得显著进步。")
    _commit(repo, "second")
    changes = _changes("HEAD~1", "HEAD")
    assert [(c["kind"], c["target"]) for c in changes] == [
        ("text", "foundation"),
        ("indicator", "temporary-beds"),
    ]
    assert (
        changes[1]["detail"] == "target ≥1600 → ≥1800"
    )  # 目标 ≥1600 → ≥1800 in Chinese: tests/test_i18n.py
    spans = {(span["op"], span["text"]) for span in changes[0]["spans"]}
    assert ("-", "长足") in spans and ("+", "显著") in spans


def test_the_working_tree_is_compared_with_head_by_default(repo: Path) -> None:
    edit(repo / "plans" / "minimal" / "indicators.yaml", "nature: 约束性", "nature: 预期性")
    changes = _changes()
    assert [c["detail"] for c in changes] == ["nature 约束性 → 预期性"]
    assert _changes("HEAD", "plans/minimal") == changes


def test_an_inserted_section_is_one_insertion_not_a_renumbering(repo: Path) -> None:
    edit(
        repo / "plans" / "minimal" / "text" / "tasks.md",
        "# 完善社会救助体系 {#relief}",
        "# 新的一项任务 {#new-task}\n\n新任务的内容。\n\n# 完善社会救助体系 {#relief}",
    )
    _commit(repo, "insert")
    changes = _changes("HEAD~1")
    assert [(c["kind"], c["target"]) for c in changes] == [("added", "new-task")]
    assert changes[0]["label"] == "一、 新的一项任务"


def test_a_moved_section_is_reported_as_a_move(repo: Path) -> None:
    path = repo / "plans" / "minimal" / "text" / "background.md"
    text = path.read_text(encoding="utf-8")
    first, second = text.split("# 面临形势 {#situation}")
    path.write_text(
        "# 面临形势 {#situation}" + second.rstrip("\n") + "\n\n" + first, encoding="utf-8"
    )
    _commit(repo, "move")
    changes = _changes("HEAD~1", "HEAD")
    assert [(c["kind"], c["target"]) for c in changes] == [("moved", "situation")]


def test_html_redline_and_text_output(repo: Path) -> None:
    edit(
        repo / "plans" / "minimal" / "text" / "background.md",
        "民政事业取得长足进步。",
        "民政事业取得显著进步。",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["diff", "--format", "html", "-o", "redline.html"])
    assert result.exit_code == 0, result.output
    html = (repo / "redline.html").read_text(encoding="utf-8")
    assert "<del>长足</del>" in html and "<ins>显著</ins>" in html and "HEAD → working tree" in html
    text = runner.invoke(main, ["diff"]).output
    assert "[-长足-]{+显著+}" in text and "minimal: 1 change(s)" in text


def test_no_changes_and_bad_revisions(repo: Path) -> None:
    runner = CliRunner()
    assert "minimal: no changes" in runner.invoke(main, ["diff"]).output
    bad = runner.invoke(main, ["diff", "no-such-rev"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    too_many = runner.invoke(main, ["diff", "HEAD", "HEAD", "HEAD"])
    assert too_many.exit_code == 2


def test_character_spans_isolate_the_change_in_a_chinese_sentence() -> None:
    spans = char_spans("坚持以人民为中心的发展思想", "坚持以人民群众为中心的发展思想")
    assert [(s.op, s.text) for s in spans] == [
        ("=", "坚持以人民"),
        ("+", "群众"),
        ("=", "为中心的发展思想"),
    ]


def test_textconv_puts_each_sentence_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("第一句。第二句“引文。”第三句！\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["textconv", str(path)])
    assert result.output == "第一句。\n第二句“引文。”第三句！\n"


def _version(folder: Path, edits: list[Edit]) -> Path:
    """The minimal plan copied to `folder` with `edits` applied."""
    if not folder.exists():
        shutil.copytree(FIXTURE_PLANS / "minimal", folder)
        for name, text in NEW_FILES.items():
            (folder / name).write_text(text, encoding="utf-8")
    for name, old, new in edits:
        edit(folder / name, old, new)
    return folder


def _plans(tmp_path: Path, before_edits: list[Edit], after_edits: list[Edit]) -> tuple[Plan, Plan]:
    """The minimal plan with `before_edits`, and with `after_edits` on top, both loaded without errors."""
    old = _version(tmp_path / "old" / "minimal", before_edits)
    new = _version(tmp_path / "new" / "minimal", before_edits + after_edits)
    loaded = [load(old), load(new)]
    assert all(version.ok for version in loaded), [v.diagnostics.errors for v in loaded]
    assert loaded[0].plan is not None and loaded[1].plan is not None
    return loaded[0].plan, loaded[1].plan


def _compare_scenario(tmp_path: Path, name: str) -> list[Change]:
    return compare(*_plans(tmp_path, *SCENARIOS[name]))


def _shown(change: Change) -> list[tuple[str, str]]:
    return [(span.op, span.text) for span in change.spans]


def test_removing_bold_is_a_formatting_change_not_a_rewrite(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "bold-removed")
    assert [(c.kind, c.target, c.detail, c.spans) for c in changes] == [
        ("text", "leadership", "bold removed: “加强党的领导。”", [])
    ]


def test_adding_bold_while_editing_reports_both(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "bold-added-and-text-edited")
    assert [c.detail for c in changes] == ["paragraph changed", "bold added: “民政事业”"]
    assert ("-", "长足") in _shown(changes[0]) and ("+", "显著") in _shown(changes[0])


def test_formatting_is_named_in_chinese(tmp_path: Path) -> None:
    from plancraft import i18n

    i18n.set_language("zh")
    changes = _compare_scenario(tmp_path, "bold-added")
    assert [c.detail for c in changes] == ["加粗：“形势复杂。”"]


def test_a_renumbered_reference_alone_is_no_change(tmp_path: Path) -> None:
    old, new = _plans(tmp_path, *SCENARIOS["reference-renumbered"])
    assert (old.labels["tasks"], new.labels["tasks"]) == ("第三部分", "第四部分")
    changes = compare(old, new)
    assert [(c.kind, c.target) for c in changes] == [
        ("added", "new-foundation"),
        ("added", "extra"),
    ]


def test_a_reference_compares_by_target_and_shows_its_label(tmp_path: Path) -> None:
    edited = _compare_scenario(tmp_path / "edited", "reference-paragraph-edited")
    assert [_shown(c) for c in edited] == [[("+", "详"), ("=", "见专栏1和（一）。")]]
    retargeted = _compare_scenario(tmp_path / "retargeted", "reference-retargeted")
    assert [_shown(c) for c in retargeted] == [
        [("=", "见专栏1和"), ("-", "（一）"), ("+", "一"), ("=", "。")]
    ]


def test_a_chinese_paragraph_edited_mid_sentence(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "paragraph-edited-mid-sentence")
    assert [(c.kind, c.target, c.detail) for c in changes] == [
        ("text", "foundation", "paragraph changed")
    ]
    assert _shown(changes[0]) == [
        ("=", "“十三五”时期，民政事业取得"),
        ("-", "长足"),
        ("+", "了显著的"),
        ("=", "进步。"),
    ]


def test_a_paragraph_inserted_before_an_edited_one_is_paired_by_likeness(tmp_path: Path) -> None:
    changes = compare(
        *_plans(
            tmp_path,
            [],
            [
                (
                    BACKGROUND,
                    "“十三五”时期，民政事业取得长足进步。",
                    "新增的一段。\n\n“十三五”时期，民政事业取得显著进步。",
                )
            ],
        )
    )
    assert [(c.detail, _shown(c)) for c in changes] == [
        ("paragraph added", [("+", "新增的一段。")]),
        (
            "paragraph changed",
            [("=", "“十三五”时期，民政事业取得"), ("-", "长足"), ("+", "显著"), ("=", "进步。")],
        ),
    ]


def test_a_table_cell_change(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "table-cell-changed")
    assert [(c.kind, c.target, c.label, c.detail) for c in changes] == [
        ("table", "t-facilities", "表1 “十三五”时期示例区民政设施建设情况", "rows 4–4")
    ]
    assert _shown(changes[0]) == [
        ("=", "街道乡镇级 | 1 | 养老照料中心 | 0 | "),
        ("-", "9"),
        ("+", "12"),
    ]


def test_an_indicator_target_change(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "indicator-target-changed")
    assert [(c.kind, c.target, c.label, c.detail) for c in changes] == [
        ("indicator", "temporary-beds", "2 临时救助和长期照料总床位数", "target ≥1600 → ≥1800")
    ]


def test_moved_sections(tmp_path: Path) -> None:
    among_siblings = _compare_scenario(tmp_path / "siblings", "moved-section")
    assert [(c.kind, c.target, c.detail) for c in among_siblings] == [
        ("moved", "situation", "now under 第一部分 规划背景")
    ]
    elsewhere = _compare_scenario(tmp_path / "elsewhere", "moved-under-another-parent")
    assert [(c.kind, c.target, c.label, c.detail) for c in elsewhere] == [
        ("moved", "situation", "二、 面临形势", "now under 第二部分 总体要求")
    ]


def test_an_inserted_part_is_one_insertion_with_its_first_paragraph(tmp_path: Path) -> None:
    changes = _compare_scenario(tmp_path, "inserted-part")
    assert [c.as_dict() for c in changes] == [
        {
            "kind": "added",
            "target": "extra",
            "label": "第三部分 新增部分",
            "detail": "",
            "spans": [{"op": "+", "text": "新增部分的内容。"}],
        }
    ]


def test_golden_scenarios(tmp_path: Path) -> None:
    results = {
        name: [c.as_dict() for c in _compare_scenario(tmp_path / name, name)] for name in SCENARIOS
    }
    golden = GOLDEN / "diff-scenarios.json"
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        "diff results changed; if intended, rerun with PLANCRAFT_UPDATE_GOLDEN=1 and review the diff"
    )


REIMPORT = ("feee20a96d5819ce16e661ba2d2b1a67d3edcdd6", "fae25ede34f969ecc2a06e639a0f4b52f0ea4a56")
"""Two commits of this repository: the district plans before and after they were re-imported."""


def _has_commits(*commits: str) -> bool:
    return all(
        subprocess.run(
            ["git", "cat-file", "-e", f"{commit}^{{commit}}"],
            cwd=PROJECT,
            capture_output=True,
            check=False,
        ).returncode
        == 0
        for commit in commits
    )


@pytest.mark.skipif(not _has_commits(*REIMPORT), reason="needs this repository's history")
def test_golden_reimport_of_the_district_plans() -> None:
    plans = [PLANS / name for name in ("chaoyang", "tongzhou", "zhushan")]
    results, problems = compare_revisions(*REIMPORT, plans, PLANS)
    assert problems == []
    found = {slug: [c.as_dict() for c in changes] for slug, changes in results}
    golden = GOLDEN / "diff-reimport.json"
    text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        "diff results changed; if intended, rerun with PLANCRAFT_UPDATE_GOLDEN=1 and review the diff"
    )
