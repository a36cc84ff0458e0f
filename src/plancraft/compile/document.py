"""The document tree: one output-neutral form of a compiled plan, read by every writer.

It is built once, after resolve and checks, by `assemble`. Nothing in it needs parsing again: numbers
are printed, references carry their target and printed label, images are resolved, and every node says
what it is through its type and `kind`, never through its text. Writers (HTML, PDF, DOCX), the preview
and the reports read it; none of them looks at Markdown tokens or the source model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..source.periods import Period

HeadingKind = Literal[
    "volume", "part", "chapter", "section", "cn", "paren-cn", "arabic", "paren-arabic", "box-item"
]
"""How a heading is numbered: 第一篇, 第一部分, 第一章, 第一节, 一、, （一）, 1., （1）, or an item in a 专栏."""
SPACED_KINDS = frozenset({"volume", "part", "chapter", "section", "appendix"})
"""Kinds whose number is followed by a full-width space before the title: 第一部分　规划背景."""

CellKind = Literal["data", "domain", "name", "seq", "group"]
"""data: an ordinary cell; domain: a 领域/子领域 cell spanning its rows; name: an indicator's name or note;
seq: a 序号; group: the one cell of a group row that names the rows below it."""


# Inline runs -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(slots=True)
class Strong:
    """Bold text (a lead sentence, a key phrase)."""

    children: list[Inline]


@dataclass(slots=True)
class Emphasis:
    """Emphasised text."""

    children: list[Inline]


@dataclass(slots=True)
class Code:
    """Inline code, printed as typed."""

    text: str


@dataclass(slots=True)
class Link:
    """A hyperlink."""

    href: str
    """The target URL, normalised."""
    children: list[Inline]
    title: str = ""


@dataclass(slots=True)
class Reference:
    """A `[@id]` reference to a numbered thing, printed as its label (第三部分, 表2, 专栏1 …)."""

    target: str
    """The id referred to."""
    label: str
    """How the reference prints; empty when the target is unknown."""
    source: str
    """The reference as typed, e.g. [@box-relief]."""


@dataclass(slots=True)
class Image:
    """An image from the plan folder."""

    alt: str
    """The alternative text."""
    source: str
    """The path as written in the Markdown."""
    data_url: str | None
    """The image inlined as a data: URL; None when the plan may not use it (the alt text prints instead)."""


@dataclass(slots=True)
class LineBreak:
    """A line break inside a paragraph: hard (forced) or soft (a newline in the source)."""

    hard: bool


@dataclass(slots=True)
class Revision:
    """Text inserted (+) or deleted (-) between two versions: underlined or struck, and a tracked
    change in Word when it has an author (a redline)."""

    op: str
    children: list[Inline]
    author: str = ""
    date: str = ""
    """When the change was made, ISO 8601 (2024-03-01T10:00:00Z); empty: none."""


Inline = Text | Strong | Emphasis | Code | Link | Reference | Image | LineBreak | Revision


# Blocks ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Paragraph:
    """A paragraph of prose as inline runs."""

    runs: list[Inline]
    classes: tuple[str, ...] = ()
    """Styles given in the source with `{.name}`: center, addressee, signature …"""
    id: str = ""
    tight: bool = False
    """True inside a tight list item, where the paragraph prints without its own block."""
    kind: Literal["paragraph"] = "paragraph"


@dataclass(slots=True)
class ListBlock:
    """A bulleted or ordered list; each item is a list of blocks."""

    ordered: bool
    items: list[list[Block]]
    start: int = 1
    kind: Literal["list"] = "list"


@dataclass(slots=True)
class Quote:
    """A block quotation."""

    blocks: list[Block]
    kind: Literal["quote"] = "quote"


@dataclass(slots=True)
class CodeBlock:
    """Preformatted text."""

    text: str
    language: str = ""
    kind: Literal["code"] = "code"


@dataclass(slots=True)
class Rule:
    """A thematic break."""

    kind: Literal["rule"] = "rule"


@dataclass(slots=True)
class Cell:
    """A table cell as inline runs, with its spans."""

    runs: list[Inline]
    rowspan: int = 1
    colspan: int = 1
    kind: CellKind = "data"
    align: str = ""
    """left, center or right when the source says so."""


@dataclass(slots=True)
class Row:
    """A table row; `id` is the indicator's id for a row of the indicator table."""

    cells: list[Cell]
    group: bool = False
    """A group row: one cell naming the rows below it (基层社会治理 · 社会工作)."""
    id: str = ""


@dataclass(slots=True)
class Table:
    """A table: a plan table (表N), the indicator table, the 附表, or a table written in Markdown."""

    id: str
    title: str
    header: list[Row]
    rows: list[Row]
    number: str = ""
    """The printed number, 表2, or empty for an unnumbered table."""
    unit: str = ""
    """The unit line printed above the grid, e.g. 单位：张."""
    notes: list[list[Inline]] = field(default_factory=list)
    table_kind: Literal["grid", "indicators", "appendix", "prose"] = "grid"
    kind: Literal["table"] = "table"
    landscape: bool = False
    """Printed on a landscape page: set by the YAML or when too wide for portrait (compile/fit.py)."""
    revised: list[Inline] = field(default_factory=list)
    """In a redline: the title as runs carrying its revisions, printed instead of `title`."""


@dataclass(slots=True)
class Box:
    """A 专栏 feature box."""

    id: str
    number: str
    """专栏1, 专栏2 …"""
    title: str
    blocks: list[Block]
    kind: Literal["box"] = "box"
    revised: list[Inline] = field(default_factory=list)
    """In a redline: the title as runs carrying its revisions, printed instead of `title`."""


@dataclass(slots=True)
class Heading:
    """A numbered heading."""

    number: str
    """The printed number: 第一部分, 一、, （一）, 1. …"""
    title: str
    heading_kind: HeadingKind
    level: int
    """1 for the top of the outline (or of a box), 2 below it, and so on."""
    run_in: bool = False
    """The heading runs into its first paragraph, as a bold lead sentence does."""
    lead: list[Inline] = field(default_factory=list)
    """For a run-in heading: the paragraph it runs into."""
    revised: list[Inline] = field(default_factory=list)
    """In a redline: the title as runs carrying its revisions, printed instead of `title`."""


@dataclass(slots=True)
class Division:
    """A numbered part of the outline with its heading and everything under it."""

    id: str
    heading: Heading
    blocks: list[Block]
    role: str | None = None
    """background, requirements, tasks or safeguards for the municipal template's parts."""
    kind: Literal["division"] = "division"


Block = Paragraph | ListBlock | Quote | CodeBlock | Rule | Table | Box | Division


# The document ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Notice:
    """The issuing notice (印发通知) before the plan, with its header elements."""

    header: str
    """发文机关标志, e.g. 北京市通州区民政局文件."""
    doc_number: str
    """发文字号, e.g. 通民政文〔2021〕65号."""
    signer: str
    """签发人."""
    blocks: list[Block]
    public: str = ""
    """公开属性 as printed under the date, e.g. （此件公开发布）, or empty."""
    copy_to: list[str] = field(default_factory=list)
    """版记: 抄送机关, in order; empty for none."""
    printer: str = ""
    """版记: 印发机关, or empty (no 版记 when this, the date and copy_to are all empty)."""
    printed: str = ""
    """版记: 印发日期 as printed, 2021年12月1日印发, or empty."""

    def split_signing(self) -> tuple[list[Block], list[Block], list[Block]]:
        """The blocks before the signing, the signing (the last run of `signature` paragraphs:
        署名, 成文日期) and the blocks after it."""
        signed = [
            isinstance(block, Paragraph) and "signature" in block.classes for block in self.blocks
        ]
        if not any(signed):
            return self.blocks, [], []
        end = len(signed) - signed[::-1].index(True)
        start = end - 1
        while start > 0 and signed[start - 1]:
            start -= 1
        return self.blocks[:start], self.blocks[start:end], self.blocks[end:]


@dataclass(slots=True)
class Cover:
    """The title page."""

    title: str
    issuer: str
    date: str
    """The date as printed, 2023年6月13日, or empty."""
    docinfo: list[tuple[str, str]]
    """Document information printed as a table: (发文字号：, 门民发〔2023〕76号) …"""
    title_lines: list[str] = field(default_factory=list)
    """The title broken into printed lines (a pyramid or diamond), joined they give `title`."""
    revised: dict[str, list[Inline]] = field(default_factory=dict)
    """In a redline: title, issuer or date as runs carrying their revisions, printed instead."""


@dataclass(slots=True)
class TocEntry:
    """One line of the table of contents."""

    id: str
    number: str
    title: str
    level: int
    entry_kind: HeadingKind | Literal["preface", "appendix"]


@dataclass(slots=True)
class Preface:
    """The 前言 or 序言 before the numbered outline."""

    id: str
    title: str
    blocks: list[Block]


@dataclass(slots=True)
class Document:
    """A whole compiled plan."""

    slug: str
    title: str
    issuer: str
    period: tuple[int | None, int | None]
    """First and last year of the plan period."""
    numbering: str
    """The plan's numbering style: parts, chapters, chapters-cn, cn or volumes."""
    created: str
    """The reproducible document date (ISO 8601, UTC), or empty."""
    generator: str
    """plancraft and its version."""
    notice: Notice | None
    cover: Cover
    toc: list[TocEntry]
    preface: Preface | None
    body: list[Block]
    appendix: Table | None
    """The indicator table again, grouped by domain (附表)."""
    doc_number: str = ""
    """发文字号, or empty."""
    pdf_variant: str = ""
    """The PDF variant plan.yaml asks for (pdf/a-3b …), or empty."""
    sources: tuple[str, ...] = ()
    """The plan's own files it was made from (plan.yaml, text, tables, images), relative to its folder."""

    @property
    def period_keywords(self) -> str:
        """十四五规划 for a plan of 2021–2025, 2022—2035年规划 for other years, 规划 without a period."""
        start, end = self.period
        return Period(start, end).keywords if start and end else "规划"


def plain_text(runs: list[Inline]) -> str:
    """The characters inline runs print, without markup."""
    out = []
    for run in runs:
        if isinstance(run, Text | Code):
            out.append(run.text)
        elif isinstance(run, Reference):
            out.append(run.label or run.source)
        elif hasattr(run, "children"):
            out.append(plain_text(run.children))
    return "".join(out)
