"""--accept never loses an edit: each change is written into the sources or kept with its id."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from plancraft.cli import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from tests.conftest import PLANS
from tests.review.test_word import (
    W_NS,
    W,
    _paragraph,
    _run,
    _split,
    _w,
    register_comments,
)

DATE = "2024-03-01T10:00:00Z"


def plan_copy(tmp_path: Path, slug: str) -> Path:
    target = tmp_path / "plans" / slug
    shutil.copytree(PLANS / slug, target)
    return target


def returned(plan: Path, edit: Callable[[etree._Element], None], comments: str = "") -> Path:
    """The plan's export with `edit` made to its body (and `comments` as word/comments.xml)."""
    data = write_docx(compile_plan(plan).document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if comments:
        parts["word/comments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<w:comments xmlns:w="{W_NS}">{comments}'
            "</w:comments>"
        ).encode()
        register_comments(parts)
    path = plan.parent.parent / "returned.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def review(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["review", *args])
    return done.exit_code, done.output


def paragraph_texts(plan: Path) -> list[str]:
    """The text of each paragraph of the plan's export."""
    data = write_docx(compile_plan(plan).document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return ["".join(node.text or "" for node in p.iter(W + "t")) for p in root.iter(W + "p")]


def paragraph_with(root: etree._Element, words: str) -> etree._Element:
    return next(p for p in root.iter(W + "p") if words in "".join(p.itertext()))


def tracked_insertion(paragraph: etree._Element, before: str, words: str) -> None:
    """`words` inserted with track changes right before the text `before`."""
    run, _ = _split(paragraph, before)
    inserted = _w("ins", id="901", author="张三", date=DATE)
    inserted.append(_run(words))
    run.addprevious(inserted)


def test_an_insertion_beside_a_generated_number_is_written(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path, "mentougou")
    path = returned(
        plan,
        lambda root: tracked_insertion(
            paragraph_with(root, "1.健全救助制度。"), "救助制度。", "社会"
        ),
    )
    code, output = review(str(path), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output, output
    tasks = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "### 健全社会救助制度。 {.run-in}" in tasks


def test_a_new_paragraph_is_written_as_a_paragraph(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path, "beijing")

    def add(root: etree._Element) -> None:
        after = _paragraph(root, "livelihood-system-p1")
        new = etree.SubElement(after.getparent(), W + "p")
        after.addnext(new)
        new.append(etree.fromstring(etree.tostring(after.find(W + "pPr"))))
        inserted = _w("ins", id="903", author="张三", date=DATE)
        inserted.append(_run("新增一段关于社会救助的要求。"))
        new.append(inserted)

    code, output = review(str(returned(plan, add)), str(plan), "--accept", "all")
    assert code == 0 and "kept:" not in output, output
    tasks = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "全面提升民政服务对象的获得感幸福感安全感。\n\n新增一段关于社会救助的要求。\n\n" in tasks
    assert "新增一段关于社会救助的要求。" in paragraph_texts(plan)


def test_a_tracked_cell_change_is_one_value_change(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path, "mentougou")

    def change(root: etree._Element) -> None:
        row = next(_paragraph(root, "ind-03").iterancestors(W + "tr"))
        node = next(node for node in row.iter(W + "t") if node.text == "≥7")
        run = node.getparent()
        node.tag = W + "delText"
        deleted = _w("del", id="904", author="李四", date=DATE)
        run.addprevious(deleted)
        deleted.append(run)
        inserted = _w("ins", id="905", author="李四", date=DATE)
        inserted.append(_run("≥8"))
        deleted.addnext(inserted)

    path = returned(plan, change)
    code, output = review(str(path), str(plan), "--format", "json")
    findings = [f for f in json.loads(output)["findings"] if f["id"] == "ind-03"]
    assert [(f["kind"], f["field"], f["old"], f["text"], f["author"]) for f in findings] == [
        ("change", "target", "≥7", "≥8", "李四")
    ]
    code, output = review(str(path), str(plan))
    assert "ind-03 target: tracked change by 李四 2024-03-01T10:00:00Z: '≥7' → '≥8'" in output
    code, output = review(str(path), str(plan), "--accept", "all")
    assert "accepted: ind-03 target: ≥7 → ≥8" in output
    block = (plan / "indicators.yaml").read_text(encoding="utf-8").split("- id: ind-03\n")[1]
    assert 'target: "≥8"' in block.split("- id:")[0]


def test_a_comment_without_a_date_has_none(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path, "beijing")

    def anchor(root: etree._Element) -> None:
        paragraph = _paragraph(root, "livelihood-system-p1")
        run, _ = _split(paragraph, "坚持共同富裕方向")
        run.addprevious(_w("commentRangeStart", id="0"))
        run.addnext(_w("commentRangeEnd", id="0"))
        reference = _w("r")
        reference.append(_w("commentReference", id="0"))
        paragraph.append(reference)

    comment = (
        '<w:comment w:id="0" w:author="王五" w:date="0-00-00T00:00:00Z" w:initials="WW"><w:p>'
        "<w:r><w:t>请核实</w:t></w:r></w:p></w:comment>"
    )
    path = returned(plan, anchor, comment)
    code, output = review(str(path), str(plan))
    assert code == 0 and "comment by 王五 on '坚持共同富裕方向': 请核实" in output, output
    assert "0-00-00" not in output


def test_a_change_that_cannot_be_placed_is_kept_with_its_id(tmp_path: Path) -> None:
    plan = plan_copy(tmp_path, "mentougou")
    before = {p: p.read_bytes() for p in plan.rglob("*.md")}

    def renumber(root: etree._Element) -> None:
        for node in paragraph_with(root, "1.健全救助制度。").iter(W + "t"):
            node.text = node.text.replace("1.健全", "9.健全")

    code, output = review(str(returned(plan, renumber)), str(plan), "--accept", "all")
    assert code == 0, output
    kept = [line for line in output.splitlines() if line.startswith("kept:")]
    assert len(kept) == 1 and "'1.健全救助制度。" in kept[0] and "'9.健全救助制度。" in kept[0]
    assert "not found once" in kept[0] and "accepted:" not in output
    assert before == {p: p.read_bytes() for p in plan.rglob("*.md")}


@pytest.mark.parametrize("slug", ["beijing"])
def test_untracked_edits_in_two_units_of_one_file_are_both_written(
    tmp_path: Path, slug: str
) -> None:
    plan = plan_copy(tmp_path, slug)

    def edit(root: etree._Element) -> None:
        for anchor, old, new in (
            ("livelihood-system-p1", "紧扣主要矛盾转化", "紧扣社会主要矛盾转化"),
            ("livelihood-system-1-p1", "织密兜牢", "织密织牢"),
        ):
            for node in _paragraph(root, anchor).iter(W + "t"):
                if node.text and old in node.text:
                    node.text = node.text.replace(old, new)

    code, output = review(str(returned(plan, edit)), str(plan), "--accept", "all")
    assert code == 0 and output.count("accepted:") == 2 and "kept:" not in output, output
    tasks = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "紧扣社会主要矛盾转化" in tasks and "织密织牢民生保障安全网" in tasks
