"""The Word writer: every plan exports, reads back whole, the same bytes twice, ids as bookmarks."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from plancraft.compile import document as doc
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import appendix_row_id, bookmark_name, paragraph_id, write_docx
from plancraft.output.html import render_html
from tests.conftest import PLANS
from tests.support.coverage import coverage, html_text
from tests.support.fontconfig import fontconfig_with_stand_ins

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FANDOL = ("FandolFang", "FandolSong", "FandolHei", "FandolKai")


def _document(root: Path) -> doc.Document:
    loaded = compile_plan(root)
    assert loaded.ok, loaded.diagnostics.sorted()
    return loaded.document()


def docx_text(data: bytes) -> str:
    """Every paragraph python-docx reads back, in body order, table cells included, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(paragraphs, tables) -> None:
        lines.extend(paragraph.text for paragraph in paragraphs)
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell.paragraphs, cell.tables)

    walk(document.paragraphs, document.tables)
    for section in document.sections:
        lines.extend(paragraph.text for paragraph in section.footer.paragraphs)
    return "\n".join(lines)


def bookmarks(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return {element.get(f"{W}name") for element in root.iter(f"{W}bookmarkStart")}


def _ids(blocks: list[doc.Block], owner: str) -> list[str]:
    """The ids the writer must mark: divisions, boxes, numbered tables, rows, and prose blocks."""
    found, number = [], 0
    for block in blocks:
        if isinstance(block, (doc.Paragraph, doc.ListBlock, doc.Quote, doc.CodeBlock)) or (
            isinstance(block, doc.Table) and block.table_kind == "prose"
        ):
            number += 1
            found.append(paragraph_id(owner, number))
        elif isinstance(block, doc.Table):
            found += [block.id] + [row.id for row in block.rows if row.id]
        elif isinstance(block, doc.Box):
            found += [block.id] + _ids(block.blocks, block.id)
        elif isinstance(block, doc.Division):
            found += [block.id] + _ids(block.blocks, block.id)
    return found


@pytest.fixture(scope="module", params=["beijing", "chaoyang", "mentougou", "tongzhou", "zhushan"])
def exported(request) -> tuple[doc.Document, bytes, str]:
    document = _document(PLANS / request.param)
    return document, write_docx(document), render_html(document)


def test_docx_text_covers_the_html(exported) -> None:
    _document_, data, html = exported
    result = coverage(html_text(html), docx_text(data))
    assert result.ratio >= 0.995, result.missing[:10]


def test_every_id_is_a_bookmark(exported) -> None:
    document, data, _html = exported
    expected = _ids(document.body, "body")
    if document.preface:
        expected += [document.preface.id] if document.preface.title else []
        expected += _ids(document.preface.blocks, document.preface.id)
    if document.appendix:
        expected += [document.appendix.id] + [
            appendix_row_id(row.id) for row in document.appendix.rows if row.id
        ]
    if document.notice:
        expected += _ids(document.notice.blocks, "notice")
    names = bookmarks(data)
    assert not [anchor for anchor in expected if bookmark_name(anchor) not in names]
    assert all(len(name) <= 40 and name.replace("_", "").isalnum() for name in names)


def test_two_exports_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = write_docx(_document(PLANS / "tongzhou"))
    second = write_docx(_document(PLANS / "tongzhou"))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = package.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core and "plancraft:tongzhou" in core


def test_page_styles_and_structure() -> None:
    data = write_docx(_document(PLANS / "tongzhou"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
        settings = package.read("word/settings.xml").decode()
        font_table = package.read("word/fontTable.xml").decode()
        footers = [
            package.read(name).decode()
            for name in package.namelist()
            if name.startswith("word/footer")
        ]
    assert '<w:docGrid w:type="lines" w:linePitch="579"/>' in body
    assert '<w:spacing w:val="-5"/>' in styles.split("</w:docDefaults>")[0]
    assert "<w:mirrorMargins/>" in settings and "<w:evenAndOddHeaders/>" in settings
    assert '<w:characterSpacingControl w:val="compressPunctuation"/>' in settings
    assert '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"' in body
    assert "<w:titlePg/>" in body
    assert any("PAGE" in footer and 'w:val="right"' in footer for footer in footers)
    assert any("PAGE" in footer and 'w:val="left"' in footer for footer in footers)
    for official, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("黑体", "SimHei"),
    ):
        assert f'w:eastAsia="{official}"' in styles
        assert f'<w:font w:name="{official}"><w:altName w:val="{fallback}"/>' in font_table
    assert 'w:eastAsia="方正小标宋简体"' in styles and "Fandol" not in styles + font_table
    assert "<w:numPr>" not in body
    assert body.count(" PAGEREF pc_") == len(_document(PLANS / "tongzhou").toc)  # the 目录
    assert "<w:tblHeader/>" in body and '<w:vMerge w:val="restart"/>' in body
    assert 'w:color w:val="CC0000"' in styles
    document = docx.Document(io.BytesIO(data))
    names = [paragraph.style.name for paragraph in document.paragraphs]
    assert {
        "发文机关标志",
        "版头分隔线",
        "Title",
        "Heading 1",
        "Heading 2",
        "规划正文",
        "toc 1",
    } <= set(names)
    header = next(p for p in document.paragraphs if p.style.name == "发文机关标志")
    assert header.text.startswith("北京市通州区民政局")


@pytest.mark.pdf  # the .docx's 目录 takes its page numbers from the PDF's layout
def test_build_writes_docx_through_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from plancraft.cli import main

    done = CliRunner().invoke(
        main,
        ["build", str(PLANS / "zhushan"), "-o", str(tmp_path), "--format", "html,docx", "-j", "1"],
    )
    assert done.exit_code == 0, done.output
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith(".")) == [
        "zhushan.docx",
        "zhushan.html",
    ]
    again = CliRunner().invoke(
        main, ["build", str(PLANS / "zhushan"), "-o", str(tmp_path), "--format", "docx"]
    )
    assert "up to date" in again.output
    bad = CliRunner().invoke(
        main, ["build", str(PLANS / "zhushan"), "-o", str(tmp_path), "--format", "odt"]
    )
    assert bad.exit_code == 2 and "odt" in bad.output


def test_images_links_lists_and_quotes(scratch: Path) -> None:
    from PIL import Image

    Image.new("RGB", (1200, 300), "red").save(scratch / "chart.png")
    (scratch / "text" / "background.md").write_text(
        "# 发展基础 {#foundation}\n\n见图：![床位变化](chart.png)，来源[民政部](https://www.mca.gov.cn/)。\n\n"
        "1. 第一项\n2. 第二项\n\n> 引文一句。\n\n`code` 与 **加粗** *强调*\n\n"
        "| 项目 | 数量 |\n|---|---:|\n| 床位 | 12 |\n",
        encoding="utf-8",
    )
    document = _document(scratch)
    data = write_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
        body = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert len(media) == 1 and "<w:drawing>" in body and 'descr="床位变化"' in body
    extent = re.search(r'<wp:extent cx="(\d+)"', body)
    assert extent and int(extent.group(1)) <= round(156 * 36000)  # scaled down to the text width
    assert "https://www.mca.gov.cn/" in rels and "<w:hyperlink r:id=" in body
    text = docx_text(data)
    assert "1. 第一项" in text and "2. 第二项" in text and "引文一句。" in text and "床位" in text
    assert bookmark_name("foundation-p4") in bookmarks(data)  # the Markdown table is block 4
    assert not order_problems(data)
    coverage_ = coverage(html_text(render_html(document)), text)
    assert coverage_.ratio >= 0.995, coverage_.missing


SCHEMA_ORDER = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
        "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
        "sectPr pPrChange"
    ).split(),
    "rPr": (
        "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike "
        "outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing "
        "w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
        "lang eastAsianLayout"
    ).split(),
    "tcPr": (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
        "tcFitText vAlign hideMark"
    ).split(),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
        "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
    ).split(),
    "sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
        "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
        "textDirection bidi rtlGutter docGrid printerSettings"
    ).split(),
    "style": (
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
        "unhideWhenUsed qFormat locked personal rsid pPr rPr tblPr trPr tcPr tblStylePr"
    ).split(),
}


def test_elements_in_the_order_word_requires(exported) -> None:
    """Word refuses a file whose property elements are out of schema order; LibreOffice does not."""
    assert not order_problems(exported[1])


def order_problems(data: bytes) -> list:
    """Elements out of the schema's order, paragraphs not starting with their properties, cells
    not ending with a paragraph."""
    wrong: list = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(package.read(name))
            for tag, names in SCHEMA_ORDER.items():
                for element in root.iter(W + tag):
                    kids = [etree.QName(kid).localname for kid in element if kid.tag.startswith(W)]
                    places = [names.index(kid) if kid in names else -1 for kid in kids]
                    if -1 in places or places != sorted(places):
                        wrong.append((name, tag, kids))
            wrong += [
                (name, "p", "pPr not first")
                for p in root.iter(W + "p")
                if any(kid.tag == W + "pPr" for kid in p[1:])
            ]
            wrong += [
                (name, "tc", "no closing paragraph")
                for cell in root.iter(W + "tc")
                if cell[-1].tag != W + "p"
            ]
    return wrong[:5]


def test_the_docx_names_the_official_fonts_whatever_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Word and WPS on a government desktop have the official fonts: the file names them, and the
    same plan gives the same bytes on a machine with only the Fandol stand-ins."""
    from plancraft.output import fonts

    made = []
    for installed in ({"FandolFang", "FandolHei", "FandolKai", "FandolSong"}, {"仿宋_GB2312"}):
        monkeypatch.setattr(fonts, "installed_family", lambda name, found=installed: name in found)
        made.append(write_docx(compile_plan(PLANS / "tongzhou").document()))
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as package:
        styles = package.read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles and "Fandol" not in styles


def test_the_stand_in_aliases_give_libreoffice_the_fandol_fonts(tmp_path: Path) -> None:
    """setup.sh's fontconfig file maps each official name the .docx uses to its Fandol stand-in
    (what LibreOffice, which asks fontconfig for the one name, then prints with)."""
    environment = os.environ | {"FONTCONFIG_FILE": str(fontconfig_with_stand_ins(tmp_path))}
    for official, stand_in in (
        ("仿宋_GB2312", "FandolFang"),
        ("楷体_GB2312", "FandolKai"),
        ("黑体", "FandolHei"),
        ("方正小标宋简体", "FandolSong"),
    ):
        found = subprocess.run(
            ["fc-match", "-f", "%{family}", official],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        ).stdout
        assert found.split(",")[0] in (official, stand_in), (official, found)
