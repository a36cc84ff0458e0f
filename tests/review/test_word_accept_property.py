"""Property: random edits made in a returned .docx the way Word and LibreOffice store them (tracked
w:ins / w:del runs, untracked text, new paragraphs, indicator cells) all come back into the sources
exactly with --accept all: the plan exported again reads as the returned file with its changes
accepted."""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from plancraft.output.docx.ids import PREFIX
from plancraft.review.word.accept import apply_accepted
from plancraft.review.word.compare import plan_context
from plancraft.review.word.model import Review
from plancraft.review.word.units import Context, unit_text, units
from tests.conftest import PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WORDS = "社会救助养老服务体系建设完善推进基层治理"
SLUG = "mentougou"
NUMBER = re.compile(r"\d+\.|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
"""A run that starts with a generated number (1. 一、 （一）): text not in the sources."""

pytestmark = pytest.mark.slow


class Plan:
    """A scratch copy of a plan, its export and its review context, with the sources to restore."""

    def __init__(
        self, root: Path, export: bytes, context: Context, sources: dict[Path, bytes]
    ) -> None:
        self.root, self.export, self.context, self.sources = root, export, context, sources

    def __repr__(self) -> str:
        return f"Plan({self.root.name})"

    def restore(self) -> None:
        for path, data in self.sources.items():
            path.write_bytes(data)

    def body(self) -> etree._Element:
        return etree.fromstring(self.export)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    root = tmp_path_factory.mktemp("accept") / SLUG
    shutil.copytree(PLANS / SLUG, root)
    with zipfile.ZipFile(io.BytesIO(write_docx(compile_plan(root).document()))) as package:
        export = package.read("word/document.xml")
    context, _slug = plan_context(root, False)
    sources = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    return Plan(root, export, context, sources)


def run_with(run: etree._Element, text: str) -> etree._Element:
    """A copy of `run`'s formatting holding `text`."""
    new = etree.Element(W + "r")
    properties = run.find(W + "rPr")
    if properties is not None:
        new.append(copy.deepcopy(properties))
    node = etree.SubElement(new, W + "t")
    node.text = text
    node.set(XML_SPACE, "preserve")
    return new


def tracked(tag: str, *runs: etree._Element) -> etree._Element:
    change = etree.Element(W + tag)
    for key, value in (("id", "990"), ("author", "审稿人"), ("date", "2024-03-01T10:00:00Z")):
        change.set(W + key, value)
    for run in runs:
        change.append(run)
    return change


def edit_text(run: etree._Element, kind: str, at: int, length: int, words: str) -> None:
    """In `run` (one w:t), insert `words` at `at` or delete `length` characters from `at`, tracked
    or not, the way Word stores it: the run split, the change a run of its own."""
    text = run.find(W + "t").text or ""
    if kind == "edit":
        run.find(W + "t").text = text[:at] + words + text[at + length :]
        return
    before, middle, after = text[:at], text[at : at + length], text[at + length :]
    pieces = [run_with(run, before)] if before else []
    if kind == "insert":
        pieces.append(tracked("ins", run_with(run, words)))
        after = text[at:]
    else:
        gone = run_with(run, middle)
        gone.find(W + "t").tag = W + "delText"
        pieces.append(tracked("del", gone))
    pieces += [run_with(run, after)] if after else []
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)


def new_paragraph(after: etree._Element, words: str, with_tracking: bool) -> None:
    """A paragraph typed after `after` (Enter at its end), tracked or not."""
    paragraph = etree.Element(W + "p")
    properties = copy.deepcopy(after.find(W + "pPr"))
    if with_tracking:
        mark = etree.SubElement(properties, W + "rPr")
        mark.append(tracked("ins"))
    paragraph.append(properties)
    run = run_with(etree.Element(W + "r"), words)
    paragraph.append(tracked("ins", run) if with_tracking else run)
    after.addnext(paragraph)


def prose(body: etree._Element) -> list[etree._Element]:
    """Body paragraphs with an id of their own, outside tables, long enough to edit."""
    found = []
    for paragraph in body.iter(W + "p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        marks = [m.get(W + "name", "") for m in paragraph.iter(W + "bookmarkStart")]
        if (
            style is not None
            and style.get(W + "val") == "BodyText"
            and any(name.startswith(PREFIX) for name in marks)
            and next(paragraph.iterancestors(W + "tc"), None) is None
            and sum(len(t.text or "") for t in paragraph.iter(W + "t")) >= 12
        ):
            found.append(paragraph)
    return found


def value_cells(body: etree._Element, context: Context) -> list[etree._Element]:
    """The w:t of each target or baseline cell of the indicator table (not the 附表)."""
    found = []
    for key, unit in units(body, context.names, None).items():
        ident, column = key
        fields = context.columns.get(ident, ())
        if ident in context.appendix_rows or not 0 <= column < len(fields):
            continue
        if fields[column] in ("target", "baseline"):
            nodes = [t for p in unit.paragraphs for t in p.iter(W + "t") if t.text]
            found += nodes[:1]
    return found


def reading(body: etree._Element) -> list[str]:
    """The paragraphs' text with every change accepted, but for the TOC and the 附表 (which show
    what the text and table say)."""
    found = units(body, {}, None)
    skipped = {
        id(p)
        for key, unit in found.items()
        if key[0] == "toc" or key[0].startswith("appendix")
        for p in unit.paragraphs
    }
    return [unit_text(p, set(), "all") for p in body.iter(W + "p") if id(p) not in skipped]


edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "edit", "paragraph", "cell"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.integers(1, 4),
        st.text(alphabet=WORDS, min_size=1, max_size=6),
        st.booleans(),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=int(os.environ.get("ACCEPT_EXAMPLES", "200")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=edits)
def test_accepted_edits_come_back_exactly(plan: Plan, changes: list[tuple]) -> None:
    plan.restore()
    body = plan.body()
    paragraphs, cells = prose(body), value_cells(body, plan.context)
    used: set[int] = set()
    for kind, which, where, length, words, with_tracking in changes:
        if kind == "cell":
            node = cells[which % len(cells)]
            if id(node) in used:
                continue
            used.add(id(node))
            value = f"≥{where % 99 + 1}" if with_tracking else str(where % 100)
            if value == node.text:
                continue
            run, cell = node.getparent(), next(node.iterancestors(W + "p"))
            if with_tracking:
                edit_text(run, "delete", 0, len(node.text or ""), "")
                deleted = next(change for change in cell if change.tag == W + "del")
                deleted.addnext(tracked("ins", run_with(deleted[0], value)))
            else:
                node.text = value
            continue
        paragraph = paragraphs[which % len(paragraphs)]
        if id(paragraph) in used:
            continue
        used.add(id(paragraph))
        if kind == "paragraph":
            new_paragraph(paragraph, words, with_tracking)
            continue
        runs = [
            t.getparent()
            for t in paragraph.iter(W + "t")
            if len(t.text or "") >= 2 and not NUMBER.match(t.text or "")
        ]
        run = runs[where % len(runs)]
        text = run.find(W + "t").text or ""
        at = where % len(text)
        length = min(length, len(text) - at)
        if kind == "edit" and not with_tracking:
            edit_text(run, "edit", at, length, words)
        else:
            edit_text(run, kind if kind != "edit" else "insert", at, length, words)
    expected = reading(body)
    review = Review("returned.docx", SLUG)
    apply_accepted(units(body, plan.context.names, None), plan.context, review, "all")
    assert review.kept == []
    loaded = compile_plan(plan.root)
    assert loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    with zipfile.ZipFile(io.BytesIO(write_docx(loaded.document()))) as package:
        again = etree.fromstring(package.read("word/document.xml"))
    assert reading(again) == expected
