"""The five plans' .docx as LibreOffice prints them: 28 characters a line, the PDF's page count, the
three faces, tables that are not one character wide.

All five are built once (PDF and .docx) and converted in one soffice call with a private profile.
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
from tests.conftest import PLANS
from tests.support.fontconfig import fontconfig_with_stand_ins
from tests.support.pdflines import BLOCK_WIDTH, Line, pdf_lines

SLUGS = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
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
    for slug in SLUGS:
        result = build_plan(PLANS / slug, out, ("pdf", "docx"), force=True)
        assert result.ok, [str(d) for d in result.diagnostics]
    converted = out / "libreoffice"
    profile = (out / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(converted), *(str(out / f"{slug}.docx") for slug in SLUGS)]
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
