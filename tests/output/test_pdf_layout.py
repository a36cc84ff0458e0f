"""The five plans' PDFs measured as a reader sees them: flush lines, real fonts, no tofu.

Each plan's PDF is built once per session and engine (`plan_pdf`); the tests only read it back.
The tests of the page run on both engines (WeasyPrint, Typst: docs/typst.md); those of how
WeasyPrint draws (ActualText spans, the justify pass) on WeasyPrint alone.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from plancraft.output import actualtext
from plancraft.output.build import build_plan
from plancraft.output.continued import continue_document
from plancraft.output.lastline import pull_down_lone_characters
from plancraft.output.leaders import extend_leaders
from plancraft.output.punctuation import MARKS
from tests.conftest import PLANS
from tests.support.pdflines import (
    BLOCK_BOTTOM,
    BLOCK_TOP,
    BLOCK_WIDTH,
    MM,
    body_paragraph_lines,
    compressed_runs,
    continued_rows,
    keep_with_next_texts,
    left_edge,
    merged_groups_by_seq,
    page_end_lines,
    paragraph_texts,
    pdf_lines,
    short_line_ends,
    wrapped_short_cells,
)

pytestmark = pytest.mark.pdf

SLUGS = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
ENGINES = ("weasyprint", "typst")
both_engines = pytest.mark.parametrize("engine", ENGINES)


@dataclass
class BuiltPlan:
    """One plan built to HTML and PDF, with what WeasyPrint logged while drawing it."""

    html: str
    pdf: Path
    warnings: list[str]

    @property
    def reader(self) -> PdfReader:
        """The PDF opened with pypdf."""
        return PdfReader(self.pdf)


def face_name(base_font: str) -> str:
    """A PDF font's face without the subset tag and the suffixes Typst adds:
    `ABCDEF+FandolFang-Regular-Identity-H` is `FandolFang`, as WeasyPrint names it."""
    return base_font.split("+", 1)[-1].removesuffix("-Identity-H").removesuffix("-Regular")


PlanPdf = Callable[..., BuiltPlan]
"""plan_pdf(slug, engine="weasyprint"): the plan built to HTML and PDF by that engine."""


@pytest.fixture(scope="session")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> PlanPdf:
    """Build a plan's HTML and PDF the first time it is asked for, then hand back the same files."""
    built: dict[tuple[str, str], BuiltPlan] = {}

    def get(slug: str, engine: str = "weasyprint") -> BuiltPlan:
        if (slug, engine) not in built:
            out = tmp_path_factory.mktemp(f"plans-pdf-{engine}")
            records: list[str] = []
            handler = logging.Handler()
            handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
            logger = logging.getLogger("weasyprint")
            logger.addHandler(handler)
            try:
                result = build_plan(
                    PLANS / slug, out, ("html", "pdf"), force=True, pdf_engine=engine
                )
            finally:
                logger.removeHandler(handler)
            assert result.ok, [str(d) for d in result.diagnostics]
            built[slug, engine] = BuiltPlan(
                (out / f"{slug}.html").read_text(encoding="utf-8"), out / f"{slug}.pdf", records
            )
        return built[slug, engine]

    return get


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_non_final_body_lines_end_flush(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    plan = plan_pdf(slug, engine)
    checked, short = short_line_ends(plan.pdf, plan.html, tolerance_mm=0.5)
    assert checked > 300
    off = [(line.x1 - left_edge(line.page) - BLOCK_WIDTH) / MM for line in short]
    shown = [f"p{line.page} {mm:+.2f} mm {line.text}" for line, mm in zip(short, off, strict=True)]
    assert not short, "\n".join(shown)


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_justified_text_extracts_exactly(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    plan = plan_pdf(slug, engine)
    extracted = subprocess.run(
        ["pdftotext", str(plan.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = extracted.replace("\n", "")
    lines = body_paragraph_lines(pdf_lines(plan.pdf), paragraph_texts(plan.html))
    body = [line for line, continues in lines if continues and line.words == 1]
    assert len(body) > 300
    assert [line.text for line in body if line.text not in printed] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_compressed_punctuation_extracts_exactly(plan_pdf: PlanPdf, slug: str) -> None:
    """Each run of narrowed marks (。” ）、) carries its text, and no line it is on splits into words
    where the source has no space, nor leaves a mark on a line of its own."""
    plan = plan_pdf(slug)
    runs = compressed_runs(plan.html)
    count = plan.html.count('<span class="pc">')
    drawn = sum(page.get_contents().get_data().count(b"/ActualText") for page in plan.reader.pages)
    assert count > 30 and drawn >= count
    source = " ".join(unescape(re.sub(r"<[^>]+>", "", plan.html)).split())
    body = "".join(paragraph_texts(plan.html))
    lines = [line for line in pdf_lines(plan.pdf, merge=False) if line.text in body]
    with_runs = [line for line in lines if any(run in line.text for run in runs)]
    assert len(with_runs) > 20
    assert [line.spaced for line in with_runs if line.spaced not in source] == []
    assert [line.text for line in lines if set(line.text) <= MARKS] == []


def test_text_extracts_as_from_weasyprint_without_the_justify_pass(
    plan_pdf: PlanPdf, tmp_path: Path
) -> None:
    """The flush-lines pass changes no character pdftotext reads (WeasyPrint draws the same HTML,
    its compressed punctuation runs with their ActualText, its continued tables, leaders and lone
    characters pulled down, but no line is stretched); pulling lone characters down and extending
    leaders change no character but the leaders' dots (against WeasyPrint alone)."""
    from weasyprint import HTML

    actualtext.install()
    plan = plan_pdf("tongzhou")
    texts = []
    for passes in (
        (continue_document, extend_leaders, pull_down_lone_characters),
        (continue_document,),
    ):
        document = HTML(string=plan.html, base_url=str(PLANS / "tongzhou") + "/").render()
        for apply in passes:
            apply(document)
        document.write_pdf(tmp_path / "plain.pdf")
        texts.append(_pdftotext(tmp_path / "plain.pdf"))
    ours = _pdftotext(plan.pdf)
    assert ours == texts[0]
    assert _characters(ours) == _characters(texts[1])


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _characters(text: str) -> str:
    """The text without white space and leader dots."""
    return "".join(char for char in text if not char.isspace() and char != "·")


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_fonts_are_fandol_embedded_and_every_glyph_maps(
    plan_pdf: PlanPdf, slug: str, engine: str
) -> None:
    plan = plan_pdf(slug, engine)
    fonts: dict[str, object] = {}
    for page in plan.reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    names = {face_name(name) for name in fonts}
    assert {"FandolFang", "FandolHei", "FandolSong-Bold"} <= names
    for name, font in fonts.items():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]  # type: ignore[index]
        files = ("/FontFile", "/FontFile2", "/FontFile3")
        assert "+" in name and any(key in descriptor for key in files)
        assert "/ToUnicode" in font, f"{name} has no ToUnicode map"  # type: ignore[operator]
    assert not [w for w in plan.warnings if ".notdef" in w], plan.warnings


@both_engines
def test_symbols_fandol_lacks_fall_back_without_tofu(plan_pdf: PlanPdf, engine: str) -> None:
    plan = plan_pdf("zhushan", engine)
    assert "㎡" in plan.html
    extracted = subprocess.run(
        ["pdftotext", str(plan.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "㎡" in extracted
    fonts = subprocess.run(
        ["pdffonts", str(plan.pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "notoserifcjksc" in fonts.lower().replace("-", "")


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_no_heading_caption_or_group_row_ends_a_page(
    plan_pdf: PlanPdf, slug: str, engine: str
) -> None:
    plan = plan_pdf(slug, engine)
    keep = keep_with_next_texts(plan.html)
    assert any(text.startswith("基本民生保障") or "指标" in text for text in keep)
    stranded = [
        f"p{line.page}: {line.text}"
        for line in page_end_lines(pdf_lines(plan.pdf))
        if any(text.startswith(line.text) or text.endswith(line.text) for text in keep)
    ]
    assert stranded == []


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_short_table_cells_do_not_wrap(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    plan = plan_pdf(slug, engine)
    assert '<th class="short">序号</th>' in plan.html
    assert wrapped_short_cells(plan.pdf, plan.html) == []


@both_engines
def test_header_rows_repeat_and_long_names_wrap(plan_pdf: PlanPdf, engine: str) -> None:
    lines = pdf_lines(plan_pdf("beijing", engine).pdf, merge=False)
    header_pages = sorted(line.page for line in lines if line.text == "序号")
    assert len(header_pages) == 4 and header_pages[1] == header_pages[0] + 1
    assert any(line.text == "有集中供养需求的特困对象集中供养率" for line in lines)


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_bold_fangsong_is_drawn_stroked(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    """Every bold 仿宋 lead (`1.` headings, **bold** sentences) is drawn in fill-and-stroke mode."""
    plan = plan_pdf(slug, engine)
    bold = len(re.findall(r'class="run-in lv-arabic"|<strong>', plan.html))
    stroked = sum(
        len(re.findall(rb"(?<![\d.])2 Tr\b", page.get_contents().get_data()))  # type: ignore[union-attr]
        for page in plan.reader.pages
    )
    assert stroked >= bold
    assert (stroked == 0) == (slug == "tongzhou")


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_split_tables_repeat_their_merged_group_cells(
    plan_pdf: PlanPdf, slug: str, engine: str
) -> None:
    """On the page where a table continues, the 领域 (and 子领域) of its first row print again."""
    plan = plan_pdf(slug, engine)
    lines = pdf_lines(plan.pdf, merge=False)
    groups = merged_groups_by_seq(plan.html)
    domain_headers = {line.page for line in lines if line.text == "领域"}
    continued = [
        (page, seq)
        for page, seq in continued_rows(lines)
        if seq in groups and page in domain_headers
    ]
    assert continued or slug != "beijing"
    for page, seq in continued:
        # poppler's words: a 领域 and a 子领域 centred on the same rows can share one of its lines
        words = {word for line in lines if line.page == page for word in line.spaced.split()}
        assert set(groups[seq]) <= words, (page, seq, groups[seq])


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_no_table_carries_a_single_row(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    """A table that continues on the next page carries at least two of its rows there."""
    lines = pdf_lines(plan_pdf(slug, engine).pdf, merge=False)
    for page, seq in continued_rows(lines):
        header = next(line for line in lines if line.page == page and line.text == "序号")
        numbers = [
            line
            for line in lines
            if line.page == page
            and line.top > header.bottom
            and line.text.isdigit()
            and header.x0 - 2 <= line.x0
            and line.x1 <= header.x1 + 2
        ]
        assert len(numbers) >= 2, (page, seq)


@both_engines
def test_split_boxes_are_closed_and_continued(
    plan_pdf: PlanPdf, tmp_path: Path, engine: str
) -> None:
    """zhushan's 专栏 2 and 5 run over a page: each is closed by a rule at the foot of its first page
    and reopened on the next by a rule above the line 专栏N（续）, its first line there."""
    plan = plan_pdf("zhushan", engine)
    lines = pdf_lines(plan.pdf)
    labels = [line for line in lines if re.fullmatch(r"专栏\d+（续）", line.text)]
    assert [line.text for line in labels] == ["专栏2（续）", "专栏5（续）"]
    for label in labels:
        first = min((line for line in lines if line.page == label.page), key=lambda line: line.top)
        assert first == label
        above = _rules(plan.pdf, label.page, tmp_path, 0, label.top)
        last = max(
            (
                line
                for line in lines
                if line.page == label.page - 1 and line.bottom < BLOCK_BOTTOM + 1
            ),
            key=lambda line: line.bottom,
        )
        below = _rules(plan.pdf, label.page - 1, tmp_path, last.bottom, BLOCK_BOTTOM + 2)
        assert above and below, (label, above, below)


def _rules(pdf: Path, page: int, tmp_path: Path, top: float, bottom: float) -> list[float]:
    """Heights (pt) between `top` and `bottom` where a rule crosses at least 90% of the text block."""
    from PIL import Image

    stem = tmp_path / f"rules-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    image = Image.open(next(tmp_path.glob(f"rules-{page}*.png"))).convert("L")
    width = image.width
    found = []
    for y in range(max(0, int(top)), min(image.height, int(bottom) + 1)):
        row = image.crop((0, y, width, y + 1)).histogram()
        if sum(row[:160]) >= 0.9 * BLOCK_WIDTH:
            found.append(float(y))
    return found


NUMERAL = "[一二三四五六七八九十百]+"
TOC_NUMBER = re.compile(
    rf"^(第{NUMERAL}(部分|章|节|篇)　|{NUMERAL}、|（{NUMERAL}）|附表　|前言|序言)"
)


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_toc_entries_hang_and_their_page_numbers_end_flush(
    plan_pdf: PlanPdf, slug: str, engine: str
) -> None:
    """A wrapped table-of-contents entry goes on under its title, not under its number; every
    entry's page number ends on the text block's right edge (read with pdfplumber, dots left out)."""
    import pdfplumber

    plan = plan_pdf(slug, engine)
    entries = len(re.findall(r'<li class="toc-\d"', plan.html))
    first = min(line.page for line in pdf_lines(plan.pdf) if line.text in ("目　录", "目录"))
    ended, wrapped, title_x = 0, 0, None
    with pdfplumber.open(plan.pdf) as document:
        for number in range(first, len(document.pages) + 1):
            rows: dict[float, list[dict]] = {}
            for char in document.pages[number - 1].chars:
                if char["bottom"] < BLOCK_BOTTOM and char["text"] != "·":
                    rows.setdefault(round(char["bottom"], 1), []).append(char)
            for _bottom, row in sorted(rows.items()):
                chars = sorted(row, key=lambda char: char["x0"])
                text = "".join(char["text"] for char in chars)
                if ended == entries or text in ("目　录", "目录"):
                    continue
                head = TOC_NUMBER.match(text)
                if head:
                    title_x = chars[min(len(head.group()), len(chars) - 1)]["x0"]
                else:
                    assert title_x is not None and abs(chars[0]["x0"] - title_x) < 1, (number, text)
                    wrapped += 1
                if text[-1].isdigit():
                    right = left_edge(number) + BLOCK_WIDTH
                    assert abs(chars[-1]["x1"] - right) < 1, (number, text, chars[-1]["x1"] - right)
                    ended += 1
            if ended == entries:
                break
    assert ended == entries
    assert wrapped >= {"zhushan": 4}.get(slug, 0)


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_no_paragraph_ends_with_one_character_on_its_last_line(
    plan_pdf: PlanPdf, slug: str, engine: str
) -> None:
    """No body paragraph's last line holds a single character and its punctuation (孤字: 法。)."""
    plan = plan_pdf(slug, engine)
    lines = body_paragraph_lines(pdf_lines(plan.pdf), paragraph_texts(plan.html))
    lone = [
        f"p{line.page} {line.text}"
        for (before, above_continues), (line, continues) in zip(lines, lines[1:])
        if above_continues
        and not continues
        and len([char for char in line.text if char not in MARKS and not char.isspace()]) == 1
    ]
    assert lone == []


GRID = 28.95
"""The 22-line grid's pitch in points."""
FALLBACK_SYMBOLS = "㎡²"
"""Symbols Fandol lacks: the fallback font's taller metrics lengthen their line (docs/pdf-layout.md)."""


@both_engines
@pytest.mark.parametrize("slug", SLUGS)
def test_body_text_keeps_to_the_22_line_grid(plan_pdf: PlanPdf, slug: str, engine: str) -> None:
    """Every 三号 line of the plan's body (from its first heading on) sits on the grid of 22 lines a
    page, after tables and 专栏 too; 节 headings sit between grid lines by their half-line margins,
    and a paragraph holding a symbol Fandol lacks runs off the grid to its end."""
    plan = plan_pdf(slug, engine)
    reader = plan.reader
    first = min(
        reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list) and item.title.replace("　", "") != "目录"
    )
    sections = {
        "".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        for inner in re.findall(r'<h\d class="lv-section">(.*?)</h\d>', plan.html)
    }
    body = [
        line
        for line in pdf_lines(plan.pdf)
        if line.page >= first
        and BLOCK_TOP - 1 < line.top
        and line.bottom < BLOCK_BOTTOM + 1
        and abs(line.size - 16) < 0.6
    ]
    off, in_fallback = [], False
    for line in body:
        starts = abs(line.x0 - left_edge(line.page) - 32) < 1
        in_fallback = (in_fallback and not starts) or any(s in line.text for s in FALLBACK_SYMBOLS)
        offset = (line.top - BLOCK_TOP - (GRID - 16) / 2) % GRID
        if min(offset, GRID - offset) > 0.5 and line.text not in sections and not in_fallback:
            off.append(f"p{line.page} {line.top:.1f} {line.text[:16]}")
    assert len(body) > 500
    assert off == []
