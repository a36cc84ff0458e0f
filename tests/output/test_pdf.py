from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS


@pytest.fixture(scope="module", params=["weasyprint", "typst"])
def pdf(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> PdfReader:
    """The minimal plan's PDF, by each engine."""
    out = tmp_path_factory.mktemp("pdf")
    result = build_plan(FIXTURE_PLANS / "minimal", out, ("pdf",), pdf_engine=request.param)
    assert result.ok, [str(d) for d in result.diagnostics]
    return PdfReader(out / "minimal.pdf")


def fonts(reader: PdfReader) -> dict[str, dict]:
    found = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            found[str(font["/BaseFont"])] = descendant.get("/FontDescriptor", {})
    return found


@pytest.mark.pdf
def test_text_reads_back_with_computed_numbers(pdf: PdfReader) -> None:
    text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "").replace(" ", "")
    for printed in (
        "第一部分",
        "一、发展基础",
        "（一）兜底保障能力大幅提升。",
        "专栏1",
        "表1",
        "附表",
    ):
        assert printed in text


@pytest.mark.pdf
def test_page_numbers_in_gb_style(pdf: PdfReader) -> None:
    assert "— 2 —" in pdf.pages[1].extract_text()
    assert "—" not in pdf.pages[0].extract_text()


@pytest.mark.pdf
def test_a4_pages(pdf: PdfReader) -> None:
    assert len(pdf.pages) >= 5
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)


@pytest.mark.pdf
def test_cjk_fonts_are_embedded_and_subset(pdf: PdfReader) -> None:
    found = fonts(pdf)
    assert any("Fandol" in name or "CJK" in name or "WenKai" in name for name in found)
    for name, descriptor in found.items():
        assert "+" in name, f"{name} is not subset"
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"{name} not embedded"
        )


@pytest.mark.pdf
def test_metadata_and_bookmarks(pdf: PdfReader) -> None:
    assert pdf.metadata.title == "示例区“十四五”时期民政事业发展规划"
    assert pdf.metadata.author == "示例区民政局"
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert any("第一部分" in title for title in titles)


def test_harfbuzz_subsetting_is_installed_by_the_setup() -> None:
    from plancraft.output.pdf import harfbuzz_subsetting

    assert harfbuzz_subsetting()


@pytest.mark.pdf
def test_a_fonttools_fallback_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plancraft.diagnostics import Diagnostics
    from plancraft.output.pdf import write_pdf

    monkeypatch.setattr("plancraft.output.pdf.harfbuzz_subsetting", lambda: False)
    diagnostics = Diagnostics()
    assert write_pdf("<p>正文</p>", tmp_path / "x.pdf", tmp_path, diagnostics)
    assert [d.code for d in diagnostics.warnings] == ["font-subset"]
