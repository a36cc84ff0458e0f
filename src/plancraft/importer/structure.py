"""From read blocks to a document tree: front matter, numbered headings, boxes, tables and prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..compile.numbering import LEVELS, NUMERAL_CHARS, parse_chinese, runs_on
from ..i18n import _
from .blocks import Block, Grid, Line
from .patterns import (
    BOX_RE,
    CAPTION_RE,
    NOTE_RE,
    heading_kind,
    is_heading,
    is_prose_end,
    join_cjk,
    strip_spaces,
)

PREFACE_TITLES = {"前言", "序言", "引言"}
CONTINUATION_MAX = 10


@dataclass
class Para:
    """A paragraph of prose."""

    line: int
    text: str
    bold_lead: str = ""
    cls: str = ""


@dataclass
class TablePlace:
    """Where a table stood in the text."""

    line: int
    grid: Grid


@dataclass
class BoxNode:
    """A 专栏 feature box."""

    line: int
    title: str
    children: list = field(default_factory=list)


@dataclass
class Node:
    """A numbered heading and what follows it, down to the next heading of its level or above."""

    line: int
    level: int
    title: str
    children: list = field(default_factory=list)
    run_in: str = ""
    role: str | None = None

    @property
    def subnodes(self) -> list[Node]:
        """The child headings."""
        return [child for child in self.children if isinstance(child, Node)]


@dataclass
class Note:
    """Something the importer could not classify or had to repair, with its source line."""

    line: int
    message: str
    code: str = "import-check"


@dataclass
class Document:
    """A whole imported document."""

    style: str = "parts"
    levels: tuple[str, ...] = ()
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    notice: list[Para] = field(default_factory=list)
    preface_title: str = ""
    preface: list = field(default_factory=list)
    outline: list[Node] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def repair_breaks(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """Join lines a page break split: a heading's short tail, or a paragraph that stops mid-sentence."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            isinstance(block, Line)
            and isinstance(previous, Line)
            and not block.heading_level
            and not previous.heading_level
            and not _stands_alone(block)
            and not _stands_alone(previous)
            and _continues(previous.text, block.text)
        ):
            notes.append(
                Note(
                    block.line,
                    _("joined to line {line} (a page break split it): '{end}' + '{start}'").format(
                        line=previous.line, end=previous.text[-8:], start=block.text[:8]
                    ),
                )
            )
            result[-1] = Line(
                previous.line, join_cjk(previous.text, block.text), previous.bold_lead
            )
            continue
        result.append(block)
    return result


def _stands_alone(line: Line) -> bool:
    """A line set wholly in bold (a Markdown or Word heading without a number) is never a fragment."""
    return bool(line.bold_lead) and line.bold_lead == line.text


def _continues(previous: str, text: str) -> bool:
    if is_prose_end(previous) or is_heading(text) or NOTE_RE.match(text) or CAPTION_RE.match(text):
        return False
    if is_heading(previous):
        return len(text) <= CONTINUATION_MAX and not is_prose_end(text)
    if BOX_RE.match(previous) or len(previous) < 30:
        return False
    return True


class _Builder:
    """Walks the body blocks keeping a stack of open headings."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.kinds = list(document.levels or LEVELS[document.style])
        self.stack: list[Node] = []
        self.box: BoxNode | None = None
        self.box_item: Node | None = None
        self.box_until = 0
        self.counters: dict[int, int] = {}

    def container(self) -> list:
        if self.box is not None:
            return (self.box_item or self.box).children
        return self.stack[-1].children if self.stack else self.document.preface

    def add(self, block: Block) -> None:
        if self.box is not None and self.box_until and block.line > self.box_until:
            self.box = self.box_item = None
        if isinstance(block, Grid):
            self.container().append(TablePlace(block.line, block))
            return
        text = block.text
        box = BOX_RE.match(text)
        if box:
            self.box = BoxNode(block.line, strip_spaces(box.group(2)) or "专栏")
            self.box_item = None
            self.box_until = block.box_until
            self.container_outside().append(self.box)
            return
        found = heading_kind(text)
        if self.box is not None and found and found[0] in ("arabic", "paren-arabic"):
            title, run_in = self._title(found[1], 2)
            self.box_item = Node(block.line, 1 if found[0] == "arabic" else 2, title, run_in=run_in)
            self.box.children.append(self.box_item)
            return
        level = (
            self.kinds.index(found[0]) + 1
            if found and found[0] in self.kinds
            else block.heading_level
        )
        if level:
            self.box = self.box_item = None
            self._heading(block, level, found[1] if found else text, found)
            return
        self.container().append(Para(block.line, text, block.bold_lead))

    def container_outside(self) -> list:
        return self.stack[-1].children if self.stack else self.document.preface

    def _title(self, text: str, level: int) -> tuple[str, str]:
        """A heading's title and, for a run-in heading, the paragraph text after its first sentence."""
        text = strip_spaces(text) if level == 1 else text
        end = text.find("。")
        if level > 1 and 0 < end < len(text) - 1:
            return text[: end + 1], text[end + 1 :]
        return text, ""

    def _heading(self, block: Line, level: int, text: str, found: tuple[str, str] | None) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if not self.stack and level > 1:
            self.document.notes.append(
                Note(
                    block.line,
                    _(
                        "heading '{text}' comes before any part or chapter; "
                        "kept as a top-level heading"
                    ).format(text=text[:20]),
                )
            )
            level = 1
        if self.stack and level > self.stack[-1].level + 1:
            self.document.notes.append(
                Note(
                    block.line,
                    _("'{text}' skips a level under '{above}'; numbered one level down").format(
                        text=block.text[:12], above=self.stack[-1].title[:12]
                    ),
                )
            )
            level = self.stack[-1].level + 1
        self.counters = {
            depth: count
            for depth, count in self.counters.items()
            if depth <= level or runs_on(self.document.style, depth)
        }
        self.counters[level] = self.counters.get(level, 0) + 1
        if found:
            typed = re.match(r"^\D*?([" + NUMERAL_CHARS + r"0-9]+)", block.text)
            number = parse_chinese(typed.group(1)) if typed else None
            expected = self.counters[level]
            if number is not None and number != expected or re.match(r"^第\s*[0-9]", block.text):
                self.document.notes.append(
                    Note(
                        block.line,
                        _(
                            "typed number in '{text}' is off or in the wrong "
                            "digits; it is computed now (number {number})"
                        ).format(text=block.text[:12], number=expected),
                    )
                )

        title, run_in = self._title(text, level)
        node = Node(block.line, level, title, run_in=run_in)
        (self.stack[-1].children if self.stack else self.document.outline).append(node)
        self.stack.append(node)


def build_body(document: Document, blocks: list[Block]) -> None:
    """Fill the document's outline (and the preface, for prose before the first heading)."""
    builder = _Builder(document)
    for block in blocks:
        builder.add(block)


def is_preface_title(text: str) -> bool:
    """Whether a line is a 前言 / 序言 heading."""
    return re.sub(r"\s+", "", text) in PREFACE_TITLES
