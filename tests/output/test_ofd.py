"""build --format ofd: a GB/T 33190 package that independent readers (ofdkit, easyofd) open, with
the PDF's text, pages, rules, fonts and outline."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
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


def test_the_package_keeps_the_known_archival_rules(with_images: tuple[Path, Path]) -> None:
    """What GB/T 33190 and the archival profile's known rules ask, checked on a plan with images:
    version 1.0, every font and image inside the package and not empty, no location outside it,
    no action but Goto, no signatures or encryption parts."""
    with zipfile.ZipFile(with_images[1]) as archive:
        names = set(archive.namelist())
        parts = {
            name: ElementTree.fromstring(archive.read(name))
            for name in names
            if name.endswith(".xml")
        }
        sizes = {name: archive.getinfo(name).file_size for name in names}
    assert parts["OFD.xml"].get("Version") == "1.0"
    files = [
        f"Doc_0/Res/{element.text}"
        for root in parts.values()
        for tag in ("FontFile", "MediaFile")
        for element in root.iter(f"{{{NS['ofd']}}}{tag}")
    ]
    assert len(files) >= 4
    assert all(name in names and sizes[name] > 0 for name in files), files
    locations = [
        element.text or element.get("BaseLoc") or ""
        for root in parts.values()
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1]
        in ("DocRoot", "FontFile", "MediaFile", "PublicRes", "DocumentRes", "Page")
    ]
    assert not [loc for loc in locations if "://" in loc or loc.startswith("/") or ".." in loc]
    actions = {
        child.tag.rsplit("}", 1)[-1]
        for root in parts.values()
        for action in root.iter(f"{{{NS['ofd']}}}Action")
        for child in action
    }
    assert actions <= {"Goto"}
    assert not [name for name in names if "Sign" in name or "Encrypt" in name]


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


def embedded_fonts(ofd: Path) -> dict[str, bytes]:
    """The OFD's font files by their FontName."""
    with zipfile.ZipFile(ofd) as archive:
        public = ElementTree.fromstring(archive.read("Doc_0/PublicRes.xml"))
        return {
            font.get("FontName"): archive.read(f"Doc_0/Res/{font.find('ofd:FontFile', NS).text}")
            for font in public.findall("ofd:Fonts/ofd:Font", NS)
        }


def test_fonts_are_truetype_that_truetype_only_parsers_and_ots_accept(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """Every embedded font has TrueType (glyf) outlines and no CFF; ReportLab's TrueType-only parser
    (the one easyofd registers embedded fonts with) loads it, and the OpenType Sanitizer passes it."""
    import ots
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

    fonts = embedded_fonts(built[1])
    assert fonts
    for index, (name, data) in enumerate(fonts.items()):
        parsed = TTFont(io.BytesIO(data))
        assert parsed.sfntVersion == "\x00\x01\x00\x00" and "glyf" in parsed, name
        assert "CFF " not in parsed, name
        path = tmp_path / f"font_{index}.ttf"
        path.write_bytes(data)
        ReportLabFont(f"check{index}", str(path))
        done = ots.sanitize(str(path), str(tmp_path / "sanitized.ttf"), capture_output=True)
        assert done.returncode == 0, (name, done.stderr)


def test_truetype_glyphs_look_like_the_pdfs_cff_glyphs(built: tuple[Path, Path]) -> None:
    """FreeType draws every character of every font from the OFD's TrueType file and from the PDF's
    CFF file alike: at 96 px, the inked pixels of each lie within a pixel of the other's (hinting
    differs between the two formats, so a stroke may move by one pixel)."""
    from fontTools.ttLib import TTFont
    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

    pdf, ofd = built
    with pikepdf.open(pdf) as opened:
        originals = {
            str(font.BaseFont)[1:].split("+")[-1]: font.DescendantFonts[
                0
            ].FontDescriptor.FontFile3.read_bytes()
            for page in opened.pages
            for font in page.Resources.Font.values()
        }

    def inked(face: Any, character: str) -> Any:
        picture = Image.new("L", (192, 192), 0)
        ImageDraw.Draw(picture).text((32, 144), character, font=face, fill=255, anchor="ls")
        return picture.point(lambda level: 255 if level > 127 else 0)

    def within_a_pixel(ink: Any, other: Any) -> float:
        near = ImageChops.darker(ink, other.filter(ImageFilter.MaxFilter(3)))
        return near.histogram()[255] / ink.histogram()[255] if ink.getbbox() else 1.0

    checked = 0
    for name, data in embedded_fonts(ofd).items():
        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        faces = [
            ImageFont.truetype(io.BytesIO(raw), 96, layout_engine=ImageFont.Layout.BASIC)
            for raw in (data, originals[name])
        ]
        for character in (chr(code) for code in cmap if chr(code).isprintable()):
            ours, theirs = (inked(face, character) for face in faces)
            assert within_a_pixel(ours, theirs) >= 0.99, (name, character)
            assert within_a_pixel(theirs, ours) >= 0.99, (name, character)
            checked += bool(ours.getbbox())
    assert checked >= 300


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


RED, BLUE = (200, 30, 30), (30, 60, 200)


def image_plan(root: Path) -> Path:
    """The minimal plan with a two-colour PNG, a half-transparent PNG and a JPEG in its text."""
    from PIL import Image

    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    halves = Image.new("RGB", (240, 120), BLUE)
    halves.paste(RED, (0, 0, 120, 120))
    halves.save(root / "halves.png")
    Image.new("RGBA", (60, 60), (0, 160, 0, 128)).save(root / "glass.png")
    photo = Image.new("RGB", (240, 120), (230, 200, 40))  # not red or blue: the PNG is the one
    photo.paste((40, 160, 60), (0, 0, 120, 120))  # that colour_box finds, whatever shares its page
    photo.save(root / "photo.jpg", quality=90)
    with (root / "text" / "background.md").open("a", encoding="utf-8") as text:
        text.write("\n\n![示意图](halves.png)\n\n![透明](glass.png)\n\n![照片](photo.jpg)\n")
    return root


@pytest.fixture(scope="module")
def with_images(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = image_plan(tmp_path_factory.mktemp("images") / "minimal")
    return build(root, root.parent / "out")


def colour_box(picture: Any, colour: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """The pixel box (left, top, right, bottom) of the pixels near `colour`."""
    from PIL import Image, ImageChops

    plain = picture.convert("RGB")
    red, green, blue = ImageChops.difference(plain, Image.new("RGB", plain.size, colour)).split()
    farthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    mask = farthest.point(lambda level: 255 if level < 40 else 0)
    box = mask.getbbox()
    assert box, colour
    return box


def pdf_page_picture(pdf: Path, index: int, dpi: int) -> Any:
    """Page `index` (0-based) of a PDF as poppler renders it."""
    from PIL import Image

    page = str(index + 1)
    done = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", page, "-l", page, pdf],
        capture_output=True,
        check=True,
    )
    picture = Image.open(io.BytesIO(done.stdout))
    picture.load()
    return picture


def easyofd_images(ofd: Path) -> tuple[dict[str, bytes], dict[int, list[dict]]]:
    """easyofd's reading of the images: resource id → file bytes, page → placements."""
    import base64

    from easyofd.ofd import OFD

    reader = OFD()
    reader.read(str(ofd), fmt="path")
    document = reader.data[0]
    files = {key: base64.b64decode(found["imgb64"]) for key, found in document["images"].items()}
    placed = {n: page.get("img_list") or [] for n, page in document["page_info"].items()}
    return files, placed


def test_images_are_multimedia_resources_that_both_readers_list(
    with_images: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ofdkit.describe import describe
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    _, ofd = with_images
    described = describe(ofd)
    media = described["xml"]["Doc_0/DocumentRes.xml"]["root"]["children"][0]["children"]
    assert [(m["attrs"]["Type"], m["attrs"]["Format"]) for m in media] == [
        ("Image", "PNG"),
        ("Image", "PNG"),
        ("Image", "JPEG"),
    ]
    stored = {entry["name"] for entry in described["entries"]}
    for found in media:
        assert f"Doc_0/Res/{found['children'][0]['text']}" in stored
    files, placed = easyofd_images(ofd)
    assert set(files) == {m["attrs"]["ID"] for m in media}
    pictures = {key: Image.open(io.BytesIO(data)) for key, data in files.items()}
    assert sorted(p.size for p in pictures.values()) == [(60, 60), (240, 120), (240, 120)]
    glass = next(p for p in pictures.values() if p.size == (60, 60))
    assert glass.mode == "RGBA" and glass.getpixel((30, 30)) == (0, 160, 0, 128)
    photo = next(key for key, p in pictures.items() if p.format == "JPEG")
    assert files[photo] == (ofd.parent.parent / "minimal" / "photo.jpg").read_bytes()  # as it was
    assert sum(len(images) for images in placed.values()) == 3

    def image_objects(node: dict) -> list[dict]:
        own = [node["attrs"]] if node.get("tag") == "ImageObject" else []
        return own + [found for child in node.get("children", []) for found in image_objects(child)]

    listed = [
        found
        for name, part in described["xml"].items()
        if name.endswith("Content.xml")
        for found in image_objects(part["root"])
    ]
    assert sorted((i["ResourceID"], i["Boundary"]) for i in listed) == sorted(
        (i["ResourceID"], " ".join(f"{v:g}" for v in i["pos"]))
        for images in placed.values()
        for i in images
    )


def test_an_image_sits_where_the_pdf_draws_it(
    with_images: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-colour PNG's ImageObject covers, within 0.5 mm, the red and blue pixels of the PDF's
    page rendered by poppler, and its CTM draws it upright (red on the left)."""
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    pdf, ofd = with_images
    files, placed = easyofd_images(ofd)
    opened = {key: Image.open(io.BytesIO(data)) for key, data in files.items()}
    halves = next(key for key, p in opened.items() if (p.format, p.size) == ("PNG", (240, 120)))
    page, where = next(
        (n, found)
        for n, images in placed.items()
        for found in images
        if found["ResourceID"] == halves
    )
    left, top, width, height = where["pos"]
    assert [float(v) for v in where["CTM"].split()] == [width, 0, 0, height, 0, 0]
    dpi = 144
    picture = pdf_page_picture(pdf, page, dpi)
    mm = 25.4 / dpi
    red, blue = colour_box(picture, RED), colour_box(picture, BLUE)
    drawn = (red[0] * mm, red[1] * mm, blue[2] * mm, blue[3] * mm)
    assert red[2] <= blue[0] + 1  # red on the left in the PDF too
    expected = (left, top, left + width, top + height)
    assert all(abs(a - b) < 0.5 for a, b in zip(drawn, expected)), (drawn, expected)


@pytest.mark.slow
def test_easyofd_renders_the_image_where_poppler_renders_the_pdfs(
    with_images: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """easyofd's renderer (OFD → PDF) draws the two-colour image at the PDF's place on the page,
    within 1% of the page's size (it draws text in its own fallback font; only the image counts)."""
    from easyofd.ofd import OFD

    monkeypatch.chdir(tmp_path)
    pdf, ofd = with_images
    reader = OFD()
    reader.read(str(ofd), fmt="path")
    rendered = tmp_path / "easyofd.pdf"
    rendered.write_bytes(reader.to_pdf())
    pages = [n for n, images in easyofd_images(ofd)[1].items() if images]
    assert pages
    for index in pages:
        ours, theirs = (pdf_page_picture(f, index, 72) for f in (pdf, rendered))
        for colour in (RED, BLUE):
            boxes = [
                [edge / size for edge, size in zip(colour_box(p, colour), p.size * 2)]
                for p in (ours, theirs)
            ]
            assert all(abs(a - b) < 0.01 for a, b in zip(*boxes)), (index, colour, boxes)


def test_svg_curves_become_bezier_path_data(scratch: Path) -> None:
    """An SVG circle (PDF c operators) is written as B commands in its stroke colour."""
    (scratch / "ring.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
        '<circle cx="150" cy="50" r="30" fill="none" stroke="#0000cc" stroke-width="4"/></svg>',
        encoding="utf-8",
    )
    with (scratch / "text" / "background.md").open("a", encoding="utf-8") as text:
        text.write("\n\n![环](ring.svg)\n")
    _, ofd = build(scratch, scratch.parent / "out")
    with zipfile.ZipFile(ofd) as archive:
        paths = [
            path
            for name in archive.namelist()
            if name.endswith("Content.xml")
            for path in ElementTree.fromstring(archive.read(name)).iter(
                f"{{{NS['ofd']}}}PathObject"
            )
        ]
    ring = next(p for p in paths if " B " in p.find("ofd:AbbreviatedData", NS).text)
    data = ring.find("ofd:AbbreviatedData", NS).text.split()
    assert data.count("B") == 4 and data[-1] == "C"
    assert ring.find("ofd:StrokeColor", NS).get("Value") == "0 0 204"
    width = float(ring.get("Boundary").split()[2])
    assert abs(width - 64 * 25.4 / 96) < 0.01  # 60 px across and a 4 px stroke, at 96 px an inch


def test_a_gradient_is_refused_rather_than_painted_flat(scratch: Path) -> None:
    (scratch / "fade.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><defs>'
        '<linearGradient id="g"><stop offset="0" stop-color="red"/>'
        '<stop offset="1" stop-color="blue"/></linearGradient></defs>'
        '<rect width="200" height="100" fill="url(#g)"/></svg>',
        encoding="utf-8",
    )
    with (scratch / "text" / "background.md").open("a", encoding="utf-8") as text:
        text.write("\n\n![渐变](fade.svg)\n")
    result = build_plan(scratch, scratch.parent / "out", ("ofd",))
    assert not result.ok
    assert [d.code for d in result.diagnostics.errors] == ["ofd-unsupported"]
    assert "gradient" in result.diagnostics.errors[0].message
    assert not (scratch.parent / "out" / "minimal.ofd").exists()
