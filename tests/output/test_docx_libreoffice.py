"""The five plans' .docx as LibreOffice prints them: 28 characters a line, the PDF's page count, the
three faces, tables that are not one character wide, the PDF's page numbers and a 目录 with them; the
notice fixture's GB/T 9704 elements where the standard puts them.

All six are built once (PDF and .docx) and converted in one soffice call with a private profile.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from plancraft.output.build import build_plan
from plancraft.output.docx import bookmark_name
from tests.conftest import PLANS
from tests.support.fontconfig import fontconfig_with_stand_ins
from tests.support.pdflines import BLOCK_BOTTOM, BLOCK_WIDTH, MM, Line, pdf_lines

SLUGS = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
NOTICE = Path(__file__).resolve().parents[1] / "fixtures/plans/notice"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FACES = ("FandolFang", "FandolHei", "FandolKai")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = [pytest.mark.slow, pytest.mark.pdf]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with each plan's PDF (slug.pdf) and LibreOffice's rendering of its .docx."""
    assert SOFFICE, (
        "LibreOffice is not installed: `make test` installs it (scripts/setup.sh --test)"
    )
    out = tmp_path_factory.mktemp("docx-lo")
    for root in (*(PLANS / slug for slug in SLUGS), NOTICE):
        result = build_plan(root, out, ("pdf", "docx"), force=True)
        assert result.ok, [str(d) for d in result.diagnostics]
    converted = out / "libreoffice"
    profile = (out / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(converted), *(str(out / f"{slug}.docx") for slug in SLUGS)]
    command.append(str(out / "notice.docx"))
    environment = os.environ | {"FONTCONFIG_FILE": str(fontconfig_with_stand_ins(out))}
    subprocess.run(command, check=True, capture_output=True, timeout=600, env=environment)
    return out


def fonts(pdf: Path) -> set[str]:
    """The font families a PDF uses, without subset prefixes or style suffixes."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = (line.split()[0] for line in listed.stdout.splitlines()[2:] if line.strip())
    return {re.sub(r"^[A-Z]{6}\+", "", name).split("-")[0] for name in names}


def full_body_lines(lines: list[Line]) -> Counter[int]:
    """Characters on each full-width line of body text (Chinese only, so each is one width)."""
    return Counter(
        len(line.text)
        for line in lines
        if 12.5 <= line.size <= 22
        and line.x1 - line.x0 >= 0.96 * BLOCK_WIDTH
        and not re.search(r"[\x00-\x7f]", line.text)
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_body_lines_hold_28_characters(rendered: Path, slug: str) -> None:
    counts = full_body_lines(pdf_lines(rendered / "libreoffice" / f"{slug}.pdf"))
    total = sum(counts.values())
    assert total > 100, counts
    assert (counts[27] + counts[28]) / total > 0.95, counts
    assert counts.most_common(1)[0][0] == 28, counts


@pytest.mark.parametrize("slug", SLUGS)
def test_page_count_within_a_tenth_of_the_pdf(rendered: Path, slug: str) -> None:
    ours = len(PdfReader(rendered / f"{slug}.pdf").pages)
    office = len(PdfReader(rendered / "libreoffice" / f"{slug}.pdf").pages)
    assert abs(office - ours) <= 0.1 * ours, (office, ours)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_faces_of_the_pdf_survive(rendered: Path, slug: str) -> None:
    wanted = {face for face in FACES if face in fonts(rendered / f"{slug}.pdf")}
    assert {"FandolFang", "FandolHei"} <= wanted
    assert wanted <= fonts(rendered / "libreoffice" / f"{slug}.pdf")


def one_character_cells(docx: Path) -> set[str]:
    """The texts of the .docx's table cells that are one character long (a unit such as 个)."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    texts = ("".join(cell.itertext()).strip() for cell in root.iter(f"{W}tc"))
    return {text for text in texts if len(text) == 1}


def broken_cells(lines: list[Line], singles: set[str]) -> list[str]:
    """Table text lines of one Chinese character that no cell holds alone: a cell too narrow."""
    return [
        line.text
        for line in lines
        if line.size < 17
        and len(line.text) == 1
        and "\u4e00" <= line.text <= "\u9fff"
        and line.text not in singles
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_table_cells_are_not_one_character_wide(rendered: Path, slug: str) -> None:
    lines = pdf_lines(rendered / "libreoffice" / f"{slug}.pdf", merge=False)
    table_lines = sum(1 for line in lines if line.size < 17)
    assert table_lines > 100, "no table text found"
    broken = broken_cells(lines, one_character_cells(rendered / f"{slug}.docx"))
    assert len(broken) <= 0.03 * table_lines, broken


# The notice, page numbers and 目录 --------------------------------------------------------------

PITCH = 225 * MM / 22
"""The 22-line grid's line pitch in points."""
CHARACTER = BLOCK_WIDTH / 28


def squashed(text: str) -> str:
    return re.sub(r"\s", "", text)


def line_with(lines: list[Line], text: str, page: int | None = None) -> Line:
    found = [line for line in lines if text in squashed(line.text)]
    found = [line for line in found if page is None or line.page == page]
    assert found, text
    return found[0]


def test_the_notice_as_gbt_9704_places_it(rendered: Path) -> None:
    """发文字号 and 签发人 on one line, the signer in 楷体; the signature centred over the date, 4
    characters in from the right; 公开属性 on the next line, 2 characters in; the 版记 on the
    document's last page, after the plan it sends, its last rule on the foot of the text block."""
    pdf = rendered / "libreoffice" / "notice.pdf"
    lines = pdf_lines(pdf)
    number = line_with(lines, "示民发〔2023〕1号", 1)
    assert "签发人：张三" in squashed(number.text)
    left = MM * 28
    assert number.x0 == pytest.approx(left + CHARACTER, abs=3)
    assert number.x1 == pytest.approx(left + BLOCK_WIDTH - CHARACTER, abs=3)
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        signer = [char["fontname"] for char in page.chars if char["text"] in "张三"]
        rules = [
            edge
            for edge in page.edges
            if edge["orientation"] == "h" and edge["x1"] - edge["x0"] > 0.98 * BLOCK_WIDTH
        ]
    assert signer and all("FandolKai" in name for name in signer), signer
    signature = next(line for line in lines if squashed(line.text) == "示例区民政局")
    date = line_with(lines, "2023年6月13日", 1)
    assert date.page == signature.page == 1
    assert (signature.x0 + signature.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=4)
    assert date.x1 == pytest.approx(left + BLOCK_WIDTH - 4 * CHARACTER, abs=4)
    assert date.bottom - signature.bottom == pytest.approx(PITCH, abs=2)
    public = line_with(lines, "（此件公开发布）", 1)
    assert public.bottom - date.bottom == pytest.approx(PITCH, abs=2)
    assert public.x0 == pytest.approx(left + 2 * CHARACTER, abs=4)
    copy_to, printed = line_with(lines, "抄送：区委办公室"), line_with(lines, "2023年6月14日印发")
    last = max(line.page for line in lines)
    assert copy_to.page == printed.page == last  # after the plan it sends (GB/T 9704 7.3.7)
    appendix = line_with(lines, "附表")
    assert appendix.page <= last and copy_to.top < printed.top
    with pdfplumber.open(pdf) as opened:
        imprint_rules = [
            edge
            for edge in opened.pages[last - 1].edges
            if edge["orientation"] == "h" and edge["x1"] - edge["x0"] > 0.98 * BLOCK_WIDTH
        ]
    assert len(rules) >= 1 and len(imprint_rules) >= 2  # the red rule; the 版记's
    assert max(edge["top"] for edge in imprint_rules) == pytest.approx(BLOCK_BOTTOM, abs=3)
    assert printed.bottom < BLOCK_BOTTOM


def printed_numbers(pdf: Path) -> dict[int, int]:
    """Page → the number its footer prints (— n —), for the pages that print one."""
    found = {}
    for line in pdf_lines(pdf):
        match = re.fullmatch(r"—\s*(\d+)\s*—", line.text.strip())
        if match and line.top > BLOCK_BOTTOM:
            found[line.page] = int(match.group(1))
    return found


@pytest.mark.parametrize("slug", (*SLUGS, "notice"))
def test_pages_are_numbered_as_in_the_pdf(rendered: Path, slug: str) -> None:
    """Numbers run from the file's first page in both (the cover prints none): page n prints n."""
    ours = printed_numbers(rendered / f"{slug}.pdf")
    office = printed_numbers(rendered / "libreoffice" / f"{slug}.pdf")
    assert all(number == page for page, number in ours.items()), ours
    assert all(number == page for page, number in office.items()), office
    assert len(office) >= len(PdfReader(rendered / "libreoffice" / f"{slug}.pdf").pages) - 2
    cover = 2 if slug in ("mentougou", "tongzhou", "notice") else 1
    assert cover not in office and cover + 1 in office  # the cover unnumbered, the 目录 numbered


def toc_entries(lines: list[Line]) -> tuple[list[tuple[str, int]], int]:
    """The 目录's entries as printed (text, page number shown) and the page after the 目录."""
    start = next(line.page for line in lines if squashed(line.text) == "目录")
    entries, last, pending = [], start, ""
    for line in lines:
        if line.page < start or line.top > BLOCK_BOTTOM or squashed(line.text) == "目录":
            continue
        match = re.fullmatch(r"(.+?)[.·…]{3,}\s*(\d+)", line.text.strip())
        if match:
            entries.append((pending + squashed(match.group(1)), int(match.group(2))))
            last, pending = line.page, ""
        elif line.page > last:
            break
        else:
            pending += squashed(line.text)  # an entry wrapped onto the next line
    return entries, last + 1


@pytest.mark.parametrize("slug", (*SLUGS, "notice"))
def test_the_table_of_contents_shows_the_pages_libreoffice_prints(
    rendered: Path, slug: str
) -> None:
    """Every entry shows a number, the page LibreOffice prints its heading on (the field is reckoned
    from its own layout); the file holds the PDF's pages until then."""
    from plancraft.compile.pipeline import compile_plan
    from plancraft.output.docx.pages import printed_pages

    document = compile_plan(NOTICE if slug == "notice" else PLANS / slug).document()
    lines = pdf_lines(rendered / "libreoffice" / f"{slug}.pdf")
    entries, body = toc_entries(lines)
    assert len(entries) >= len(document.toc) - 2, entries  # a wrapped entry prints its number once
    for text, page in entries:
        heading = next(
            (
                line
                for line in lines
                if line.page >= body and squashed(line.text).startswith(text[:12])
            ),
            None,
        )
        assert heading is not None and heading.page == page, (text, page, heading)
    pdf_pages = printed_pages((rendered / f"{slug}.pdf").read_bytes())
    with zipfile.ZipFile(rendered / f"{slug}.docx") as package:
        body_xml = package.read("word/document.xml").decode()
    held = re.findall(
        r"PAGEREF (\w+) \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
        r"</w:r><w:r><w:t xml:space=\"preserve\">(\d+)</w:t>",
        body_xml,
    )
    assert len(held) == len(document.toc)
    names = {bookmark_name(entry.id): entry.id for entry in document.toc}
    assert all(pdf_pages[names[name]] == int(page) for name, page in held)


def test_cover_titles_and_the_untitled_preface(rendered: Path) -> None:
    """The cover title breaks as title_lines (or the PDF's breaking) says; zhushan's untitled 前言
    starts the page after the 目录."""
    for slug, title in (
        ("notice", ["示例区“十四五”时期", "民政事业发展规划"]),
        ("chaoyang", ["朝阳区“十四五”", "时期民政与社会福利事业发展规划"]),
    ):
        lines = pdf_lines(rendered / "libreoffice" / f"{slug}.pdf")
        start = next(line for line in lines if squashed(line.text) == title[0])
        after = [line for line in lines if line.page == start.page and line.top >= start.top]
        assert [squashed(line.text) for line in after[:2]] == title
    lines = pdf_lines(rendered / "libreoffice" / "zhushan.pdf")
    _entries, body = toc_entries(lines)
    first = next(line for line in lines if line.page == body)
    assert squashed(first.text).startswith("为深入学习贯彻习近平新时代")
