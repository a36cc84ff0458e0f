"""The 印发通知's GB/T 9704 elements in Word: 发文字号 and 签发人 on one line, the signature centred over
the date, 公开属性, and the 版记 in a frame at the foot of the notice's last page, all by named styles."""

from __future__ import annotations

import math
import re

from ...compile import document as doc
from ...compile.rules.notice import DATE_LINE_RE
from .styles import EXACT, KAITI, LINE_PITCH, OFF_GRID, TEXT_WIDTH, _fonts, _size, _style
from .wordml import paragraph_xml, run_xml

CHAR = round(TEXT_WIDTH / 28)
"""One character of the 28-character line (a condensed 三号 character), in twips."""
HALF = CHAR // 2
IMPRINT_CHAR = 280
"""One 四号 (14 pt) character of the 版记, in twips."""
DATE_TEXT = "0000年0月00日"
"""The date the signature is centred over when a document has none."""
THICK, THIN = 8, 6
"""The 版记's rules in eighths of a point: 0.35 mm first and last, 0.25 mm between (GB/T 9704 7.4.1)."""


AUTOSPACE = 80
"""The space Word and LibreOffice put between Chinese and Latin letters or digits (a quarter em)."""


def width(text: str) -> int:
    """The width of a line of 三号 text in twips: a CJK character one grid cell, ASCII half of one,
    and a quarter em where Chinese meets Latin letters or digits."""
    text = text.strip()
    latin = [char.isascii() and char.isalnum() for char in text]
    meets = sum(1 for a, b in zip(latin, latin[1:], strict=False) if a != b)
    return sum(HALF if ord(char) < 128 else CHAR for char in text) + AUTOSPACE * meets


def plain(block: doc.Paragraph) -> str:
    return "".join(run.text for run in block.runs if isinstance(run, doc.Text))


def signature_style(block: doc.Paragraph) -> str:
    """The style of a {.signature} paragraph: 成文日期 for a date line, else 发文机关署名."""
    return "NoticeDate" if DATE_LINE_RE.match(plain(block)) else "NoticeSignature"


def signature_box(notice: doc.Notice | None) -> int:
    """The left indent of the signature style: its centred line then sits over the date's middle
    (GB/T 9704 7.3.5), or against the right margin when the signature is wider than that."""
    lines = [
        block
        for block in (notice.blocks if notice else [])
        if isinstance(block, doc.Paragraph) and "signature" in block.classes
    ]
    dates = [width(plain(block)) for block in lines if signature_style(block) == "NoticeDate"]
    names = [width(plain(block)) for block in lines if signature_style(block) != "NoticeDate"]
    middle = 4 * CHAR + max(dates or [width(DATE_TEXT)]) // 2
    return max(TEXT_WIDTH - max(2 * middle, max(names or [0])), 0)


def _borders(**sides: int) -> str:
    return "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'
        for side, size in sides.items()
    )


IMPRINT_LINE = OFF_GRID + '<w:spacing w:before="0" w:after="0" w:line="440" w:lineRule="exact"/>'
"""A 版记 line: 四号 on a 22 pt pitch, off the page's grid."""
INNER = TEXT_WIDTH - 2 * IMPRINT_CHAR
"""The 版记's text width: one character in from each side of the 版心."""
EMU = 635
"""EMU in a twip."""
SLACK = 240
"""Room in the 版记's box besides its lines (rules, the closing paragraph, a line wrapped more than
reckoned); the box keeps its height (Word clips what overflows) and holds its text at its foot."""
BOX = (
    '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
    'relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:wrapTopAndBottom/><wp:docPr id="{id}" name="版记"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    "<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>{content}"
    "</w:txbxContent></wps:txbx>"
    '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
    'anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
    "</wp:anchor></w:drawing></w:r>"
)
"""The 版记's text box: the 版心's width, its last rule on the 版心's foot (GB/T 9704 7.4.1)."""
BOX_NAMESPACES = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
"""The text box's namespace, besides the picture namespaces (body.PIC_NAMESPACES)."""


def notice_styles(notice: doc.Notice | None) -> str:
    """The notice's styles; the signature's indent is measured on the plan's own date."""
    return (
        _style(
            "paragraph",
            "DocNumberSigner",
            "发文字号与签发人",
            f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH - CHAR}"/></w:tabs>'
            f'<w:ind w:leftChars="100" w:left="{CHAR}" w:firstLineChars="0" w:firstLine="0"/>'
            '<w:jc w:val="left"/>',
            based="Normal",
            extra="custom",
        )
        + _style("character", "SignerName", "签发人姓名", "", _fonts(KAITI), extra="custom")
        + _style(
            "paragraph",
            "NoticeSignature",
            "发文机关署名",
            f'<w:spacing w:before="{LINE_PITCH}" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            f'<w:ind w:left="{signature_box(notice)}" w:right="0" w:firstLineChars="0" '
            'w:firstLine="0"/><w:contextualSpacing/><w:jc w:val="center"/>',
            based="Normal",
            extra="custom",
        )
        + _style(
            "paragraph",
            "NoticeDate",
            "成文日期",
            EXACT + f'<w:ind w:rightChars="400" w:right="{4 * CHAR}" w:firstLineChars="0" '
            'w:firstLine="0"/><w:jc w:val="right"/>',
            based="Normal",
            extra="custom",
        )
        + _style(
            "paragraph",
            "NoticePublic",
            "公开属性",
            EXACT + '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="left"/>',
            based="Normal",
            extra="custom",
        )
        + _style(
            "paragraph",
            "Imprint",
            "版记",
            "<w:keepLines/>" + IMPRINT_LINE + '<w:ind w:left="0" w:right="0"/><w:jc w:val="left"/>',
            _size(14),
            based="Normal",
            extra="custom",
        )
        + _style(
            "paragraph",
            "ImprintCopyTo",
            "版记抄送",
            f'<w:ind w:left="{3 * IMPRINT_CHAR}" w:hanging="{3 * IMPRINT_CHAR}"/>',
            based="Imprint",
            extra="custom",
        )
        + _style(
            "paragraph",
            "ImprintPrinted",
            "版记印发",
            f'<w:tabs><w:tab w:val="right" w:pos="{INNER}"/></w:tabs>',
            based="Imprint",
            extra="custom",
        )
        + _style(
            "paragraph",
            "ImprintAnchor",
            "版记位置",
            OFF_GRID + '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>',
            _size(1),
            based="Normal",
            extra="custom",
        )
    )


def header_lines(notice: doc.Notice) -> str:
    """发文字号 centred, or with 签发人 on its line: the number one character in from the left, the
    signer one in from the right, the signer's name in 楷体 (GB/T 9704 7.2.3, 7.2.4)."""
    if notice.signer:
        return paragraph_xml(
            run_xml(notice.doc_number)
            + "<w:r><w:tab/></w:r>"
            + run_xml("签发人：")
            + run_xml(notice.signer, "SignerName"),
            "DocNumberSigner",
        )
    return paragraph_xml(run_xml(notice.doc_number), "DocNumber") if notice.doc_number else ""


def public_line(notice: doc.Notice, mark) -> str:
    """公开属性 on the line under the date, two characters in."""
    if not notice.public:
        return ""
    return paragraph_xml(mark("notice-public", run_xml(notice.public)), "NoticePublic")


def imprint(notice: doc.Notice, mark, drawing: int) -> str:
    """The 版记 (抄送, 印发机关 and 印发日期 between rules as wide as the 版心) in a text box on the
    foot of the document's last page, after the plan it sends (GB/T 9704 7.3.7, 7.4.1)."""
    out = ""
    rows = []
    if notice.copy_to:
        rows.append(("ImprintCopyTo", run_xml(f"抄送：{'，'.join(notice.copy_to)}。")))
    if notice.printer or notice.printed:
        rows.append(
            (
                "ImprintPrinted",
                run_xml(notice.printer) + "<w:r><w:tab/></w:r>" + run_xml(notice.printed),
            )
        )
    if not rows:
        return out
    cells = []
    for index, (style, content) in enumerate(rows):
        borders = _borders(top=THICK) if index == 0 else ""
        borders += _borders(bottom=THICK if index == len(rows) - 1 else THIN)
        cells.append(
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TEXT_WIDTH}" '
            f'w:type="dxa"/><w:tcBorders>{borders}</w:tcBorders></w:tcPr>'
            f"{paragraph_xml(content, style)}</w:tc></w:tr>"
        )
    table = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{IMPRINT_CHAR}" w:type="dxa"/><w:right w:w="{IMPRINT_CHAR}" '
        'w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>{"".join(cells)}</w:tbl>'
        + paragraph_xml("", "ImprintAnchor")
    )
    lines = sum(
        max(math.ceil(width(plain_runs(content)) * 14 / 16 / (INNER - 3 * IMPRINT_CHAR)), 1)
        for _style_id, content in rows
    )
    height = lines * 440 + SLACK
    box = BOX.format(cx=TEXT_WIDTH * EMU, cy=height * EMU, id=drawing, content=table)
    return out + paragraph_xml(mark("notice-imprint", box), "ImprintAnchor")


def plain_runs(xml: str) -> str:
    """The text of runs written by run_xml (for measuring)."""
    return "".join(re.findall(r"<w:t [^>]*>([^<]*)</w:t>", xml))
