"""Landscape tables in print: their own A4 landscape page in the PDF, their own section in the .docx."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from plancraft.output.build import build_plan
from tests.compile.test_fit import with_wide_tables
from tests.conftest import FIXTURE_PLANS

pytestmark = pytest.mark.pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=["weasyprint", "typst"])
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The minimal plan with a too-wide table and a landscape: true one, built to .docx and to
    PDF by each engine."""
    root = tmp_path_factory.mktemp("landscape") / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    with_wide_tables(root)
    out = root.parent / "out"
    assert build_plan(root, out, ("pdf", "docx"), force=True, pdf_engine=request.param).ok
    return out


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_wide_tables_are_alone_on_landscape_pages(built: Path) -> None:
    pdf = built / "minimal.pdf"
    pages = PdfReader(pdf).pages
    landscape = [i for i, page in enumerate(pages) if page.mediabox.width > page.mediabox.height]
    assert len(landscape) == 2
    for index in landscape:
        before, after = pages[index - 1].mediabox, pages[index + 1].mediabox
        assert before.width < before.height and after.width < after.height
    first, second = (_page_text(pdf, index + 1) for index in landscape)
    assert "表2" in first and "各区“十四五”时期养老服务主要指标" in first
    row = "社区养老服务驿站数量 62 71 189 160 96 38 25 70 88 66 104 79"
    assert row in " ".join(first.split())
    assert "表3" in second and "区养老照料中心" in second
    assert "横排表格之后恢复竖排" in _page_text(pdf, landscape[0] + 2)


def test_page_numbers_continue_through_landscape_pages(built: Path) -> None:
    pdf = built / "minimal.pdf"
    count = len(PdfReader(pdf).pages)
    for number in range(2, count + 1):
        text = "".join(_page_text(pdf, number).split())
        assert f"—{number}—" in text, number


@pytest.mark.parametrize("built", ["weasyprint"], indirect=True)
def test_docx_landscape_sections(built: Path) -> None:
    with zipfile.ZipFile(built / "minimal.docx") as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    sections = body.findall(f"{W}p/{W}pPr/{W}sectPr") + [body.find(f"{W}sectPr")]
    orients = [section.find(f"{W}pgSz").get(f"{W}orient", "portrait") for section in sections]
    assert orients == ["portrait", "landscape", "portrait", "landscape", "portrait"]
    for section in sections:
        size = section.find(f"{W}pgSz")
        wide = int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
        assert wide == (size.get(f"{W}orient") == "landscape")
    text = etree.tostring(body, encoding="unicode", method="text")
    landscape_start = body.index(sections[0].getparent().getparent())
    landscape_end = body.index(sections[1].getparent().getparent())
    between = "".join(
        etree.tostring(element, encoding="unicode", method="text")
        for element in list(body)[landscape_start + 1 : landscape_end]
    )
    assert "各区“十四五”时期养老服务主要指标" in between and "大兴区" in between
    assert "横排表格之后恢复竖排" not in between and "横排表格之后恢复竖排" in text
    footers = [ref for section in sections for ref in section.findall(f"{W}footerReference")]
    assert footers, "the first section has the page-number footers the others inherit"


def test_landscape_page_number_sits_where_portrait_pages_have_it(built: Path) -> None:
    """GB/T 9704 §10.3: turned back to portrait, the number is where a portrait page prints it."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(built / "minimal.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    mm = 72 / 25.4
    portrait_gaps, landscape_gaps = set(), set()
    for page in bbox.split("<page ")[1:]:
        width = float(page.split('width="')[1].split('"')[0])
        height = float(page.split('height="')[1].split('"')[0])
        if width < height:
            tops = [
                float(line.split('yMin="')[1].split('"')[0])
                for line in page.splitlines()
                if line.endswith(">—</word>")
            ]
            portrait_gaps |= {round(top - 262 * mm) for top in tops if top > 262 * mm}
            continue
        dashes = [line for line in page.splitlines() if line.endswith(">—</word>")]
        assert len(dashes) == 2, dashes
        boxes = [
            [float(line.split(f'{key}="')[1].split('"')[0]) for key in ("xMin", "yMin", "xMax")]
            for line in dashes
        ]
        (x1, y1, right1), (x2, y2, right2) = boxes
        assert max(right1, right2) < 35 * mm  # in the left margin
        assert abs(x1 - x2) < 1 and abs(y1 - y2) > 10  # one above the other: turned
        landscape_gaps.add(round(35 * mm - max(right1, right2)))
    assert len(portrait_gaps) == 1 and landscape_gaps == portrait_gaps  # as far from the block
