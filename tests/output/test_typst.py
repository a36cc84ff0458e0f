"""The Typst PDF engine: text stays data, the engine is chosen per build or per plan, and the page
holds the GB/T 9704 grid (22 lines of 28 characters) with text that extracts exactly."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from plancraft.cli.app import main
from plancraft.compile import document as doc
from plancraft.compile.pipeline import compile_plan
from plancraft.output.build import build_plan
from plancraft.output.cache import input_keys
from plancraft.output.pdfengine import declared_engine, with_engine
from plancraft.output.punctuation import CLOSING, OPENING
from plancraft.output.typst.compiler import KeptCompiler
from plancraft.output.typst.pdf import render_pdf
from tests.compile.test_fit import with_wide_tables
from tests.conftest import FIXTURE_PLANS, PLANS
from tests.support.pdflines import (
    BLOCK_BOTTOM,
    BLOCK_TOP,
    BODY_SIZE,
    Line,
    body_paragraph_lines,
    left_edge,
    paragraph_texts,
    pdf_lines,
)

pytestmark = pytest.mark.slow  # compiles the five plans with Typst (about 35 s)

SLUGS = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
HOSTILE = (
    '#set page(width: 1cm) #import "x.typ": * $x^2$ *粗* _斜_ @ref <label> \\ \\\\ '
    "// 注释 /* 块 */ `raw` ~ -- --- ... [括] {花} #{1 + 1} 'a' \"b\" & % ^ | ＃结束"
)
"""Everything Typst markup would read as code, math, markup or a comment."""
JOINERS = "\u2060\ufeff\u200b\ufffc"
PAGE_NUMBER = re.compile(r"\f?—\d+—(\f?专栏\d+（续）)?")
"""A page number in squeezed pdftotext output (it falls inside a paragraph that turns the page),
with the label 专栏N（续） that opens the next page inside a 专栏."""


def text_of(pdf: Path | bytes, tmp_path: Path | None = None) -> str:
    """What pdftotext reads from a PDF (a path, or bytes written under `tmp_path`)."""
    if isinstance(pdf, bytes):
        assert tmp_path is not None
        (tmp_path / "out.pdf").write_bytes(pdf)
        pdf = tmp_path / "out.pdf"
    command = ["pdftotext", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without any whitespace (line ends fall where the layout puts them)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def tongzhou() -> doc.Document:
    """Tongzhou's document tree (it has a notice, a cover with document information and 专栏)."""
    return compile_plan(PLANS / "tongzhou").document()


def test_hostile_text_prints_as_text(tongzhou: doc.Document, tmp_path: Path) -> None:
    """Text is data to the template: markup, code, math and comments in it print as typed."""
    division = next(block for block in tongzhou.body if isinstance(block, doc.Division))
    division.heading.title = "=" + HOSTILE
    paragraph = doc.Paragraph([doc.Text("= " + HOSTILE), doc.Strong([doc.Text(HOSTILE)])])
    box = doc.Box("hostile-box", "专栏9", HOSTILE, [paragraph])
    cell = doc.Cell([doc.Text("#strong[x]")])
    table = doc.Table("hostile-table", "<t>", [doc.Row([cell])], [doc.Row([cell])], number="表9")
    division.blocks[:0] = [paragraph, box, table]
    text = squeezed(text_of(render_pdf(tongzhou), tmp_path))
    assert text.count(squeezed(HOSTILE)) >= 5
    assert (
        squeezed("=" + HOSTILE) in text
        and "#strong[x]" in text
        and "表9　<t>" in text.replace("表9<t>", "表9　<t>")
    )


def test_bold_without_a_bold_face_is_stroked_and_code_is_monospaced(tmp_path: Path) -> None:
    """Bold 仿宋 is filled and stroked 0.035 em wide in the text's colour (0.56 pt at 16 pt, as
    output/boldstroke.py for WeasyPrint); inline code prints in DejaVu Sans Mono, its Chinese in
    Noto Sans Mono CJK, as fontconfig's monospace gives WeasyPrint."""
    document = compile_plan(FIXTURE_PLANS / "minimal").document()
    division = next(block for block in document.body if isinstance(block, doc.Division))
    runs = [doc.Strong([doc.Text("加粗的文字")]), doc.Code("plan.yaml 规划")]
    division.blocks.insert(0, doc.Paragraph(runs))
    pdf = render_pdf(document)
    (tmp_path / "out.pdf").write_bytes(pdf)
    contents = b"".join(
        page.get_contents().get_data() for page in PdfReader(tmp_path / "out.pdf").pages
    )
    widths = set(re.findall(rb"([\d.]+) w[^\n]*\nBT 2 Tr", contents))
    assert widths == {b"0.56"}
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVuSansMono" in fonts and "NotoSansMonoCJKsc" in fonts
    assert "加粗的文字" in text_of(pdf, tmp_path) and "plan.yaml规划" in squeezed(
        text_of(pdf, tmp_path)
    )


def test_engine_swaps_the_pdf_format_and_enters_the_cache_key() -> None:
    assert with_engine(("html", "pdf"), "typst") == ("html", "pdf-typst")
    assert with_engine(("pdf-typst", "docx"), "weasyprint") == ("pdf", "docx")
    assert with_engine(("html", "pdf"), "") == ("html", "pdf")
    keys = input_keys(PLANS / "tongzhou", ("pdf", "pdf-typst"))
    assert keys["pdf"] != keys["pdf-typst"]


@pytest.mark.pdf  # builds the WeasyPrint PDF too, to compare the cache keys
def test_plan_setting_and_option_choose_the_engine(tmp_path: Path) -> None:
    """plan.yaml's pdf_engine picks Typst; --pdf-engine overrides it; each engine rebuilds the PDF."""
    plan = tmp_path / "tongzhou"
    shutil.copytree(PLANS / "tongzhou", plan)
    assert declared_engine(plan) == ""
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text + "pdf_engine: typst\n", encoding="utf-8")
    assert declared_engine(plan) == "typst"
    out = tmp_path / "out"
    runner = CliRunner()

    def creator(*options: str) -> str:
        result = runner.invoke(
            main, ["build", str(plan), "-o", str(out), "--format", "pdf", *options]
        )
        assert result.exit_code == 0, result.output
        metadata = PdfReader(out / "tongzhou.pdf").metadata or {}
        return f"{metadata.get('/Creator', '')} {metadata.get('/Producer', '')}"

    assert "Typst" in creator()
    assert "Typst" not in creator("--pdf-engine", "weasyprint")
    assert "Typst" in creator("--pdf-engine", "typst")


# The five plans ---------------------------------------------------------------------------------


@dataclass
class TypstPlan:
    """One plan's HTML (for its paragraph texts) and its PDF laid out by Typst."""

    html: str
    pdf: Path

    @property
    def reader(self) -> PdfReader:
        return PdfReader(self.pdf)


@pytest.fixture(scope="module")
def typst_plan(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], TypstPlan]:
    """Build a plan's HTML and Typst PDF the first time it is asked for."""
    built: dict[str, TypstPlan] = {}
    out = tmp_path_factory.mktemp("typst-pdf")

    def get(slug: str) -> TypstPlan:
        if slug not in built:
            result = build_plan(PLANS / slug, out, ("html", "pdf"), force=True, pdf_engine="typst")
            assert result.ok, [str(d) for d in result.diagnostics]
            html = (out / f"{slug}.html").read_text(encoding="utf-8")
            built[slug] = TypstPlan(html, out / f"{slug}.pdf")
        return built[slug]

    return get


def width_in_characters(text: str) -> float:
    """Text's width in full-width characters: wide characters and the quotes one, others (digits,
    Latin) half."""
    return sum(1 if unicodedata.east_asian_width(char) in "WFA" else 0.5 for char in text)


def line_width(line: Line) -> float:
    """A body line's width in characters, its indent (in 三号 ems) included."""
    return round((line.x0 - left_edge(line.page)) / BODY_SIZE) + width_in_characters(line.text)


@pytest.mark.parametrize("plan", [*(PLANS / slug for slug in SLUGS), FIXTURE_PLANS / "notice"])
def test_layout_converges(plan: Path) -> None:
    """The template's introspection (the 22-line grid after tables and 专栏, the 版记's page, the
    continued cells and 专栏 titles) settles within Typst's five layout passes: no warning."""
    with KeptCompiler() as compiler:
        compiler.compile(compile_plan(plan).document())
        assert compiler.warnings == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_paragraph_extracts_verbatim(
    typst_plan: Callable[[str], TypstPlan], slug: str
) -> None:
    plan = typst_plan(slug)
    extracted = text_of(plan.pdf)
    assert not set(extracted) & set(JOINERS)
    printed = PAGE_NUMBER.sub("", squeezed(extracted))
    paragraphs = [text for text in paragraph_texts(plan.html) if text]
    assert len(paragraphs) > 50
    assert [text for text in paragraphs if text not in printed] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_full_lines_hold_28_characters(typst_plan: Callable[[str], TypstPlan], slug: str) -> None:
    """A body line that its paragraph continues after is 28 characters wide, or 25–27 when the
    characters after it may not be parted (助”）、, 《字); with digits or Latin letters, which Fandol
    sets proportionally, 24–29."""
    plan = typst_plan(slug)
    lines = body_paragraph_lines(pdf_lines(plan.pdf), paragraph_texts(plan.html))
    full = [line for line, continues in lines if continues and "·" not in line.text]
    assert len(full) > 100
    widths = [line_width(line) for line in full]
    wide = [
        len(line.text) == sum(w in "WFA" for w in map(unicodedata.east_asian_width, line.text))
        for line in full
    ]
    off = [
        (width, line.text)
        for width, line, all_wide in zip(widths, full, wide, strict=True)
        if not (25 <= width <= 28 if all_wide else 24 <= width <= 29)
    ]
    assert off == []
    wide_widths = [width for width, all_wide in zip(widths, wide, strict=True) if all_wide]
    assert sum(width == 28 for width in wide_widths) > 0.8 * len(wide_widths)


@pytest.mark.parametrize("slug", SLUGS)
def test_full_pages_hold_22_lines(typst_plan: Callable[[str], TypstPlan], slug: str) -> None:
    """A page filled with body text only has 22 lines at one pitch, and no page has more."""
    plan = typst_plan(slug)
    pages: dict[int, list] = {}
    for line in pdf_lines(plan.pdf):
        if BLOCK_TOP - 1 < line.top and line.bottom < BLOCK_BOTTOM + 1:
            pages.setdefault(line.page, []).append(line)
    body_pages = [
        found
        for found in pages.values()
        if all(abs(line.size - BODY_SIZE) < 0.6 for line in found)
        and found[-1].bottom > BLOCK_BOTTOM - 28.95
        and all(abs(after.top - line.top - 28.95) < 0.3 for line, after in zip(found, found[1:]))
    ]
    assert len(body_pages) >= 2
    assert {len(found) for found in body_pages} == {22}
    text_pages = [
        found for found in pages.values() if all(abs(line.size - BODY_SIZE) < 0.6 for line in found)
    ]
    assert max(len(found) for found in text_pages) == 22


@pytest.mark.parametrize("slug", SLUGS)
def test_no_line_starts_with_closing_punctuation(
    typst_plan: Callable[[str], TypstPlan], slug: str
) -> None:
    plan = typst_plan(slug)
    lines = body_paragraph_lines(pdf_lines(plan.pdf), paragraph_texts(plan.html))
    assert [line.text for line, _ in lines if line.text[:1] in CLOSING] == []
    assert [line.text for line, _ in lines if line.text[-1:] in OPENING] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_pages_fonts_bookmarks_and_metadata(
    typst_plan: Callable[[str], TypstPlan], slug: str
) -> None:
    reader = typst_plan(slug).reader
    for page in reader.pages:
        width, height = sorted(float(value) for value in page.mediabox[2:])
        assert (round(width), round(height)) == (595, 842)
    fonts = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert {"FandolFang", "FandolHei"} <= {name.split("+", 1)[-1].split("-")[0] for name in fonts}
    for name, font in fonts.items():
        assert "/ToUnicode" in font, f"{name} has no ToUnicode map"
    assert reader.outline, "no bookmarks"
    assert reader.metadata is not None and reader.metadata.title


def test_page_numbers_sit_outside(typst_plan: Callable[[str], TypstPlan]) -> None:
    """“— n —” under the text block, right on odd pages and left on even ones; none on the cover."""
    plan = typst_plan("beijing")
    numbers = {
        line.page: line
        for line in pdf_lines(plan.pdf)
        if line.top > BLOCK_BOTTOM and line.text.startswith("—")
    }
    assert 1 not in numbers and len(numbers) > 50
    for page, line in numbers.items():
        assert line.text == f"—{page}—"
        assert (line.x0 > 595 / 2) == (page % 2 == 1)


def test_landscape_tables_turn_their_page_and_keep_the_numbering(tmp_path: Path) -> None:
    """A too-wide table and a landscape: true one each print on a landscape page between portrait
    pages, with the page number (turned) on every page."""
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    with_wide_tables(root)
    assert build_plan(root, tmp_path / "out", ("pdf",), force=True, pdf_engine="typst").ok
    pdf = tmp_path / "out" / "minimal.pdf"
    pages = PdfReader(pdf).pages
    turned = [i for i, page in enumerate(pages) if page.mediabox.width > page.mediabox.height]
    assert len(turned) == 2
    for index in turned:
        assert pages[index - 1].mediabox.width < pages[index - 1].mediabox.height
        assert pages[index + 1].mediabox.width < pages[index + 1].mediabox.height
    assert "表2" in squeezed(pages[turned[0]].extract_text())
    for number in range(2, len(pages) + 1):
        page_text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"—{number}—" in squeezed(page_text), number
