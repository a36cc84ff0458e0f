from __future__ import annotations

from pathlib import Path

from plancraft.api import load
from tests.conftest import edit


def test_numbers_are_computed_at_every_level(minimal: Path) -> None:
    plan = load(minimal).plan
    assert [part.label for part in plan.outline] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    relief = plan.outline[2].sections[0]
    system = relief.sections[0]
    law = system.sections[0]
    assert (relief.label, system.label, law.label, law.sections[0].label) == (
        "一、",
        "（一）",
        "1.",
        "（1）",
    )
    assert [s.label for s in plan.outline[0].sections] == ["一、", "二、"]


def test_labels_for_references(minimal: Path) -> None:
    labels = load(minimal).plan.labels
    assert labels["tasks"] == "第三部分"
    assert labels["relief-system"] == "（一）"
    assert labels["box-relief"] == "专栏1"
    assert labels["t-facilities"] == "表1"
    assert labels["temporary-beds"] == "2"


def test_headings_without_ids_get_stable_ids_from_their_title(minimal: Path) -> None:
    law = load(minimal).plan.outline[2].sections[0].sections[0].sections[0]
    assert law.id == "sec-健全社会救助基本制度"


def test_chapter_style(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: chapters")
    plan = load(scratch).plan
    assert plan.outline[2].label == "第三章"
    assert plan.outline[2].sections[0].label == "第一节"
    assert plan.outline[2].sections[0].sections[0].label == "一、"


def test_volume_style_runs_chapters_on_across_volumes(volumes: Path) -> None:
    loaded = load(volumes)
    assert loaded.ok, loaded.diagnostics.sorted()
    plan = loaded.plan
    assert [volume.label for volume in plan.outline] == ["第一篇", "第二篇"]
    chapters = [chapter for volume in plan.outline for chapter in volume.sections]
    assert [chapter.label for chapter in chapters] == ["第一章", "第二章", "第三章", "第四章"]
    assert [section.label for section in chapters[2].sections] == ["第一节", "第二节"]
    assert [item.label for item in chapters[0].sections[1].sections] == ["一、", "二、"]
    assert (plan.labels["innovation"], plan.labels["science"]) == ("第二篇", "第三章")
    assert (plan.labels["talent"], plan.labels["outlook"]) == ("第二节", "第二节")


def test_inserting_a_section_renumbers_but_keeps_ids(scratch: Path) -> None:
    edit(
        scratch / "text" / "background.md",
        "# 发展基础 {#foundation}",
        "# 新增 {#inserted}\n\n新增内容。\n\n# 发展基础 {#foundation}",
    )
    plan = load(scratch).plan
    assert [(s.id, s.label) for s in plan.outline[0].sections] == [
        ("inserted", "一、"),
        ("foundation", "二、"),
        ("situation", "三、"),
    ]


def test_duplicate_ids_are_located(scratch: Path) -> None:
    edit(scratch / "text" / "tasks.md", "{#relief-system}", "{#relief}")
    errors = load(scratch).diagnostics.errors
    [error] = [e for e in errors if e.code == "duplicate-id"]
    assert error.location.path.endswith("tasks.md") and error.location.line == 3
    assert "first defined at" in error.message and "tasks.md:1" in error.message
