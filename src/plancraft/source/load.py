"""Load: read a plan folder into the typed model, with every problem recorded where it is."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Location, display_path, source_path
from ..i18n import _
from ..limits import HEADINGS, INDICATOR_ROWS, TABLE_ROWS
from . import schema
from .markdown import parse_items
from .model import (
    INDICATORS_FILE,
    NUMBERING_STYLES,
    PLAN_FILE,
    TABLES_DIR,
    Box,
    Cell,
    Indicator,
    IndicatorTable,
    Item,
    Metadata,
    MonitoringYear,
    Plan,
    Quantity,
    Round,
    Section,
    Table,
)
from .monitoring import read_year, year_files
from .rounds import read_round, round_files
from .textfile import read_text
from .yamlfile import YamlFile, load_yaml, plain

QUANTITY_RE = re.compile(r"^\s*(≥|≤|≧|≦|>|<|=|＞|＜|＝)?\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(%)?\s*$")
DEFAULT_COLUMNS = ["domain", "subdomain", "seq", "name", "baseline", "target", "nature"]


def load_plan(root: Path, diagnostics: Diagnostics) -> Plan | None:
    """Read `plans/<slug>/` into a Plan; None when plan.yaml itself cannot be used. Its parent plan
    is read by source/parent.py (`with_parent`)."""
    root = Path(root)
    if not (root / PLAN_FILE).is_file():
        diagnostics.error(
            Location(source_path(root)),
            _("not a plan folder: {file} is missing").format(file=PLAN_FILE),
            code="file-missing",
            hint=_("a plan folder holds plan.yaml, indicators.yaml and text/"),
        )
        return None
    return _Loader(root, diagnostics).plan()


def load_plan_data(root: Path, diagnostics: Diagnostics) -> Plan | None:
    """Read only the data of `plans/<slug>/`: plan.yaml, the indicator table and the monitoring year
    files, without the text (what monitoring needs, at a fraction of the time)."""
    if not (Path(root) / PLAN_FILE).is_file():
        return load_plan(root, diagnostics)
    return _Loader(Path(root), diagnostics, text=False).plan()


def load_indicators(
    root: Path, diagnostics: Diagnostics, path: Path | None = None
) -> IndicatorTable | None:
    """Read only the indicator table of the plan folder `root` (or the indicators file `path`)."""
    return _Loader(Path(root), diagnostics).indicators(path)


def parse_quantity(value: Any) -> Quantity:
    """An indicator value as written: 7, "≥7", "47%", "—", or a textual target."""
    if isinstance(value, bool):
        return Quantity(str(value))
    if isinstance(value, (int, float)):
        return Quantity(_number_text(value), value=float(value))
    text = str(value).strip()
    match = QUANTITY_RE.match(text)
    if not match:
        return Quantity(text)
    comparator = {"＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤"}.get(
        match.group(1) or "", match.group(1) or ""
    )
    return Quantity(text, comparator, float(match.group(2)), bool(match.group(3)))


def _number_text(value: int | float) -> str:
    return getattr(value, "text", None) or str(value)


class _Loader:
    """Reads the files of one plan folder."""

    def __init__(self, root: Path, diagnostics: Diagnostics, text: bool = True) -> None:
        self.root = root
        self.diagnostics = diagnostics
        self.text = text
        self.sources: list[Path] = []
        self.unloaded: set[str] = set()

    def yaml_checked(self, path: Path, schema_name: str) -> tuple[YamlFile | None, bool]:
        self.sources.append(path)
        document = load_yaml(path, self.diagnostics, self.root)
        if document is None:
            return None, False
        return document, schema.check(document, schema_name, self.diagnostics)

    def plan(self) -> Plan | None:
        """Build the plan; a schema-invalid plan.yaml is still followed as far as it goes, to report everything."""
        document, valid = self.yaml_checked(self.root / PLAN_FILE, "plan")
        indicators = self.indicators()
        tables = self.tables() if self.text else []
        monitoring = self.monitoring()
        rounds = self.rounds()
        if document is None or not isinstance(document.data, dict):
            return None
        data = document.data
        plan = Plan(
            slug=self.root.name,
            root=self.root,
            meta=self.metadata(plain(data)),
            outline=[],
            indicators=indicators,
            tables=tables,
            complete=valid,
            monitoring=monitoring,
            rounds=rounds,
        )
        plan.meta.locations = {"": document.locate()} | {
            str(key): document.locate([key]) for key in data
        }
        plan.sources = self.sources
        plan.unloaded = self.unloaded | ({"indicators"} if indicators is None else set())
        if not self.text:
            return plan
        outline = data.get("outline")
        plan.outline = [
            self.node(document, ["outline", index], node, 1)
            for index, node in enumerate(outline if isinstance(outline, list) else [])
            if isinstance(node, dict)
        ]
        if isinstance(data.get("notice"), str):
            plan.notice = self.markdown(document, ["notice"], data["notice"], 0)
        preface = data.get("preface")
        if isinstance(preface, dict):
            plan.preface = Section(
                id="preface",
                title=str(preface.get("title", "")),
                depth=1,
                location=document.locate(["preface"]),
                role="extra",
            )
            if isinstance(preface.get("file"), str):
                plan.preface.content = self.markdown(
                    document, ["preface", "file"], preface["file"], 1
                )
        headings = _count_sections(plan.outline)
        if headings > HEADINGS.value:
            self.diagnostics.error(
                document.locate(["outline"]),
                _("the plan has {count} headings, over the limit {limit}").format(
                    count=headings, limit=HEADINGS
                ),
                code="limit",
            )
        plan.sources = self.sources
        plan.unloaded = self.unloaded | ({"indicators"} if indicators is None else set())
        return plan

    def metadata(self, data: dict) -> Metadata:
        period: dict[str, Any] = data["period"] if isinstance(data.get("period"), dict) else {}
        dates: dict[str, Any] = data["dates"] if isinstance(data.get("dates"), dict) else {}
        numbering = str(data["numbering"]) if data.get("numbering") in NUMBERING_STYLES else "parts"
        toc_depth = data["toc_depth"] if isinstance(data.get("toc_depth"), int) else 2
        monitoring = data.get("monitoring")
        if not (
            isinstance(monitoring, dict) and isinstance(monitoring.get("tolerance"), float | int)
        ):
            monitoring = None
        return Metadata(
            title=str(data.get("title", "")),
            issuer=str(data.get("issuer", "")),
            doc_number=str(data.get("doc_number", "")),
            signer=str(data.get("signer", "")),
            notice_header=str(data.get("notice_header", "")),
            dates={key: str(value) for key, value in dates.items() if value},
            validity=str(data.get("validity", "")),
            period_start=_year(period.get("start")),
            period_end=_year(period.get("end")),
            outlook=period.get("outlook"),
            parent=str(data.get("parent", "")),
            predecessor=str(data.get("predecessor", "")),
            numbering=numbering,
            **_print_fields(data),
            toc_depth=toc_depth,
            tolerance=float(monitoring["tolerance"]) if isinstance(monitoring, dict) else None,
        )

    def node(self, document: YamlFile, keys: list, data: dict, depth: int) -> Section:
        role = data.get("role")
        section = Section(
            id=str(data.get("id", "")),
            title=str(data.get("title", "")),
            depth=depth,
            location=document.locate([*keys, "title"]),
            role=role if isinstance(role, str) else None,
        )
        if isinstance(data.get("file"), str):
            section.content.extend(self.markdown(document, [*keys, "file"], data["file"], depth))
        sections = data.get("sections")
        for index, child in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(child, dict):
                section.content.append(
                    self.node(document, [*keys, "sections", index], child, depth + 1)
                )
        return section

    def markdown(self, document: YamlFile, keys: list, relative: str, depth: int) -> list[Item]:
        path = self.root / str(relative)
        if not os.path.lexists(path):
            self.diagnostics.error(
                document.locate(keys),
                _("file not found: {path}").format(path=relative),
                code="file-missing",
                hint=_("create {path} or fix the path").format(path=display_path(path)),
            )
            return []
        text = read_text(path, self.diagnostics, self.root, document.locate(keys))
        if text is None:
            return []
        self.sources.append(path)
        return parse_items(text, source_path(path), depth, self.diagnostics)

    def indicators(self, path: Path | None = None) -> IndicatorTable | None:
        path = path or self.root / INDICATORS_FILE
        if not os.path.lexists(path):
            self.diagnostics.error(
                Location(source_path(self.root / PLAN_FILE)),
                _("the indicator table is missing: create {file}").format(file=INDICATORS_FILE),
                code="missing-indicators",
            )
            return None
        document, valid = self.yaml_checked(path, "indicators")
        if document is None or not valid:
            self.unloaded |= _ids_in(document, "indicators")
            return None
        data = plain(document.data)
        if len(data["indicators"]) > INDICATOR_ROWS.value:
            self.diagnostics.error(
                document.locate(["indicators"], at_key=True),
                _("{count} rows, over the limit {limit}").format(
                    count=len(data["indicators"]), limit=INDICATOR_ROWS
                ),
                code="limit",
            )
            self.unloaded |= _ids_in(document, "indicators")
            return None
        rows = []
        for index, row in enumerate(data["indicators"]):
            rows.append(
                Indicator(
                    id=row["id"],
                    name=row["name"],
                    location=document.locate(["indicators", index]),
                    unit=row.get("unit", ""),
                    domain=row.get("domain", ""),
                    subdomain=row.get("subdomain", ""),
                    baseline=parse_quantity(row["baseline"]) if "baseline" in row else None,
                    target=parse_quantity(row["target"]),
                    nature=row["nature"],
                    note=row.get("note", ""),
                    field_locations={
                        key: document.locate(["indicators", index, key])
                        for key in ("baseline", "target", "nature", "parent_id")
                        if key in row
                    },
                    parent_id=row.get("parent_id", ""),
                    compare=row.get("compare", True),
                    nature_reason=row.get("nature_reason", ""),
                    target_kind=row.get("target_kind", ""),
                )
            )
        return IndicatorTable(
            title=data["title"],
            location=document.locate(),
            indicators=rows,
            columns=data.get("columns", DEFAULT_COLUMNS),
            labels=data.get("labels", {}),
            baseline_year=data.get("baseline_year"),
            target_year=data.get("target_year"),
            binding_mark=data.get("binding_mark", ""),
            numbered=data.get("numbered", False),
            notes=data.get("notes", []),
            landscape=data.get("landscape"),
        )

    def monitoring(self) -> list[MonitoringYear]:
        years = []
        for path in year_files(self.root):
            document, valid = self.yaml_checked(path, "monitoring")
            if document is not None and valid:
                years.append(read_year(document))
        return sorted(years, key=lambda year: year.year)

    def rounds(self) -> list[Round]:
        rounds = []
        for path in round_files(self.root):
            document, valid = self.yaml_checked(path, "round")
            if document is not None and valid:
                rounds.append(read_round(document))
        return rounds

    def tables(self) -> list[Table]:
        folder = self.root / TABLES_DIR
        if not folder.is_dir():
            return []
        tables = []
        for path in sorted(folder.glob("*.yaml")):
            document, valid = self.yaml_checked(path, "table")
            if document is None or not valid:
                self.unloaded |= {path.stem} | _ids_in(document, None)
                continue
            data = plain(document.data)
            if len(data["rows"]) > TABLE_ROWS.value:
                self.diagnostics.error(
                    document.locate(["rows"], at_key=True),
                    _("{count} rows, over the limit {limit}").format(
                        count=len(data["rows"]), limit=TABLE_ROWS
                    ),
                    code="limit",
                )
                self.unloaded |= {path.stem} | _ids_in(document, None)
                continue
            tables.append(
                Table(
                    id=data["id"],
                    title=data["title"],
                    location=document.locate(["id"]),
                    header=[[_cell(cell) for cell in row] for row in data.get("header", [])],
                    rows=[[_cell(cell) for cell in row] for row in data["rows"]],
                    numbered=data.get("numbered", True),
                    unit=data.get("unit", ""),
                    notes=data.get("notes", []),
                    row_locations=[
                        document.locate([part, index])
                        for part in ("header", "rows")
                        for index in range(len(data.get(part, [])))
                    ],
                    landscape=data.get("landscape"),
                )
            )
        return tables


def _ids_in(document: YamlFile | None, rows_key: str | None) -> set[str]:
    """The ids a file that failed to load would have defined: its own `id` and those of its rows.

    They are known as unavailable, so references to them are not reported again as unknown.
    """
    data = plain(document.data) if document is not None else None
    if not isinstance(data, dict):
        return set()
    ids = {data["id"]} if isinstance(data.get("id"), str) else set()
    rows = data.get(rows_key) if rows_key else None
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            ids.add(row["id"])
    return ids


def _count_sections(items: list) -> int:
    """How many sections (headings) `items` holds, at any depth."""
    count, stack = 0, list(items)
    while stack:
        item = stack.pop()
        count += isinstance(item, Section)
        if isinstance(item, (Section, Box)):
            stack.extend(item.content)
    return count


def _cell(value: Any) -> Cell:
    if isinstance(value, dict):
        return Cell(_cell_text(value["text"]), value.get("rowspan", 1), value.get("colspan", 1))
    return Cell(_cell_text(value))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return getattr(value, "text", None) or str(value)


def _strings(value: object) -> list[str]:
    """A string or a list of strings as a list (anything else: empty)."""
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def _print_fields(data: dict) -> dict:
    """The Metadata fields for print: title breaks, 公开属性, 版记 and the appendix and cover metadata switches."""
    found = data.get("imprint")
    imprint: dict = found if isinstance(found, dict) else {}
    return {
        "title_lines": _strings(data.get("title_lines")),
        "notice_title_lines": _strings(data.get("notice_title_lines")),
        "public": str(data.get("public", "")),
        "copy_to": _strings(imprint.get("copy_to")),
        "printer": str(imprint.get("printer", "")),
        "printed": str(imprint.get("date", "")),
        "appendix": data.get("appendix") is not False,
        "pdf_variant": str(data.get("pdf_variant") or ""),
        "cover_metadata": data.get("cover_metadata") is True,
    }


def _year(value: object) -> int | None:
    """A period year as typed data: a whole number, else None (the schema has reported it)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
