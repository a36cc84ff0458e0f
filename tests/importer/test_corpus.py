"""The import corpus (made by corpus/make_corpus.py): each variant keeps outline and text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plancraft.compile.pipeline import LoadedPlan
from plancraft.importer import import_into
from plancraft.output.html import render_html
from plancraft.source.model import Section
from tests.conftest import SOURCES
from tests.support.coverage import coverage, html_text

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
PLACEHOLDER = "【待填写"


def _depths(items: list, out: list[int]) -> list[int]:
    for item in items:
        if isinstance(item, Section) and not item.in_box and PLACEHOLDER not in item.title:
            out.append(item.depth)
            _depths(item.content, out)
    return out


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, LoadedPlan, object]]:
    folder = tmp_path_factory.mktemp("corpus")
    found = {}
    for name, expected in EXPECTED.items():
        target = folder / re.sub(r"[^a-z0-9-]", "-", name.rsplit(".", 1)[0])
        result, loaded = import_into(CORPUS / name, target, replacements=expected["repairs"])
        assert loaded is not None, [str(d) for d in result.diagnostics.errors]
        found[name] = (target, loaded, result)
    return found


def test_the_corpus_has_a_dozen_documents_of_different_forms() -> None:
    assert len(EXPECTED) >= 12
    assert {name.rsplit(".", 1)[1] for name in EXPECTED} == {"txt", "docx"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_variant_builds_with_its_outline_and_text(imported: dict, name: str) -> None:
    target, loaded, result = imported[name]
    expected = EXPECTED[name]
    assert loaded.ok, "\n".join(map(str, loaded.diagnostics.sorted()))
    assert _depths(loaded.plan.outline, []) == expected["outline"]
    text = html_text(render_html(loaded.document()))
    lines = (
        (SOURCES / expected["source"]).read_text(encoding="utf-8").splitlines()[: expected["lines"]]
    )
    found = coverage("\n".join(lines), text, expected["repairs"])
    assert found.ratio >= 0.99, found.missing[:10]
    for extra in expected.get("extra_text", []):
        assert extra in text
    for absent in expected.get("absent_text", []):
        assert absent not in text
    for key, value in expected.get("meta", {}).items():
        assert (
            loaded.plan.meta.dates.get(key) if key == "written" else getattr(loaded.plan.meta, key)
        ) == value


@pytest.mark.parametrize("name", sorted(name for name in EXPECTED if EXPECTED[name].get("toc")))
def test_no_toc_text_is_kept_in_the_body(imported: dict, name: str) -> None:
    target, loaded, result = imported[name]
    body = "".join(
        path.read_text(encoding="utf-8") for path in sorted((target / "text").glob("*.md"))
    )
    lines = (SOURCES / EXPECTED[name]["source"]).read_text(encoding="utf-8").splitlines()
    source = "".join(lines[: EXPECTED[name]["lines"]])
    assert not re.search(r"^目\s*录$|…{3}", body, re.M)
    for entry in EXPECTED[name]["toc"]:
        title = re.sub(r"^(第.{1,3}(部分|章|节)|[一二三四五六七八九十]+、)\s*", "", entry)
        assert body.count(title) <= source.count(title), entry
    assert any("目录" in d.message for d in result.diagnostics.warnings)


def test_the_outline_decision_is_a_located_note(imported: dict) -> None:
    _, _, result = imported["zhushan-chapter-cn.txt"]
    notes = [d for d in result.diagnostics.warnings if d.code == "import-outline"]
    assert len(notes) == 1 and notes[0].location.line == 5 and "第一章 › 一、" in notes[0].message
    _, loaded, _ = imported["beijing-cn-top.txt"]
    assert loaded.plan.meta.numbering == "cn" and loaded.plan.outline[0].label == "一、"


def test_every_heading_written_has_an_explicit_ascii_id(imported: dict) -> None:
    for target, _loaded, _ in imported.values():
        for path in (target / "text").glob("*.md"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("#") or line.startswith("::: box"):
                    assert re.search(r"\{#[a-z0-9-]+( \.run-in)?\}$", line), (path, line)


def test_web_furniture_is_dropped_and_the_colophon_kept_in_the_notice(imported: dict) -> None:
    target, loaded, result = imported["tongzhou-web.txt"]
    text = html_text(render_html(loaded.document()))
    for furniture in ("发布时间", "浏览次数", "字体", "打印本页", "关闭窗口", "扫一扫", "分享到"):
        assert furniture not in text
    notice = (target / "text" / "notice.md").read_text(encoding="utf-8")
    assert "抄送：" in notice and notice.rstrip().endswith("印发")


@pytest.mark.pdf
def test_a_variant_builds_to_pdf(imported: dict, tmp_path: Path) -> None:
    from plancraft.output.build import build_plan

    target, _, _ = imported["chaoyang-cn-top.txt"]
    built = build_plan(target, tmp_path)
    assert built.ok, [str(d) for d in built.diagnostics]
    assert any(path.suffix == ".pdf" for path in tmp_path.rglob("*"))


def test_a_document_listing_web_metadata_keeps_it_on_the_cover(imported: dict) -> None:
    """mentougou's seed lists 发文单位 … 文件有效性 as its web page did: the imported plan asks for them
    on its cover (cover_metadata: true); a Word document without such lines does not."""
    _, listed, _ = imported["mentougou-toc-leaders.txt"]
    _, plain, _ = imported["beijing-styles.docx"]
    assert listed.plan.meta.cover_metadata and listed.document().cover.docinfo
    assert not plain.plan.meta.cover_metadata and plain.document().cover.docinfo == []
