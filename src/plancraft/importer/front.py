"""Front matter: document metadata, the issuing notice, the title block and a heading-less preface."""

from __future__ import annotations

import re

from ..compile.numbering import DIGITS, NUMERAL_CHARS, parse_chinese
from ..i18n import _
from .blocks import Block, Line
from .patterns import clean, is_prose_end, strip_spaces
from .structure import Document, Note, Para

META_KEYS = {
    "发文单位": "issuer",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "成文日期": "written",
    "发布日期": "published",
    "实施日期": "effective",
    "废止日期": "expires",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "文件有效性": "validity",
    "签发人": "signer",
    "索引号": "index",
}
META_RE = re.compile(r"^(" + "|".join(META_KEYS) + r")\s*[:：]\s*(.*)$")
OTHER_KEYS = r"|主题分类|标题|体裁分类"
META_SPLIT_RE = re.compile(r"\s*(?=(?:" + "|".join(META_KEYS) + OTHER_KEYS + r")\s*[:：])")
OPENERS, CLOSERS = "〔[［（(【", "〕]］）)】"
DOC_NUMBER_RE = re.compile(
    r"^([\u4e00-\u9fff]{1,10}?)\s*([" + re.escape(OPENERS) + r"])\s*(\d{4})"
    r"\s*([" + re.escape(CLOSERS) + r"])\s*(\d+)\s*号\s*(.*)$"
)
CN_DIGITS = "0-9" + NUMERAL_CHARS
DATE_RE = re.compile(
    r"^([0-9" + DIGITS + r"〇]{4})\s*年\s*([" + CN_DIGITS + r"]{1,3})\s*月"
    r"(?:\s*([" + CN_DIGITS + r"]{1,3})\s*日)?$"
)
NUMERIC_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?"
    r"(?:\s+[0-9:]+)?$"
)
ORG_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(局|委员会|委|人民政府|政府|办公室|办公厅|厅|中心)$"
)
TITLE_RE = re.compile(r"(规划|计划|方案|纲要)")
TRAILING_NUMBER_RE = re.compile(
    r"^(.*?)\s+([\u4e00-\u9fff]{1,10}["
    + re.escape(OPENERS)
    + r"]\s*\d{4}\s*["
    + re.escape(CLOSERS)
    + r"]\s*\d+\s*号)$"
)
PRINTED_RE = re.compile(r"^(.{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
COPIED_RE = re.compile(r"^抄\s*送\s*[:：]")
PAIRS = ("（）", "()", "《》", "“”", "〔〕", "【】", "[]")


def iso_date(match: re.Match[str]) -> str:
    """2023年6月13日 / 二〇二二年八月二十四日 / 2022-8-24 → 2022-08-24; 2021年12月 → 2021-12."""
    year, month, day = (parse_chinese(part) if part else None for part in match.groups()[:3])
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def parse_date(text: str) -> str | None:
    """A date in any of the usual forms as an ISO string, or None."""
    match = DATE_RE.match(text.strip()) or NUMERIC_DATE_RE.match(text.strip())
    if not match:
        return None
    year, month, day = (parse_chinese(part) if part else None for part in match.groups()[:3])
    if not year or not month or not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return iso_date(match)


def doc_number(text: str, line: int, notes: list[Note]) -> tuple[str, str] | None:
    """A 发文字号 with 〔〕, [] or （） as 门民发〔2023〕76号, and the text after it."""
    match = DOC_NUMBER_RE.match(text)
    if not match:
        return None
    org, opener, year, closer, number, rest = match.groups()
    if OPENERS.index(opener) != CLOSERS.index(closer):
        shown = match.group(0)[:24]
        notes.append(
            Note(
                line,
                _(
                    "mismatched brackets in the 发文字号 '{number}' ({brackets}); written with 〔〕"
                ).format(number=shown, brackets=f"{opener}…{closer}"),
                "import-brackets",
            )
        )
    return f"{org}〔{year}〕{number}号", rest.strip()


def unbalanced(text: str) -> list[str]:
    """The bracket pairs that do not balance in a title: （…, 《…》》 …"""
    return [pair for pair in PAIRS if text.count(pair[0]) != text.count(pair[1])]


def _meta_items(text: str) -> list[tuple[str, str]]:
    """The key：value pairs of a metadata line (a web page often puts several on one)."""
    items = []
    for piece in META_SPLIT_RE.split(text):
        match = META_RE.match(piece.strip())
        if match:
            items.append((META_KEYS[match.group(1)], match.group(2).strip()))
    return items


def _read_meta(document: Document, block: Line, text: str) -> bool:
    """Take metadata lines; the keys stated override values guessed from the title block."""
    items = _meta_items(text) if META_RE.match(text) else []
    for key, value in items:
        if not value:
            continue
        if key == "index":
            message = _("索引号 {value} read; plan.yaml has no field for it").format(value=value)
            document.notes.append(Note(block.line, message))
        elif key == "doc_number":
            found = doc_number(value, block.line, document.notes)
            document.meta[key] = found[0] if found else value
        else:
            document.meta[key] = parse_date(value) or value if key in DATE_KEYS else value
    if items:
        document.meta[WEB_METADATA] = "yes"
    return bool(items)


DATE_KEYS = ("written", "published", "effective", "expires")
WEB_METADATA = "web_metadata"
"""Set in Document.meta when the document lists a website's 发文单位 … 文件有效性 lines."""


def read_front(document: Document, lines: list[Line]) -> None:
    """Classify the lines before the plan's first heading; report those that fit nowhere."""
    state = "start"
    for block in lines:
        text = clean(block.text)
        if _read_meta(document, block, text):
            continue
        number = doc_number(text, block.line, document.notes) or _trailing_number(
            text, block, document
        )
        if number:
            document.meta.setdefault("doc_number", number[0])
            text = number[1]
            if not text:
                continue
        if "通知" in text and not is_prose_end(text) and state in ("start", "title"):
            state = "notice"
            document.notice.append(Para(block.line, strip_spaces(text), cls="center"))
            continue
        date = parse_date(text)
        if state == "notice":
            if date or ORG_RE.match(text) and len(text) <= 30:
                document.notice.append(Para(block.line, text, cls="signature"))
            elif text.endswith("：") and len(text) <= 60:
                document.notice.append(Para(block.line, text, cls="addressee"))
            elif (
                TITLE_RE.search(text)
                and not is_prose_end(text)
                and len(text) <= 60
                and "：" not in text
            ):
                state = "title"
                _title(document, block, text)
            else:
                if not is_prose_end(text):
                    document.notes.append(
                        Note(
                            block.line,
                            _("'{text}' kept in the notice as a paragraph").format(text=text[:30]),
                        )
                    )
                document.notice.append(Para(block.line, text))
            continue
        if state == "start" and ORG_RE.match(text):
            document.meta.setdefault("issuer", text)
            document.meta.setdefault("notice_header", text)
            continue
        if (
            state in ("start",)
            and TITLE_RE.search(text)
            and not is_prose_end(text)
            and len(text) <= 60
        ):
            state = "title"
            _title(document, block, text)
            continue
        if state == "title" and (ORG_RE.match(text) or date):
            if date:
                document.meta.setdefault("written", date)
            else:
                document.meta["issuer"] = text
            continue
        if is_prose_end(text):
            document.preface.append(Para(block.line, text))
        else:
            document.notes.append(
                Note(
                    block.line,
                    _("could not classify '{text}'; kept as a preface paragraph").format(
                        text=text[:30]
                    ),
                )
            )
            document.preface.append(Para(block.line, text))


def _trailing_number(text: str, block: Line, document: Document) -> tuple[str, str] | None:
    """A 发文字号 closing a front-matter line (…文件 禄政通〔2022〕24号): the number and the text before it."""
    match = TRAILING_NUMBER_RE.search(text)
    if not match or not match.group(1).strip():
        return None
    found = doc_number(match.group(2), block.line, document.notes)
    return (found[0], match.group(1).strip()) if found else None


def _title(document: Document, block: Line, text: str) -> None:
    document.title = strip_spaces(text)
    pairs = unbalanced(document.title)
    if pairs:
        message = _("mismatched brackets in the title '{title}': {pairs} do not pair up").format(
            title=document.title[:30], pairs=", ".join(pairs)
        )
        document.notes.append(Note(block.line, message, "import-brackets"))


def take_colophon(blocks: list[Block], document: Document) -> list[Block]:
    """The closing 抄送 and …印发 lines go to the notice (without one, noted and dropped)."""
    kept = list(blocks)
    found: list[Line] = []
    while (
        kept
        and isinstance(last := kept[-1], Line)
        and (COPIED_RE.match(last.text) or PRINTED_RE.match(last.text))
    ):
        found.insert(0, last)
        kept.pop()
    for block in found:
        if document.notice:
            document.notice.append(Para(block.line, block.text))
            message = _("'{text}' kept at the end of the notice").format(text=block.text[:16])
            document.notes.append(Note(block.line, message))
        else:
            message = _("'{text}' dropped: the document has no notice").format(text=block.text[:16])

            document.notes.append(Note(block.line, message))
    return kept


def normalise_meta_dates(document: Document) -> None:
    """Dates as ISO strings (2023-06-13), whatever form the source gave."""
    for key in DATE_KEYS:
        value = document.meta.get(key, "")
        date = parse_date(value) if value else None
        if date:
            document.meta[key] = date
        elif value and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            document.meta.pop(key)
