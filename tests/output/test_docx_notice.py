"""The .docx notice, cover and page numbering as GB/T 9704 and the PDF have them, read in the XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from tests.conftest import PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
NOTICE = Path(__file__).resolve().parents[1] / "fixtures/plans/notice"


def parts(root: Path) -> tuple[etree._Element, etree._Element]:
    """document.xml and styles.xml of the plan's .docx."""
    loaded = compile_plan(root)
    assert loaded.ok, loaded.diagnostics.sorted()
    with zipfile.ZipFile(io.BytesIO(write_docx(loaded.document()))) as package:
        return (
            etree.fromstring(package.read("word/document.xml")),
            etree.fromstring(package.read("word/styles.xml")),
        )


def style_of(paragraph: etree._Element) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else ""


def text_of(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


@pytest.fixture(scope="module")
def notice() -> tuple[list[etree._Element], etree._Element, etree._Element]:
    document, styles = parts(NOTICE)
    return list(document.iter(f"{W}p")), styles, document


def direct(paragraph: etree._Element) -> list[str]:
    """The paragraph's own properties besides its style (direct formatting)."""
    ppr = paragraph.find(f"{W}pPr")
    return [etree.QName(kid).localname for kid in ppr if kid.tag != f"{W}pStyle"]


def test_doc_number_and_signer_share_a_line(notice) -> None:
    paragraphs, styles, _document = notice
    line = next(p for p in paragraphs if "示民发" in text_of(p))
    assert style_of(line) == "DocNumberSigner" and not direct(line)
    assert text_of(line) == "示民发〔2023〕1号签发人：张三"
    assert line.find(f".//{W}tab") is not None
    name = next(r for r in line.iter(f"{W}r") if "张三" in "".join(r.itertext()))
    assert name.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "SignerName"
    fonts = style(styles, "SignerName").find(f".//{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "楷体_GB2312"
    tabs = style(styles, "DocNumberSigner").findall(f".//{W}tab")
    assert [tab.get(f"{W}val") for tab in tabs] == ["right"]


def test_signature_centred_over_the_date_by_styles(notice) -> None:
    paragraphs, styles, _document = notice
    signature = next(p for p in paragraphs if text_of(p) == "示例区民政局")
    date = next(p for p in paragraphs if text_of(p) == "2023年6月13日")
    assert (style_of(signature), style_of(date)) == ("NoticeSignature", "NoticeDate")
    assert not direct(signature) and not direct(date)
    date_ind = style(styles, "NoticeDate").find(f".//{W}ind")
    assert date_ind.get(f"{W}rightChars") == "400"
    sign = style(styles, "NoticeSignature")
    assert sign.find(f".//{W}jc").get(f"{W}val") == "center"
    left = int(sign.find(f".//{W}ind").get(f"{W}left"))
    right_of_date = int(date_ind.get(f"{W}right"))
    date_width = 7 * 158 + 3 * 316 + 4 * 80  # seven digits, 年 月 日, Latin-Chinese spacing
    middle = 8844 - right_of_date - date_width / 2
    assert abs((left + 8844) / 2 - middle) < 160  # the signature's line centred on the date's
    assert int(sign.find(f".//{W}spacing").get(f"{W}before")) == 579  # a blank line above


def test_public_under_the_date_and_the_imprint(notice) -> None:
    paragraphs, styles, _document = notice
    texts = [text_of(p) for p in paragraphs]
    at = texts.index("2023年6月13日")
    public = paragraphs[at + 1]
    assert (text_of(public), style_of(public)) == ("（此件公开发布）", "NoticePublic")
    assert not direct(public)
    assert style(styles, "NoticePublic").find(f".//{W}ind").get(f"{W}firstLineChars") == "200"
    anchors = [
        p
        for p in paragraphs
        if style_of(p) == "ImprintAnchor" and p.find(f".//{WP}anchor") is not None
    ]
    assert len(anchors) == 1
    anchor = anchors[0]
    inside = set(anchor.iter(f"{W}p"))
    last_text = max(i for i, p in enumerate(paragraphs) if text_of(p) and p not in inside)
    assert paragraphs.index(anchor) > last_text  # after the plan it sends: the document's end
    assert paragraphs.index(anchor) > texts.index("附表　“十四五”时期示例区民政事业发展主要指标")
    place = anchor.find(f".//{WP}anchor")
    assert place.find(f"{WP}positionV").get("relativeFrom") == "margin"
    assert place.find(f"{WP}positionV/{WP}align").text == "bottom"
    assert int(place.find(f"{WP}extent").get("cx")) == 8844 * 635  # as wide as the 版心
    rows = place.findall(f".//{W}tr")
    assert ["".join(row.itertext()) for row in rows] == [
        "抄送：区委办公室，区人大常委会办公室，区政协办公室。",
        "示例区民政局办公室2023年6月14日印发",
    ]
    rules = [
        [(edge.tag.split("}")[1], edge.get(f"{W}sz")) for edge in row.find(f".//{W}tcBorders")]
        for row in rows
    ]
    assert rules == [[("top", "8"), ("bottom", "6")], [("bottom", "8")]]


def test_pages_are_numbered_from_the_first_as_in_the_pdf(notice) -> None:
    _paragraphs, _styles, document = notice
    sections = list(document.iter(f"{W}sectPr"))
    assert len(sections) == 2
    numbering = [section.find(f"{W}pgNumType") for section in sections]
    assert numbering[0] is not None and numbering[0].get(f"{W}start") == "1"
    assert numbering[1] is None  # the plan runs on: the cover is page 2, the 目录 page 3
    assert sections[1].find(f"{W}titlePg") is not None  # the cover has no number


def test_cover_title_breaks_where_the_pdf_does(notice) -> None:
    paragraphs, _styles, _document = notice
    title = next(p for p in paragraphs if style_of(p) == "Title")
    pieces = ["".join(r.itertext()) or "\n" for r in title.iter(f"{W}r")]
    assert "".join(pieces) == "示例区“十四五”时期\n民政事业发展规划"


def test_an_untitled_preface_starts_a_page() -> None:
    document, _styles = parts(PLANS / "zhushan")
    paragraphs = list(document.iter(f"{W}p"))
    last_entry = max(i for i, p in enumerate(paragraphs) if style_of(p).startswith("TOC"))
    first = paragraphs[last_entry + 1]
    assert text_of(first).startswith("为深入学习贯彻")
    assert first.find(f"{W}pPr/{W}pageBreakBefore") is not None


def pageref_result(paragraph: etree._Element) -> str | None:
    """The text a paragraph's PAGEREF field shows, or None without one."""
    state, shown = "", []
    for node in paragraph.iter(f"{W}instrText", f"{W}fldChar", f"{W}t"):
        if node.tag == f"{W}instrText" and "PAGEREF" in (node.text or ""):
            state = "instr"
        elif node.tag == f"{W}fldChar" and state:
            kind = node.get(f"{W}fldCharType")
            state = "result" if kind == "separate" and state == "instr" else state
            if kind == "end" and state == "result":
                return "".join(shown)
        elif node.tag == f"{W}t" and state == "result":
            shown.append(node.text or "")
    return None


def test_the_table_of_contents_holds_the_pages_it_is_given() -> None:
    """The 目录's PAGEREF results hold the printed pages (the writer passes the PDF's); Word is asked
    to update them on opening."""
    document = compile_plan(NOTICE).document()
    pages = {entry.id: 4 + index for index, entry in enumerate(document.toc)}
    with zipfile.ZipFile(io.BytesIO(write_docx(document, pages))) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        settings = package.read("word/settings.xml").decode()
    results = [pageref_result(paragraph) for paragraph in body.iter(f"{W}p")]
    results = [result for result in results if result is not None]
    assert results == [str(4 + index) for index in range(len(document.toc))]
    assert len(results) == 12
    assert settings.index('<w:updateFields w:val="true"/>') < settings.index("<w:compat>")


def test_the_notice_keeps_the_schema_order_word_requires() -> None:
    from tests.output.test_docx import order_problems

    loaded = compile_plan(NOTICE)
    assert not order_problems(write_docx(loaded.document()))
