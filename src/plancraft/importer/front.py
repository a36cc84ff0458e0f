"""Front matter: document metadata, the issuing notice, the title block and a heading-less preface."""
from __future__ import annotations

import re

from .blocks import Line
from .patterns import clean, is_prose_end, strip_spaces
from .structure import Document, Note, Para

META_KEYS = {"发文单位": "issuer", "成文日期": "written", "发布日期": "published", "实施日期": "effective",
             "废止日期": "expires", "发文字号": "doc_number", "文件有效性": "validity", "签发人": "signer"}
META_RE = re.compile(r"^(" + "|".join(META_KEYS) + r")\s*[:：]\s*(.*)$")
DOC_NUMBER_RE = re.compile(r"^([\u4e00-\u9fff]{1,10}〔\s*\d{4}\s*〕\s*\d+\s*号)\s*(.*)$")
DATE_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$")
ORG_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(局|委员会|委|人民政府|政府|办公室|办公厅|厅|中心)$")
TITLE_RE = re.compile(r"(规划|计划|方案|纲要)")


def iso_date(match: re.Match[str]) -> str:
    """2023年6月13日 → 2023-06-13; 2021年12月 → 2021-12."""
    year, month, day = match.group(1), int(match.group(2)), match.group(3)
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def read_front(document: Document, lines: list[Line]) -> None:
    """Classify the lines before the plan's first heading; report those that fit nowhere."""
    state = "start"
    for block in lines:
        text = clean(block.text)
        meta = META_RE.match(text)
        if meta:
            key, value = META_KEYS[meta.group(1)], meta.group(2).strip()
            if value:
                document.meta.setdefault(key, value)
            continue
        number = DOC_NUMBER_RE.match(text)
        if number:
            document.meta.setdefault("doc_number", re.sub(r"\s+", "", number.group(1)))
            text = number.group(2).strip()
            if not text:
                continue
        if "通知" in text and not is_prose_end(text) and state in ("start",):
            state = "notice"
            document.notice.append(Para(block.line, strip_spaces(text), cls="center"))
            continue
        date = DATE_RE.match(text)
        if state == "notice":
            if date or ORG_RE.match(text) and len(text) <= 30:
                document.notice.append(Para(block.line, text, cls="signature"))
            elif text.endswith("：") and len(text) <= 60:
                document.notice.append(Para(block.line, text, cls="addressee"))
            elif TITLE_RE.search(text) and not is_prose_end(text) and len(text) <= 60 and "：" not in text:
                state = "title"
                document.title = strip_spaces(text)
            else:
                if not is_prose_end(text):
                    document.notes.append(Note(block.line, f"'{text[:30]}' kept in the notice as a paragraph"))
                document.notice.append(Para(block.line, text))
            continue
        if state == "start" and ORG_RE.match(text):
            document.meta.setdefault("issuer", text)
            document.meta.setdefault("notice_header", text)
            continue
        if state in ("start",) and TITLE_RE.search(text) and not is_prose_end(text) and len(text) <= 60:
            state = "title"
            document.title = strip_spaces(text)
            continue
        if state == "title" and (ORG_RE.match(text) or date):
            if date:
                document.meta.setdefault("written", iso_date(date))
            else:
                document.meta["issuer"] = text
            continue
        if is_prose_end(text):
            document.preface.append(Para(block.line, text))
        else:
            document.notes.append(Note(block.line, f"could not classify '{text[:30]}'; kept as a preface paragraph"))
            document.preface.append(Para(block.line, text))


def normalise_meta_dates(document: Document) -> None:
    """Dates as ISO strings (2023-06-13), whatever form the source gave."""
    for key in ("written", "published", "effective", "expires"):
        value = document.meta.get(key, "")
        match = DATE_RE.match(value)
        if match:
            document.meta[key] = iso_date(match)
        elif value and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            document.meta.pop(key)
