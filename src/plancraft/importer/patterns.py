"""The typed numbering and punctuation of Chinese plan documents, as an importer has to recognise them."""

from __future__ import annotations

import re

from ..compile.numbering import NUMERAL_CHARS

CN = NUMERAL_CHARS
BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
"""Word's bookmark residue in text extractions: [bookmark: _Toc123]."""
CAPTION_RE = re.compile(r"^表\s*([0-9]+)\s*[:：.．]?\s*(.+)$")
NOTE_RE = re.compile(r"^(备\s*注|注)\s*[0-9]*\s*[:：]")
BOX_RE = re.compile(r"^专栏\s*([0-9]+|[" + CN + r"]+)\s*[:：]?\s*(.*)$")

AFTER_WORD = r"\s*[：:、.．]?\s*(.+)$"
"""What follows 第一部分 before its title: a space, or a colon (第一部分：总体要求) or 、 some drafters type."""
# Heading patterns by kind; the importer maps kinds to depths by the document's style.
HEADING_RES: dict[str, re.Pattern[str]] = {
    "volume": re.compile(r"^第\s*([" + CN + r"0-9]+)\s*篇" + AFTER_WORD),
    "part": re.compile(r"^第\s*([" + CN + r"0-9]+)\s*部分" + AFTER_WORD),
    "chapter": re.compile(r"^第\s*([" + CN + r"0-9]+)\s*章" + AFTER_WORD),
    "section": re.compile(r"^第\s*([" + CN + r"0-9]+)\s*节" + AFTER_WORD),
    "cn": re.compile(r"^([" + CN + r"]+)\s*[、.．]\s*(.+)$"),
    "paren-cn": re.compile(r"^[（(]\s*([" + CN + r"]+)\s*[)）]\s*(.+)$"),
    "arabic": re.compile(r"^([0-9]{1,2})\s*[.．](?![0-9])\s*(.+)$"),
    "arabic-comma": re.compile(r"^([0-9]{1,2})\s*、\s*(.+)$"),
    "paren-arabic": re.compile(r"^[（(]\s*([0-9]{1,2})\s*[)）]\s*(.+)$"),
}
# 1、 is the 1. level; a 5、 continuing 四、 is a slip for 五、 (see outline.repair_slips).
SLIPS = {"arabic-comma": "arabic"}
TERMINAL = "。！？；：…"
CJK = r"\u3400-\u9fff"


def heading_kind(text: str) -> tuple[str, str] | None:
    """The numbering kind a line starts with and the text after the number, if it is numbered."""
    for kind, pattern in HEADING_RES.items():
        match = pattern.match(text)
        if match:
            return SLIPS.get(kind, kind), match.group(2).strip()
    return None


def is_heading(text: str) -> bool:
    """Whether a line starts with a typed heading number or 专栏."""
    return heading_kind(text) is not None or BOX_RE.match(text) is not None


def is_prose_end(text: str) -> bool:
    """Whether a line ends a sentence (so a following line starts a new paragraph)."""
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in TERMINAL:
        return True
    return text[-1] in "”’」』）)" and len(text) > 1 and text[-2] in TERMINAL


def clean(text: str) -> str:
    """Trim a line and give Chinese text full-width punctuation; spaces an extraction left in CJK text go."""
    text = text.strip().replace("\u3000", " ")
    text = re.sub(r"(?<=[" + CJK + r"”’）》])\s*,\s*", "，", text)
    text = re.sub(r"(?<=[" + CJK + r"”’）》])\s*;\s*", "；", text)
    text = re.sub(r"(?<=[" + CJK + r"”’）》])\s*:(?![0-9])\s*", "：", text)
    text = re.sub(r"\(\s*(?=[" + CJK + r"%])", "（", text)
    text = re.sub(r"(?<=[" + CJK + r"%）])\s*\)", "）", text)
    text = re.sub(r"(?<=[" + CJK + r"])\?", "？", text)
    text = re.sub(r"(?<=[" + CJK + r"”])!", "！", text)
    text = re.sub(r"(?<=[" + CJK + r"，。、；：“”（）《》])\s+(?=[0-9A-Za-z])", "", text)
    text = re.sub(r"(?<=[0-9A-Za-z%])\s+(?=[" + CJK + r"，。、；：“”（）《》])", "", text)
    text = re.sub(r"(?<=[，。、；：“”（）《》])\s+|\s+(?=[，。、；：“”（）《》])", "", text)
    text = re.sub(r"\s+(?=[²³])", "", text)
    return re.sub(r"[ \t]+", " ", text)


def join_cjk(first: str, second: str) -> str:
    """Two pieces of a line split by a page break, joined without a space between Chinese characters."""
    return clean(first.rstrip() + second.lstrip())


def strip_spaces(text: str) -> str:
    """A heading or title without the spaces an extraction put between Chinese characters."""
    return re.sub(r"(?<=[" + CJK + r"”“）（》《])\s+(?=[" + CJK + r"”“）（》《])", "", clean(text))
