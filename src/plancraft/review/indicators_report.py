"""Showing indicator comparisons: text, JSON, CSV, an XLSX workbook, a self-contained HTML page."""

from __future__ import annotations

import csv
import io
import json
import math
from html import escape
from pathlib import Path
from typing import Any

from .. import i18n
from ..compile.alignment import STATUSES, comparable, normalised_unit
from ..i18n import N_, _, ngettext
from ..source.model import Indicator, Quantity
from .indicators import Comparison, Row

FORMATS = ("text", "json", "csv", "xlsx", "html")
PAGE_NAME = "indicators.html"
FIELDS = (
    "parent",
    "plan",
    "id",
    "name",
    "unit",
    "baseline",
    "target",
    "nature",
    "parent_id",
    "parent_name",
    "parent_unit",
    "parent_baseline",
    "parent_target",
    "parent_nature",
    "match",
    "score",
    "status",
    "compared",
    "target_change",
    "nature_change",
    "nature_reason",
)
LABELS = {
    "weaker": N_("below the parent"),
    "nature-weakened": N_("binding→expected"),
    "unit-differs": N_("unit differs"),
    "not-adopted": N_("not adopted"),
    "stronger": N_("above the parent"),
    "nature-strengthened": N_("expected→binding"),
    "aligned": N_("same as the parent"),
    "adopted": N_("adopted, not compared"),
    "district-only": N_("district only"),
}
"""What each status is called in reports, in the reader's language."""


MATCHES = {
    "parent_id": N_("by parent_id"),
    "name": N_("same name"),
    "normalised": N_("same name, normalised"),
    "similar": N_("similar name"),
    "none": N_("unmatched"),
}
"""How a district indicator was matched to the parent's, in the reader's language."""


def label(status: str) -> str:
    """The name of `status` in the current language."""
    return _(LABELS[status])


def matched(how: str) -> str:
    """How a match was made, in the current language."""
    return _(MATCHES[how]) if how in MATCHES else how


# Cell fill and a darker ink of the same hue for each status.
FILLS = {
    "weaker": "F4A3A3",
    "nature-weakened": "F8C98A",
    "unit-differs": "F5E08C",
    "not-adopted": "DDDDDD",
    "stronger": "9FD8A8",
    "nature-strengthened": "C5B8E6",
    "aligned": "D4EDD0",
    "adopted": "E3ECF5",
    "district-only": "BFD9F2",
}
INKS = {
    "weaker": "C0392B",
    "nature-weakened": "D35400",
    "unit-differs": "9A7D0A",
    "not-adopted": "888888",
    "stronger": "1E8449",
    "nature-strengthened": "6C3483",
    "aligned": "52905A",
    "adopted": "5D7896",
    "district-only": "2471A3",
}


def rows_data(comparisons: list[Comparison]) -> list[dict[str, Any]]:
    """Every row as a dict of FIELDS, parent by parent."""
    return [
        {"parent": comparison.parent.name, **row.as_dict()}
        for comparison in comparisons
        for row in comparison.rows
    ]


def as_json(comparisons: list[Comparison]) -> str:
    """The parents, the plans and every row (see docs/indicators.md)."""
    data = {
        "parents": [
            {
                "name": c.parent.name,
                "title": c.parent.title,
                "source": str(c.parent.source),
                "target_year": c.parent.target_year,
                "indicators": [_indicator(upper) for upper in c.parent.indicators],
            }
            for c in comparisons
        ],
        "plans": [
            {"name": plan.name, "title": plan.title, "parent": c.parent.name}
            for c in comparisons
            for plan in c.plans
        ],
        "statuses": {status: label(status) for status in STATUSES},
        "rows": rows_data(comparisons),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": _text(indicator.baseline),
        "target": _text(indicator.target),
        "nature": indicator.nature,
    }


def _text(quantity: Quantity | None) -> str | None:
    return quantity.text if quantity is not None else None


def as_csv(comparisons: list[Comparison]) -> str:
    """One line per row, the columns of FIELDS."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows_data(comparisons):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return out.getvalue()


def as_text(comparisons: list[Comparison]) -> str:
    """For a terminal: per plan, a count of each status, then its rows, the most serious first."""
    lines: list[str] = []
    for comparison in comparisons:
        parent = comparison.parent
        lines.append(
            ngettext(
                "parent {name}: {title} ({count} indicator)",
                "parent {name}: {title} ({count} indicators)",
                len(parent.indicators),
            ).format(name=parent.name, title=parent.title, count=len(parent.indicators))
        )
        for plan in comparison.plans:
            rows = [row for row in comparison.rows if row.plan == plan.name]
            rows.sort(key=lambda row: STATUSES.index(row.status))
            counts = _(", ").join(
                _("{count} {status}").format(
                    count=sum(row.status == status for row in rows), status=label(status)
                )
                for status in STATUSES
                if any(row.status == status for row in rows)
            )
            lines.append(f"\n{plan.name}: {counts}")
            lines += ["  " + _text_row(row) for row in rows]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _text_row(row: Row) -> str:
    mine, upper = row.indicator, row.upper
    own = f"{mine.id} {mine.name} {_value(mine)} {mine.nature}" if mine else "—"
    theirs = f"{upper.id} {upper.name} {_value(upper)} {upper.nature}" if upper else ""
    how = f" [{matched(row.match)} {row.score:.2f}]" if mine and upper else ""
    return f"{label(row.status):<19} {own}" + (f"  <- {theirs}{how}" if theirs else "")


def _value(indicator: Indicator) -> str:
    target = indicator.target
    if target is None or target.value is None:
        return target.text if target is not None else "—"
    unit = indicator.unit if indicator.unit not in target.text else ""
    return target.text + unit


# ---------------------------------------------------------------- the matrix (HTML and XLSX)


def matrix(comparison: Comparison) -> list[tuple[Indicator | None, list[Row | None]]]:
    """Lines of the matrix: each parent indicator with every plan's row, then each indicator of a
    single plan that matches none (None in place of the parent's)."""
    lines: list[tuple[Indicator | None, list[Row | None]]] = [
        (upper, [comparison.cell(plan.name, upper.id) for plan in comparison.plans])
        for upper in comparison.parent.indicators
    ]
    for row in comparison.rows:
        if row.upper is None:
            cells = [row if plan.name == row.plan else None for plan in comparison.plans]
            lines.append((None, cells))
    return lines


def _cell_text(row: Row | None, subject: Indicator | None) -> str:
    """The plan's target, its unit only where it differs from the line's, ※ when binding."""
    if row is None:
        return ""
    mine = row.indicator
    if mine is None:
        return _("not adopted")
    same = subject is not None and normalised_unit(mine) == normalised_unit(subject)
    text = (mine.target.text if mine.target else "—") if same else _value(mine)
    return text + ("※" if mine.binding else "")


def _own_text(indicator: Indicator) -> str:
    """An indicator's target without its unit, with ※ when binding."""
    target = indicator.target.text if indicator.target else "—"
    return target + ("※" if indicator.binding else "")


def _subject(upper: Indicator | None, cells: list[Row | None]) -> Indicator | None:
    """What a matrix line is about: the parent's indicator, else the one plan's own."""
    if upper is not None:
        return upper
    return next((row.indicator for row in cells if row is not None), None)


def _cell_title(row: Row) -> str:
    mine, upper = row.indicator, row.upper
    parts = [label(row.status)]
    if mine is not None:
        parts.append(
            _("{id} {name}: {target}, {nature}").format(
                id=mine.id, name=mine.name, target=_value(mine), nature=mine.nature
            )
        )
    if mine is not None and upper is not None:
        parts.append(
            _("matches parent {id} ({match}, similarity {score})").format(
                id=upper.id, match=matched(row.match), score=f"{row.score:.2f}"
            )
        )
    if mine is not None and mine.nature_reason:
        parts.append(_("reason: {reason}").format(reason=mine.nature_reason))
    return "\n".join(parts)


def as_xlsx(comparisons: list[Comparison]) -> bytes:
    """A workbook: per parent the matrix coloured by status with a frozen header, then every row (in Chinese)."""
    with i18n.speaking("zh"):
        return _xlsx(comparisons)


def _xlsx(comparisons: list[Comparison]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {status: PatternFill("solid", fgColor=colour) for status, colour in FILLS.items()}
    book.remove(book.active)
    for number, comparison in enumerate(comparisons, start=1):
        suffix = "" if len(comparisons) == 1 else f" {number}"
        sheet = book.create_sheet(f"对照{suffix}")
        header = [
            "序号",
            "指标",
            "单位",
            f"上级 {comparison.parent.name}",
            *(plan.name for plan in comparison.plans),
        ]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for index, (upper, cells) in enumerate(matrix(comparison), start=1):
            subject = _subject(upper, cells)
            name, unit = (subject.name, subject.unit) if subject else ("", "")
            parent_value = _own_text(upper) if upper else "（本级新增）"
            values = [_cell_text(row, subject) for row in cells]
            sheet.append([index, name, unit, parent_value, *values])
            for offset, row in enumerate(cells):
                if row is not None:
                    cell = sheet.cell(row=index + 1, column=5 + offset)
                    cell.fill = fills[row.status]
        sheet.freeze_panes = "C2"
        for column, width in enumerate([6, 40, 10, 16] + [14] * len(comparison.plans), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        legend_at = sheet.max_row + 2
        sheet.cell(row=legend_at, column=2, value="图例").font = bold
        for offset, status in enumerate(STATUSES, start=1):
            cell = sheet.cell(
                row=legend_at + offset, column=2, value=f"{label(status)}（{status}）"
            )
            cell.fill = fills[status]
    details = book.create_sheet("明细")
    details.append(list(FIELDS))
    for cell in details[1]:
        cell.font = bold
    status_column = FIELDS.index("status") + 1
    for line, data in enumerate(rows_data(comparisons), start=2):
        details.append(["" if data[key] is None else data[key] for key in FIELDS])
        details.cell(row=line, column=status_column).fill = fills[data["status"]]
    details.freeze_panes = "A2"
    for column, key in enumerate(FIELDS, start=1):
        wide = 30 if key in ("name", "parent_name", "nature_reason") else 12
        details.column_dimensions[get_column_letter(column)].width = wide
    for sheet in book.worksheets:
        for cells in sheet.iter_rows(min_row=1, max_row=1):
            for cell in cells:
                cell.alignment = wrap
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- the HTML page


def as_html(comparisons: list[Comparison]) -> str:
    """One page, nothing loaded from elsewhere: the matrix coloured by status, then a chart per
    indicator of each plan's baseline → target against the parent's target."""
    title = _("Indicator comparison") + (
        _(": {title}").format(title=comparisons[0].parent.title) if len(comparisons) == 1 else ""
    )
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
    ]
    for number, comparison in enumerate(comparisons, start=1):
        parts.append(_section(comparison, number))
    parts.append(f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _css() -> str:
    rules = [
        f"td.s-{status}{{background:#{FILLS[status]}}}"
        f".key.s-{status}{{background:#{FILLS[status]};border-color:#{INKS[status]}}}"
        for status in STATUSES
    ]
    return CSS + "".join(rules)


def _section(comparison: Comparison, number: int) -> str:
    parent = comparison.parent
    counts = {status: sum(row.status == status for row in comparison.rows) for status in STATUSES}
    keys = "".join(
        f'<button type="button" class="key s-{status}" data-status="{status}" '
        f'aria-pressed="true">{escape(label(status))} <b>{counts[status]}</b></button>'
        for status in STATUSES
    )
    plans = ("、" if i18n.language() == "zh" else ", ").join(
        escape(_("{name} ({title})").format(name=plan.name, title=plan.title))
        for plan in comparison.plans
    )
    lead = escape(_("Parent plan {name}: {title}, {count} indicators. Compared: {plans}.")).format(
        name=f"<b>{escape(parent.name)}</b>",
        title=escape(parent.title),
        count=len(parent.indicators),
        plans=plans,
    )
    search = escape(_("Filter by indicator name"), quote=True)
    out = [
        f'<section class="comparison" id="c{number}">\n'
        f'<p class="lead">{lead}</p>\n'
        f'<div class="tools"><div class="keys">{keys}</div>'
        f'<input type="search" placeholder="{search}" '
        f'aria-label="{search}"></div>\n<p class="note">'
        + escape(
            _(
                "Rates, ratios, per-capita and percentage indicators are compared by target and nature; "
                "totals are listed, not compared. ※ marks a binding indicator. Click a status to filter, "
                "a column heading to sort."
            )
        )
        + "</p>\n",
        _table(comparison, number),
        _charts(comparison, number),
        "</section>\n",
    ]
    return "".join(out)


def _table(comparison: Comparison, number: int) -> str:
    heads = "".join(
        f'<th class="plan" data-sort="{index + 4}">{escape(plan.name)}</th>'
        for index, plan in enumerate(comparison.plans)
    )
    number_head, name_head, unit_head = escape(_("No.")), escape(_("Indicator")), escape(_("Unit"))
    parent_head = escape(_("parent {name}").format(name=comparison.parent.name))
    out = [
        f'<table class="matrix">\n<thead><tr><th data-sort="0">{number_head}</th>'
        f'<th data-sort="1">{name_head}</th><th>{unit_head}</th>'
        f'<th class="parent">{parent_head}</th>{heads}</tr>'
        "</thead>\n<tbody>\n"
    ]
    for index, (upper, cells) in enumerate(matrix(comparison), start=1):
        subject = _subject(upper, cells)
        name = escape(subject.name) if subject else ""
        unit = escape(subject.unit) if subject else ""
        if upper is not None:
            parent_cell = f'<td class="parent">{escape(_own_text(upper))}</td>'
            link = f'<a href="#chart-{number}-{escape(upper.id)}">{name}</a>'
        else:
            parent_cell, link = (
                '<td class="parent none">' + escape(_("district only")) + "</td>",
                name,
            )
        tds = "".join(_td(row, subject) for row in cells)
        statuses = " ".join(sorted({row.status for row in cells if row is not None}))
        out.append(
            f'<tr data-statuses="{statuses}" data-name="{name}">'
            f'<td class="n">{index}</td><td class="name">{link}</td>'
            f'<td class="unit">{unit}</td>{parent_cell}{tds}</tr>\n'
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _td(row: Row | None, subject: Indicator | None) -> str:
    if row is None:
        return '<td class="empty"></td>'
    return (
        f'<td class="s-{row.status}" data-status="{row.status}" '
        f'title="{escape(_cell_title(row))}">{escape(_cell_text(row, subject))}</td>'
    )


def _charts(comparison: Comparison, number: int) -> str:
    cards = []
    for upper, cells in matrix(comparison):
        if upper is None:
            continue
        svg = chart(
            upper, [(plan.name, row) for plan, row in zip(comparison.plans, cells, strict=True)]
        )
        cards.append(
            f'<figure class="card" id="chart-{number}-{escape(upper.id)}">'
            f"<figcaption>{escape(upper.name)}"
            f"{'（' + escape(upper.unit) + '）' if upper.unit else ''}</figcaption>"
            f"{svg}</figure>\n"
        )
    return (
        "<h2>"
        + escape(_("Baseline → target of each indicator"))
        + '</h2>\n<p class="note">'
        + escape(
            _(
                "An open circle is the baseline, a filled one the target; the dashed line is the parent's "
                "target. Totals have no parent target line."
            )
        )
        + "</p>\n"
        f'<div class="cards">{"".join(cards)}</div>\n'
    )


CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, LINE = 400, 86, 74, 22


def chart(upper: Indicator, plans: list[tuple[str, Row | None]]) -> str:
    """An SVG of each plan's baseline → target for one parent indicator, with the parent's target
    as a dashed line when the indicator compares across plans (rates, ratios, per-capita)."""
    compares = comparable(upper)
    lines: list[tuple[str, str, Indicator | None, str]] = [(_("parent"), "parent", upper, "")]
    for name, row in plans:
        if row is None or row.indicator is None:
            lines.append((name, "not-adopted", None, _("not adopted")))
        elif normalised_unit(row.indicator) != normalised_unit(upper):
            lines.append(
                (
                    name,
                    row.status,
                    None,
                    _("unit differs: {unit}").format(unit=row.indicator.unit or _("none")),
                )
            )
        else:
            lines.append((name, row.status, row.indicator, ""))
    values: list[float] = []
    for _name, status, indicator, _note in lines:
        if indicator is not None and (compares or status != "parent"):
            values += [
                q.value
                for q in (indicator.baseline, indicator.target)
                if q is not None and q.value is not None
            ]
    top = _nice(max(values)) if values and max(values) > 0 else 1.0
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = LINE * len(lines) + 26

    def x(value: float) -> float:
        return round(LABEL_WIDTH + span * value / top, 1)

    out = [
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(upper.name)}">'
    ]
    axis_y = LINE * len(lines) + 4
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + span}" '
        f'y2="{axis_y}" stroke="#999"/>'
    )
    for tick in (0.0, top / 2, top):
        out.append(
            f'<line x1="{x(tick)}" y1="{axis_y}" x2="{x(tick)}" y2="{axis_y + 4}" '
            f'stroke="#999"/><text x="{x(tick)}" y="{axis_y + 16}" class="tick" '
            f'text-anchor="middle">{_number(tick)}</text>'
        )
    goal = upper.target.value if upper.target is not None else None
    if compares and goal is not None:
        out.append(
            f'<line x1="{x(goal)}" y1="2" x2="{x(goal)}" y2="{axis_y}" '
            f'stroke="#C0392B" stroke-dasharray="4 3"/>'
        )
    for index, (name, status, indicator, note) in enumerate(lines):
        y = LINE * index + LINE / 2 + 2
        ink = "#333" if status == "parent" else f"#{INKS[status]}"
        out.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 4}" text-anchor="end" '
            f'class="label" fill="{ink}">{escape(name)}</text>'
        )
        if indicator is None or (status == "parent" and not compares):
            text = note or (
                _("target {value} (a total, not compared)").format(value=_value(upper))
                if indicator
                else ""
            )

            out.append(
                f'<text x="{LABEL_WIDTH + 2}" y="{y + 4}" class="note">{escape(text)}</text>'
            )
            continue
        out.append(_dumbbell(indicator, y, ink, x))
    out.append("</svg>")
    return "".join(out)


def _dumbbell(indicator: Indicator, y: float, ink: str, x: Any) -> str:
    start, end = indicator.baseline, indicator.target
    parts = []
    if end is None or end.value is None:
        text = end.text if end is not None else "—"
        return f'<text x="{LABEL_WIDTH + 2}" y="{y + 4}" class="note">{escape(text)}</text>'
    if start is not None and start.value is not None:
        parts.append(
            f'<line x1="{x(start.value)}" y1="{y}" x2="{x(end.value)}" y2="{y}" '
            f'stroke="{ink}" stroke-width="2"/>'
        )
        parts.append(
            f'<circle cx="{x(start.value)}" cy="{y}" r="4" fill="#fff" '
            f'stroke="{ink}" stroke-width="1.5"/>'
        )
    parts.append(f'<circle cx="{x(end.value)}" cy="{y}" r="5" fill="{ink}"/>')
    parts.append(
        f'<text x="{x(end.value) + 8}" y="{y + 4}" class="value" fill="{ink}">'
        f"{escape(end.text)}</text>"
    )
    return "".join(parts)


def _nice(value: float) -> float:
    """A round number at or above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value * 0.999999)


def _number(value: float) -> str:
    return f"{value:g}"


def write_report(comparisons: list[Comparison], fmt: str) -> bytes:
    """The report in format `fmt`, as bytes to write."""
    if fmt == "xlsx":
        return as_xlsx(comparisons)
    writer = {"text": as_text, "json": as_json, "csv": as_csv, "html": as_html}[fmt]
    return writer(comparisons).encode("utf-8")


def write_shared_page(roots: list[Path], out_dir: Path) -> Path | None:
    """Write OUT/indicators.html when at least two of the plans `roots` share a parent (None when
    none do); an unchanged page is not rewritten."""
    from ..files import write_atomic
    from .indicators import shared_parent_comparisons

    comparisons = shared_parent_comparisons(roots)
    if not comparisons:
        return None
    target = Path(out_dir) / PAGE_NAME
    page = as_html(comparisons).encode("utf-8")
    if not (target.is_file() and target.read_bytes() == page):
        write_atomic(target, page)
    return target


CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:24px;color:#222;font-size:14px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 6px}
.lead{margin:4px 0}.note{color:#666;font-size:12px;margin:4px 0 10px}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:10px 0}
.keys{display:flex;flex-wrap:wrap;gap:4px}
.key{border:1px solid #999;border-radius:3px;padding:3px 7px;font:inherit;font-size:12px;
cursor:pointer}
.key[aria-pressed=false]{opacity:.35}
input[type=search]{font:inherit;padding:3px 6px;min-width:14em}
table.matrix{border-collapse:collapse;font-size:13px}
.matrix th,.matrix td{border:1px solid #ccc;padding:3px 6px;text-align:center;white-space:nowrap}
.matrix thead th{position:sticky;top:0;background:#f2f2f2;cursor:pointer}
.matrix td.name{text-align:left;white-space:normal;min-width:16em;max-width:26em}
.matrix td.name a{color:inherit;text-decoration:none}
.matrix td.name a:hover{text-decoration:underline}
.matrix td.parent{background:#fafafa;font-weight:bold}.matrix td.none{color:#999;font-weight:normal}
.matrix td.n,.matrix td.unit{color:#666}
.matrix td[data-status]{white-space:normal;max-width:9em}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{margin:0;border:1px solid #ddd;border-radius:4px;padding:6px 8px;background:#fff}
.card figcaption{font-size:13px;margin-bottom:4px;max-width:400px}
svg text{font-size:11px}svg .tick{fill:#888;font-size:10px}svg .note{fill:#888}
svg .value{font-weight:bold}
tr.hidden,.card.hidden{display:none}
"""

SCRIPT = """
document.querySelectorAll('section.comparison').forEach(function (section) {
  var table = section.querySelector('table.matrix');
  var body = table.tBodies[0];
  var search = section.querySelector('input[type=search]');
  var keys = Array.prototype.slice.call(section.querySelectorAll('.key'));
  var order = Array.prototype.slice.call(body.rows);
  var rank = keys.map(function (key) { return key.dataset.status; });
  function filter() {
    var on = keys.filter(function (k) { return k.getAttribute('aria-pressed') === 'true'; })
      .map(function (k) { return k.dataset.status; });
    var text = search.value.trim();
    order.forEach(function (row) {
      var statuses = row.dataset.statuses.split(' ');
      var shown = statuses.some(function (s) { return on.indexOf(s) >= 0; }) &&
        (!text || row.dataset.name.indexOf(text) >= 0);
      row.classList.toggle('hidden', !shown);
    });
  }
  keys.forEach(function (key) {
    key.addEventListener('click', function () {
      var pressed = key.getAttribute('aria-pressed') === 'true';
      key.setAttribute('aria-pressed', pressed ? 'false' : 'true');
      filter();
    });
  });
  search.addEventListener('input', filter);
  table.tHead.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var column = Number(th.dataset.sort);
      var rows = order.slice();
      if (column >= 4) {
        rows.sort(function (a, b) {
          var x = rank.indexOf(a.cells[column].dataset.status || '');
          var y = rank.indexOf(b.cells[column].dataset.status || '');
          return (x < 0 ? 99 : x) - (y < 0 ? 99 : y);
        });
      } else if (column === 1) {
        rows.sort(function (a, b) { return a.dataset.name.localeCompare(b.dataset.name, 'zh'); });
      }
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""
