"""What a document carries that is not the plan: page numbers, headers, web furniture, and the 目录 (toc.py)."""

from __future__ import annotations

import re
from collections import Counter

from ..i18n import _, ngettext
from .blocks import Block, Line
from .meta import split_orgs
from .structure import Note
from .toc import TOC_ENTRY_MAX, Cleaned, drop_toc

PAGE_NUMBER_RE = re.compile(
    r"^(?:[—－\-–]+\s*[0-9]{1,4}\s*[—－\-–]+|第\s*[0-9]{1,4}\s*页\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页"
    r"|[0-9]{1,4}\s*/\s*[0-9]{1,4})$"
)
FURNITURE_ITEM = (
    r"(?:(?:发布时间|更新时间)\s*[:：]\s*[0-9\-/:.年月日\s]*|(?:信息)?来源\s*[:：]\s*[^\s【。，；]{0,30}"
    r"|(?:浏览|访问|阅读)(?:次数|量)\s*[:：]?\s*[0-9]*\s*次?|点击数\s*[:：]?\s*[0-9]*"
    r"|【?\s*字体\s*[:：]\s*(?:[大中小]\s*){0,3}】?|【?打印(?:本页)?】?|【?关闭(?:窗口|本页)?】?"
    r"|扫一扫[^，。]{0,16}|分享到\s*[:：]?\s*(?:微信|微博|QQ空间|QQ|朋友圈|[、\s])*"
    r"|当前位置\s*[:：].*|【?收藏】?|【?返回顶部】?|<[^<>]{1,400}>"
    r"|(?:新华社|中新社)[\u4e00-\u9fff]{0,8}[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日电)"
)
FURNITURE_RE = re.compile(r"^(?:" + FURNITURE_ITEM + r"\s*)+$")
SOURCE_RE = re.compile(r"(?:信息)?来源\s*[:：]\s*([^\s【。，；]{2,30})")
PUBLISHED_RE = re.compile(
    r"(?:(?:发布时间|发布日期)\s*[:：]\s*|^<!--\s*)([0-9]{4}[\-/.年][0-9]{1,2}[\-/.月][0-9]{1,2}日?)"
)
"""A 发布时间 field, or the date a saved page's comment opens with (<!-- 2021-03-13 07:16 来源： 新华社 -->)."""
RUNNING_HEADER_MIN = 3


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drop_page_furniture(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Page numbers ("— 5 —", "-5-", "第5页 共40页") and running headers beside them go."""
    numbers = [
        i for i, b in enumerate(blocks) if isinstance(b, Line) and PAGE_NUMBER_RE.match(b.text)
    ]
    texts = [_key(b.text) if isinstance(b, Line) else "" for b in blocks]
    near = {j for i in numbers for j in (i - 1, i + 1) if 0 <= j < len(blocks) and j not in numbers}
    beside = Counter(texts[j] for i in numbers for j in (i - 1, i + 1) if j in near)
    beside.pop("", None)
    headers = {
        text
        for text, count in beside.items()
        if count >= RUNNING_HEADER_MIN and len(text) <= TOC_ENTRY_MAX
    }
    kept: list[Block] = []
    dropped = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Line) and (
            index in numbers or index in near and _key(block.text) in headers
        ):
            dropped += 1
            continue
        kept.append(block)
    if dropped:
        first = blocks[numbers[0]].line
        notes.append(
            Note(
                first,
                ngettext(
                    "dropped {count} page number or running header",
                    "dropped {count} page numbers and running headers",
                    dropped,
                ).format(count=dropped)
                + (f" ({', '.join(sorted(headers))[:40]})" if headers else ""),
            )
        )
    return kept


def drop_portal_furniture(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """A web copy's furniture goes: 发布时间, 来源, 浏览次数, 【字体】, 打印, 扫一扫, 分享到 …"""
    kept: list[Block] = []
    stated: list[Block] = []
    for block in blocks:
        if isinstance(block, Line) and FURNITURE_RE.match(block.text):
            notes.append(
                Note(
                    block.line,
                    _("dropped web-page furniture '{text}'").format(text=block.text[:30]),
                    "import-furniture",
                )
            )
            stated.extend(Line(block.line, text) for text in _furniture_meta(block.text))
            continue
        kept.append(block)
    return stated + kept


def _furniture_meta(text: str) -> list[str]:
    """What a furniture line states about the document: the issuer as 来源, the 发布日期."""
    found = []
    source = SOURCE_RE.search(text)
    if source and split_orgs(source.group(1)):
        found.append(f"来源：{source.group(1)}")
    published = PUBLISHED_RE.search(text)
    if published:
        found.append(f"发布日期：{published.group(1).strip()}")
    return found


def clean_blocks(blocks: list[Block], notes: list[Note]) -> Cleaned:
    """Everything above, in order: pages, portal, then the 目录."""
    return drop_toc(drop_portal_furniture(drop_page_furniture(blocks, notes), notes), notes)
