"""The named styles of the Word export: GB/T 9704 page measures, the official fonts, styles.xml."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4
TEXT_WIDTH = round(156 * TWIPS_PER_MM)
LANDSCAPE_WIDTH = round(225 * TWIPS_PER_MM)
"""The text width of a landscape page: the portrait 版心 turned (225 x 156 mm)."""
LINE_PITCH = 579
"""225 mm of text height over 22 lines, in twentieths of a point (28.95 pt)."""
CHAR_SPACING = -5
"""28 characters of 三号 (16 pt) over 156 mm: every character condensed by 0.25 pt (in twentieths of
a point) to 15.75 pt, on a line grid. Word and LibreOffice both read this the same way; a character
grid with a pitch below the font size (w:charSpace < 0) makes LibreOffice give each character two
cells, 14 to a line."""
RED = "CC0000"
FANGSONG, HEITI, KAITI, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"

FONTS = (
    (FANGSONG, "仿宋", "02010609060101010101"),
    (HEITI, "SimHei", "02010609060101010101"),
    (KAITI, "楷体", "02010609060101010101"),
    (XBS, "方正小标宋_GBK", "02000000000000000000"),
    (SONG, "SimSun", "02010600030101010101"),
)
"""The fonts the styles name, with the font Word and WPS fall back to where one is not installed."""


def _fonts(east_asian: str, latin: str = "") -> str:
    latin = latin or east_asian
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{latin}" '
        f'w:hint="eastAsia"/>'
    )


def _style(
    kind: str,
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    based: str = "",
    extra: str = "",
) -> str:
    custom = ' w:customStyle="1"' if extra == "custom" else ""
    custom += ' w:default="1"' if style_id == "Normal" else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"{custom}>'
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based}"/>' if based else "")
        + "<w:qFormat/>"
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


def _size(points: float) -> str:
    half = int(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


INDENT2 = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
EXACT = f'<w:spacing w:line="{LINE_PITCH}" w:lineRule="exact"/>'
OFF_GRID = '<w:snapToGrid w:val="0"/>'
"""Lines of their own height, not the 22-line grid's (tables, notes, captions, footers)."""
TIGHT = OFF_GRID + '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
TOC_TABS = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'

STYLES_XML = (
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    + _fonts(FANGSONG)
    + f'<w:spacing w:val="{CHAR_SPACING}"/><w:kern w:val="2"/>'
    + _size(16)
    + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>'
    '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + _style("paragraph", "Normal", "Normal", EXACT, _fonts(FANGSONG) + _size(16))
    + _style("paragraph", "BodyText", "规划正文", EXACT + INDENT2, based="Normal", extra="custom")
    + _style(
        "paragraph",
        "Title",
        "Title",
        f'<w:spacing w:before="2400" w:after="1200" w:line="{LINE_PITCH * 3 // 2}" '
        'w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
        _fonts(XBS) + _size(22),
        based="Normal",
    )
    + _style(
        "paragraph",
        "CoverLine",
        "封面署名",
        '<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>',
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:spacing w:before="579" w:after="579" '
        f'w:line="{LINE_PITCH}" w:lineRule="exact"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
    )
    + _style(
        "paragraph",
        "PlanSection",
        "标题 2（节）",
        '<w:keepNext/><w:spacing w:before="290" w:after="290" '
        f'w:line="{LINE_PITCH}" w:lineRule="exact"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="1"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "Heading2",
        "heading 2",
        "<w:keepNext/>" + INDENT2 + '<w:outlineLvl w:val="1"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
    )
    + _style(
        "paragraph",
        "Heading3",
        "heading 3",
        "<w:keepNext/>" + INDENT2 + '<w:outlineLvl w:val="2"/>',
        _fonts(KAITI) + _size(16),
        based="Normal",
    )
    + _style(
        "paragraph",
        "Heading4",
        "heading 4",
        "<w:keepNext/>" + INDENT2 + '<w:outlineLvl w:val="3"/>',
        _fonts(FANGSONG) + "<w:b/><w:bCs/>" + _size(16),
        based="Normal",
    )
    + _style(
        "paragraph",
        "Heading5",
        "heading 5",
        "<w:keepNext/>" + INDENT2 + '<w:outlineLvl w:val="4"/>',
        _fonts(FANGSONG) + _size(16),
        based="Normal",
    )
    + _style(
        "paragraph",
        "PrefaceTitle",
        "前言标题",
        '<w:keepNext/><w:spacing w:before="579" w:after="579"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "AppendixTitle",
        "附表标题",
        '<w:keepNext/><w:spacing w:before="0" w:after="290"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
        extra="custom",
    )
    + _style("character", "LeadHei", "引领句（黑体）", "", _fonts(HEITI), extra="custom")
    + _style("character", "LeadKai", "引领句（楷体）", "", _fonts(KAITI), extra="custom")
    + _style("character", "LeadBold", "引领句（加粗）", "", "<w:b/><w:bCs/>", extra="custom")
    + _style("character", "LeadPlain", "引领句", "", "", extra="custom")
    + _style("character", "CodeChar", "代码", "", _fonts("Courier New") + _size(12), extra="custom")
    + _style("paragraph", "ListText", "列表", EXACT + NO_INDENT, based="Normal", extra="custom")
    + _style(
        "paragraph",
        "QuoteText",
        "引文",
        EXACT + '<w:ind w:left="640" w:right="640"/>',
        _fonts(KAITI),
        based="Normal",
        extra="custom",
    )
    + _style("paragraph", "CodeText", "代码段", TIGHT + NO_INDENT, based="Normal", extra="custom")
    + _style(
        "paragraph",
        "RuleLine",
        "分隔线",
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>',
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TOCHeading",
        "目录标题",
        '<w:spacing w:before="0" w:after="579"/><w:jc w:val="center"/>',
        _fonts(HEITI) + _size(16),
        based="Normal",
        extra="custom",
    )
    + _style("paragraph", "TOC1", "toc 1", TOC_TABS + NO_INDENT, _fonts(HEITI), based="Normal")
    + _style(
        "paragraph",
        "TOC2",
        "toc 2",
        TOC_TABS + '<w:ind w:leftChars="200" w:left="640"/>',
        based="Normal",
    )
    + _style(
        "paragraph",
        "TOC3",
        "toc 3",
        TOC_TABS + '<w:ind w:leftChars="400" w:left="1280"/>',
        based="Normal",
    )
    + _style(
        "paragraph",
        "BoxTitle",
        "专栏标题",
        OFF_GRID + '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/>',
        _fonts(HEITI) + _size(14),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "BoxText",
        "专栏正文",
        '<w:spacing w:line="440" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="200" w:firstLine="560"/>',
        _size(14),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "BoxHeading",
        "专栏小标题",
        '<w:keepNext/><w:spacing w:line="440" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="200" w:firstLine="560"/>',
        _fonts(HEITI) + _size(14),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableCaption",
        "表题",
        "<w:keepNext/>" + OFF_GRID + '<w:spacing w:before="290" w:after="120" w:line="360" '
        'w:lineRule="auto"/><w:jc w:val="center"/>',
        _fonts(HEITI) + _size(14),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableUnit",
        "表单位",
        "<w:keepNext/>" + TIGHT + '<w:jc w:val="right"/>',
        _size(12),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableText",
        "表格文字",
        TIGHT + '<w:jc w:val="center"/>',
        _fonts(FANGSONG) + _size(10.5),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableName",
        "表格文字（左齐）",
        TIGHT + '<w:jc w:val="left"/>',
        _size(10.5),
        based="TableText",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableGroup",
        "表格分组",
        TIGHT + '<w:jc w:val="left"/>',
        _fonts(HEITI) + _size(10.5),
        based="TableText",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableHeading",
        "表头",
        TIGHT + '<w:jc w:val="center"/>',
        _fonts(HEITI) + _size(10.5),
        based="TableText",
        extra="custom",
    )
    + _style(
        "paragraph",
        "TableNote",
        "表注",
        OFF_GRID
        + '<w:spacing w:before="60" w:after="290" w:line="360" w:lineRule="auto"/>'
        + NO_INDENT,
        _size(12),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "AfterTable",
        "表后空行",
        '<w:spacing w:before="0" w:after="0" w:line="290" w:lineRule="exact"/>',
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "NoticeHeader",
        "发文机关标志",
        '<w:spacing w:before="600" w:after="600" w:line="240" '
        'w:lineRule="auto"/><w:jc w:val="center"/>',
        _fonts(XBS) + f'<w:color w:val="{RED}"/>' + _size(26),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "NoticeTitle",
        "公文标题",
        '<w:spacing w:before="290" w:after="290" w:line="700" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>',
        _fonts(XBS) + _size(22),
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "DocNumber",
        "发文字号",
        '<w:jc w:val="center"/>',
        based="Normal",
        extra="custom",
    )
    + _style(
        "paragraph",
        "RedRule",
        "版头分隔线",
        '<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" '
        f'w:color="{RED}"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="579" w:line="120" w:lineRule="exact"/>',
        _size(2),
        based="Normal",
        extra="custom",
    )
    + _style("paragraph", "Footer", "footer", TIGHT, _fonts(SONG) + _size(14), based="Normal")
    + _style("table", "PlanTable", "规划表格", "", "", extra="custom").replace(
        "</w:style>",
        "<w:tblPr><w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
    )
    + _style("table", "BoxTable", "专栏", "", "", extra="custom")
    + _style("table", "DocInfoTable", "文件信息表", "", "", extra="custom")
    + "</w:styles>"
)
NUMBERING_STYLES_XML = {
    "volumes": _style(
        "paragraph",
        "PlanVolume",
        "标题 1（篇）",
        '<w:keepNext/><w:spacing w:before="579" w:after="579" '
        f'w:line="{LINE_PITCH}" w:lineRule="exact"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _fonts(XBS) + _size(18),
        based="Normal",
        extra="custom",
    ),
}
"""Styles only plans in that numbering style use (the 篇 heading): other plans' files stay as they were."""


def styles_xml(numbering: str, notice: str = "") -> str:
    """styles.xml for a plan in the numbering style `numbering`, with the notice's styles."""
    extra = notice + NUMBERING_STYLES_XML.get(numbering, "")
    return STYLES_XML.replace("</w:styles>", extra + "</w:styles>") if extra else STYLES_XML
