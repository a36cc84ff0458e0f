"""Review of a returned .docx: edits stored the way Word stores them, reported at their ids."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from plancraft.cli import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import bookmark_name, write_docx
from tests.conftest import PLANS

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def _w(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(W + tag)
    for key, value in attrs.items():
        element.set(W + key, value)
    return element


def _run(text: str, tag: str = "t") -> etree._Element:
    run = _w("r")
    node = etree.SubElement(run, W + tag)
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _paragraph(root: etree._Element, anchor: str) -> etree._Element:
    name = bookmark_name(anchor)
    mark = next(m for m in root.iter(W + "bookmarkStart") if m.get(W + "name") == name)
    return next(mark.iterancestors(W + "p"))


def _split(paragraph: etree._Element, words: str) -> tuple[etree._Element, etree._Element]:
    """Split the run holding `words` so they are a run of their own: (that run, its text node)."""
    for node in paragraph.iter(W + "t"):
        if node.text and words in node.text:
            run = node.getparent()
            before, after = node.text.split(words, 1)
            node.text = before
            middle = _run(words)
            run.addnext(middle)
            middle.addnext(_run(after))
            return middle, middle[0]
    raise AssertionError(f"{words!r} not in the paragraph")


def returned_file(data: bytes) -> bytes:
    """The export as returned: two tracked changes, a comment, an untracked edit, a new target."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    date = "2024-03-01T10:00:00Z"
    # A tracked insertion: 始终 before 坚持共同富裕方向.
    run, _ = _split(_paragraph(root, "livelihood-system-p1"), "坚持共同富裕方向")
    inserted = _w("ins", id="901", author="张三", date=date)
    inserted.append(_run("始终"))
    run.addprevious(inserted)
    # A tracked deletion of 协同 and a comment on 织密兜牢民生保障安全网.
    paragraph = _paragraph(root, "livelihood-system-1-p1")
    run, text = _split(paragraph, "协同")
    text.tag = W + "delText"
    deleted = _w("del", id="902", author="李四", date=date)
    run.addprevious(deleted)
    deleted.append(run)
    run, _ = _split(paragraph, "织密兜牢民生保障安全网")
    run.addprevious(_w("commentRangeStart", id="0"))
    run.addnext(_w("commentRangeEnd", id="0"))
    reference = _w("r")
    reference.append(_w("commentReference", id="0"))
    paragraph.append(reference)
    # An untracked edit in the safeguards, and a new target for ind-02 in the indicator table.
    for node in _paragraph(root, "political-building-p1").iter(W + "t"):
        if node.text and "深入学习贯彻" in node.text:
            node.text = node.text.replace("深入学习贯彻", "认真学习贯彻", 1)
            break
    else:
        raise AssertionError("no 深入学习贯彻 in political-building-p1")
    row = next(_paragraph(root, "ind-02").iterancestors(W + "tr"))
    target = [node for node in row.iter(W + "t") if node.text == "≥1600"]
    assert len(target) == 1
    target[0].text = "≥1800"
    parts["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}">'
        f'<w:comment w:id="0" w:author="王五" w:date="{date}" w:initials="WW"><w:p><w:r>'
        f"<w:t>请补充具体措施</w:t></w:r></w:p></w:comment></w:comments>"
    ).encode()
    register_comments(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


def register_comments(parts: dict[str, bytes]) -> None:
    """Declare a package's word/comments.xml: its content type and the document's relationship."""
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/></Types>'.encode(),
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId900" Type="{COMMENTS_REL}" Target="comments.xml"/>'
        "</Relationships>".encode(),
    )


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", target)
    return target


@pytest.fixture
def returned(plan: Path, tmp_path: Path) -> Path:
    loaded = compile_plan(plan)
    path = tmp_path / "returned.docx"
    path.write_bytes(returned_file(write_docx(loaded.document())))
    return path


def _review(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["review", *args])
    return done.exit_code, done.output


def _json_review(*args: str) -> tuple[int, str, str]:
    """Exit code, the JSON report (stdout) and the warnings (stderr) of a review."""
    done = CliRunner().invoke(main, ["review", *args, "--format", "json"])
    return done.exit_code, done.stdout, done.stderr


def test_review_reports_each_edit_at_its_id(returned: Path, plan: Path) -> None:
    code, output = _review(str(returned), str(plan), "--format", "json")
    assert code == 0, output
    findings = json.loads(output)["findings"]
    by_kind = {(f["kind"], f["id"]): f for f in findings}
    assert by_kind[("insertion", "livelihood-system-p1")]["text"] == "始终"
    assert by_kind[("insertion", "livelihood-system-p1")]["author"] == "张三"
    assert by_kind[("insertion", "livelihood-system-p1")]["date"] == "2024-03-01T10:00:00Z"
    assert by_kind[("deletion", "livelihood-system-1-p1")]["text"] == "协同"
    assert by_kind[("deletion", "livelihood-system-1-p1")]["author"] == "李四"
    comment = by_kind[("comment", "livelihood-system-1-p1")]
    assert (comment["author"], comment["text"], comment["old"]) == (
        "王五",
        "请补充具体措施",
        "织密兜牢民生保障安全网",
    )
    edit = by_kind[("edit", "political-building-p1")]
    assert "认真学习贯彻" in edit["text"] and "认真学习贯彻" not in edit["old"]
    target = by_kind[("edit", "ind-02")]
    assert (target["field"], target["old"], target["text"]) == ("target", "≥1600", "≥1800")
    assert len(findings) == 5
    code, text = _review(str(returned), str(plan))
    assert code == 0 and "ind-02 target: untracked edit '≥1600' → '≥1800'" in text


def test_accept_all_writes_the_sources(returned: Path, plan: Path) -> None:
    tasks = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    code, output = _review(str(returned), str(plan), "--accept", "all")
    assert code == 0, output
    after = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "始终坚持共同富裕方向" in after and "“提标、扩面、增效”推进" in after
    assert (
        after.replace("始终坚持共同富裕方向", "坚持共同富裕方向").replace(
            "增效”推进", "增效”协同推进"
        )
        == tasks
    )
    assert "认真学习贯彻" in (plan / "text" / "safeguards.md").read_text(encoding="utf-8")
    indicators = (plan / "indicators.yaml").read_text(encoding="utf-8")
    block = indicators.split("- id: ind-02\n", 1)[1].split("- id:", 1)[0]
    assert 'target: "≥1800"' in block and indicators.count("≥1600") == 1
    assert compile_plan(plan).ok
    code, output = _review(str(returned), str(plan), "--format", "json")
    edits = [
        f for f in json.loads(output)["findings"] if (f["kind"], f["id"]) == ("edit", "ind-02")
    ]
    # The indicator table now agrees with the plan; the file's 附表 still shows the old target,
    # as exported: the plan's change since the export, not the reviewer's edit.
    assert edits == []


def test_accept_one_author(returned: Path, plan: Path) -> None:
    code, output = _review(str(returned), str(plan), "--accept", "张三")
    assert code == 0, output
    after = (plan / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "始终坚持共同富裕方向" in after and "增效”协同推进" in after
    assert (plan / "indicators.yaml").read_text(encoding="utf-8").count("≥1600") == 2
    assert "认真学习贯彻" not in (plan / "text" / "safeguards.md").read_text(encoding="utf-8")


def test_a_file_without_bookmarks_matches_headings(plan: Path, tmp_path: Path) -> None:
    data = write_docx(compile_plan(plan).document())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    for mark in list(root.iter(W + "bookmarkStart", W + "bookmarkEnd")):
        mark.getparent().remove(mark)
    for node in root.iter(W + "t"):
        if node.text and "织密兜牢民生保障安全网" in node.text:
            node.text = node.text.replace("织密兜牢", "织密织牢")
    parts["word/document.xml"] = etree.tostring(root)
    path = tmp_path / "plain.docx"
    with zipfile.ZipFile(path, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    code, output, warned = _json_review(str(path), str(plan))
    assert code == 0, output
    report = json.loads(output)
    assert "matched by heading text" in report["notes"][0]
    assert "lost plancraft's bookmarks" in warned
    assert [(f["kind"], f["id"]) for f in report["findings"]] == [("edit", "livelihood-system-1")]
    code, output = _review(str(path), str(plan), "--accept", "all")
    assert code == 0 and "accepted: livelihood-system-1: '兜' → '织'" in output
    assert "织密织牢民生保障安全网" in (plan / "text" / "tasks.md").read_text(encoding="utf-8")


def _zip(tmp_path: Path, name: str, parts: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)
    return path


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&lol3;</w:t>'
    b"</w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    "case, message",
    [
        ("text", "not a .docx file (not a zip archive)"),
        ("zip", "not a Word document"),
        ("bomb", "zip bomb"),
        ("entities", "entity expansion"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    case: str, message: str, plan: Path, tmp_path: Path
) -> None:
    if case == "text":
        path = tmp_path / "notes.docx"
        path.write_text("not a word file", encoding="utf-8")
    elif case == "zip":
        path = _zip(tmp_path, "other.docx", {"readme.txt": b"hello"})
    elif case == "bomb":
        path = _zip(
            tmp_path,
            "bomb.docx",
            {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (80 * 1024 * 1024)},
        )
    else:
        path = _zip(
            tmp_path,
            "laughs.docx",
            {"[Content_Types].xml": b"<Types/>", "word/document.xml": BILLION_LAUGHS},
        )
    before = {p: p.read_bytes() for p in plan.rglob("*") if p.is_file()}
    code, output = _review(str(path), str(plan), "--accept", "all")
    assert code == 1 and message in output and "Traceback" not in output
    assert before == {p: p.read_bytes() for p in plan.rglob("*") if p.is_file()}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _review()[0] == 2
    assert _review(str(tmp_path / "missing.docx"))[0] == 2


def test_a_file_from_no_plan_needs_plan_dir(tmp_path: Path, plan: Path) -> None:
    data = write_docx(compile_plan(plan).document())
    path = tmp_path / "returned.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(b"plancraft:beijing", b"other")
    _zip(tmp_path, "returned.docx", parts)
    code, output = _review(str(path))
    assert code == 2 and "give PLAN_DIR" in output
    code, output = _review(str(path), str(plan), "--format", "html")
    assert code == 0 and output.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("bookmarked", [True, False])
def test_the_tables_page_numbers_are_not_edits(
    plan: Path, tmp_path: Path, bookmarked: bool
) -> None:
    """The 目录's page numbers come from a layout (the PDF's, or Word's when it updates the field):
    a file whose numbers differ from a fresh export's reports nothing."""
    document = compile_plan(plan).document()
    data = write_docx(document, {entry.id: 40 + index for index, entry in enumerate(document.toc)})
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    if not bookmarked:
        root = etree.fromstring(parts["word/document.xml"])
        for mark in list(root.iter(W + "bookmarkStart", W + "bookmarkEnd")):
            mark.getparent().remove(mark)
        parts["word/document.xml"] = etree.tostring(root)
    assert b">41</w:t>" in parts["word/document.xml"]
    code, output, _warned = _json_review(str(_zip(tmp_path, "numbered.docx", parts)), str(plan))
    assert code == 0, output
    assert json.loads(output)["findings"] == []


def test_a_long_table_is_read_with_work_linear_in_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each paragraph of a table counted all the table's rows: a returned .docx with one table of
    15,000 rows (8 MiB of XML, within every limit) kept review busy for over nine minutes."""
    from plancraft.output.docx import units as word_units

    rows = "".join(
        f'<w:tr><w:tc><w:p><w:bookmarkStart w:name="pc_row_{n}"/><w:r><w:t>{n}</w:t></w:r></w:p>'
        f"</w:tc><w:tc><w:p><w:r><w:t>值{n}</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(300)
    )
    root = etree.fromstring(
        f'<w:document xmlns:w="{W_NS}"><w:body><w:tbl>{rows}</w:tbl></w:body></w:document>'
    )
    looked_at = 0
    original = word_units._rows

    def counted(table):
        nonlocal looked_at
        for row in original(table):
            looked_at += 1
            yield row

    monkeypatch.setattr(word_units, "_rows", counted)
    found = word_units.units(root, {}, None)
    assert len(found) == 600 and found[("row-299", 1)].base == ["值299"]
    assert 0 < looked_at <= 2 * 600
