"""A 篇/章/节 plan (numbering: volumes) in every format: numbers, the TOC, cross-references, styles."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from plancraft.compile import document as doc
from plancraft.compile.pipeline import compile_plan
from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS

VOLUMES = FIXTURE_PLANS / "volumes"
HEADINGS = [
    "第一篇　开启全面建设社会主义现代化新征程",
    "第一章　发展环境",
    "第一节　发展基础",
    "第二节　面临形势",
    "一、国际环境",
    "二、国内环境",
    "第二章　指导思想和主要目标",
    "第一节　指导思想",
    "第二节　主要目标",
    "第二篇　坚持创新驱动发展",
    "第三章　强化科技创新能力",
    "第一节　建设区域科技创新中心",
    "一、加强基础研究",
    "第二节　激发人才创新活力",
    "第四章　健全规划实施保障机制",
    "第一节　加强规划协调管理",
    "第二节　健全监测评估",
]
REFERENCES = ("科技创新的部署见第二篇，重点任务见第三章", "目标任务由第二章和第一篇统领")


pytestmark = pytest.mark.pdf  # the module fixture builds the PDF once for every test


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("volumes")
    result = build_plan(VOLUMES, out, ("html", "pdf", "docx"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return out


@pytest.fixture(scope="module")
def typst_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The volumes plan's PDF by the Typst engine."""
    out = tmp_path_factory.mktemp("volumes-typst")
    result = build_plan(VOLUMES, out, ("pdf",), pdf_engine="typst")
    assert result.ok, [str(d) for d in result.diagnostics]
    return out


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_toc_has_volumes_on_top_and_chapters_numbered_on() -> None:
    loaded = compile_plan(VOLUMES)
    assert loaded.ok, loaded.diagnostics.sorted()
    entries = [(e.level, e.number, e.entry_kind) for e in loaded.document().toc]
    assert entries == [
        (1, "第一篇", "volume"),
        (2, "第一章", "chapter"),
        (2, "第二章", "chapter"),
        (1, "第二篇", "volume"),
        (2, "第三章", "chapter"),
        (2, "第四章", "chapter"),
        (1, "附表", "appendix"),
    ]
    volume = loaded.document().body[0]
    assert isinstance(volume, doc.Division)
    assert (volume.heading.heading_kind, volume.heading.level) == ("volume", 1)


def test_html_heading_classes_toc_and_references(built: Path) -> None:
    html = (built / "volumes.html").read_text(encoding="utf-8")
    assert '<body class="numbering-volumes">' in html
    assert '<h2 class="lv-volume"><span class="num">第二篇</span>　坚持创新驱动发展</h2>' in html
    assert '<h3 class="lv-chapter"><span class="num">第三章</span>　强化科技创新能力</h3>' in html
    assert '<h4 class="lv-section"><span class="num">第一节</span>' in html
    assert (
        '<li class="toc-1" style="--hang: 4em"><a href="#innovation"><span class="num">第二篇</span>'
        in html
    )
    assert '<a class="xref" href="#innovation">第二篇</a>' in html
    assert '<a class="xref" href="#science">第三章</a>' in html
    assert ".lv-volume {" in html


@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_pdf_reads_back_numbers_references_and_bookmarks(
    built: Path, typst_built: Path, engine: str
) -> None:
    reader = PdfReader((typst_built if engine == "typst" else built) / "volumes.pdf")
    text = _squashed("".join(page.extract_text() for page in reader.pages))
    for heading in HEADINGS:
        assert _squashed(heading) in text
    for reference in REFERENCES:
        assert reference in text

    def titles(items: list, depth: int = 0) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for item in items:
            if isinstance(item, list):
                found += titles(item, depth + 1)
            else:
                found.append((depth, _squashed(item.title)))
        return found

    outline = titles(reader.outline)
    assert (0, "第二篇坚持创新驱动发展") in outline
    assert (1, "第三章强化科技创新能力") in outline
    assert (2, "第一节建设区域科技创新中心") in outline


def test_docx_heading_texts_styles_and_outline_levels(built: Path) -> None:
    document = docx.Document(io.BytesIO((built / "volumes.docx").read_bytes()))
    headings = []
    for paragraph in document.paragraphs:
        level = re.search(r'<w:outlineLvl w:val="(\d)"/>', paragraph._p.xml)
        if level:
            headings.append((paragraph.text, paragraph.style.name, int(level.group(1))))
    assert [text for text, _, _ in headings] == HEADINGS
    by_text = {text: (style, level) for text, style, level in headings}
    assert by_text["第二篇　坚持创新驱动发展"] == ("标题 1（篇）", 0)
    assert by_text["第三章　强化科技创新能力"] == ("Heading 1", 1)
    assert by_text["第一节　建设区域科技创新中心"] == ("标题 2（节）", 2)
    assert by_text["一、加强基础研究"] == ("Heading 2", 3)
    toc = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name.startswith("toc")]
    assert toc[:4] == [
        "第一篇　开启全面建设社会主义现代化新征程",
        "第一章　发展环境",
        "第二章　指导思想和主要目标",
        "第二篇　坚持创新驱动发展",
    ]
    body = "".join(paragraph.text for paragraph in document.paragraphs)
    for reference in REFERENCES:
        assert reference in body
