"""Render: a resolved plan to one self-contained HTML document (Jinja2 template, CSS inlined)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import __version__
from .dates import build_date
from .markdown import parser
from .model import Box, Cell, IndicatorTable, Item, Placement, Plan, Prose, Section, Table
from .resources import templates_dir

LEVEL_CLASSES = {"第": "", "、": "lv-cn", "（": "", ".": "lv-arabic"}
DEFAULT_LABELS = {"domain": "领域", "subdomain": "子领域", "seq": "序号", "name": "指标", "unit": "单位",
                  "baseline": "基期值", "target": "目标值", "nature": "指标性质", "note": "备注"}
DOCINFO_FIELDS = (("发文单位", "issuer"), ("发文字号", "doc_number"), ("成文日期", "written"),
                  ("发布日期", "published"), ("实施日期", "effective"), ("废止日期", "expires"),
                  ("文件有效性", "validity"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment over the bundled templates."""
    return Environment(loader=FileSystemLoader(str(templates_dir())), autoescape=select_autoescape(["j2", "html"]),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)


def stylesheet() -> str:
    """The bundled stylesheet."""
    return (templates_dir() / "plan.css").read_text(encoding="utf-8")


def render_html(plan: Plan) -> str:
    """The whole plan as one HTML document."""
    view = _View(plan)
    template = environment().get_template("plan.html.j2")
    return template.render(
        meta=plan.meta, version=__version__, css=Markup(stylesheet()), created=build_date(plan.root),
        notice=view.items(plan.notice), preface=view.preface(), outline=view.items(plan.outline),
        toc=view.toc(), docinfo=view.docinfo(), cover_date=view.cover_date(), appendix=view.appendix())


def heading_class(label: str, in_box: bool) -> str:
    """The CSS class of a heading from how its number is printed."""
    if in_box:
        return "lv-box"
    if label.endswith("部分"):
        return "lv-part"
    if label.endswith("章"):
        return "lv-chapter"
    if label.endswith("节"):
        return "lv-section"
    if label.endswith("、"):
        return "lv-cn"
    if label.startswith("（"):
        return "lv-paren-arabic" if label[1:2].isdigit() else "lv-paren-cn"
    return "lv-arabic"


@dataclass
class _Row:
    cells: list[dict]
    cls: str = ""


@dataclass
class _View:
    """Turns model items into plain dictionaries the template can print."""

    plan: Plan
    env: dict = field(init=False)

    def __post_init__(self) -> None:
        self.env = {"labels": self.plan.labels, "anchors": self.plan.anchors, "root": self.plan.root}

    def prose(self, item: Prose) -> Markup:
        return Markup(parser().renderer.render(item.tokens, parser().options, self.env))

    def inline(self, item: Prose) -> Markup:
        return Markup(parser().renderer.renderInline(item.tokens[1].children or [], parser().options, self.env))

    def items(self, items: list[Item]) -> list[dict]:
        out: list[dict] = []
        for item in items:
            if isinstance(item, Prose):
                out.append({"kind": "prose", "html": self.prose(item)})
            elif isinstance(item, Placement):
                table = self.placed_table(item.target)
                if table is not None:
                    out.append({"kind": "placement", "table": table})
            elif isinstance(item, Box):
                out.append({"kind": "box", "id": item.id, "label": item.label, "title": item.title,
                            "content": self.items(item.content)})
            elif isinstance(item, Section):
                out.append(self.section(item))
        return out

    def section(self, section: Section) -> dict:
        content = list(section.content)
        run_in_html = Markup("")
        if section.run_in and content and isinstance(content[0], Prose):
            run_in_html = self.inline(content.pop(0))
        level = min(section.depth + 1, 6)
        cls = heading_class(section.label, section.in_box)
        separator = "　" if cls in ("lv-part", "lv-chapter", "lv-section") else ""
        return {"kind": "section", "id": section.id, "label": section.label, "title": section.title,
                "depth": section.depth, "run_in": section.run_in, "run_in_html": run_in_html,
                "tag": f"h{level}", "heading_cls": cls, "separator": separator,
                "cls": f"depth-{section.depth}" + (f" role-{section.role}" if section.role else ""),
                "content": self.items(content)}

    def preface(self) -> dict | None:
        if not self.plan.preface:
            return None
        return {"id": self.plan.preface.id, "title": self.plan.preface.title,
                "content": self.items(self.plan.preface.content)}

    def toc(self) -> list[dict]:
        entries = []
        if self.plan.preface and self.plan.preface.title:
            entries.append({"id": self.plan.preface.id, "label": "", "separator": "", "title": self.plan.preface.title,
                            "level": 1})
        self._toc(self.plan.outline, 1, entries)
        if self.plan.indicators:
            entries.append({"id": "appendix-indicators", "label": "附表", "separator": "　",
                            "title": self.plan.indicators.title, "level": 1})
        return entries

    def _toc(self, items: list[Item], level: int, entries: list[dict]) -> None:
        if level > self.plan.meta.toc_depth:
            return
        for item in items:
            if isinstance(item, Section):
                cls = heading_class(item.label, False)
                entries.append({"id": item.id, "label": item.label, "title": item.title, "level": level,
                                "separator": "　" if cls in ("lv-part", "lv-chapter", "lv-section") else ""})
                self._toc(item.content, level + 1, entries)

    def docinfo(self) -> list[tuple[str, str]]:
        meta = self.plan.meta
        values = {"issuer": meta.issuer if meta.doc_number else "", "doc_number": meta.doc_number,
                  "validity": meta.validity, **meta.dates}
        if not meta.doc_number:
            return []
        return [(label + "：", values.get(key, "")) for label, key in DOCINFO_FIELDS
                if values.get(key) or key == "expires"]

    def cover_date(self) -> str:
        written = self.plan.meta.dates.get("written") or self.plan.meta.dates.get("published", "")
        if not written:
            return ""
        parts = written.split("-")
        text = f"{int(parts[0])}年{int(parts[1])}月"
        return text + (f"{int(parts[2])}日" if len(parts) > 2 else "")

    def placed_table(self, target: str) -> dict | None:
        if self.plan.indicators and target == self.plan.indicators.id:
            return self.indicator_table(self.plan.indicators)
        for table in self.plan.tables:
            if table.id == target:
                return self.table(table)
        return None

    def table(self, table: Table) -> dict:
        return {"id": table.id, "label": table.label, "title": table.title, "unit": table.unit,
                "header": [[_cell(cell) for cell in row] for row in table.header],
                "rows": [_Row([_cell(cell) for cell in row]) for row in table.rows],
                "notes": [self.inline_text(note) for note in table.notes], "cls": "grid"}

    def inline_text(self, text: str) -> Markup:
        return Markup(parser().renderInline(text, self.env))

    def indicator_table(self, table: IndicatorTable) -> dict:
        labels = {**DEFAULT_LABELS, **self.year_labels(table), **table.labels}
        columns = list(table.columns)
        header: list[dict] = []
        for index, column in enumerate(columns):
            if column == "subdomain" and labels["subdomain"] == "" and index and columns[index - 1] == "domain":
                continue
            span = 2 if column == "domain" and labels.get("subdomain") == "" and "subdomain" in columns[index + 1:index + 2] else 1
            header.append({"html": labels[column], "rowspan": 1, "colspan": span})
        rows = []
        for position, indicator in enumerate(table.indicators):
            cells = []
            for column in columns:
                if column in ("domain", "subdomain"):
                    span = _run_length(table.indicators, position, column)
                    if span == 0:
                        continue
                    cells.append({"html": getattr(indicator, column), "rowspan": span, "colspan": 1, "cls": "group-cell"})
                else:
                    cells.append(self.indicator_cell(table, indicator, column))
            rows.append(_Row(cells))
        return {"id": table.id, "label": table.label, "title": table.title, "unit": "", "header": [header],
                "rows": rows, "notes": [self.inline_text(note) for note in table.notes], "cls": "indicators"}

    def year_labels(self, table: IndicatorTable) -> dict:
        labels = {}
        if table.baseline_year:
            labels["baseline"] = f"{table.baseline_year}年"
        if table.target_year:
            labels["target"] = f"{table.target_year}年"
        return labels

    def indicator_cell(self, table: IndicatorTable, indicator: Any, column: str) -> dict:
        if column == "seq":
            text = str(indicator.number)
        elif column == "name":
            text = indicator.name
            if indicator.unit and "unit" not in table.columns:
                text += f"（{indicator.unit}）"
            if table.binding_mark and indicator.binding:
                text += table.binding_mark
        elif column in ("baseline", "target"):
            quantity = getattr(indicator, column)
            text = quantity.text if quantity else ""
        else:
            text = getattr(indicator, column)
        cls = "name" if column in ("name", "note") else "seq" if column == "seq" else ""
        return {"html": text, "rowspan": 1, "colspan": 1, "cls": cls, "id": indicator.id if column == "seq" else ""}

    def appendix(self) -> dict | None:
        table = self.plan.indicators
        if table is None:
            return None
        base = f"{table.baseline_year}年" if table.baseline_year else "基期值"
        target = f"{table.target_year}年目标" if table.target_year else "目标值"
        header = [[{"html": text, "rowspan": 1, "colspan": 1} for text in
                   ("序号", "指标", "单位", base, target, "属性")]]
        rows, domain = [], None
        for indicator in table.indicators:
            group = " · ".join(part for part in (indicator.domain, indicator.subdomain) if part)
            if group and group != domain:
                rows.append(_Row([{"html": group, "rowspan": 1, "colspan": 6, "cls": "group"}], "group"))
                domain = group
            mark = "※" if indicator.binding else ""
            values = [str(indicator.number), indicator.name + mark, indicator.unit,
                      indicator.baseline.text if indicator.baseline else "—",
                      indicator.target.text if indicator.target else "—", indicator.nature]
            rows.append(_Row([{"html": value, "rowspan": 1, "colspan": 1, "cls": "name" if i == 1 else ""}
                              for i, value in enumerate(values)]))
        notes = ["注：带“※”的指标为约束性指标，其他为预期性指标。"]
        return {"title": table.title, "header": header, "rows": rows, "notes": notes}


def _cell(cell: Cell) -> dict:
    return {"html": escape(cell.text), "rowspan": cell.rowspan, "colspan": cell.colspan, "cls": ""}


def _run_length(indicators: list, position: int, column: str) -> int:
    """Rows a domain/subdomain cell spans from `position`; 0 when the cell above already spans it."""
    def key(index: int) -> tuple:
        row = indicators[index]
        return (row.domain, row.subdomain) if column == "subdomain" else (row.domain,)
    if position and key(position - 1) == key(position):
        return 0
    length = 1
    while position + length < len(indicators) and key(position + length) == key(position):
        length += 1
    return length
