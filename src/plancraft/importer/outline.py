"""Which typed numbers are the heading levels, decided from how their counts restart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

from ..compile.numbering import FORMATS, LEVELS, NUMERAL_CHARS, RUNS_ON, parse_chinese
from ..i18n import _
from .blocks import Block, Line
from .patterns import BOX_RE, heading_kind

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
        typed = re.match(r"^\D*?([" + NUMERAL_CHARS + r"0-9]+)", block.text)
        number = parse_chinese(typed.group(1)) if typed else None
        if number:
            found.append(Numbered(block.line, kind[0], number))
    return found


def breaks(numbers: list[Numbered], kinds: tuple[str, ...]) -> int:
    """How many numbers do not continue their level's count, restarted under each new parent (or run
    on across parents, as a 纲要's chapters run on across its 篇)."""
    running = RUNS_ON.get(style_for(kinds), ())
    counters = [0] * len(kinds)
    count = 0
    for item in numbers:
        if item.kind not in kinds:
            continue
        depth = kinds.index(item.kind)
        if item.number != counters[depth] + 1 or depth and not counters[depth - 1]:
            count += 1
        counters[depth] = item.number
        for below in range(depth + 1, len(kinds)):
            if kinds[below] not in running:
                counters[below] = 0
    return count


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
    """The levels as stated, else the order of the kinds whose counts restart best."""
    if stated:
        return Outline(stated, style_for(stated), breaks(numbers, stated), stated=True)
    present = tuple(kind for kind in RANK if any(item.kind == kind for item in numbers))
    if not present:
        return Outline(LEVELS["parts"], "parts")
    orders = permutations(present) if len(present) <= MAX_ORDERS else iter([present])
    best = min(
        orders, key=lambda order: (breaks(numbers, order), [RANK.index(kind) for kind in order])
    )
    return Outline(best, style_for(best), breaks(numbers, best))
