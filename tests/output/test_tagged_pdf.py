"""The tagged PDF (pdf/ua-1): its structure tree, read back with pikepdf, follows the plan."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS

pytestmark = pytest.mark.pdf  # lays out tagged PDFs

HEADING = re.compile(r"/H[1-6]")
STRUCTURE = {"/Table", "/Figure", "/L", "/P", "/Caption"}


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tagged")
    plan = tmp_path_factory.mktemp("plans") / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    with (plan / "plan.yaml").open("a", encoding="utf-8") as yaml:
        yaml.write("cover_metadata: true\n")  # the cover's document table: the one with row headers
    result = build_plan(plan, out, ("html", "pdf"), settings={"pdf_variant": "pdf/ua-1"})
    assert result.ok, [str(d) for d in result.diagnostics]
    return out


def structure(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """The structure elements under `node`, in document (reading) order."""
    found: list[pikepdf.Dictionary] = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += structure(kid)
    return found


def test_headings_and_tables_follow_the_page_in_order(tagged: Path) -> None:
    html = (tagged / "minimal.html").read_text(encoding="utf-8")
    body = html[html.index("<body") :]
    expected = [
        f"/H{tag[2]}" if tag.startswith("<h") else "/Table"
        for tag in re.findall(r"<h[1-6]\b|<table\b", body)
    ]
    with pikepdf.open(tagged / "minimal.pdf") as pdf:
        elements = structure(pdf.Root.StructTreeRoot)
        found = [str(e.S) for e in elements if HEADING.fullmatch(str(e.S)) or e.S == "/Table"]
    assert found == expected
    assert found.count("/Table") >= 4 and len(found) > 20


def test_document_language_identification_and_header_scope(tagged: Path) -> None:
    with pikepdf.open(tagged / "minimal.pdf") as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
        assert pdf.Root.MarkInfo.Marked is True
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        headers = [e for e in structure(pdf.Root.StructTreeRoot) if e.S == "/TH"]
        assert headers
        assert {str(e.A.Scope) for e in headers} == {"/Column", "/Row"}


def test_poppler_reads_it_as_tagged_without_complaint(tagged: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", tagged / "minimal.pdf"], capture_output=True, text=True, check=True
    )
    assert "Tagged:          yes" in info.stdout
    text = subprocess.run(
        ["pdftotext", tagged / "minimal.pdf", "-"], capture_output=True, text=True, check=True
    )
    assert text.stderr == ""
    assert "第一部分" in text.stdout
