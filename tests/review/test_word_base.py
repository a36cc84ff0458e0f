"""Copies of one export returned one after another: each is compared with the text it was exported
from (the base its export records), so accepting one copy never undoes another's accepted edits."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from ruamel.yaml import YAML

from plancraft.cli import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from plancraft.review.word.base import read_base
from tests.review.test_rounds import WORD_DATE, deleted, inserted, replaced
from tests.review.test_word import W, _paragraph, _run, _split, _w
from tests.review.test_word_accept import plan_copy

Edit = Callable[[etree._Element], None]


def copy_of(data: bytes, edit: Edit, path: Path) -> Path:
    """The export `data` as a reviewer returns it, with `edit` made to its body."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def retyped(root: etree._Element, anchor: str, words: str, by: str) -> None:
    """`words` replaced by `by` without tracking changes."""
    _split(_paragraph(root, anchor), words)[1].text = by


def without_base(data: bytes) -> bytes:
    """The export as an older plancraft wrote it: no custom XML part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                target.writestr(info, source.read(info))
    return out.getvalue()


def review(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["review", *args])
    return done.exit_code, done.output


def findings(*args: str) -> list[dict]:
    """The findings of a review, from its JSON report."""
    done = CliRunner().invoke(main, ["review", *args, "--format", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)["findings"]


def safeguards(plan: Path) -> str:
    return (plan / "text" / "safeguards.md").read_text(encoding="utf-8")


def copy_a(root: etree._Element) -> None:
    """张三: 深入 → 认真 (tracked), 坚持党管人才 → 坚持党对人才工作的领导 (untracked)."""
    replaced(root, "safeguards-1-p1", "深入", "认真", ("张三", "张三"), "101")
    retyped(root, "safeguards-3-p1", "坚持党管人才", "坚持党对人才工作的领导")


def copy_b(root: etree._Element) -> None:
    """李四: 切实 inserted in the paragraph 张三 changed, 多渠道、 deleted elsewhere (tracked),
    坚持重心下移 → 坚持工作重心下移 (untracked)."""
    inserted(root, "safeguards-1-p1", "全面贯彻落实", "切实", "李四", WORD_DATE, "201")
    deleted(root, "safeguards-2-p1", "多渠道、", "李四", WORD_DATE, "202")
    retyped(root, "safeguards-4-p1", "坚持重心下移", "坚持工作重心下移")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return plan_copy(tmp_path, "mentougou")


@pytest.fixture
def export(plan: Path) -> bytes:
    return write_docx(compile_plan(plan).document())


@pytest.fixture
def copies(plan: Path, export: bytes) -> tuple[Path, Path]:
    """Two reviewers' copies of one export of the plan."""
    folder = plan.parent.parent
    return copy_of(export, copy_a, folder / "a.docx"), copy_of(export, copy_b, folder / "b.docx")


def test_the_export_records_its_base(plan: Path) -> None:
    base = read_base(write_docx(compile_plan(plan).document()))
    assert base is not None and base.plan
    assert not base.changed(("safeguards-1-p1", -1), safeguards(plan).split("\n")[2])
    assert base.changed(("safeguards-1-p1", -1), "认真学习贯彻")


def test_accepting_two_copies_keeps_the_first_and_applies_the_second(
    plan: Path, copies: tuple[Path, Path]
) -> None:
    first, second = copies
    code, output = review(str(first), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output, output
    assert "认真学习贯彻" in safeguards(plan) and "坚持党对人才工作的领导" in safeguards(plan)
    code, output = review(str(second), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output and "conflict" not in output, output
    text = safeguards(plan)
    assert "认真学习贯彻" in text and "深入学习贯彻" not in text
    assert "坚持党对人才工作的领导" in text and "坚持党管人才" not in text
    assert "切实全面贯彻落实" in text
    assert "创新多形式的" in text
    assert "坚持工作重心下移" in text
    assert "warning" not in output


def test_the_second_copy_reports_only_its_own_edits(plan: Path, copies: tuple[Path, Path]) -> None:
    first, second = copies
    review(str(first), str(plan), "--accept", "all")
    edits = [
        (each["kind"], each["id"])
        for each in findings(str(second), str(plan))
        if each["kind"] in ("edit", "conflict")
    ]
    assert edits == [("edit", "safeguards-4-p1")]


def test_a_unit_both_changed_is_a_conflict_and_not_written(
    plan: Path, export: bytes, copies: tuple[Path, Path]
) -> None:
    first, _second = copies
    review(str(first), str(plan), "--accept", "all")
    rival = copy_of(
        export,
        lambda root: retyped(root, "safeguards-3-p1", "坚持党管人才", "坚持人才强区"),
        plan.parent.parent / "c.docx",
    )
    code, output = review(str(rival), str(plan), "--accept", "all", "--record", "征求意见")
    assert code == 0, output
    assert "safeguards-3-p1: conflict" in output, output
    assert "坚持党对人才工作的领导" in safeguards(plan) and "坚持人才强区" not in safeguards(plan)
    kept = [line for line in output.splitlines() if "kept:" in line]
    assert len(kept) == 1 and "safeguards-3-p1" in kept[0] and "坚持人才强区" in kept[0], output
    items = YAML(typ="safe").load((plan / "reviews" / "征求意见.yaml").read_text(encoding="utf-8"))[
        "items"
    ]
    assert [(item["kind"], item["target"], item["decision"]) for item in items] == [
        ("conflict", "safeguards-3-p1", "待定")
    ]
    assert "坚持党对人才工作的领导" in items[0]["quoted"] and "坚持人才强区" in items[0]["text"]


def test_recording_the_second_copy_after_accepting_the_first_adds_no_spurious_items(
    plan: Path, copies: tuple[Path, Path]
) -> None:
    first, second = copies
    code, output = review(str(first), str(plan), "--record", "征求意见", "--accept", "all")
    assert code == 0, output
    code, output = review(str(second), str(plan), "--record", "征求意见")
    assert code == 0, output
    items = YAML(typ="safe").load((plan / "reviews" / "征求意见.yaml").read_text(encoding="utf-8"))[
        "items"
    ]
    found = [(item["kind"], item["target"], item["decision"]) for item in items]
    assert found == [
        ("change", "safeguards-1-p1", "采纳"),
        ("edit", "safeguards-3-p1", "采纳"),
        ("insertion", "safeguards-1-p1", "待定"),
        ("deletion", "safeguards-2-p1", "待定"),
        ("edit", "safeguards-4-p1", "待定"),
    ]


def test_an_export_without_its_base_warns_and_compares_with_the_plan(plan: Path) -> None:
    old = plan.parent.parent / "old.docx"
    copy_of(without_base(write_docx(compile_plan(plan).document())), copy_b, old)
    done = CliRunner().invoke(main, ["review", str(old), str(plan)])
    assert done.exit_code == 0, done.output
    assert "no record of the text it was exported from" in done.stderr
    assert "safeguards-4-p1: untracked edit" in done.stdout


def test_a_tracked_change_where_the_plan_changed_the_same_words_is_a_conflict(
    plan: Path, export: bytes, copies: tuple[Path, Path]
) -> None:
    first, _second = copies
    review(str(first), str(plan), "--accept", "all")
    rival = copy_of(
        export,
        lambda root: replaced(root, "safeguards-1-p1", "深入", "坚决", ("王五", "王五"), "301"),
        plan.parent.parent / "d.docx",
    )
    code, output = review(str(rival), str(plan), "--accept", "all", "--record", "征求意见")
    assert code == 0, output
    kept = [line for line in output.splitlines() if "kept:" in line]
    assert len(kept) == 1 and "safeguards-1-p1: conflict" in kept[0], output
    assert "认真学习贯彻" in safeguards(plan) and "坚决" not in safeguards(plan)
    items = YAML(typ="safe").load((plan / "reviews" / "征求意见.yaml").read_text(encoding="utf-8"))[
        "items"
    ]
    assert [(item["kind"], item["target"], item["decision"]) for item in items] == [
        ("change", "safeguards-1-p1", "待定"),
        ("conflict", "safeguards-1-p1", "待定"),
    ]
    assert "认真学习贯彻" in items[1]["quoted"] and "坚决学习贯彻" in items[1]["text"]


def test_a_copy_is_placed_by_its_text_when_the_first_renumbered_its_paragraphs(
    plan: Path, export: bytes
) -> None:
    """张三 adds a paragraph, so the paragraph ids after it shift by one; 李四's edit in a later
    paragraph of the same section is still written where his copy had it, and nothing else."""

    def add(root: etree._Element) -> None:
        after = _paragraph(root, "requirements-2-p1")
        new = etree.SubElement(after.getparent(), W + "p")
        after.addnext(new)
        change = _w("ins", id="401", author="张三", date=WORD_DATE)
        change.append(_run("坚持系统观念，统筹推进各项工作。"))
        new.append(change)

    folder = plan.parent.parent
    first = copy_of(export, add, folder / "a.docx")
    second = copy_of(
        export,
        lambda root: inserted(
            root, "requirements-2-p3", "提升区域竞争能力", "切实", "李四", WORD_DATE, "402"
        ),
        folder / "b.docx",
    )
    code, output = review(str(first), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output, output
    assert [(each["kind"], each["text"]) for each in findings(str(second), str(plan))] == [
        ("insertion", "切实")
    ]
    code, output = review(str(second), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output, output
    text = (plan / "text" / "requirements.md").read_text(encoding="utf-8")
    assert "\n\n坚持系统观念，统筹推进各项工作。\n\n坚持生态立区" in text
    assert "坚持文化兴区，切实提升区域竞争能力" in text


def test_the_base_is_a_custom_xml_part_word_keeps(export: bytes) -> None:
    """Related from the document with its item properties, as Word keeps a custom XML part."""
    with zipfile.ZipFile(io.BytesIO(export)) as package:
        relations = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
        props = package.read("customXml/_rels/item1.xml.rels").decode()
        base = etree.fromstring(package.read("customXml/item1.xml"))
    assert 'relationships/customXml" Target="../customXml/item1.xml"' in relations
    assert 'Target="itemProps1.xml"' in props and "customXmlProperties+xml" in types
    assert base.tag == "{urn:plancraft:export-base:1}base" and len(base) > 300
