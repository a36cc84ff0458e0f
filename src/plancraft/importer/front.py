"""Front matter: document metadata, the issuing notice, the title block and a heading-less preface."""

from __future__ import annotations

import re

from ..compile.numbering import DIGITS, NUMERAL_CHARS, parse_chinese
from ..i18n import _
from .blocks import Block, Line
from .meta import split_orgs
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
    "标题": "title",
    "来源": "source",
    "信息来源": "source",
}
META_RE = re.compile(r"^(" + "|".join(META_KEYS) + r")\s*[:：]\s*(.*)$")
OTHER_KEYS = r"|主题分类|标题|体裁分类|有效性"
BRACKETED_FIELD_RE = re.compile(
    r"[\[［【]\s*([^\]］】]{2,8}?)\s*[\]］】]\s*[|｜]\s*([^|｜]*?)\s*[|｜]"
)
"""A portal's metadata grid copied as text: [ 发布机构 ] | 高新区消防办公室 |."""
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
TITLE_END_RE = re.compile(
    r"(规划|计划|方案|纲要|的建议|的意见|的决定)\s*([（(][^（）()]{1,20}[)）]?)?$"
)
"""A title line ends by naming the document (…规划, …纲要（2021—2035年）, 关于制定…规划的建议), not
mid-sentence."""
ADOPTED_RE = re.compile(
    rf"^[（(]?\s*([0-9{DIGITS}〇]{{4}}\s*年\s*[{CN_DIGITS}]{{1,3}}\s*月(?:\s*[{CN_DIGITS}]{{1,3}}\s*日)?)"
    r"([^（）()。]{2,50}?(?:通过|批准))?\s*[）)]?$"
)
"""The line under a title saying when a meeting adopted it (（2020年10月29日…全体会议通过）) or, in
brackets, only its date (（2026年2月13日）)."""
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
    text = BRACKETED_FIELD_RE.sub(r"\1：\2 ", text).strip()
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
    held = ""
    for index, block in enumerate(lines):
        text = clean(block.text)
        if held:
            text, held = held + text, ""
        if _opens_notice_title(text, lines[index + 1 :]):
            held = text
            continue
        if _read_meta(document, block, text):
            continue
        adopted = ADOPTED_RE.match(text)
        if adopted and state in ("start", "title") and (adopted.group(2) or text[0] in "（("):
            document.meta.setdefault("written", parse_date(adopted.group(1)) or "")
            if adopted.group(2):
                document.preface.append(Para(block.line, text))
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
                if date:
                    document.meta.setdefault("written", date)
                else:
                    _add(document.meta, "signers", text)
            elif text.endswith("：") and len(text) <= 60:
                document.notice.append(Para(block.line, text, cls="addressee"))
            elif (
                TITLE_END_RE.search(text)
                and "《" not in text
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
        cover = _cover_issuers(text) if state == "start" else None
        if cover:
            document.meta.setdefault("notice_header", text)
            for org in cover:
                _add(document.meta, "cover_issuers", org)
            continue
        if state == "title" and _continues_title(document.title, text):
            document.title = strip_spaces(document.title + text)
            continue
        if (
            state in ("start",)
            and TITLE_END_RE.search(text)
            and "《" not in text
            and not is_prose_end(text)
            and len(text) <= 60
        ):
            state = "title"
            _title(document, block, _title_head(document, lines, index) + text)
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


def _add(meta: dict[str, str], key: str, value: str) -> None:
    if value not in meta.get(key, "").split():
        meta[key] = f"{meta.get(key, '')} {value}".strip()


def _cover_issuers(text: str) -> list[str] | None:
    """The issuers a cover names (北京市民政局, 交通运输部 科学技术部 文件), or None."""
    bare = re.sub(r"\s*文\s*件$", "", text)
    if len(bare) > 40 or is_prose_end(bare):
        return None
    if ORG_RE.match(bare):
        return [bare]
    return split_orgs(bare) if bare != text else None


def _opens_notice_title(text: str, after: list[Line]) -> bool:
    """A notice title broken after 关于印发 (its 《…》的通知 on the next line)."""
    following = clean(after[0].text) if after else ""
    return (
        "关于" in text
        and "通知" not in text
        and not is_prose_end(text)
        and len(text) <= 40
        and "通知" in following
        and len(following) <= 60
    )


def _title_head(document: Document, lines: list[Line], index: int) -> str:
    """The first line of a two-line title, left unclassified just before the line naming the plan."""
    if index == 0 or not document.preface:
        return ""
    before = clean(lines[index - 1].text)
    last = document.preface[-1]
    if not isinstance(last, Para) or last.text != before or not _title_piece(before):
        return ""
    document.preface.pop()
    document.notes[:] = [note for note in document.notes if note.line != lines[index - 1].line]
    return before


def _continues_title(title: str, text: str) -> bool:
    """The second line of a title whose first line already names the plan (…发展\n规划)."""
    return (
        _title_piece(text)
        and bool(TITLE_END_RE.search(text))
        and not TITLE_END_RE.search(title)
        and len(title + text) <= 60
    )


def _title_piece(text: str) -> bool:
    return (
        0 < len(text) <= 30
        and not is_prose_end(text)
        and not ORG_RE.match(text)
        and parse_date(text) is None
        and "：" not in text
        and "通知" not in text
    )


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
