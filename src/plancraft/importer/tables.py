"""Tables read from a document become typed indicator data or plain tables."""

from __future__ import annotations

import re
from typing import Any

from ..source.periods import Period
from ..source.yamlwrite import Number
from .blocks import Grid, GridCell
from .columns import GROUP_WORDS, indicator_fields
from .patterns import clean

YEAR_RE = re.compile(r"^(20[0-9]{2})\s*年?")
NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
UNIT_RE = re.compile(r"^(.*?)\s*[（(]([^（）()]{1,12})[)）]$")
NATURES = ("约束性", "预期性")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def header_columns(grid: Grid) -> list[str]:
    """One header text per grid column (a spanning header names each column it spans)."""
    if not grid.header:
        return [""] * grid.width
    names: list[str] = []
    for cell in grid.header[-1]:
        names.extend(
            [cell.text] + [cell.text if _key(cell.text) in GROUP_WORDS else ""] * (cell.colspan - 1)
        )
    return names + [""] * (grid.width - len(names))


def indicator_columns(grid: Grid) -> list[str] | None:
    """The indicator field of each column, or None if the table is not an indicator table."""
    return indicator_fields(header_columns(grid))


def is_indicator_grid(grid: Grid) -> bool:
    """Whether a table is a 主要指标 table that can become indicators.yaml."""
    return "完成" not in grid.caption and indicator_columns(grid) is not None


def main_indicator_grid(grids: list[Grid], period: Period) -> Grid | None:
    """The plan's main-indicator table among those that read as one: titled as indicators of its own
    period, not a review of the last (“十三五”…完成情况); the first on a tie."""
    earlier = period.shifted(-1).name

    def rank(grid: Grid) -> int:
        caption = _key(grid.caption)
        return (
            2 * ("指标" in caption)
            + 2 * (period.name in caption)
            - 3 * (earlier in caption or any(word in caption for word in ("情况", "回顾")))
        )

    candidates = [grid for grid in grids if is_indicator_grid(grid)]
    return max(candidates, key=rank) if candidates else None


def looks_like_indicators(grid: Grid) -> bool:
    """Whether a table that is not read as indicators is titled as one (主要指标, 规划指标)."""
    return "指标" in grid.caption and "完成" not in grid.caption and not is_indicator_grid(grid)


def _value(text: str) -> Any:
    text = clean(text)
    if NUMBER_RE.match(text) and not (text.startswith("0") and len(text) > 1 and text[1] != "."):
        return Number(text)
    return text or "—"


def indicators_data(grid: Grid, numbered: bool, period: Period) -> dict[str, Any]:
    """indicators.yaml content for an indicator table; its target year is the period's end unless a header says."""
    fields = indicator_columns(grid) or []
    names = header_columns(grid)
    years = {
        field: int(m.group(1))
        for field, name in zip(fields, names)
        if (m := YEAR_RE.match(_key(name)))
    }
    show_unit = "unit" in fields
    columns = [field for field in fields if not (field == "subdomain" and "domain" not in fields)]
    data: dict[str, Any] = {"title": grid.caption or "主要指标"}
    if numbered:
        data["numbered"] = True
    if "baseline" in years:
        data["baseline_year"] = years["baseline"]
    data["target_year"] = years.get("target", period.end)
    data["columns"] = columns
    data["labels"] = {
        field: clean(name) for field, name in zip(fields, names) if field != "subdomain"
    }
    if "domain" in fields and "subdomain" in fields:
        data["labels"]["subdomain"] = ""
    binding = any("※" in (cell.text if cell else "") for row in grid.rows for cell in row)
    if binding:
        data["binding_mark"] = "※"
    if grid.notes:
        data["notes"] = list(grid.notes)
    items: list[dict[str, Any]] = []
    domain = subdomain = ""
    for number, row in enumerate(grid.rows, start=1):
        item: dict[str, Any] = {"id": f"ind-{number:02d}"}
        values: dict[str, str] = {}
        for field, cell in zip(fields, row):
            if cell is not None:
                values[field] = cell.text
        if "domain" in values:
            domain, subdomain = values["domain"] or domain, ""
        if "subdomain" in values:
            subdomain = values["subdomain"] or subdomain
        name = clean(values.get("name", ""))
        nature = "约束性" if "※" in name + values.get("nature", "") else "预期性"
        name = name.replace("※", "").strip()
        unit = clean(values.get("unit", ""))
        if not show_unit:
            match = UNIT_RE.match(name)
            if match:
                name, unit = match.group(1), match.group(2)
        if domain:
            item["domain"] = domain
        if subdomain:
            item["subdomain"] = subdomain
        item["name"] = name
        if unit:
            item["unit"] = unit
        if "baseline" in fields:
            item["baseline"] = _value(values.get("baseline", ""))
        item["target"] = _value(values.get("target", ""))
        item["nature"] = _nature(values.get("nature", "")) or nature
        if clean(values.get("note", "")):
            item["note"] = clean(values["note"])
        items.append(item)
    data["indicators"] = items
    return data


def _nature(text: str) -> str:
    """约束性 or 预期性 as a nature cell states it (约束, 约束性指标, 【约束性】), else empty."""
    key = _key(text)
    return next((nature for nature in NATURES if nature[:2] in key), "")


def table_data(grid: Grid, table_id: str) -> dict[str, Any]:
    """tables/<id>.yaml content for any other table; merged cells become rowspans."""
    data: dict[str, Any] = {"id": table_id, "title": grid.caption or "表"}
    if grid.caption_number is None:
        data["numbered"] = False
    data["header"] = [[_cell(cell, 1) for cell in row] for row in grid.header]
    spans = _rowspans(grid.rows)
    data["rows"] = [
        [_cell(cell, spans[(r, c)]) for c, cell in enumerate(row) if cell is not None]
        for r, row in enumerate(grid.rows)
    ]
    if grid.notes:
        data["notes"] = list(grid.notes)
    return data


def _rowspans(rows: list[list[GridCell | None]]) -> dict[tuple[int, int], int]:
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                origin = r - 1
                while origin >= 0 and rows[origin][c] is None:
                    origin -= 1
                if origin >= 0:
                    spans[(origin, c)] += 1
            else:
                spans[(r, c)] = 1
    return spans


def _cell(cell: GridCell, rowspan: int) -> Any:
    text = clean(cell.text)
    if rowspan == 1 and cell.colspan == 1:
        value = _value(text) if text else ""
        return value
    data: dict[str, Any] = {"text": text}
    if rowspan > 1:
        data["rowspan"] = rowspan
    if cell.colspan > 1:
        data["colspan"] = cell.colspan
    return data
