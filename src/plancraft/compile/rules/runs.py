"""Every piece of printed text of a plan with where it is written, for the content rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Location
from ...source.model import Box, Plan, Prose, Section
from ..resolve import document_items


@dataclass(frozen=True, slots=True)
class TextRun:
    """A piece of text as written in the sources (Markdown source or a YAML value) and where it starts."""

    text: str
    start: Location
    exact: bool = False
    """Whether `text` is the source itself (Markdown), so that a position in it is a column; a YAML
    value may be quoted or folded, and is located where it is written."""

    def locate(self, index: int) -> Location:
        """Where the character at `index` of the text is written (a YAML value: where it starts)."""
        if not self.exact:
            return self.start
        before = self.text[:index]
        if "\n" not in before:
            return Location(self.start.path, self.start.line, (self.start.col or 1) + index)
        return Location(
            self.start.path,
            self.start.line + before.count("\n"),
            index - before.rfind("\n"),
        )


def text_runs(plan: Plan) -> Iterator[TextRun]:
    """Headings, paragraphs, table titles, cells and notes, indicator names and values, in order."""
    for item in document_items(plan):
        if isinstance(item, (Section, Box)):
            yield TextRun(item.title, item.location)
        elif isinstance(item, Prose):
            yield from _prose_runs(item)
    for table in plan.tables:
        yield TextRun(table.title, table.location)
        for index, row in enumerate(table.header + table.rows):
            where = (
                table.row_locations[index] if index < len(table.row_locations) else table.location
            )
            for cell in row:
                yield TextRun(cell.text, where)
        for note in table.notes:
            yield TextRun(note, table.location)
    if plan.indicators:
        yield TextRun(plan.indicators.title, plan.indicators.location)
        for indicator in plan.indicators.indicators:
            for field, text in (
                ("name", indicator.name),
                ("baseline", indicator.baseline.text if indicator.baseline else ""),
                ("target", indicator.target.text if indicator.target else ""),
                ("note", indicator.note),
            ):
                if text:
                    yield TextRun(text, indicator.locate(field))
        for note in plan.indicators.notes:
            yield TextRun(note, plan.indicators.location)


def _prose_runs(item: Prose) -> Iterator[TextRun]:
    """The inline text of a block as written, each from the line it starts on (column 1 of its content)."""
    for token in item.tokens:
        if token.type == "inline" and token.content:
            line = token.map[0] + 1 if token.map else item.location.line
            yield TextRun(token.content, Location(item.location.path, line, 1), exact=True)
