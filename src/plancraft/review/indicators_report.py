"""Indicator comparisons as a report: per parent a matrix coloured by status with a chart per
indicator, every row for tools, and per plan its rows by seriousness for a terminal."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .. import i18n
from ..compile.alignment import STATUSES, normalised_unit
from ..i18n import N_, _, ngettext
from ..report import Cell, Column, Figure, Group, Report, Row, Sheet, render, rows_sheet
from ..source.model import Indicator, Quantity
from .indicator_charts import chart
from .indicator_statuses import label, matched, statuses, target_text
from .indicators import Comparison
from .indicators import Row as Line

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
WIDE_FIELDS = ("name", "parent_name", "nature_reason")
NUMBER_FIELDS = ("score",)
MATRIX_FORMATS = frozenset({"html", "xlsx", "docx", "pdf"})
SPREADSHEETS = frozenset({"csv", "xlsx"})
LANGUAGES = {"xlsx": "zh"}
"""Formats printed in one language whatever the reader's: the workbook is a Chinese document."""
PAGE_LANGUAGE = "zh"
"""The page build writes beside the plans speaks to their readers, in their language."""


def write_report(comparisons: list[Comparison], fmt: str) -> bytes:
    """The report in format `fmt`, as bytes to write."""
    if fmt in LANGUAGES:
        with i18n.speaking(LANGUAGES[fmt]):
            return render(indicators_report(comparisons), fmt)
    return render(indicators_report(comparisons), fmt)


def indicators_report(comparisons: list[Comparison]) -> Report:
    """The whole report, in the current language."""
    title = _("Indicator comparison") + (
        _(": {title}").format(title=comparisons[0].parent.title) if len(comparisons) == 1 else ""
    )
    matrices = [
        _matrix(comparison, number, len(comparisons))
        for number, comparison in enumerate(comparisons, start=1)
    ]
    return Report(
        title=title,
        sheets=[_by_plan(comparisons), *matrices, _details(comparisons)],
        statuses=statuses(),
        data=_data(comparisons),
    )


# ---------------------------------------------------------------- for tools


def rows_data(comparisons: list[Comparison]) -> list[dict[str, Any]]:
    """Every row as a dict of FIELDS, parent by parent."""
    return [
        {"parent": comparison.parent.name, **row.as_dict()}
        for comparison in comparisons
        for row in comparison.rows
    ]


def _data(comparisons: list[Comparison]) -> dict[str, Any]:
    """The parents, the plans and every row (see docs/indicators.md)."""
    return {
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


def _details(comparisons: list[Comparison]) -> Sheet:
    """Every row with the columns of FIELDS (CSV and the workbook's last sheet)."""
    return rows_sheet(
        _("details"), rows_data(comparisons), FIELDS, NUMBER_FIELDS, WIDE_FIELDS, SPREADSHEETS
    )


# ---------------------------------------------------------------- for a terminal


def _by_plan(comparisons: list[Comparison]) -> Sheet:
    """Per plan a count of each status, then its rows, the most serious first."""
    columns = [
        Column("status", _("status"), "status", text="{:<19}"),
        Column("own", _("indicator"), text=" {}"),
        Column("parent", _("parent"), text="  <- {}"),
        Column("match", _("match"), text=" [{}]"),
    ]
    groups = []
    for comparison in comparisons:
        parent = comparison.parent
        heading = ngettext(
            "parent {name}: {title} ({count} indicator)",
            "parent {name}: {title} ({count} indicators)",
            len(parent.indicators),
        ).format(name=parent.name, title=parent.title, count=len(parent.indicators))
        groups.append(Group(heading))
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
            groups.append(Group(f"{plan.name}: {counts}", [_text_row(row) for row in rows]))
    return Sheet(_("by plan"), columns, groups, formats=frozenset({"text"}))


def _text_row(row: Line) -> Row:
    mine, upper = row.indicator, row.upper
    own = f"{mine.id} {mine.name} {target_text(mine)} {mine.nature}" if mine else "—"
    theirs = f"{upper.id} {upper.name} {target_text(upper)} {upper.nature}" if upper else ""
    how = f"{matched(row.match)} {row.score:.2f}" if mine and upper else ""
    return Row(
        {
            "status": Cell(label(row.status), status=row.status),
            "own": Cell(own),
            "parent": Cell(theirs),
            "match": Cell(how),
        }
    )


# ---------------------------------------------------------------- the matrix (HTML, XLSX, Word)


def matrix(comparison: Comparison) -> list[tuple[Indicator | None, list[Line | None]]]:
    """Lines of the matrix: each parent indicator with every plan's row, then each indicator of a
    single plan that matches none (None in place of the parent's)."""
    lines: list[tuple[Indicator | None, list[Line | None]]] = [
        (upper, [comparison.cell(plan.name, upper.id) for plan in comparison.plans])
        for upper in comparison.parent.indicators
    ]
    for row in comparison.rows:
        if row.upper is None:
            cells = [row if plan.name == row.plan else None for plan in comparison.plans]
            lines.append((None, cells))
    return lines


MATRIX_NOTE = N_(
    "Rates, ratios, per-capita and percentage indicators are compared by target and nature; "
    "totals are listed, not compared. ※ marks a binding indicator. Click a status to filter, "
    "a column heading to sort."
)
CHARTS_NOTE = N_(
    "An open circle is the baseline, a filled one the target; the dashed line is the parent's "
    "target. Totals have no parent target line."
)


PERIOD_QUOTE = "“"
"""Where a plan's title stops naming its district: 朝阳区“十四五”时期… → 朝阳区."""
SUBJECT_RE = re.compile(r"(?:民政|社会福利|事业|发展|与)+$")
"""The subject before the period in a title such as 珠山区民政事业发展“十四五”规划."""


def plan_labels(comparison: Comparison) -> dict[str, str]:
    """How the matrix and charts name each plan: its title up to the quoted period (朝阳区), the
    whole title when it has none, with the folder name where two would read the same."""
    short = {
        plan.name: SUBJECT_RE.sub("", plan.title.split(PERIOD_QUOTE, 1)[0])
        or plan.title
        or plan.name
        for plan in [comparison.parent, *comparison.plans]
    }
    seen = Counter(short.values())
    return {
        name: label if seen[label] == 1 else f"{label}（{name}）" for name, label in short.items()
    }


def _matrix(comparison: Comparison, number: int, count: int) -> Sheet:
    parent = comparison.parent
    labels = plan_labels(comparison)
    plans = ("、" if i18n.language() == "zh" else ", ").join(
        plan.title or plan.name for plan in comparison.plans
    )
    lead = _("Parent plan {name}: {title}, {count} indicators. Compared: {plans}.").format(
        name=labels[parent.name], title=parent.title, count=len(parent.indicators), plans=plans
    )
    columns = [
        Column("n", _("No."), "number", 6),
        Column("name", _("Indicator"), width=40),
        Column("unit", _("Unit"), width=10),
        Column("parent", _("parent {name}").format(name=labels[parent.name]), width=16),
        *(
            Column(f"plan:{plan.name}", labels[plan.name], "status", 14)
            for plan in comparison.plans
        ),
    ]
    figures = [
        Figure(
            f"chart-{number}-{upper.id}",
            upper.name + (f"（{upper.unit}）" if upper.unit else ""),
            svg,
        )
        for upper, cells in matrix(comparison)
        if upper is not None
        and (
            svg := chart(
                upper, [(labels[p.name], c) for p, c in zip(comparison.plans, cells, strict=True)]
            )
        )
    ]
    charted = {figure.id for figure in figures}
    rows = []
    for index, (upper, cells) in enumerate(matrix(comparison), start=1):
        subject = upper or next((row.indicator for row in cells if row is not None), None)
        link = f"#chart-{number}-{upper.id}" if upper is not None else ""
        link = link if link[1:] in charted else ""
        row = {
            "n": Cell(index),
            "name": Cell(subject.name if subject else "", href=link),
            "unit": Cell(subject.unit if subject else ""),
            "parent": Cell(_own_text(upper) if upper else _("district only")),
        }
        for plan, line in zip(comparison.plans, cells, strict=True):
            row[f"plan:{plan.name}"] = _plan_cell(line, subject)
        rows.append(Row(row))
    return Sheet(
        _("comparison") + ("" if count == 1 else f" {number}"),
        columns,
        [Group(rows=rows)],
        notes=[lead, _(MATRIX_NOTE)],
        figures=figures,
        figures_title=_("Baseline → target of each indicator"),
        figures_notes=[_(CHARTS_NOTE)],
        formats=MATRIX_FORMATS,
        frozen_columns=2,
        search=_("Filter by indicator name"),
        css="matrix",
    )


def _plan_cell(row: Line | None, subject: Indicator | None) -> Cell:
    """The plan's target, its unit only where it differs from the line's, ※ when binding."""
    if row is None:
        return Cell()
    mine = row.indicator
    if mine is None:
        text = _("not adopted")
    else:
        same = subject is not None and normalised_unit(mine) == normalised_unit(subject)
        text = (mine.target.text if mine.target else "—") if same else target_text(mine)
        text += "※" if mine.binding else ""
    return Cell(text, status=row.status, title=_cell_title(row))


def _own_text(indicator: Indicator) -> str:
    """An indicator's target without its unit, with ※ when binding."""
    target = indicator.target.text if indicator.target else "—"
    return target + ("※" if indicator.binding else "")


def _cell_title(row: Line) -> str:
    mine, upper = row.indicator, row.upper
    parts = [label(row.status)]
    if mine is not None:
        parts.append(
            _("{id} {name}: {target}, {nature}").format(
                id=mine.id, name=mine.name, target=target_text(mine), nature=mine.nature
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


def write_shared_page(roots: list[Path], out_dir: Path) -> Path | None:
    """Write OUT/indicators.html, in Chinese as the plans beside it, when at least two of the plans
    `roots` share a parent (None when none do); an unchanged page is not rewritten."""
    from ..files import write_atomic
    from .indicators import shared_parent_comparisons

    comparisons = shared_parent_comparisons(roots)
    if not comparisons:
        return None
    target = Path(out_dir) / PAGE_NAME
    with i18n.speaking(PAGE_LANGUAGE):
        page = write_report(comparisons, "html")
    if not (target.is_file() and target.read_bytes() == page):
        write_atomic(target, page)
    return target
