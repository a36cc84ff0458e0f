"""Which typed numbers are the heading levels, decided from how their counts restart."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import permutations

from ..compile.numbering import FORMATS, LEVELS, NUMERAL_CHARS, chinese, parse_chinese
from ..i18n import _
from .blocks import Block, Line
from .patterns import BOX_RE, HEADING_RES, heading_kind
from .structure import Note

RANK = tuple(FORMATS)
"""The kinds from the outermost a document would use to the innermost: 第X部分 … （1）."""
LEVEL_NAMES = {
    "篇": "volume",
    "第一篇": "volume",
    "部分": "part",
    "第一部分": "part",
    "章": "chapter",
    "第一章": "chapter",
    "节": "section",
    "第一节": "section",
    "一": "cn",
    "一、": "cn",
    "（一）": "paren-cn",
    "(一)": "paren-cn",
    "1": "arabic",
    "1.": "arabic",
    "（1）": "paren-arabic",
    "(1)": "paren-arabic",
}
PLAN_STYLES = ("parts", "chapters", "chapters-cn", "cn", "volumes")
MAX_ORDERS = 5
FRONT_SHARE = 0.5
"""At most this share of the typed numbers may stand before the first top-level one as front matter."""
KEPT_LEVELS = 2
"""The top levels stay headings even when their count runs on (一、 numbered on across 第X部分)."""
BOX_KINDS = ("arabic", "paren-arabic")


class LevelsError(ValueError):
    """A --levels value that names no heading kind."""


@dataclass(frozen=True)
class Numbered:
    """A typed heading number as found: its source line, kind and value."""

    line: int
    kind: str
    number: int


@dataclass(frozen=True)
class Outline:
    """The heading kinds from the top down, the plan numbering printing them, and the doubt."""

    kinds: tuple[str, ...]
    style: str
    breaks: int = 0
    stated: bool = False
    paragraphs: tuple[str, ...] = ()

    def depth(self, kind: str) -> int:
        """The outline depth (from 1) of a kind of number, 0 if it is not a heading level."""
        return self.kinds.index(kind) + 1 if kind in self.kinds else 0

    def describe(self) -> str:
        """The levels as printed: 第X章 › 一、 › （一）."""
        return " › ".join(FORMATS[kind].format(cn="一", n=1) for kind in self.kinds)


def parse_levels(text: str) -> tuple[str, ...]:
    """`章,一,（一）` → ('chapter', 'cn', 'paren-cn')."""
    kinds = []
    for word in re.split(r"\s*[,，、;；]\s*(?![)）])", text.strip()):
        word = re.sub(r"\s+", "", word)
        kind = LEVEL_NAMES.get(word) or LEVEL_NAMES.get(word.rstrip("、.．"))
        if kind is None:
            raise LevelsError(
                _(
                    "'{word}' is not a heading level; use 篇, 部分, 章, 节, 一, （一）, 1 or （1）"
                ).format(word=word)
            )
        if kind in kinds:
            raise LevelsError(_("'{word}' is named twice").format(word=word))
        kinds.append(kind)
    if not kinds:
        raise LevelsError(_("--levels names no level"))

    return tuple(kinds)


def typed_numbers(blocks: list[Block]) -> list[Numbered]:
    """The typed heading numbers in order; 1. items inside a 专栏 belong to the box."""
    found: list[Numbered] = []
    in_box = False
    for block in blocks:
        if not isinstance(block, Line):
            continue
        if BOX_RE.match(block.text):
            in_box = True
            continue
        kind = heading_kind(block.text)
        if kind is None:
            continue
        if in_box and kind[0] in BOX_KINDS:
            continue
        in_box = False
        number = _typed(block.text)
        if number:
            found.append(Numbered(block.line, kind[0], number))
    return found


def repair_slips(blocks: list[Block], notes: list[Note]) -> None:
    """A 5、 that continues the 一、 count (四、 before it), not a 1、 count, is a slip for 五、: retyped."""
    last_cn = last_comma = 0
    for block in blocks:
        if not isinstance(block, Line):
            continue
        comma = HEADING_RES["arabic-comma"].match(block.text)
        found = heading_kind(block.text)
        if comma:
            number = int(comma.group(1))
            if 1 < number == last_cn + 1 != last_comma + 1:
                typed = block.text[: comma.start(2)].strip()
                block.text = f"{chinese(number)}、{comma.group(2)}"
                notes.append(
                    Note(
                        block.line,
                        _("'{typed}' continues the 一、 count; read as {fixed}").format(
                            typed=typed, fixed=f"{chinese(number)}、"
                        ),
                    )
                )
                last_cn, last_comma = number, 0
            else:
                last_comma = number
        elif found and RANK.index(found[0]) <= RANK.index("cn"):
            last_cn = (_typed(block.text) or 0) if found[0] == "cn" else 0
            last_comma = 0


def _typed(text: str) -> int | None:
    typed = re.match(r"^\D*?([" + NUMERAL_CHARS + r"0-9]+)", text)
    return parse_chinese(typed.group(1)) if typed else None


def breaks(numbers: list[Numbered], kinds: tuple[str, ...]) -> int:
    """How many numbers neither continue their level's count nor restart it at 1 under a new parent.

    A count may run on across parents (5.–27. under several （一）, a 纲要's chapters across its 篇):
    only a restart with no new parent, a skip or a number before its parent breaks the nesting.
    Numbers before the first of the top level (a list in the notice or preface) are not counted.
    """
    counters = [0] * len(kinds)
    fresh = [False] * len(kinds)
    count = 0
    for item in _body(numbers, kinds):
        depth = kinds.index(item.kind)
        restart = item.number == 1 and (fresh[depth] or not counters[depth])
        orphan = depth and not counters[depth - 1]
        if orphan or not restart and item.number != counters[depth] + 1:
            count += 1
        counters[depth] = item.number
        fresh[depth] = False
        for below in range(depth + 1, len(kinds)):
            fresh[below] = True
    return count


def _body(numbers: list[Numbered], kinds: tuple[str, ...]) -> list[Numbered]:
    """The numbers of these kinds from the first of the top kind on: those before it are a list in
    the notice or preface, unless they are the most (a stray 第一部分 late in a 一、 document)."""
    found = [item for item in numbers if item.kind in kinds]
    start = next((i for i, item in enumerate(found) if item.kind == kinds[0]), len(found))
    return found[start:] if start <= len(found) * FRONT_SHARE else found


def running_on(numbers: list[Numbered], kinds: tuple[str, ...]) -> set[str]:
    """The kinds whose count runs on under a new parent more often than it restarts there."""
    counters = dict.fromkeys(kinds, 0)
    fresh = dict.fromkeys(kinds, False)
    runs: Counter[str] = Counter()
    restarts: Counter[str] = Counter()
    for item in _body(numbers, kinds):
        if fresh[item.kind] and counters[item.kind]:
            if item.number == 1:
                restarts[item.kind] += 1
            elif item.number == counters[item.kind] + 1:
                runs[item.kind] += 1
        counters[item.kind] = item.number
        fresh[item.kind] = False
        for below in kinds[kinds.index(item.kind) + 1 :]:
            fresh[below] = True
    return {kind for kind in kinds if runs[kind] > restarts[kind]}


def style_for(kinds: tuple[str, ...]) -> str:
    """The plan numbering whose levels begin with these kinds, else one with the same top."""
    for style in PLAN_STYLES:
        if LEVELS[style][: len(kinds)] == kinds:
            return style
    top = kinds[0] if kinds else "part"
    if top == "volume":
        return "volumes"
    if top == "chapter":
        return "chapters" if "section" in kinds else "chapters-cn"
    return "parts" if top == "part" else "cn"


def decide(numbers: list[Numbered], stated: tuple[str, ...] | None = None) -> Outline:
    """The levels as stated, else the kinds in the order they nest (第X部分 ⊃ 一、 ⊃ （一） ⊃ 1. ⊃ （1））,
    reordered only where the numbers restart under another order and break under this one; never
    by how often a kind occurs. A low level whose count runs on across its parents (5.–27. under
    several （一）) is no heading level: its items stay numbered paragraphs, as printed."""
    if stated:
        return Outline(stated, style_for(stated), breaks(numbers, stated), stated=True)
    present = tuple(kind for kind in RANK if any(item.kind == kind for item in numbers))
    if not present:
        return Outline(LEVELS["parts"], "parts")
    orders = permutations(present) if len(present) <= MAX_ORDERS else iter([present])
    best = min(
        orders, key=lambda order: (breaks(numbers, order), [RANK.index(kind) for kind in order])
    )
    runs = running_on(numbers, best)
    cut = next(
        (depth for depth, kind in enumerate(best) if depth >= KEPT_LEVELS and kind in runs),
        len(best),
    )
    kinds, paragraphs = best[:cut], best[cut:]
    return Outline(kinds, style_for(kinds), breaks(numbers, kinds), paragraphs=paragraphs)
