"""The document tree as the diff reads it: divisions, boxes and tables by id, prose as marked characters."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

from ..compile import document as doc

NOTICE = "notice"
"""The id the issuing notice is reported under."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of prose as what it compares by (keys), what it prints (shown) and its inline marks."""

    keys: tuple[Hashable, ...]
    """One per character; a reference is one key, its target, so renumbering does not change it."""
    shown: tuple[str, ...]
    """What each key prints: the character, or a reference's label."""
    marks: tuple[frozenset[str], ...]
    """The marks on each key: strong, emphasis, code, link <href>."""

    @classmethod
    def of(cls, text: str) -> Paragraph:
        """Plain text as a paragraph without marks."""
        return cls(tuple(text), tuple(text), (frozenset(),) * len(text))

    @property
    def text(self) -> str:
        """The paragraph as printed, without markup."""
        return "".join(self.shown)

    def span(self, start: int, end: int) -> str:
        """The printed text of keys start to end."""
        return "".join(self.shown[start:end])


@dataclass
class Node:
    """A division, a box, the preface or the notice, with its own prose (not its children's)."""

    ident: str
    title: str
    label: str
    parent: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class _Builder:
    keys: list[Hashable] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    marks: list[frozenset[str]] = field(default_factory=list)

    def add(self, key: Hashable, shown: str, marks: frozenset[str]) -> None:
        self.keys.append(key)
        self.shown.append(shown)
        self.marks.append(marks)

    def text(self, text: str, marks: frozenset[str]) -> None:
        self.keys.extend(text)
        self.shown.extend(text)
        self.marks.extend([marks] * len(text))

    def runs(self, runs: list[doc.Inline], marks: frozenset[str] = frozenset()) -> None:
        for run in runs:
            if isinstance(run, doc.Text):
                self.text(run.text, marks)
            elif isinstance(run, doc.Code):
                self.text(run.text, marks | {"code"})
            elif isinstance(run, doc.Strong):
                self.runs(run.children, marks | {"strong"})
            elif isinstance(run, doc.Emphasis):
                self.runs(run.children, marks | {"emphasis"})
            elif isinstance(run, doc.Revision):
                self.runs(run.children, marks)
            elif isinstance(run, doc.Link):
                self.runs(run.children, marks | {f"link {run.href}"})
            elif isinstance(run, doc.Reference):
                self.add(("reference", run.target), run.label or run.source, marks)
            elif isinstance(run, doc.Image):
                self.add(("image", run.source), run.alt or run.source, marks)
            else:
                self.add("\n", "\n", marks)

    def paragraph(self) -> Paragraph:
        return Paragraph(tuple(self.keys), tuple(self.shown), tuple(self.marks))


def paragraph(runs: list[doc.Inline]) -> Paragraph:
    """Inline runs as a paragraph to compare."""
    builder = _Builder()
    builder.runs(runs)
    return builder.paragraph()


def _lines(block: doc.Block) -> Iterator[list[doc.Inline]]:
    """The inline runs a block of prose holds, in reading order (a list's items, a table's cells)."""
    if isinstance(block, doc.Paragraph):
        yield block.runs
    elif isinstance(block, doc.ListBlock):
        for item in block.items:
            for child in item:
                yield from _lines(child)
    elif isinstance(block, doc.Quote):
        for child in block.blocks:
            yield from _lines(child)
    elif isinstance(block, doc.Table):
        for row in block.header + block.rows:
            for cell in row.cells:
                yield cell.runs
    elif isinstance(block, doc.CodeBlock):
        yield [doc.Code(block.text)]


def _prose(block: doc.Block) -> Paragraph:
    """One block of prose as one paragraph: a list's items or a table's cells one per line."""
    builder = _Builder()
    for number, runs in enumerate(_lines(block)):
        if number:
            builder.add("\n", "\n", frozenset())
        builder.runs(runs)
    return builder.paragraph()


def _is_prose(block: doc.Block) -> bool:
    """Whether a block is the division's own text (not a child, and not a table compared by id)."""
    if isinstance(block, doc.Table):
        return block.table_kind == "prose"
    return not isinstance(block, doc.Division | doc.Box)


def _children(block: doc.Block) -> list[doc.Block]:
    if isinstance(block, doc.Division | doc.Box):
        return block.blocks
    if isinstance(block, doc.Quote):
        return block.blocks
    if isinstance(block, doc.ListBlock):
        return [child for item in block.items for child in item]
    return []


def nodes(document: doc.Document) -> dict[str, Node]:
    """The preface, every division and box, and the notice, in document order, each with its own prose."""
    found: dict[str, Node] = {}

    def visit(blocks: list[doc.Block], parent: str) -> None:
        for block in blocks:
            if isinstance(block, doc.Division):
                heading = block.heading
                lead = [paragraph(heading.lead)] if heading.run_in and heading.lead else []
                own = lead + [_prose(child) for child in block.blocks if _is_prose(child)]
                label = f"{heading.number} {heading.title}".strip()
                found[block.id] = Node(block.id, heading.title, label, parent, own)
                visit(block.blocks, block.id)
            elif isinstance(block, doc.Box):
                own = [_prose(child) for child in block.blocks if _is_prose(child)]
                label = f"{block.number} {block.title}".strip()
                found[block.id] = Node(block.id, block.title, label, parent, own)
                visit(block.blocks, block.id)

    if document.preface:
        preface = document.preface
        own = [_prose(child) for child in preface.blocks if _is_prose(child)]
        found[preface.id] = Node(preface.id, preface.title, preface.title, "", own)
        visit(preface.blocks, preface.id)
    visit(document.body, "")
    if document.notice:
        own = [_prose(block) for block in document.notice.blocks if _is_prose(block)]
        found[NOTICE] = Node(NOTICE, "印发通知", "印发通知", "", own)
    return found


def tables(document: doc.Document) -> list[doc.Table]:
    """The plan's own tables (表N and unnumbered YAML tables) where they print, in document order."""
    found: list[doc.Table] = []

    def visit(blocks: list[doc.Block]) -> None:
        for block in blocks:
            if isinstance(block, doc.Table) and block.table_kind == "grid":
                found.append(block)
            visit(_children(block))

    visit(document.preface.blocks if document.preface else [])
    visit(document.body)
    visit(document.notice.blocks if document.notice else [])
    return found


def rows(table: doc.Table) -> list[str]:
    """A table's rows, header first, as cell texts joined by |."""
    return [
        " | ".join(doc.plain_text(cell.runs) for cell in row.cells)
        for row in table.header + table.rows
    ]
