"""Markdown web copies read as a plain extraction: front matter, #, ** and > marks, pipe tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import _, ngettext
from .patterns import BOX_RE
from .structure import Note

FRONT_KEYS = {
    "title": "标题",
    "标题": "标题",
    "source": "来源",
    "来源": "来源",
    "author": "发文机关",
    "authors": "发文机关",
    "issuer": "发文机关",
    "publisher": "发布机构",
    "发布机构": "发布机构",
    "发文机关": "发文机关",
    "发文单位": "发文单位",
    "date": "发布日期",
    "published": "发布日期",
    "发布日期": "发布日期",
    "发布时间": "发布日期",
    "成文日期": "成文日期",
    "发文字号": "发文字号",
    "文号": "发文字号",
}
FRONT_LINE_RE = re.compile(r"^\s*([^:：\s]+)\s*[:：]\s*(.*?)\s*$")
FRONT_END_RE = re.compile(r"^\s*(?:-{3,}|\.{3})\s*$")
"""The line closing front matter: ---, or ---- and ... as some copies have it."""
FRONT_ITEM_RE = re.compile(r"^\s*-\s+(.*?)\s*$")
HEADING_MARK_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
RULE_RE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
QUOTE_RE = re.compile(r"^\s*>")
QUOTE_MARKS_RE = re.compile(r"^\s*(?:>\s?)+")
CALLOUT_RE = re.compile(r"^\[!\w+\]")
QUOTE_FURNITURE_RE = re.compile(
    r"^(?:\*\*)?(?:(?:信息)?来源|责任编辑|编辑|原标题|原文(?:链接|地址)?|链接|网址|转载|作者)\s*(?:\*\*)?[:：]"
    r"|https?://|www\.|\]\(|本文由|抓取"
)
"""What a scraper's or a site's quoted note holds; a quote of nothing else is dropped."""
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
BOLD_LINE_RE = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
BOLD_LEAD_RE = re.compile(r"^\s*\*\*(.+?)\*\*(.+)$")
SUMMARY_TOC_RE = re.compile(r"^\s*(?:<details>\s*)?<summary>\s*目\s*[录次]\s*</summary>\s*$")
LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|[0-9]+[.)])\s+\S")
DETAILS_TAG_RE = re.compile(r"^\s*</?details>\s*$")
MARKDOWN_HINT_RE = re.compile(r"^\s*(#{1,6}\s|\*\*|>|\|.*\|\s*$)")
QUOTED_SHOWN = 30


@dataclass
class MarkedLine:
    """A line with its Markdown marks removed, and its bold lead (the whole text if all of it is bold)."""

    number: int
    text: str
    bold_lead: str = ""


@dataclass
class Unmarked:
    """The lines of a Markdown copy as plain text, and what was dropped on the way."""

    lines: list[MarkedLine] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    box_ends: dict[int, int] = field(default_factory=dict)
    """The line of each 专栏 written as a block quote, and the last line of its quote."""


def looks_like_markdown(lines: list[tuple[int, str]]) -> bool:
    """A copy opening with front matter, or with several lines marked as Markdown headings, bold or quotes."""
    texts = [text for _, text in lines if text.strip()]
    if texts and texts[0].strip() == "---":
        return True
    return sum(1 for text in texts[:400] if MARKDOWN_HINT_RE.match(text)) >= 3


def unmark(lines: list[tuple[int, str]]) -> Unmarked:
    """The lines without Markdown: front matter as metadata lines, > quotes as text unless they are web
    notes, tables tab-separated."""
    result = Unmarked()
    start = _front_matter(lines, result)
    quoted: list[tuple[int, str]] = []
    quote: list[tuple[int, str]] = []
    body = _drop_toc_details(lines[start:], result)
    for number, text in [*body, (0, "")]:
        if QUOTE_RE.match(text):
            quote.append((number, QUOTE_MARKS_RE.sub("", text).strip()))
            continue
        if quote:
            quoted.extend(_quote(quote, result))
            quote = []
        if not number:
            break
        if RULE_RE.match(text) or TABLE_RULE_RE.match(text) and "|" in text:
            result.lines.append(MarkedLine(number, ""))
            continue
        result.lines.append(_plain(number, text))
    if quoted:
        shown = next((text for _, text in quoted if text), "")[:QUOTED_SHOWN]
        result.notes.append(
            Note(
                quoted[0][0],
                ngettext(
                    "dropped {count} quoted note line ('> …') of the web copy: '{text}'",
                    "dropped {count} quoted note lines ('> …') of the web copy, first '{text}'",
                    len(quoted),
                ).format(count=len(quoted), text=shown),
                "import-furniture",
            )
        )
    return result


def _front_matter(lines: list[tuple[int, str]], result: Unmarked) -> int:
    """Read a leading --- … --- block into metadata lines (标题：…, 来源：…); where the text starts."""
    first = next((i for i, (_, text) in enumerate(lines) if text.strip()), None)
    if first is None or lines[first][1].strip() != "---":
        return 0
    end = next((i for i in range(first + 1, len(lines)) if FRONT_END_RE.match(lines[i][1])), None)
    if end is None:
        return 0
    read: list[str] = []
    for number, key, value in _front_fields(lines[first + 1 : end]):
        if key in FRONT_KEYS and value:
            result.lines.append(MarkedLine(number, f"{FRONT_KEYS[key]}：{value}"))
            read.append(FRONT_KEYS[key])
    result.notes.append(
        Note(
            lines[first][0],
            _("read the YAML front matter (lines {first}–{last}) as metadata: {keys}").format(
                first=lines[first][0], last=lines[end][0], keys="、".join(read) or "—"
            ),
            "import-front",
        )
    )
    return end + 1


def _quote(quote: list[tuple[int, str]], result: Unmarked) -> list[tuple[int, str]]:
    """A block quote's lines as text (a 专栏 quoted is a box ending with the quote; a callout's
    [!NOTE] mark goes); the lines of a quote that is only web furniture (来源, 责任编辑, links) are
    returned to be dropped."""
    lines = [(number, text) for number, text in quote if text]
    if lines and CALLOUT_RE.match(lines[0][1]):
        result.notes.append(
            Note(
                lines[0][0],
                _("dropped the callout mark '{text}' of the web copy").format(
                    text=lines[0][1][:20]
                ),
                "import-furniture",
            )
        )
        lines = lines[1:]
    if all(QUOTE_FURNITURE_RE.search(text) for _, text in lines):
        return lines
    marked = [_plain(number, text) for number, text in lines]
    if BOX_RE.match(marked[0].text):
        result.box_ends[marked[0].number] = marked[-1].number
    result.lines.extend(marked)
    return []


def _drop_toc_details(lines: list[tuple[int, str]], result: Unmarked) -> list[tuple[int, str]]:
    """Without the 目录 a copy folds into <details><summary>目录</summary> and a list, up to the first
    line that is no list item (a closing tag, mistyped as <details> or not, goes with it)."""
    kept: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        number, text = lines[index]
        if not SUMMARY_TOC_RE.match(text):
            kept.append((number, text))
            index += 1
            continue
        if kept and DETAILS_TAG_RE.match(kept[-1][1]):
            kept.pop()
        end = index + 1
        while end < len(lines) and (not lines[end][1].strip() or LIST_ITEM_RE.match(lines[end][1])):
            end += 1
        entries = sum(1 for _, line in lines[index + 1 : end] if line.strip())
        if end < len(lines) and DETAILS_TAG_RE.match(lines[end][1]):
            end += 1
        result.notes.append(
            Note(
                number,
                ngettext(
                    "dropped the web copy's folded 目录 of {count} entry (lines {first}–{last})",
                    "dropped the web copy's folded 目录 of {count} entries (lines {first}–{last})",
                    entries,
                ).format(count=entries, first=number, last=lines[end - 1][0]),
                "import-furniture",
            )
        )
        index = end
    return kept


def _front_fields(lines: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """The front matter's fields (line, key, value); a list (authors:\n  - 中共中央\n  - 国务院) as one
    value, its items separated by spaces, as is a flow list (authors: [中共中央, 国务院])."""
    fields: list[tuple[int, str, str]] = []
    for number, text in lines:
        item = FRONT_ITEM_RE.match(text)
        if item and fields:
            line, key, value = fields[-1]
            entry = item.group(1).strip("\"'")
            fields[-1] = (line, key, f"{value} {entry}".strip())
            continue
        match = FRONT_LINE_RE.match(text)
        if match:
            value = match.group(2).strip()
            if value.startswith("[") and value.endswith("]"):
                value = " ".join(item.strip().strip("\"'") for item in value[1:-1].split(","))
            fields.append((number, match.group(1).lower(), value.strip().strip("\"'")))
    return fields


def _plain(number: int, text: str) -> MarkedLine:
    text = HEADING_MARK_RE.sub("", text)
    text = IMAGE_RE.sub("", text)
    text = LINK_RE.sub(r"\1", text)
    if "|" in text and text.strip().startswith("|"):
        cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
        return MarkedLine(number, "\t".join(_unescape(cell.replace("**", "")) for cell in cells))
    whole = BOLD_LINE_RE.match(text)
    if whole and "**" not in whole.group(1):
        plain = _unescape(whole.group(1).strip())
        return MarkedLine(number, plain, plain)
    lead = BOLD_LEAD_RE.match(text)
    if lead and "**" not in lead.group(1):
        bold = _unescape(lead.group(1).strip())
        return MarkedLine(number, bold + _unescape(lead.group(2).replace("**", "")), bold)
    return MarkedLine(number, _unescape(text.replace("**", "")))


def _unescape(text: str) -> str:
    return ESCAPE_RE.sub(r"\1", text)
