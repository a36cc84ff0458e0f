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
