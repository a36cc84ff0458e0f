"""Semantic checks on a resolved plan: what the schema cannot see."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..diagnostics import Diagnostics, Location, display_path, source_path
from ..i18n import _
from ..source.confine import Refused, read_confined, symlink_loop
from ..source.load import INDICATORS_FILE
from ..source.markdown import XREF_RE, plain_text, references
from ..source.media import image_problem
from ..source.model import (
    ROLES,
    Box,
    Indicator,
    IndicatorTable,
    Placement,
    Plan,
    Prose,
    Quantity,
    Section,
    Table,
)
from ..source.parent import is_path, parent_source
from .alignment import judge, match_indicators
from .assemble import placed_tables
from .fit import width_problem
from .monitoring_checks import check_monitoring
from .numbering import NUMERAL_CHARS, typed_number
from .resolve import document_items, walk
from .round_checks import check_rounds

# Characters that hide or reorder text: zero-width and bidirectional controls.
INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
}
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(INVISIBLE)) + "]")
"""An invisible character or a control character (Unicode category Cc) other than tab and newline."""

# A placeholder for text still to be written, as `plancraft new` leaves them: 【待填写】, 【待填写：指导思想】.
PLACEHOLDER_RE = re.compile(r"【待填写[^】]*】|（编制单位待定）|（标题待定）")
# Image syntax that markdown-it printed as text because it refused the URL (file:, non-image data:).
UNPARSED_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")
# A number followed by a unit typed into the value: 100张, ≥7个.
UNIT_SUFFIX_RE = re.compile(
    r"^\s*(?:≥|≤|≧|≦|>|<|＞|＜)?\s*-?[0-9]+(?:\.[0-9]+)?\s*([A-Za-z\u4e00-\u9fff%％/、]+)\s*$"
)
# A numbered thing referred to by its printed number, which drifts when the numbering changes.
TYPED_REFERENCE_RE = re.compile(
    r"表\s*[0-9]+|专栏\s*[0-9" + NUMERAL_CHARS + r"]+|第[" + NUMERAL_CHARS + r"]+(?:部分|章|节)"
)


def check_plan(plan: Plan, diagnostics: Diagnostics) -> None:
    """Run every semantic check, recording what is wrong."""
    if plan.complete:
        _check_roles(plan, diagnostics)
    _check_headings(plan, diagnostics)
    _check_prose(plan, diagnostics)
    _check_placements(plan, diagnostics)
    if plan.indicators:
        for indicator in plan.indicators.indicators:
            _check_indicator(indicator, diagnostics)
    for table in plan.tables:
        _check_table(table, diagnostics)
    _check_table_widths(plan, diagnostics)
    _check_parent(plan, diagnostics)
    _check_sources(plan, diagnostics)
    _check_title_lines(plan, diagnostics)
    check_monitoring(plan, diagnostics)
    check_rounds(plan, diagnostics)


def _check_roles(plan: Plan, diagnostics: Diagnostics) -> None:
    present = {item.role for item in walk(plan.outline) if isinstance(item, Section)}
    missing = [role for role in ROLES if role not in present]
    if missing:
        diagnostics.error(
            plan.meta.locate("outline"),
            _("the outline has no part with role {roles}").format(roles=", ".join(missing)),
            code="missing-role",
            hint=_(
                "the municipal template requires background, requirements, tasks and safeguards"
            ),
        )


def _check_headings(plan: Plan, diagnostics: Diagnostics) -> None:
    for item in document_items(plan):
        if isinstance(item, (Section, Box)):
            typed = typed_number(item.title)
            if typed:
                diagnostics.error(
                    item.location,
                    _("'{title}' starts with the typed number '{typed}'").format(
                        title=item.title, typed=typed
                    ),
                    code="typed-number",
                    hint=_("numbers are computed: delete it from the source"),
                )
            _check_text(item.title, item.location, diagnostics)
            _check_heading_references(item, plan, diagnostics)
        if isinstance(item, Section) and item.run_in:
            first = item.content[0] if item.content else None
            if not (
                isinstance(first, Prose)
                and first.tokens
                and first.tokens[0].type == "paragraph_open"
            ):
                diagnostics.error(
                    item.location,
                    _("run-in heading '{title}' is not followed by a paragraph").format(
                        title=item.title
                    ),
                    code="run-in",
                    hint=_("put the paragraph right after the heading or drop .run-in"),
                )


def _check_heading_references(item: Section | Box, plan: Plan, diagnostics: Diagnostics) -> None:
    """References are printed in text only; a [@id] in a heading would print as typed."""
    for match in XREF_RE.finditer(item.title):
        target = match.group(1)
        location = _located_in_line(item.location, match.group(0))
        if target not in plan.labels:
            diagnostics.error(
                location,
                _("reference to unknown id '{id}'").format(id=target),
                code="unknown-ref",
                hint=_("and references belong in the text, not in headings"),
            )
        else:
            diagnostics.error(
                location,
                _("a heading cannot hold the reference {reference}").format(
                    reference=f"[@{target}]"
                ),
                code="heading-ref",
                hint=_("put the reference in the text below the heading"),
            )


def _located_in_line(start: Location, text: str) -> Location:
    """Where `text` appears on the line of `start`, at or after its column; `start` if it cannot be read."""
    try:
        line = (
            Path(start.path)
            .read_text(encoding="utf-8", errors="replace")
            .splitlines()[start.line - 1]
        )
    except (OSError, IndexError):
        return start
    col = line.find(text, max(start.col - 1, 0))
    return Location(start.path, start.line, col + 1) if col >= 0 else start


def _check_prose(plan: Plan, diagnostics: Diagnostics) -> None:
    for item in document_items(plan):
        if not isinstance(item, Prose):
            continue
        for target, location in references(item.tokens, item.location.path):
            if target not in plan.labels and target not in plan.unloaded:
                close = difflib.get_close_matches(target, list(plan.labels), n=1)
                diagnostics.error(
                    location,
                    _("reference to unknown id '{id}'").format(id=target),
                    code="unknown-ref",
                    hint=_("did you mean '{id}'?").format(id=close[0]) if close else "",
                )
        text = plain_text(item.tokens)
        _check_text(text, item.location, diagnostics)
        _check_images(item, plan, diagnostics)
        if item.tokens[0].type == "paragraph_open":
            typed = typed_number(text)
            if (
                typed
                and typed[0] in "第（(0123456789" + NUMERAL_CHARS
                and not typed.startswith("表")
            ):
                diagnostics.warning(
                    item.location,
                    _("paragraph starts with the typed number '{typed}'").format(typed=typed),
                    code="typed-number",
                    hint=_("make it a heading (with .run-in if text follows)"),
                )
        _check_typed_references(item, plan, diagnostics)
        if any(token.type in ("html_block", "html_inline") for token in item.tokens):
            diagnostics.warning(
                item.location, _("raw HTML is not allowed and is printed as text"), code="raw-html"
            )


def _check_typed_references(item: Prose, plan: Plan, diagnostics: Diagnostics) -> None:
    """见表1, 专栏3, 第三部分 typed as text: printed numbers that go stale when the numbering changes."""
    by_label = {label: ident for ident, label in plan.labels.items()}
    for token in item.tokens:
        if token.type != "inline":
            continue
        for match in TYPED_REFERENCE_RE.finditer(token.content):
            typed = re.sub(r"\s+", "", match.group(0))
            if (
                match.start() == 0
                and item.tokens[0].type == "paragraph_open"
                and typed_number(token.content)
            ):
                continue  # a typed heading number, reported as such
            before = token.content[: match.start()]
            location = Location(
                item.location.path,
                item.location.line + before.count("\n"),
                len(before) - (before.rfind("\n") + 1) + 1,
            )
            target = by_label.get(typed)
            hint = (
                _("write {reference}").format(reference=f"[@{target}]")
                if target
                else _("no {typed} exists; refer to it as [@id]").format(typed=typed)
            )
            diagnostics.warning(
                location,
                _(
                    "'{typed}' is typed as text; printed numbers change when the plan is renumbered"
                ).format(typed=typed),
                code="typed-reference",
                hint=hint,
            )


def _check_images(item: Prose, plan: Plan, diagnostics: Diagnostics) -> None:
    """Every image must be a file inside the plan folder (or a data: image); anything else is refused."""
    sources = [
        str(child.attrGet("src") or "")
        for token in item.tokens
        for child in token.children or []
        if child.type == "image"
    ]
    # markdown-it itself prints images with file: or non-image data: URLs as text; say why.
    for token in item.tokens:
        text = "".join(child.content for child in token.children or [] if child.type == "text")
        sources += UNPARSED_IMAGE_RE.findall(text)
    for src in sources:
        problem = image_problem(src, plan.root)
        if problem:
            shown = src if len(src) <= 80 else src[:77] + "..."
            diagnostics.error(
                item.location,
                _("image '{image}' refused: {problem}").format(image=shown, problem=problem),
                code="sandbox",
                hint=_("put the image in the plan folder and give its relative path"),
            )


def _check_text(text: str, location: Location, diagnostics: Diagnostics) -> None:
    hidden = sorted({f"U+{ord(ch):04X}" for ch in HIDDEN.findall(text)})
    if hidden:
        diagnostics.error(
            location,
            _("text contains invisible or control characters ({characters})").format(
                characters=", ".join(hidden)
            ),
            code="invisible-character",
            hint=_("delete them; they hide or reorder text"),
        )


def _check_placements(plan: Plan, diagnostics: Diagnostics) -> None:
    known = {table.id for table in plan.tables}
    placed: dict[str, Location] = {}
    for item in document_items(plan):
        if not isinstance(item, Placement):
            continue
        if item.kind == "indicators" and plan.indicators is None:
            if plan.root / INDICATORS_FILE in plan.sources:
                continue  # it is there and its errors are reported
            diagnostics.error(
                item.location,
                _("{{indicators}} but the plan has no indicators.yaml"),
                code="placement",
            )
            continue
        if item.kind == "table" and item.target not in known and item.target not in plan.unloaded:
            close = difflib.get_close_matches(item.target, sorted(known), n=1)
            diagnostics.error(
                item.location,
                _("no table with id '{id}'").format(id=item.target),
                code="unknown-ref",
                hint=_("did you mean '{id}'?").format(id=close[0])
                if close
                else _("tables: {ids}").format(ids=", ".join(sorted(known))),
            )
            continue
        if item.target in placed:
            diagnostics.error(
                item.location,
                _("table '{id}' is placed twice (first at {place})").format(
                    id=item.target, place=placed[item.target]
                ),
                code="placement",
            )
        placed.setdefault(item.target, item.location)
    for table in plan.tables:
        if table.id not in placed:
            diagnostics.warning(
                table.location,
                _("table '{id}' is never placed in the text").format(id=table.id),
                code="unplaced-table",
                hint=_("add {directive} where it belongs").format(
                    directive="{{table " + table.id + "}}"
                ),
            )
    if plan.indicators and plan.indicators.id not in placed:
        diagnostics.warning(
            plan.indicators.location,
            _("the indicator table is never placed in the text"),
            code="unplaced-table",
            hint=_("add {{indicators}} to the 发展目标 section"),
        )


def _check_indicator(indicator: Indicator, diagnostics: Diagnostics) -> None:
    for field, quantity in (("baseline", indicator.baseline), ("target", indicator.target)):
        if quantity is None or quantity.value is None:
            continue
        problem = _misfit(indicator, quantity)
        if problem:
            diagnostics.error(
                indicator.locate(field),
                f"{indicator.id}: {field} {quantity.text} {problem}",
                code="indicator-value",
            )
    _check_unit_suffix(indicator, diagnostics)
    if typed_number(indicator.name):
        diagnostics.error(
            indicator.location,
            _("{id}: the name starts with a typed number").format(id=indicator.id),
            code="typed-number",
        )


def _check_unit_suffix(indicator: Indicator, diagnostics: Diagnostics) -> None:
    """A unit typed into a value must be the indicator's own unit: 100张 where the unit is % is wrong."""
    unit = indicator.unit.strip().strip("（）()")
    for field, quantity in (("baseline", indicator.baseline), ("target", indicator.target)):
        match = UNIT_SUFFIX_RE.match(quantity.text) if quantity is not None else None
        if match and unit and match.group(1).replace("％", "%") != unit.replace("％", "%"):
            diagnostics.error(
                indicator.locate(field),
                _(
                    "{id}: {field} {value} is in '{suffix}' but the indicator's unit is '{unit}'"
                ).format(
                    id=indicator.id,
                    field=field,
                    value=quantity.text if quantity else "",
                    suffix=match.group(1),
                    unit=indicator.unit,
                ),
                code="indicator-unit",
                hint=_("write the number alone; the unit column says {unit}").format(unit=unit),
            )


def _misfit(indicator: Indicator, quantity: Quantity) -> str:
    unit = indicator.unit.strip()
    if quantity.value is None:
        return ""
    if quantity.percent and unit and unit not in ("%", "％"):
        return _("is a percentage but the unit is '{unit}'").format(unit=unit)
    if unit in ("%", "％") and not 0 <= quantity.value <= 100:
        return _("is not a percentage between 0 and 100")
    if quantity.value < 0:
        return _("is negative")
    return ""


def _check_table(table: Table, diagnostics: Diagnostics) -> None:
    rows = table.header + table.rows
    widths = _grid_widths(rows)
    if not widths:
        return
    # The first header row says how many columns there are; without a header, most rows do.
    expected = widths[0] if table.header else max(set(widths), key=widths.count)
    for index, width in enumerate(widths):
        if width != expected:
            message = (
                _("table '{id}': header {number} has {width} cells where the table has {expected}")
                if index < len(table.header)
                else _(
                    "table '{id}': row {number} has {width} cells where the table has {expected}"
                )
            )
            number = index + 1 if index < len(table.header) else index - len(table.header) + 1
            diagnostics.error(
                _row_location(table, index),
                message.format(id=table.id, number=number, width=width, expected=expected),
                code="table-shape",
                hint=_("count rowspan/colspan cells"),
            )
    for index, row in enumerate(rows):
        end = len(table.header) if index < len(table.header) else len(rows)
        for cell in row:
            if index + cell.rowspan > end:
                diagnostics.error(
                    _row_location(table, index),
                    _(
                        "table '{id}': the cell '{cell}' spans {rows} rows but only {left} are left"
                    ).format(id=table.id, cell=cell.text, rows=cell.rowspan, left=end - index),
                    code="table-shape",
                )


def _row_location(table: Table, index: int) -> Location:
    """Where row `index` (header rows first) is written, else the table."""
    return table.row_locations[index] if index < len(table.row_locations) else table.location


def _grid_widths(rows: list) -> list[int]:
    """How many columns each row fills, counting cells that span down from rows above."""
    carried: dict[int, int] = {}
    widths = []
    for row in rows:
        column, width = 0, 0
        for cell in row:
            while carried.get(column, 0) > 0:
                carried[column] -= 1
                column, width = column + 1, width + 1
            for offset in range(cell.colspan):
                if cell.rowspan > 1:
                    carried[column + offset] = cell.rowspan - 1
            column, width = column + cell.colspan, width + cell.colspan
        while carried.get(column, 0) > 0:
            carried[column] -= 1
            column, width = column + 1, width + 1
        widths.append(width)
    return widths


def _check_table_widths(plan: Plan, diagnostics: Diagnostics) -> None:
    """table-too-wide: a table whose short cells must wrap where it prints (compile/fit.py); the
    width is estimated from the cells' text, before and without a layout."""
    sources: dict[str, Table | IndicatorTable] = {table.id: table for table in plan.tables}
    if plan.indicators:
        sources[plan.indicators.id] = plan.indicators
    for table, boxed in placed_tables(plan):
        problem = width_problem(table, boxed)
        if problem is not None and table.id in sources:
            message, hint = problem
            diagnostics.warning(
                sources[table.id].location, message, code="table-too-wide", hint=hint
            )


def _check_parent(plan: Plan, diagnostics: Diagnostics) -> None:
    """The parent plan (read by the loader, source/parent.py) is there, and the indicators that
    follow it are not weaker than it."""
    parent = plan.meta.parent
    if not parent:
        return
    if parent == plan.slug:
        diagnostics.error(
            plan.meta.locate("parent"),
            _("plan '{plan}' names itself as its parent").format(plan=parent),
            code="parent",
            hint=_("name the municipal plan, e.g. parent: beijing, or drop the line"),
        )
        return
    if symlink_loop(parent_source(plan.root, parent)):
        diagnostics.error(
            plan.meta.locate("parent"),
            _("parent plan '{plan}': {problem}").format(
                plan=parent, problem=_("a symbolic link loop")
            ),
            code="symlink-loop",
        )
        return
    upper_plan = plan.parent
    if upper_plan is None:
        return
    if not upper_plan.found:
        message = (
            _("parent plan '{plan}' is not found at {place}")
            if is_path(parent)
            else _("parent plan '{plan}' is not in {place}")
        )
        place = display_path(upper_plan.source if is_path(parent) else plan.root.parent)
        diagnostics.warning(
            plan.meta.locate("parent"), message.format(plan=parent, place=place), code="parent"
        )
        return
    if plan.indicators is None:
        return
    errors = [problem for problem in upper_plan.problems if problem.severity.value == "error"]
    if errors:
        first = errors[0]
        diagnostics.warning(
            plan.meta.locate("parent"),
            _("the parent plan's indicators do not load, so none are compared ({problem})").format(
                problem=f"{first.location}: {first.message}"
            ),
            code="parent",
            hint=_("run plancraft validate on the parent plan"),
        )
        return
    if upper_plan.indicators is not None and not upper_plan.indicators.indicators:
        return
    uppers = upper_plan.indicators.indicators if upper_plan.indicators else []
    known = {upper.id for upper in uppers}
    for indicator in plan.indicators.indicators:
        if indicator.parent_id and indicator.parent_id not in known:
            close = difflib.get_close_matches(indicator.parent_id, sorted(known), n=1)
            message = _("{id}: the parent plan has no indicator '{parent_id}'")
            diagnostics.warning(
                indicator.locate("parent_id"),
                message.format(id=indicator.id, parent_id=indicator.parent_id),
                code="parent-id",
                hint=_("did you mean '{id}'?").format(id=close[0]) if close else "",
            )
    for match in match_indicators(plan.indicators.indicators, uppers):
        verdict, indicator, upper = judge(match), match.indicator, match.upper
        if upper is None or not verdict.compared:
            continue
        if verdict.target_change == "weaker" and indicator.target and upper.target:
            diagnostics.warning(
                indicator.locate("target"),
                _(
                    "{id}: target {target} is weaker than the parent "
                    "plan's {parent_target} for {name}"
                ).format(
                    id=indicator.id,
                    target=indicator.target.text,
                    parent_target=upper.target.text,
                    name=upper.name,
                ),
                code="weaker-than-parent",
                hint=_("{parent} sets {target}").format(parent=parent, target=upper.target.text),
            )
        if verdict.nature_change == "weakened" and not indicator.nature_reason:
            named = "" if upper.name == indicator.name else f" ({upper.name})"
            diagnostics.warning(
                indicator.locate("nature"),
                _("{id}: {name} is {nature} here but {parent_nature} in the parent plan").format(
                    id=indicator.id,
                    name=indicator.name,
                    nature=indicator.nature,
                    parent_nature=upper.nature,
                )
                + named,
                code="nature-weakened",
                hint=_("if that is meant, record why with nature_reason, or set compare: false"),
            )


def _check_sources(plan: Plan, diagnostics: Diagnostics) -> None:
    """Read every source file once: 【待填写…】 placeholders left (warnings), and invisible or control
    characters in the YAML files (errors; Markdown is checked block by block)."""
    for path in dict.fromkeys(plan.sources):
        try:
            raw = read_confined(path, plan.root)
        except Refused:
            continue  # the loader has reported it
        text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        shown = source_path(path)
        for number, line in enumerate(text.splitlines(), start=1):
            for match in PLACEHOLDER_RE.finditer(line):
                diagnostics.warning(
                    Location(shown, number, match.start() + 1),
                    _("placeholder {placeholder} is still to be written").format(
                        placeholder=match.group(0)
                    ),
                    code="placeholder",
                )
            if path.suffix != ".yaml":
                continue
            for found in HIDDEN.finditer(line):
                char = found.group()
                diagnostics.error(
                    Location(shown, number, found.start() + 1),
                    _("text contains an invisible or control character ({character})").format(
                        character=f"U+{ord(char):04X}"
                    ),
                    code="invisible-character",
                    hint=_("delete it; it hides or reorders text"),
                )


def _check_title_lines(plan: Plan, diagnostics: Diagnostics) -> None:
    """Explicit title breaks in plan.yaml must give back the title they break."""
    meta = plan.meta
    notice_title = next(
        (
            plain_text(item.tokens)
            for item in plan.notice
            if isinstance(item, Prose) and "center" in item.classes
        ),
        "",
    )
    for key, lines, title in (
        ("title_lines", meta.title_lines, meta.title),
        ("notice_title_lines", meta.notice_title_lines, notice_title),
    ):
        if lines and "".join(lines) != title:
            joined = "".join(lines)
            diagnostics.error(
                meta.locate(key),
                _("{key} joined is '{joined}', not the title '{title}'").format(
                    key=key, joined=joined, title=title
                ),
                code="title-lines",
                hint=_("write the title's characters, split where each line ends"),
            )
