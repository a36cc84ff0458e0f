"""build --format ofd: a GB/T 33190 package that independent readers (ofdkit, easyofd) open, with
the PDF's text, pages, rules, fonts and outline."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from xml.etree import ElementTree

import ofdkit
import pikepdf
import pytest

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS, PLANS

pytestmark = pytest.mark.pdf  # every OFD is made from a laid-out PDF

NS = {"ofd": "http://www.ofdspec.org/2016"}


def build(root: Path, out: Path) -> tuple[Path, Path]:
    result = build_plan(root, out, ("pdf", "ofd"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / f"{root.name}.pdf", out / f"{root.name}.ofd"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(FIXTURE_PLANS / "minimal", tmp_path_factory.mktemp("ofd"))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: Path) -> list[str]:
    """pdftotext's text of each page, without white space."""
    done = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    return [squeezed(page) for page in done.stdout.split("\f")[:-1]]


def ofdkit_pages(ofd: Path) -> list[str]:
    with ofdkit.open(ofd) as document:
        return [squeezed(page.text()) for page in document.pages]


def easyofd_pages(ofd: Path) -> list[str]:
    """The text easyofd's own parser reads from each page (its renderer needs a 宋体 font)."""
    from easyofd.ofd import OFD

    reader = OFD()
    reader.read(str(ofd), fmt="path")
    pages = reader.data[0]["page_info"]
    return [
        squeezed("".join(line.get("text", "") for line in pages[n].get("text_list") or []))
        for n in sorted(pages)
    ]


def coverage(found: list[str], expected: list[str]) -> tuple[float, float]:
    """The share of the PDF's characters the reader gives (as a multiset), and the share it
    gives in the same order page by page (pdftotext reads table cells column by column)."""
    want, got = Counter("".join(expected)), Counter("".join(found))
    share = sum((want & got).values()) / sum(want.values())
    in_order = sum(
        sum(
            block.size
            for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        )
        for a, b in zip(found, expected)
    ) / sum(want.values())
    return share, in_order


def test_the_package_holds_the_parts_of_the_standard(built: tuple[Path, Path]) -> None:
    pdf, ofd = built
    with zipfile.ZipFile(ofd) as archive:
        names = archive.namelist()
        root = ElementTree.fromstring(archive.read("OFD.xml"))
        document = ElementTree.fromstring(archive.read("Doc_0/Document.xml"))
        public = ElementTree.fromstring(archive.read("Doc_0/PublicRes.xml"))
        page = ElementTree.fromstring(archive.read("Doc_0/Pages/Page_2/Content.xml"))
        fonts = public.findall("ofd:Fonts/ofd:Font", NS)
        for font in fonts:
            assert f"Doc_0/Res/{font.find('ofd:FontFile', NS).text}" in names
    assert names[0] == "OFD.xml"
    info = root.find("ofd:DocBody/ofd:DocInfo", NS)
    assert re.fullmatch(r"[0-9a-f]{32}", info.find("ofd:DocID", NS).text)
    assert info.find("ofd:Title", NS).text == "示例区“十四五”时期民政事业发展规划"
    assert info.find("ofd:CustomDatas/ofd:CustomData", NS).text == "示民发〔2023〕1号"
    assert root.find("ofd:DocBody/ofd:DocRoot", NS).text == "Doc_0/Document.xml"
    with pikepdf.open(pdf) as opened:
        assert len(document.findall("ofd:Pages/ofd:Page", NS)) == len(opened.pages)
        with opened.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert [e.get("Title") for e in document.findall("ofd:Outlines/ofd:OutlineElem", NS)] == titles
    font_ids = {font.get("ID") for font in fonts}
    texts = page.findall(".//ofd:TextObject", NS)
    assert texts and {text.get("Font") for text in texts} <= font_ids
    assert len(page.findall(".//ofd:PathObject", NS)) >= 8  # the table's rules and frame


def test_ids_are_unique_and_within_max_unit_id(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as archive:
        ids = [
            element.get("ID")
            for name in archive.namelist()
            if name.endswith(".xml")
            for element in ElementTree.fromstring(archive.read(name)).iter()
            if element.get("ID")
        ]
        document = ElementTree.fromstring(archive.read("Doc_0/Document.xml"))
    assert len(ids) == len(set(ids))
    assert max(map(int, ids)) == int(document.find(".//ofd:MaxUnitID", NS).text)


def test_glyphs_sit_where_the_pdf_put_them(built: tuple[Path, Path]) -> None:
    """The 前言 heading starts where pdftotext -bbox says the PDF drew it, within 0.1 mm."""
    pdf, ofd = built
    box = subprocess.run(
        ["pdftotext", "-bbox", "-f", "3", "-l", "3", pdf, "-"], capture_output=True, text=True
    ).stdout
    word = re.search(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">前言</word>', box
    )
    assert word
    with zipfile.ZipFile(ofd) as archive:
        page = ElementTree.fromstring(archive.read("Doc_0/Pages/Page_2/Content.xml"))
    heading = next(
        t for t in page.iter(f"{{{NS['ofd']}}}TextObject") if "前言" in "".join(t.itertext())
    )
    left = float(heading.get("Boundary").split()[0]) + float(
        heading.find("ofd:TextCode", NS).get("X")
    )
    assert abs(left - float(word.group(1)) * 25.4 / 72) < 0.1


def test_two_readers_get_the_pdfs_text(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # easyofd writes scratch files into the working folder
    pdf, ofd = built
    expected = pdf_pages(pdf)
    for found in (ofdkit_pages(ofd), easyofd_pages(ofd)):
        assert len(found) == len(expected)
        share, in_order = coverage(found, expected)
        assert share >= 0.995
        assert in_order >= 0.9


def test_the_same_plan_gives_the_same_file(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, again = build(FIXTURE_PLANS / "minimal", tmp_path)
    assert again.read_bytes() == built[1].read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["beijing", "chaoyang", "mentougou", "tongzhou", "zhushan"])
def test_every_plan_reads_back_in_both_readers(
    slug: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pdf, ofd = build(PLANS / slug, tmp_path / "out")
    expected = pdf_pages(pdf)
    for found in (ofdkit_pages(ofd), easyofd_pages(ofd)):
        share, in_order = coverage(found, expected)
        assert share >= 0.995, slug
        assert in_order >= 0.98, slug


def test_a_plan_with_an_image_is_refused_rather_than_written_without_it(scratch: Path) -> None:
    import base64

    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    (scratch / "figure.png").write_bytes(pixel)
    with (scratch / "text" / "background.md").open("a", encoding="utf-8") as text:
        text.write("\n\n![示意图](figure.png)\n")
    result = build_plan(scratch, scratch.parent / "out", ("ofd",))
    assert not result.ok
    assert [d.code for d in result.diagnostics.errors] == ["ofd-unsupported"]
    assert not (scratch.parent / "out" / "minimal.ofd").exists()
