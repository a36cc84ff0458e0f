"""Images in the Typst PDF: printed (Typst's image is a block, so a paragraph's image is boxed), at the
size WeasyPrint gives an <img> (a CSS pixel, 0.75 pt, per pixel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS


@pytest.mark.pdf
@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_a_paragraphs_images_print_at_their_pixel_size(tmp_path: Path, engine: str) -> None:
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    Image.new("RGB", (120, 60), (200, 30, 30)).save(root / "red.png", dpi=(300, 300))
    with (root / "text" / "background.md").open("a", encoding="utf-8") as text:
        text.write("\n\n![示意图](red.png)\n\n文字前![小图](red.png)文字后。\n")
    result = build_plan(root, tmp_path / "out", ("pdf",), pdf_engine=engine)
    assert result.ok and not [d for d in result.diagnostics if d.code == "typst-warning"]
    with pdfplumber.open(tmp_path / "out" / "minimal.pdf") as pdf:
        images = [image for page in pdf.pages for image in page.images]
    assert [(round(i["width"], 1), round(i["height"], 1)) for i in images] == [(90.0, 45.0)] * 2
