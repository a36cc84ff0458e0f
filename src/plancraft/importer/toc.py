"""The 目录 of a document: found in every shape, dropped, and used to confirm and number the outline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import _, ngettext
from .blocks import Block, Line
from .patterns import heading_kind, strip_spaces
from .structure import Note, is_preface_title

TOC_TITLE_RE = re.compile(r"^(?:目\s*[录彔錄]|目\s*次)$")
"""A 目录 title: 目录, 目 录, 目　录, an OCR's 目 彔, 目次."""
TOC_WEAK_TITLE_RE = re.compile(r"^(?:\S?\s*目|[录彔錄])$")
"""What an OCR or a line break leaves of it (誉目, 目 then 录): a 目录 only if its entries come again."""
TOC_TAIL_RE = re.compile(
    r"(?:\s*[.．·…⋯•\-—_ ]*[|｜]\s*|\s*[.．·…⋯•\-—_ ]{2,}\s*|\s*)([0-9]{1,4})$"
)
TOC_ENTRY_MAX = 60
TOC_UNTITLED_MIN = 3
"""An untitled run of heading lines is a 目录 when it has this many entries …"""
TOC_REPEATED_SHARE = 0.8
"""… and this share of them come again after it, as the body's headings."""


@dataclass
class Cleaned:
    """The blocks left, and the 目录 entries found (for confirming the outline) with their line."""

    blocks: list[Block]
    toc: list[tuple[int, str]] = field(default_factory=list)
    toc_line: int = 0


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def toc_entry(text: str) -> str | None:
    """A 目录 line without its dot leaders and page number; None if it is no entry."""
    if len(text) > TOC_ENTRY_MAX or text.endswith("。"):
        return None
    bare = TOC_TAIL_RE.sub("", text).strip()
    if not bare:
        return None
    if (
        heading_kind(bare)
        or is_preface_title(bare)
        or bare != text
        or re.sub(r"\s+", "", bare) in ("附表", "附件", "附录", "结束语", "结语")
    ):
        return strip_spaces(bare)
    return None


def drop_toc(blocks: list[Block], notes: list[Note]) -> Cleaned:
    """A 目录 and its entries go (titled or not, with or without page numbers); the entries are kept
    aside to confirm the outline and to number body headings that lost their numbers."""
    later: dict[str, int] | None = None
    for index, block in enumerate(blocks):
        if not isinstance(block, Line):
            continue
        text = block.text.strip()
        strong = TOC_TITLE_RE.match(text) is not None
        if not strong and not TOC_WEAK_TITLE_RE.match(text):
            continue
        first = index + 1
        if first < len(blocks) and _is_title_rest(blocks[first]):
            first += 1
        entries, end = _toc_run(blocks, first, _heading_titles(blocks))
        if not entries:
            continue
        if not strong:
            later = later if later is not None else _last_places(blocks)
            if not _come_again(entries, end, later):
                continue
        return _dropped(blocks, index, end, entries, notes)
    return _untitled_toc(blocks, notes)


def _is_title_rest(block: Block) -> bool:
    """The 录 of a 目录 whose 目 stands on the line before."""
    return isinstance(block, Line) and re.fullmatch(r"\s*[录彔錄]\s*", block.text) is not None


def _heading_titles(blocks: list[Block]) -> set[str]:
    """The titles of the numbered headings, as a 目录 without numbers or pages may list them."""
    return {
        _same(found[1])
        for block in blocks
        if isinstance(block, Line) and (found := heading_kind(block.text))
    }


def _toc_run(
    blocks: list[Block], start: int, titles: set[str] | None = None
) -> tuple[list[tuple[int, str]], int]:
    """The 目录 entries from `start` on, up to a line that is none or an entry that comes again;
    after a 目录 title, a bare title of a numbered heading is an entry too."""
    entries: list[tuple[int, str]] = []
    seen: set[str] = set()
    end = start
    while end < len(blocks):
        block = blocks[end]
        if not isinstance(block, Line):
            break
        entry = toc_entry(block.text)
        if entry is None and titles and len(block.text) <= TOC_ENTRY_MAX:
            entry = strip_spaces(block.text) if _same(block.text) in titles else None
        if entry is None:
            break
        key = _key((heading_kind(entry) or ("", entry))[1])
        if key in seen:
            break
        entries.append((block.line, entry))
        seen.add(key)
        end += 1
    return entries, end


def _same(text: str) -> str:
    """A heading as a 目录 and the body both print it: spaces, bracket width and a final 。 evened out."""
    text = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
    return text.rstrip("。.．")


def _last_places(blocks: list[Block]) -> dict[str, int]:
    return {_same(b.text): i for i, b in enumerate(blocks) if isinstance(b, Line)}


def _come_again(entries: list[tuple[int, str]], end: int, later: dict[str, int]) -> bool:
    again = sum(later.get(_same(entry), -1) >= end for _line, entry in entries)
    return again >= TOC_REPEATED_SHARE * len(entries)


def _untitled_toc(blocks: list[Block], notes: list[Note]) -> Cleaned:
    """A run of heading lines whose entries all come again after it is a 目录 whose title was lost."""
    later: dict[str, int] | None = None
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not isinstance(block, Line) or toc_entry(block.text) is None:
            index += 1
            continue
        entries, end = _toc_run(blocks, index)
        if len(entries) >= TOC_UNTITLED_MIN:
            later = later if later is not None else _last_places(blocks)
            if _come_again(entries, end, later):
                before = blocks[index - 1] if index else None
                start = index
                if isinstance(before, Line) and TOC_WEAK_TITLE_RE.match(before.text.strip()):
                    start -= 1
                return _dropped(blocks, start, end, entries, notes)
        index = max(end, index + 1)
    return Cleaned(blocks)


def _dropped(
    blocks: list[Block], start: int, end: int, entries: list[tuple[int, str]], notes: list[Note]
) -> Cleaned:
    line = blocks[start].line
    notes.append(
        Note(
            line,
            ngettext(
                "目录 of {count} entry (lines {first}–{last}) not imported as text; used to confirm the "
                "outline",
                "目录 of {count} entries (lines {first}–{last}) not imported as text; used to confirm the "
                "outline",
                len(entries),
            ).format(count=len(entries), first=line, last=entries[-1][0]),
        )
    )
    return Cleaned(blocks[:start] + blocks[end:], entries, line)


def number_from_toc(cleaned: Cleaned, notes: list[Note]) -> None:
    """A body line that is the title of a numbered 目录 entry, printed without its number (Word's
    automatic numbering lost in a text copy), is that heading: it takes the entry's number."""
    numbered = [(entry, kind[1]) for _line, entry in cleaned.toc if (kind := heading_kind(entry))]
    titles: dict[str, list[int]] = {}
    for place, (_entry, title) in enumerate(numbered):
        titles.setdefault(_same(title), []).append(place)
    after = 0
    restored = []
    for block in cleaned.blocks:
        if not isinstance(block, Line) or len(block.text) > TOC_ENTRY_MAX:
            continue
        typed = heading_kind(block.text)
        key = _same(typed[1] if typed else block.text)
        found = next((p for p in titles.get(key, ()) if p >= after), None)
        if found is None:
            continue
        after = found + 1
        if not typed:
            restored.append(block.line)
            block.text = numbered[found][0]
    if restored:
        notes.append(
            Note(
                restored[0],
                ngettext(
                    "{count} heading printed without its number is numbered as the 目录 numbers it",
                    "{count} headings printed without their numbers are numbered as the 目录 "
                    "numbers them",
                    len(restored),
                ).format(count=len(restored)),
            )
        )


def confirm_toc(cleaned: Cleaned, headings: list[str], notes: list[Note]) -> None:
    """Report the 目录 entries that name no heading of the body."""
    if not cleaned.toc:
        return
    found = {_same(text) for text in headings}
    missing = [
        (line, text)
        for line, text in cleaned.toc
        if _same((heading_kind(text) or ("", text))[1]) not in found and not is_preface_title(text)
    ]
    if missing:
        notes.append(
            Note(
                missing[0][0],
                _(
                    "{count} of {total} 目录 entries name no heading of the body, first '{entry}'"
                ).format(count=len(missing), total=len(cleaned.toc), entry=missing[0][1][:20]),
            )
        )
    else:
        notes.append(
            Note(
                cleaned.toc_line,
                ngettext(
                    "the outline matches the {count} 目录 entry",
                    "the outline matches all {count} 目录 entries",
                    len(cleaned.toc),
                ).format(count=len(cleaned.toc)),
            )
        )
