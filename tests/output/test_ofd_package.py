"""The OFD writer on a PDF kept as a fixture: no layout, so it runs in the fast loop.

`tests/fixtures/ofd/minimal.pdf` is plancraft's PDF of tests/fixtures/plans/minimal, built with
`SOURCE_DATE_EPOCH=1700000000 plancraft build tests/fixtures/plans/minimal --format pdf`; the tests
in test_ofd.py check the writer on PDFs laid out afresh.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from plancraft.compile.pipeline import compile_plan
from plancraft.diagnostics import Diagnostics
from plancraft.output.formats import WriteContext
from plancraft.output.ofd import write
from tests.conftest import FIXTURE_PLANS

KEPT_PDF = Path(__file__).resolve().parents[1] / "fixtures" / "ofd" / "minimal.pdf"


def test_a_kept_pdf_becomes_an_ofd_package_with_its_text(tmp_path: Path) -> None:
    root = FIXTURE_PLANS / "minimal"
    document = compile_plan(root).document()
    found = Diagnostics()
    context = WriteContext(root, tmp_path, found, outputs={"pdf": KEPT_PDF.read_bytes()})
    data = write(document, context)
    assert not found.errors
    with zipfile.ZipFile(io.BytesIO(data)) as ofd:
        names = ofd.namelist()
        pages = [name for name in names if name.endswith("Content.xml")]
        text = "".join(
            code
            for page in pages
            for code in re.findall(
                r"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>", ofd.read(page).decode()
            )
        )
        root_xml = ofd.read("OFD.xml").decode()
    assert "OFD.xml" in names and len(pages) >= 3
    assert document.title in root_xml
    assert "".join(document.title.split()) in "".join(text.split())
    assert write(document, context) == data  # the same plan gives the same file


def test_glyphs_kept_in_the_cache_give_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converted TrueType glyphs are kept in the output folder's cache: a second build takes
    them from there, converting none, and writes the same OFD as a fresh build and as one whose
    cache is broken."""
    from plancraft.output.ofd import truetype
    from plancraft.output.ofd.glyphcache import GlyphCache

    converted: list[int] = []
    convert = truetype.glyph_record
    monkeypatch.setattr(
        truetype, "glyph_record", lambda contours: converted.append(1) or convert(contours)
    )

    root = FIXTURE_PLANS / "minimal"
    document = compile_plan(root).document()

    def written(out_dir: Path) -> bytes:
        found = Diagnostics()
        data = write(
            document, WriteContext(root, out_dir, found, outputs={"pdf": KEPT_PDF.read_bytes()})
        )
        assert not found.errors
        return data

    fresh = written(tmp_path / "one")
    cache = tmp_path / "one" / ".plancraft-cache" / "ofd-glyphs.bin"
    assert len(GlyphCache(cache).entries) >= 300  # every drawn glyph of the minimal plan
    assert len(converted) >= 300
    converted.clear()
    assert written(tmp_path / "one") == fresh
    assert not converted
    cache.write_bytes(cache.read_bytes()[:-7])  # cut short
    assert written(tmp_path / "one") == fresh
    assert len(GlyphCache(cache).entries) >= 300  # written again whole
