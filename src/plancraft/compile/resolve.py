"""Resolve: stable ids, computed numbers, labels and anchors, as a post-pass over the whole plan."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Diagnostics, Location
from ..i18n import _
from ..source.model import Box, IndicatorTable, Item, Placement, Plan, Section, Table
from . import numbering

AUTO_ID_STRIP_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def resolve(plan: Plan, diagnostics: Diagnostics) -> None:
    """Assign ids, numbers, labels and anchors to every numbered thing in the plan."""
    registry = _IdRegistry(diagnostics)
    _number_outline(plan, plan.outline, 1, registry, diagnostics)
    for section in [plan.preface] if plan.preface else []:
        registry.add(section.id, section.location, section.title)
        for item in walk(section.content):
            if isinstance(item, Section):
                registry.auto(item)
    _number_boxes(plan, registry)
    _number_tables(plan, registry)
    if plan.indicators:
        for index, indicator in enumerate(plan.indicators.indicators, start=1):
            indicator.number = index
            registry.add(indicator.id, indicator.location, str(index))
    plan.labels = registry.labels


def walk(items: Sequence[Item]) -> Iterator[Item]:
    """Every item below `items`, depth first, in document order."""
    for item in items:
        yield item
        if isinstance(item, (Section, Box)):
            yield from walk(item.content)


def document_items(plan: Plan) -> Iterator[Item]:
    """Every item of the plan in document order: notice, preface, outline."""
    yield from walk(plan.notice)
    if plan.preface:
        yield plan.preface
        yield from walk(plan.preface.content)
    yield from walk(plan.outline)


class _IdRegistry:
    """Ids seen so far, their labels, and the first place each was defined."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self.labels: dict[str, str] = {}
        self.places: dict[str, Location] = {}

    def add(self, ident: str, location: Location, label: str) -> None:
        if ident in self.places:
            self.diagnostics.error(
                location,
                _("duplicate id '{id}' (first defined at {place})").format(
                    id=ident, place=self.places[ident]
                ),
                code="duplicate-id",
                hint=_("every id must be unique within the plan"),
            )
            return
        self.places[ident] = location
        self.labels[ident] = label

    def auto(self, section: Section) -> None:
        if not section.id:
            base = "sec-" + (AUTO_ID_STRIP_RE.sub("", section.title)[:16] or "untitled")
            ident, counter = base, 2
            while ident in self.places:
                ident, counter = f"{base}-{counter}", counter + 1
            section.id = ident
        self.add(section.id, section.location, section.ref_label or section.title)


def _number_outline(
    plan: Plan,
    items: Sequence[Item],
    depth: int,
    registry: _IdRegistry,
    diagnostics: Diagnostics,
    running: dict[int, int] | None = None,
) -> None:
    """Number the sections of `items`; `running` holds the counts that run on across parents."""
    style = plan.meta.numbering
    running = {} if running is None else running
    count = 0
    for item in items:
        if isinstance(item, Section) and not item.in_box:
            count += 1
            if numbering.runs_on(style, depth):
                running[depth] = count = running.get(depth, 0) + 1
            item.number = count
            if depth > numbering.max_depth(style):
                diagnostics.error(
                    item.location,
                    _(
                        "'{title}' is nested {depth} levels deep; {style} numbering goes "
                        "{levels} levels"
                    ).format(
                        title=item.title,
                        depth=depth,
                        style=style,
                        levels=numbering.max_depth(style),
                    ),
                    code="too-deep",
                    hint=_("move it up a level or make it a paragraph"),
                )
            elif count > numbering.MAX_NUMBER:
                diagnostics.error(
                    item.location,
                    _("'{title}' is item {count} at its level; numbering goes to {limit}").format(
                        title=item.title, count=count, limit=numbering.MAX_NUMBER
                    ),
                    code="too-many",
                    hint=_("group the items under headings"),
                )
            else:
                item.label = numbering.label(style, depth, count)
                item.ref_label = numbering.reference_label(item.label)
            registry.auto(item)
            _number_outline(plan, item.content, depth + 1, registry, diagnostics, running)


def _number_boxes(plan: Plan, registry: _IdRegistry) -> None:
    count = 0
    for item in document_items(plan):
        if isinstance(item, Box):
            count += 1
            item.number, item.label = count, f"专栏{count}"
            if not item.id:
                item.id = f"box-{count}"
            registry.add(item.id, item.location, item.label)
            _number_box_items(item.content, 1, registry)


def _number_box_items(items: Sequence[Item], depth: int, registry: _IdRegistry) -> None:
    count = 0
    for item in items:
        if isinstance(item, Section):
            count += 1
            item.number = count
            if count > numbering.MAX_NUMBER:
                registry.diagnostics.error(
                    item.location,
                    _("专栏 item {count} is more than the numbering goes to ({limit})").format(
                        count=count, limit=numbering.MAX_NUMBER
                    ),
                    code="too-many",
                )
            elif depth <= numbering.max_depth("box"):
                item.label = numbering.label("box", depth, count)
                item.ref_label = numbering.reference_label(item.label)
            else:
                registry.diagnostics.error(
                    item.location, _("专栏 items nest at most two levels deep"), code="too-deep"
                )

            registry.auto(item)
            _number_box_items(item.content, depth + 1, registry)


def _number_tables(plan: Plan, registry: _IdRegistry) -> None:
    tables: dict[str, Table | IndicatorTable] = {table.id: table for table in plan.tables}
    if plan.indicators:
        tables[plan.indicators.id] = plan.indicators
    count = 0
    placed: set[str] = set()
    for item in document_items(plan):
        if isinstance(item, Placement) and item.target in tables and item.target not in placed:
            placed.add(item.target)
            table = tables[item.target]
            if table.numbered:
                count += 1
                table.number, table.label = count, f"表{count}"
    for table in tables.values():
        registry.add(table.id, table.location, table.label or table.title)
