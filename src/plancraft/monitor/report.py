"""Monitoring as a report: per plan its indicators in the year with status and chart, a matrix of
plans × parent indicators, and every row for tools."""

from __future__ import annotations

from typing import Any

from ..compile.alignment import match_indicators
from ..compile.monitoring import Assessment, base_year, number_text, target_year
from ..compile.progress import DEFAULT_TOLERANCE, STATUSES
from ..i18n import N_, _
from ..report import Cell, Column, Figure, Group, Report, Row, Sheet, rows_sheet
from ..source.model import Indicator
from .charts import chart
from .data import Monitored
from .statuses import counts_text, label, statuses

FIELDS = (
    "plan",
    "id",
    "name",
    "unit",
    "nature",
    "kind",
    "baseline",
    "target",
    "year",
    "value",
    "expected",
    "status",
    "warning",
    "assessed",
    "provisional",
    "source",
    "note",
)
NUMBER_FIELDS = ("year", "value", "expected")
WARNING_MARK = " ⚠"
"""Marks an early warning (a 约束性 indicator behind) beside its status."""
WIDE_FIELDS = ("name", "note")
READER_FORMATS = frozenset({"html", "xlsx", "docx", "pdf"})
SPREADSHEETS = frozenset({"csv", "xlsx"})
CHARTS_NOTE = N_(
    "An open circle is the baseline, the dashed grey line the expected path, the dotted red line "
    "the target; filled circles are the yearly values, coloured by their status."
)
KIND_NOTE = N_(
    "Growth indicators give the average annual growth since the base year, reductions the "
    "reduction since the base year, cumulative ones the total since the period began."
)


def monitoring_report(plans: list[Monitored]) -> Report:
    """The whole report, in the current language."""
    title = _("Plan monitoring") + (
        _(": {title}").format(title=plans[0].plan.meta.title) if len(plans) == 1 else ""
    )
    sheets = [_by_plan(plans)]
    sheets += [_plan_sheet(found, number) for number, found in enumerate(plans, start=1)]
    sheets += _matrices(plans)
    sheets.append(_details(plans))
    return Report(
        title=title,
        sheets=sheets,
        meta=[_year_line(plans)],
        statuses=statuses(),
        data=_data(plans),
    )


def _year_line(plans: list[Monitored]) -> str:
    years = sorted({found.year for found in plans if found.year is not None})
    if not years:
        return _("No monitoring year files yet: add plans/<slug>/monitoring/<year>.yaml.")
    return _("Values of {years}.").format(years=_(", ").join(str(year) for year in years))


# ---------------------------------------------------------------- for tools


def row_data(found: Monitored, row: Assessment) -> dict[str, Any]:
    """One indicator's row as the JSON and CSV reports give it (see docs/monitoring.md)."""
    indicator, entry = row.indicator, row.entry
    return {
        "plan": found.plan.slug,
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "nature": indicator.nature,
        "kind": row.kind,
        "baseline": row.baseline,
        "target": indicator.target.text if indicator.target else None,
        "year": row.year,
        "value": entry.value if entry is not None else None,
        "expected": _rounded(row.progress.expected),
        "status": row.status,
        "warning": row.warning,
        "assessed": row.assessed,
        "provisional": bool(entry and entry.provisional),
        "source": (entry.source or None) if entry else None,
        "note": (entry.note or None) if entry else None,
    }


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _data(plans: list[Monitored]) -> dict[str, Any]:
    return {
        "plans": [
            {
                "name": found.plan.slug,
                "title": found.plan.meta.title,
                "parent": found.plan.meta.parent or None,
                "year": found.year,
                "base_year": base_year(found.plan),
                "target_year": target_year(found.plan),
                "tolerance": found.plan.meta.tolerance or DEFAULT_TOLERANCE,
                "counts": {key: found.counts().get(key, 0) for key in STATUSES},
                "warnings": [row.indicator.id for row in found.warnings],
            }
            for found in plans
        ],
        "statuses": {key: label(key) for key in STATUSES},
        "rows": [row_data(found, row) for found in plans for row in found.rows],
    }


def _details(plans: list[Monitored]) -> Sheet:
    return rows_sheet(
        _("details"), _data(plans)["rows"], FIELDS, NUMBER_FIELDS, WIDE_FIELDS, SPREADSHEETS
    )


# ---------------------------------------------------------------- for a terminal


def summary_line(found: Monitored) -> str:
    """“beijing 2023: 1 achieved early, … ; early warnings: ind-05”."""
    if found.year is None:
        return _("{plan}: no monitoring year files").format(plan=found.plan.slug)
    line = _("{plan} {year}: {counts}").format(
        plan=found.plan.slug, year=found.year, counts=counts_text(found.counts())
    )
    if found.warnings:
        line += _("; early warnings (binding, behind): {ids}").format(
            ids=_(", ").join(row.indicator.id for row in found.warnings)
        )
    return line


def _by_plan(plans: list[Monitored]) -> Sheet:
    columns = [
        Column("status", _("status"), "status", text="{:<18}"),
        Column("indicator", _("indicator"), text=" {}"),
        Column("value", _("value"), text="  {}"),
    ]
    groups = []
    for found in plans:
        rows = sorted(found.rows, key=_order)
        groups.append(Group(summary_line(found), [_text_row(row) for row in rows]))
    return Sheet(_("by plan"), columns, groups, formats=frozenset({"text"}))


TEXT_ORDER = ("behind", "on-track", "ahead", "achieved", "no-data")


def _order(row: Assessment) -> tuple[int, int]:
    return (0 if row.warning else 1, TEXT_ORDER.index(row.status))


def _text_row(row: Assessment) -> Row:
    indicator = row.indicator
    mark = "※" if indicator.binding else ""
    return Row(
        {
            "status": Cell(
                label(row.status) + (WARNING_MARK if row.warning else ""), status=row.status
            ),
            "indicator": Cell(f"{indicator.id} {indicator.name}{mark} → {target_text(indicator)}"),
            "value": Cell(_value_text(row)),
        }
    )


def target_text(indicator: Indicator) -> str:
    """An indicator's target with its unit, unless the target already names it."""
    target = indicator.target
    if target is None:
        return "—"
    unit = indicator.unit if target.value is not None and indicator.unit not in target.text else ""
    return target.text + unit


def _value_text(row: Assessment) -> str:
    entry = row.entry
    if entry is None:
        return ""
    if row.assessed:
        return _("assessed")
    shown = number_text(entry.value)
    if row.progress.expected is not None:
        shown = _("{value} (expected {expected})").format(
            value=shown, expected=number_text(row.progress.expected)
        )
    return shown + (_(", provisional") if entry.provisional else "")


# ---------------------------------------------------------------- per plan (HTML, XLSX, Word)


def _plan_sheet(found: Monitored, number: int) -> Sheet:
    plan, year = found.plan, found.year
    shown_year = str(year) if year is not None else "—"
    columns = [
        Column("n", _("No."), "number", 6),
        Column("name", _("Indicator"), width=34),
        Column("unit", _("Unit"), width=8),
        Column("nature", _("Nature"), width=8, hidden=frozenset({"html"})),
        Column("baseline", _("Baseline {year}").format(year=base_year(plan) or ""), width=10),
        Column("target", _("Target {year}").format(year=target_year(plan) or ""), width=10),
        Column("value", _("Value {year}").format(year=shown_year), "number", 10),
        Column("expected", _("Expected"), "number", 10),
        Column("status", _("Status"), "status", 14),
        Column("note", _("Note"), width=24),
    ]
    rows = []
    figures = []
    for index, row in enumerate(found.rows, start=1):
        indicator, entry = row.indicator, row.entry
        svg = chart(plan, row)
        link = f"#m{number}-{indicator.id}" if svg else ""
        if svg:
            caption = indicator.name + (f"（{indicator.unit}）" if indicator.unit else "")
            figures.append(Figure(f"m{number}-{indicator.id}", caption, svg))
        rows.append(
            Row(
                {
                    "n": Cell(index),
                    "name": Cell(indicator.name + ("※" if indicator.binding else ""), href=link),
                    "unit": Cell(indicator.unit),
                    "nature": Cell(indicator.nature),
                    "baseline": Cell(_baseline_text(row)),
                    "target": Cell(indicator.target.text if indicator.target else "—"),
                    "value": Cell(_plain(entry.value if entry is not None else None)),
                    "expected": Cell(_plain(row.progress.expected)),
                    "status": Cell(
                        label(row.status) + (WARNING_MARK if row.warning else ""),
                        status=row.status,
                        title=_("early warning: binding and behind") if row.warning else "",
                    ),
                    "note": Cell(_note(row)),
                }
            )
        )
    notes = [summary_line(found)]
    if found.warnings:
        notes.insert(
            0,
            _("Early warnings: {names}.").format(
                names=_(", ").join(
                    f"{row.indicator.id} {row.indicator.name}" for row in found.warnings
                )
            ),
        )
    return Sheet(
        f"{plan.slug} {shown_year}"[:31],
        columns,
        [Group(rows=rows)],
        title=f"{plan.meta.title}（{shown_year}）",
        notes=[*notes, _(KIND_NOTE)],
        figures=figures,
        figures_title=_("Each indicator over the period"),
        figures_notes=[_(CHARTS_NOTE)],
        formats=READER_FORMATS,
        frozen_columns=2,
        search=_("Filter by indicator name"),
    )


def _baseline_text(row: Assessment) -> str:
    indicator = row.indicator
    if indicator.baseline is not None and indicator.baseline.value is not None:
        return indicator.baseline.text
    return number_text(row.baseline) if row.baseline is not None else "—"


def _plain(value: float | None) -> float | int | None:
    """A number as readers expect it: 1650 rather than 1650.0, at most two decimals."""
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value.is_integer() else value


def _note(row: Assessment) -> str:
    entry = row.entry
    parts = []
    if row.progress.reason == "no-baseline":
        parts.append(_("no baseline: give the base year's value"))
    if row.assessed:
        parts.append(_("assessed by the department"))
    if entry is not None and entry.provisional:
        parts.append(_("provisional"))
    if entry is not None and entry.source:
        parts.append(entry.source)
    if entry is not None and entry.note:
        parts.append(entry.note)
    return _("; ").join(parts)


# ---------------------------------------------------------------- plans × parent indicators


def _matrices(plans: list[Monitored]) -> list[Sheet]:
    """For each parent two or more of the plans share: its indicators × the plans' statuses."""
    by_slug = {found.plan.slug: found for found in plans}
    sheets = []
    parents = sorted({found.plan.meta.parent for found in plans if found.plan.meta.parent})
    for parent in parents:
        children = [found for found in plans if found.plan.meta.parent == parent]
        upper = by_slug.get(parent)
        if len(children) < 2 or upper is None:
            continue
        sheets.append(_matrix(upper, children))
    return sheets


def _matrix(upper: Monitored, children: list[Monitored]) -> Sheet:
    columns = [
        Column("n", _("No."), "number", 6),
        Column("name", _("Indicator"), width=34),
        Column(f"plan:{upper.plan.slug}", upper.plan.slug, "status", 14),
        *(Column(f"plan:{c.plan.slug}", c.plan.slug, "status", 14) for c in children),
    ]
    parent_rows = upper.rows
    cells: dict[str, dict[str, Assessment]] = {}
    for child in children:
        own = {row.indicator.id: row for row in child.rows}
        for match in match_indicators(
            [row.indicator for row in child.rows], [r.indicator for r in parent_rows]
        ):
            if match.indicator is not None and match.upper is not None:
                cells.setdefault(match.upper.id, {})[child.plan.slug] = own[match.indicator.id]
    rows = []
    for index, row in enumerate(parent_rows, start=1):
        line = {
            "n": Cell(index),
            "name": Cell(row.indicator.name + ("※" if row.indicator.binding else "")),
            f"plan:{upper.plan.slug}": _status_cell(row),
        }
        for child in children:
            found = cells.get(row.indicator.id, {}).get(child.plan.slug)
            line[f"plan:{child.plan.slug}"] = (
                _status_cell(found) if found else Cell(_("not adopted"))
            )
        rows.append(Row(line))
    return Sheet(
        _("{parent} and its districts").format(parent=upper.plan.slug)[:31],
        columns,
        [Group(rows=rows)],
        title=_("{title}: the districts' statuses").format(title=upper.plan.meta.title),
        notes=[_("Each district's indicator matched to the parent's, in the year reported on.")],
        formats=READER_FORMATS,
        frozen_columns=2,
        css="matrix",
    )


def _status_cell(row: Assessment) -> Cell:
    shown = label(row.status)
    if row.entry is not None and row.entry.value is not None:
        shown += f" {number_text(row.entry.value)}"
    return Cell(shown, status=row.status, title=f"{row.indicator.id} {row.indicator.name}")
