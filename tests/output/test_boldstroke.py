"""Bold 仿宋 prints bold: stroked where the font has no bold face, drawn as is where it has one."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from plancraft.diagnostics import Diagnostics
from plancraft.output.boldstroke import face_is_bold
from plancraft.output.pdf import write_pdf

pytestmark = pytest.mark.pdf  # lays out PDFs to look at their ink

TEXT = "健全社会救助制度"
PAGE = """<style>@page {{ size: 120mm 60mm; margin: 5mm }}
p {{ font-size: 16pt; margin: 0 0 10mm }}</style>
<p style="font-family: {family}">{text}</p>
<p style="font-family: {family}; font-weight: bold">{text}</p>"""


def render(tmp_path: Path, family: str) -> Path:
    """A regular and a bold line of TEXT in `family`, as plancraft's PDF writer prints them."""
    pdf = tmp_path / f"{family}.pdf"
    assert write_pdf(PAGE.format(family=family, text=TEXT), pdf, tmp_path, Diagnostics())
    return pdf


def ink(pdf: Path, tmp_path: Path) -> tuple[int, int]:
    """Dark pixels of the top (regular) and bottom (bold) halves of the page at 150 dpi."""
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), str(stem)], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    cut = height * 2 // 5
    top, bottom = image.crop((0, 0, width, cut)), image.crop((0, cut, width, height))
    return sum(top.histogram()[:128]), sum(bottom.histogram()[:128])


def render_modes(pdf: Path) -> list[int]:
    """Every text rendering mode (Tr) the page sets."""
    data = PdfReader(pdf).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    return [
        int(line.split()[0]) for line in data.decode("latin-1").splitlines() if line.endswith(" Tr")
    ]


def test_bold_fangsong_is_stroked_and_prints_darker(tmp_path: Path) -> None:
    pdf = render(tmp_path, "FandolFang")
    regular, bold = ink(pdf, tmp_path)
    assert bold > 1.3 * regular, (regular, bold)
    assert render_modes(pdf) == [2, 0]


def test_stroked_bold_extracts_the_same_text_at_the_same_places(tmp_path: Path) -> None:
    pdf = render(tmp_path, "FandolFang")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert text.stdout.split() == [TEXT, TEXT]
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [line for line in bbox.splitlines() if TEXT in line]
    assert len(words) == 2
    x_extents = {tuple(line.split('"')[1:6:4]) for line in words}
    assert len(x_extents) == 1, words


def test_a_real_bold_face_is_drawn_as_it_is(tmp_path: Path) -> None:
    pdf = render(tmp_path, "FandolSong")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "FandolSong-Bold" in fonts.stdout
    assert render_modes(pdf) == []


def test_bold_face_detection_reads_weight_selection_and_mac_style() -> None:
    def os2(weight: int, selection: int) -> bytes:
        table = bytearray(96)
        struct.pack_into(">H", table, 4, weight)
        struct.pack_into(">H", table, 62, selection)
        return bytes(table)

    def head(mac_style: int) -> bytes:
        table = bytearray(54)
        struct.pack_into(">H", table, 44, mac_style)
        return bytes(table)

    assert not face_is_bold(os2(400, 0x40), head(0))
    assert face_is_bold(os2(700, 0x40), head(0))
    assert face_is_bold(os2(400, 0x20), head(0))
    assert face_is_bold(b"", head(1))
    assert not face_is_bold(b"", b"")
