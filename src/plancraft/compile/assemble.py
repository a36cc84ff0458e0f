"""Assemble: turn a resolved, checked plan into the output-neutral document tree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from markdown_it.token import Token

from .. import __version__
from ..source.confine import real_path
from ..source.dates import build_date
from ..source.markdown import block_end, new_parser
from ..source.media import embedded, image_path
from ..source.model import Box as SourceBox
from ..source.model import Cell as SourceCell
from ..source.model import Indicator, IndicatorTable, Item, Placement, Plan, Prose, Section
from ..source.model import Table as SourceTable
from . import document as doc
from .fit import landscape, portrait
from .numbering import heading_kind
from .titles import title_lines

DEFAULT_COLUMN_TITLES = {
    "domain": "领域",
    "subdomain": "子领域",
    "seq": "序号",
    "name": "指标",
    "unit": "单位",
    "baseline": "基期值",
    "target": "目标值",
    "nature": "指标性质",
    "note": "备注",
}
DOCINFO_FIELDS = (
    ("发文单位", "issuer"),
    ("发文字号", "doc_number"),
    ("成文日期", "written"),
    ("发布日期", "published"),
    ("实施日期", "effective"),
    ("废止日期", "expires"),
    ("文件有效性", "validity"),
)
APPENDIX_ID = "appendix-indicators"
APPENDIX_NOTE = "注：带“※”的指标为约束性指标，其他为预期性指标。"


def assemble(plan: Plan, *, break_titles: bool = True, created: str | None = None) -> doc.Document:
    """The document tree of a plan that has been resolved and checked without errors.

    `break_titles=False` leaves the cover and notice titles whole instead of breaking them into printed
    lines (which reads jieba's dictionary, about 0.1 s): for readers that compare words, not layout, such as the diff.
    `created` is the document date when the caller has it already (build_date, which may run git).
    """
    return _Assembler(plan, break_titles, created).document()


def placed_tables(plan: Plan) -> list[tuple[doc.Table, bool]]:
    """Every table placed in the text, built as it prints (its orientation decided, a 专栏's kept
    portrait), with whether it sits in a 专栏; without assembling the rest of the document."""
    assembler = _Assembler(plan)
    found: list[tuple[doc.Table, bool]] = []

    def walk(items: Sequence[Item], boxed: bool) -> None:
        for item in items:
            if isinstance(item, Placement):
                table = assembler.placed_table(item.target)
                if table is not None:
                    table.landscape = table.landscape and not boxed
                    found.append((table, boxed))
            elif isinstance(item, SourceBox | Section):
                walk(item.content, boxed or isinstance(item, SourceBox))

    walk(plan.notice, False)
    walk(plan.preface.content if plan.preface else [], False)
    walk(plan.outline, False)
    return found


class _Assembler:
    """Walks the source model once and builds the tree."""

    def __init__(self, plan: Plan, break_titles: bool = True, created: str | None = None) -> None:
        self.plan = plan
        self.break_titles = break_titles
        self.created = created
        self.markdown = new_parser()
        self.images: list[str] = []

    def document(self) -> doc.Document:
        meta = self.plan.meta
        notice_blocks = self.blocks(self.plan.notice)
        notice = self.notice(notice_blocks) if notice_blocks else None
        preface = None
        if self.plan.preface:
            preface = doc.Preface(
                self.plan.preface.id,
                self.plan.preface.title,
                self.blocks(self.plan.preface.content),
            )
        return doc.Document(
            slug=self.plan.slug,
            title=meta.title,
            issuer=meta.issuer,
            period=(meta.period_start, meta.period_end),
            numbering=meta.numbering,
            created=build_date(self.plan.root) if self.created is None else self.created,
            generator=f"plancraft {__version__}",
            notice=notice,
            cover=doc.Cover(
                meta.title,
                meta.issuer,
                self.cover_date(),
                self.docinfo(),
                meta.title_lines
                or (title_lines(meta.title) if self.break_titles else [meta.title]),
            ),
            toc=self.toc(),
            preface=preface,
            body=self.blocks(self.plan.outline),
            appendix=_oriented(None, self.appendix()) if meta.appendix else None,
            doc_number=meta.doc_number,
            pdf_variant=meta.pdf_variant,
            sources=self.sources(),
        )

    def sources(self) -> tuple[str, ...]:
        """The plan's files read so far and the images embedded, relative to the plan folder."""
        root = self.plan.root
        found = [path.relative_to(root).as_posix() for path in self.plan.sources]
        found += [
            image_path(src, root).relative_to(real_path(root)).as_posix() for src in self.images
        ]
        return tuple(dict.fromkeys(found))

    # Structure ---------------------------------------------------------------------------------------

    def blocks(self, items: Sequence[Item]) -> list[doc.Block]:
        out: list[doc.Block] = []
        for item in items:
            if isinstance(item, Prose):
                out.extend(_Blocks(self).convert(item.tokens))
                continue
            elif isinstance(item, Placement):
                table = self.placed_table(item.target)
                if table is not None:
                    out.append(table)
            elif isinstance(item, SourceBox):
                blocks = portrait(self.blocks(item.content))
                out.append(doc.Box(item.id, item.label, item.title, blocks))
            elif isinstance(item, Section):
                out.append(self.division(item))
        return out

    def division(self, section: Section) -> doc.Division:
        content = list(section.content)
        lead: list[doc.Inline] = []
        if section.run_in and content and isinstance(content[0], Prose):
            first = cast(Prose, content.pop(0))
            lead = self.runs(first.tokens[1].children or [])
        kind = cast(
            doc.HeadingKind,
            "box-item" if section.in_box else heading_kind(self.plan.meta.numbering, section.depth),
        )
        heading = doc.Heading(
            section.label, section.title, kind, section.depth, section.run_in, lead
        )
        return doc.Division(section.id, heading, self.blocks(content), section.role)

    def toc(self) -> list[doc.TocEntry]:
        entries = []
        preface = self.plan.preface
        if preface and preface.title:
            entries.append(doc.TocEntry(preface.id, "", preface.title, 1, "preface"))
        self._toc(self.plan.outline, 1, entries)
        if self.plan.indicators and self.plan.meta.appendix:
            entries.append(
                doc.TocEntry(APPENDIX_ID, "附表", self.plan.indicators.title, 1, "appendix")
            )
        return entries

    def _toc(self, items: Sequence[Item], level: int, entries: list[doc.TocEntry]) -> None:
        if level > self.plan.meta.toc_depth:
            return
        for item in items:
            if isinstance(item, Section):
                kind = cast(doc.HeadingKind, heading_kind(self.plan.meta.numbering, item.depth))
                entries.append(doc.TocEntry(item.id, item.label, item.title, level, kind))
                self._toc(item.content, level + 1, entries)

    def notice(self, blocks: list[doc.Block]) -> doc.Notice:
        meta = self.plan.meta
        title = next(
            (
                block
                for block in blocks
                if isinstance(block, doc.Paragraph) and "center" in block.classes
            ),
            None,
        )
        if self.break_titles and title and all(isinstance(run, doc.Text) for run in title.runs):
            text = "".join(run.text for run in title.runs if isinstance(run, doc.Text))
            lines = meta.notice_title_lines or title_lines(text)
            title.runs = [doc.Text(lines[0])]
            for line in lines[1:]:
                title.runs += [doc.LineBreak(hard=True), doc.Text(line)]
        public = f"（{meta.public.strip('（）()')}）" if meta.public else ""
        return doc.Notice(
            meta.notice_header,
            meta.doc_number,
            meta.signer,
            blocks,
            public,
            list(meta.copy_to),
            meta.printer,
            f"{printed_date(meta.printed)}印发" if meta.printed else "",
        )

    def docinfo(self) -> list[tuple[str, str]]:
        """The cover's document information, only when plan.yaml asks (`cover_metadata: true`):
        the fields that have a value, dates as printed (2023年6月13日)."""
        meta = self.plan.meta
        if not meta.cover_metadata:
            return []
        dates = {key: printed_date(value) for key, value in meta.dates.items() if value}
        values = {
            "issuer": meta.issuer,
            "doc_number": meta.doc_number,
            "validity": meta.validity,
            **dates,
        }
        return [(label + "：", values[key]) for label, key in DOCINFO_FIELDS if values.get(key)]

    def cover_date(self) -> str:
        written = self.plan.meta.dates.get("written") or self.plan.meta.dates.get("published", "")
        return printed_date(written) if written else ""

    # Tables ------------------------------------------------------------------------------------------

    def placed_table(self, target: str) -> doc.Table | None:
        indicators = self.plan.indicators
        if indicators and target == indicators.id:
            return _oriented(indicators.landscape, self.indicator_table(indicators))
        for table in self.plan.tables:
            if table.id == target:
                return _oriented(table.landscape, self.table(table))
        return None

    def table(self, table: SourceTable) -> doc.Table:
        return doc.Table(
            table.id,
            table.title,
            header=[doc.Row([_text_cell(cell) for cell in row]) for row in table.header],
            rows=[doc.Row([_text_cell(cell) for cell in row]) for row in table.rows],
            number=table.label,
            unit=table.unit,
            notes=[self.inline_text(note) for note in table.notes],
            table_kind="grid",
        )

    def indicator_table(self, table: IndicatorTable) -> doc.Table:
        years = _year_titles(*self.table_years(table))
        titles = {**DEFAULT_COLUMN_TITLES, **years, **table.labels}
        columns = list(table.columns)
        header: list[doc.Cell] = []
        for index, column in enumerate(columns):
            if (
                column == "subdomain"
                and titles["subdomain"] == ""
                and index
                and columns[index - 1] == "domain"
            ):
                continue
            merged = (
                column == "domain"
                and titles.get("subdomain") == ""
                and "subdomain" in columns[index + 1 : index + 2]
            )
            header.append(doc.Cell([doc.Text(titles[column])], colspan=2 if merged else 1))
        rows = []
        for position, indicator in enumerate(table.indicators):
            cells = []
            for column in columns:
                if column in ("domain", "subdomain"):
                    span = _run_length(table.indicators, position, column)
                    if span:
                        cells.append(
                            doc.Cell(
                                [doc.Text(getattr(indicator, column))], rowspan=span, kind="domain"
                            )
                        )
                else:
                    cells.append(_indicator_cell(table, indicator, column))
            rows.append(doc.Row(cells, id=indicator.id))
        return doc.Table(
            table.id,
            table.title,
            [doc.Row(header)],
            rows,
            number=table.label,
            notes=[self.inline_text(note) for note in table.notes],
            table_kind="indicators",
        )

    def table_years(self, table: IndicatorTable) -> tuple[int | None, int | None]:
        """The baseline and target years: the table's own, else the year before the period and its end.

        A table without a baseline column keeps its baseline year unnamed (基期值 in the appendix).
        """
        meta = self.plan.meta
        derived = (
            meta.period_start - 1 if meta.period_start and "baseline" in table.columns else None
        )
        return table.baseline_year or derived, table.target_year or meta.period_end

    def appendix(self) -> doc.Table | None:
        table = self.plan.indicators
        if table is None:
            return None
        baseline_year, target_year = self.table_years(table)
        base = f"{baseline_year}年" if baseline_year else "基期值"
        target = f"{target_year}年目标" if target_year else "目标值"
        header = doc.Row(
            [doc.Cell([doc.Text(text)]) for text in ("序号", "指标", "单位", base, target, "属性")]
        )
        rows: list[doc.Row] = []
        domain = None
        for indicator in table.indicators:
            group = " · ".join(part for part in (indicator.domain, indicator.subdomain) if part)
            if group and group != domain:
                rows.append(
                    doc.Row([doc.Cell([doc.Text(group)], colspan=6, kind="group")], group=True)
                )
                domain = group
            values = [
                str(indicator.number),
                indicator.name + ("※" if indicator.binding else ""),
                indicator.unit,
                indicator.baseline.text if indicator.baseline else "—",
                indicator.target.text if indicator.target else "—",
                indicator.nature,
            ]
            rows.append(
                doc.Row(
                    [
                        doc.Cell([doc.Text(value)], kind="name" if index == 1 else "data")
                        for index, value in enumerate(values)
                    ],
                    id=indicator.id,
                )
            )
        return doc.Table(
            APPENDIX_ID,
            table.title,
            [header],
            rows,
            notes=[[doc.Text(APPENDIX_NOTE)]],
            table_kind="appendix",
        )

    # Inline ------------------------------------------------------------------------------------------

    def inline_text(self, text: str) -> list[doc.Inline]:
        """Inline Markdown (a table note) as runs."""
        tokens = self.markdown.parseInline(text, {})
        return self.runs(tokens[0].children or []) if tokens else []

    def runs(self, tokens: Sequence[Token]) -> list[doc.Inline]:
        """markdown-it inline tokens as runs; nested markup becomes nested runs."""
        root: list[doc.Inline] = []
        stack: list[list[doc.Inline]] = [root]
        for token in tokens:
            here = stack[-1]
            if token.type == "text":
                if here and isinstance(here[-1], doc.Text):
                    here[-1].text += token.content
                else:
                    here.append(doc.Text(token.content))
            elif token.type in ("strong_open", "em_open", "link_open"):
                children: list[doc.Inline] = []
                if token.type == "strong_open":
                    here.append(doc.Strong(children))
                elif token.type == "em_open":
                    here.append(doc.Emphasis(children))
                else:
                    here.append(
                        doc.Link(
                            str(token.attrGet("href") or ""),
                            children,
                            str(token.attrGet("title") or ""),
                        )
                    )
                stack.append(children)
            elif token.type in ("strong_close", "em_close", "link_close"):
                stack.pop()
            elif token.type in ("softbreak", "hardbreak"):
                here.append(doc.LineBreak(token.type == "hardbreak"))
            elif token.type == "code_inline":
                here.append(doc.Code(token.content))
            elif token.type == "xref":
                target = token.meta["id"]
                here.append(doc.Reference(target, self.plan.labels.get(target, ""), token.content))
            elif token.type == "image":
                source = str(token.attrGet("src") or "")
                alt = _plain(token.children or [])
                data_url = embedded(source, self.plan.root)
                if data_url and not source.startswith("data:"):
                    self.images.append(source)
                here.append(doc.Image(alt, source, data_url))
            else:
                here.append(doc.Text(token.content))
        return root


class _Blocks:
    """Turns the markdown-it tokens of one prose block into tree blocks."""

    def __init__(self, assembler: _Assembler) -> None:
        self.assembler = assembler

    def convert(self, tokens: Sequence[Token]) -> list[doc.Block]:
        out: list[doc.Block] = []
        index = 0
        while index < len(tokens):
            end = block_end(tokens, index)
            block = self.block(tokens[index : end + 1])
            if block is not None:
                out.append(block)
            index = end + 1
        return out

    def block(self, tokens: Sequence[Token]) -> doc.Block | None:
        first = tokens[0]
        inner = tokens[1:-1]
        if first.type == "paragraph_open":
            attrs = first.attrs or {}
            runs = self.assembler.runs(tokens[1].children or [])
            return doc.Paragraph(
                runs,
                tuple(str(attrs.get("class", "")).split()),
                str(attrs.get("id", "")),
                tight=first.hidden,
            )
        if first.type in ("bullet_list_open", "ordered_list_open"):
            items = []
            index = 0
            while index < len(inner):
                end = block_end(inner, index)
                items.append(self.convert(inner[index + 1 : end]))
                index = end + 1
            start = int(first.attrGet("start") or 1)
            return doc.ListBlock(first.type == "ordered_list_open", items, start)
        if first.type == "blockquote_open":
            return doc.Quote(self.convert(inner))
        if first.type in ("code_block", "fence"):
            return doc.CodeBlock(
                first.content, first.info.strip().split(" ")[0] if first.info else ""
            )
        if first.type == "hr":
            return doc.Rule()
        if first.type == "table_open":
            return self.table(tokens)
        text = "".join(token.content for token in tokens if token.type == "inline")
        return doc.Paragraph([doc.Text(text)]) if text else None

    def table(self, tokens: Sequence[Token]) -> doc.Table:
        header: list[doc.Row] = []
        body: list[doc.Row] = []
        part = header
        for index, token in enumerate(tokens):
            if token.type == "tbody_open":
                part = body
            elif token.type == "tr_open":
                part.append(doc.Row([]))
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrGet("style") or "")
                align = style.removeprefix("text-align:") if style.startswith("text-align:") else ""
                part[-1].cells.append(
                    doc.Cell(self.assembler.runs(tokens[index + 1].children or []), align=align)
                )
        return doc.Table("", "", header, body, table_kind="prose")


def printed_date(iso: str) -> str:
    """A YYYY-MM(-DD) date as printed: 2023年6月13日."""
    parts = iso.split("-")
    text = f"{int(parts[0])}年{int(parts[1])}月"
    return text + (f"{int(parts[2])}日" if len(parts) > 2 else "")


def _plain(tokens: Sequence[Token]) -> str:
    """Inline tokens as plain text, as an image's alt text is."""
    parts = []
    for token in tokens:
        if token.children:
            parts.append(_plain(token.children))
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "image":
            parts.append(_plain(token.children or []))
    return "".join(parts)


def _oriented(explicit: bool | None, table: doc.Table | None) -> doc.Table | None:
    """The table with its orientation decided (compile/fit.py)."""
    if table is not None:
        table.landscape = landscape(table, explicit)
    return table


def _text_cell(cell: SourceCell) -> doc.Cell:
    return doc.Cell([doc.Text(cell.text)], cell.rowspan, cell.colspan)


def _year_titles(baseline_year: int | None, target_year: int | None) -> dict[str, str]:
    titles = {}
    if baseline_year:
        titles["baseline"] = f"{baseline_year}年"
    if target_year:
        titles["target"] = f"{target_year}年"
    return titles


def _indicator_cell(table: IndicatorTable, indicator: Indicator, column: str) -> doc.Cell:
    if column == "seq":
        return doc.Cell([doc.Text(str(indicator.number))], kind="seq")
    if column == "name":
        text = indicator.name
        if indicator.unit and "unit" not in table.columns:
            text += f"（{indicator.unit}）"
        if table.binding_mark and indicator.binding:
            text += table.binding_mark
        return doc.Cell([doc.Text(text)], kind="name")
    if column in ("baseline", "target"):
        quantity = getattr(indicator, column)
        return doc.Cell([doc.Text(quantity.text if quantity else "")])
    return doc.Cell(
        [doc.Text(getattr(indicator, column))], kind="name" if column == "note" else "data"
    )


def _run_length(indicators: list[Indicator], position: int, column: str) -> int:
    """Rows a domain/subdomain cell spans from `position`; 0 when the cell above already spans it."""

    def key(index: int) -> tuple[str, ...]:
        row = indicators[index]
        return (row.domain, row.subdomain) if column == "subdomain" else (row.domain,)

    if position and key(position - 1) == key(position):
        return 0
    length = 1
    while position + length < len(indicators) and key(position + length) == key(position):
        length += 1
    return length
