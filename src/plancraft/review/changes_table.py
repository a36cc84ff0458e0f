"""The 修改对照表: the changes of a diff as rows a drafter submits, located by printed number path.

Renumbering-only and punctuation-only changes are counted, not listed; a replacement repeated across
the plan is one row; indicators are compared field by field.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from ..compile import document as doc
from ..compile.assemble import assemble
from ..i18n import _
from ..source.model import Plan
from .diff import Change, Span, compare_documents, indicator_fields
from .outline import NOTICE

REPEATED = 2
"""How many changed units one replacement must explain to be summarised in one row."""
WIDEN = 4
"""How many kept characters either side a replacement may take in to explain a whole change."""
SHORT = 20
"""Edits up to this long are quoted in the row's 修改说明."""
NUMBERING_ONLY = frozenset({"numbering"})
"""Metadata whose change only renumbers: left out of the rows, its effect counted as renumbering."""


@dataclass
class TableRow:
    """One changed unit: where it prints at the new version, its id, the text before and after."""

    place: str
    target: str
    before: list[Span]
    after: list[Span]
    note: str
    kind: str
    """edit, added, removed, moved, indicator, table, metadata, replacement."""
    count: int = 1
    """For a replacement: how many times it was made."""
    targets: list[str] = field(default_factory=list)
    """For a replacement: the ids of the units it was made in."""


@dataclass
class ChangeTable:
    """The rows of one plan's 修改对照表 and what was left out of them."""

    rows: list[TableRow] = field(default_factory=list)
    renumbered: int = 0
    """Headings, boxes and tables whose printed number alone changed."""
    punctuation: int = 0
    """Changed units whose changes are punctuation only."""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def change_table(old: Plan, new: Plan) -> ChangeTable:
    """The 修改对照表 of `old` → `new`."""
    old_document = assemble(old, break_titles=False)
    new_document = assemble(new, break_titles=False)
    changes = compare_documents(old, new, old_document, new_document)
    old_places, new_places = places(old_document), places(new_document)
    table = ChangeTable(renumbered=_renumbered(old_document, new_document))
    textual: list[tuple[Change, str, str]] = []
    for change in changes:
        if change.kind in ("text", "retitled") and change.spans:
            before, after = _texts(change.spans)
            if _punctuation_only(change.spans):
                table.punctuation += 1
            else:
                textual.append((change, before, after))
            continue
        if change.kind == "indicator" or (
            change.kind == "metadata" and change.target in NUMBERING_ONLY
        ):
            continue
        table.rows.append(_row(change, new_places, old_places))
    summaries, kept = _summarise(textual, new_places, old_places)
    table.rows += [_row(change, new_places, old_places) for change in kept]
    table.rows += _indicator_rows(old, new, new_places)
    order = {ident: index for index, ident in enumerate(new_places)}
    table.rows.sort(key=lambda row: order.get(row.target, len(order)))
    table.rows += summaries
    return table


def places(document: doc.Document) -> dict[str, str]:
    """The printed number path (第三部分 二、（一）) of every division, box, table, indicator row and
    paragraph with an id (its division's), by id, in document order."""
    found: dict[str, str] = {}
    if document.notice:
        found[NOTICE] = "印发通知"

    def visit(blocks: list[doc.Block], path: list[str]) -> None:
        for block in blocks:
            if isinstance(block, doc.Division):
                here = [*path, block.heading.number or block.heading.title]
                found[block.id] = " ".join(here)
                visit(block.blocks, here)
            elif isinstance(block, doc.Box):
                here = [*path, block.number or block.title]
                found[block.id] = " ".join(here)
                visit(block.blocks, here)
            elif isinstance(block, doc.Table):
                found[block.id] = " ".join([*path, block.number or block.title])
                shown = " ".join([*path, block.number or _("indicator table")])
                for row in block.rows:
                    if row.id and block.table_kind == "indicators":
                        found.setdefault(row.id, shown)
            elif isinstance(block, doc.Paragraph) and block.id:
                found.setdefault(block.id, " ".join(path))
            elif isinstance(block, doc.ListBlock):
                visit([child for item in block.items for child in item], path)
            elif isinstance(block, doc.Quote):
                visit(block.blocks, path)

    if document.preface:
        found[document.preface.id] = document.preface.title
        visit(document.preface.blocks, [document.preface.title])
    visit(document.body, [])
    if document.appendix:
        for row in document.appendix.rows:
            if row.id:
                found.setdefault(row.id, "附表")
    return found


def _numbers(document: doc.Document) -> dict[str, str]:
    found: dict[str, str] = {}

    def visit(blocks: list[doc.Block]) -> None:
        for block in blocks:
            if isinstance(block, doc.Division):
                found[block.id] = block.heading.number
                visit(block.blocks)
            elif isinstance(block, doc.Box):
                found[block.id] = block.number
                visit(block.blocks)
            elif isinstance(block, doc.Table):
                found[block.id] = block.number

    visit(document.body)
    return found


def _renumbered(old: doc.Document, new: doc.Document) -> int:
    before, after = _numbers(old), _numbers(new)
    return sum(1 for ident in before.keys() & after.keys() if before[ident] != after[ident])


def _texts(spans: list[Span]) -> tuple[str, str]:
    before = "".join(span.text for span in spans if span.op != "+")
    after = "".join(span.text for span in spans if span.op != "-")
    return before, after


def _punctuation_only(spans: list[Span]) -> bool:
    changed = "".join(span.text for span in spans if span.op != "=")
    return bool(changed) and all(
        unicodedata.category(char)[0] in "PZ" or char.isspace() for char in changed
    )


def _replacements(old: str, new: str) -> set[tuple[str, str]]:
    """Every (X, Y) such that replacing each X in `old` by Y gives `new`, X taken around the first
    edit (with the edits close after it, and up to WIDEN kept characters either side)."""
    codes = [code for code in _opcodes(old, new) if code[0] != "equal"]
    if not codes:
        return set()
    _op, a1, _a2, b1, _b2 = codes[0]
    found: set[tuple[str, str]] = set()
    for _op, _a1, a2, _b1, b2 in codes:
        if a2 - a1 > 4 * WIDEN:
            break
        for left in range(min(WIDEN, a1, b1) + 1):
            for right in range(min(WIDEN, len(old) - a2, len(new) - b2) + 1):
                x, y = old[a1 - left : a2 + right], new[b1 - left : b2 + right]
                if x and x != y and old.replace(x, y) == new:
                    found.add((x, y))
    return found


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    return list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())


def _summarise(
    textual: list[tuple[Change, str, str]], new_places: dict[str, str], old_places: dict[str, str]
) -> tuple[list[TableRow], list[Change]]:
    """Replacements explaining REPEATED or more changes, as summary rows; the changes left."""
    candidates = [_replacements(before, after) for _change, before, after in textual]
    left = set(range(len(textual)))
    rows: list[TableRow] = []
    while True:
        tally: dict[tuple[str, str], list[int]] = {}
        for index in left:
            for pair in candidates[index]:
                tally.setdefault(pair, []).append(index)
        best = max(
            tally.items(),
            key=lambda item: (len(item[1]), -len(item[0][0]), item[0]),
            default=None,
        )
        if best is None or len(best[1]) < REPEATED:
            break
        (x, y), covered = best
        left -= set(covered)
        count = sum(textual[index][1].count(x) for index in covered)
        targets = [textual[index][0].target for index in sorted(covered)]
        rows.append(
            TableRow(
                _("throughout"),
                "",
                [Span("-", x)],
                [Span("+", y)],
                _("“{old}” changed to “{new}” throughout ({count} places)").format(
                    old=x, new=y, count=count
                ),
                "replacement",
                count,
                targets,
            )
        )
    return rows, [textual[index][0] for index in sorted(left)]


def _row(change: Change, new_places: dict[str, str], old_places: dict[str, str]) -> TableRow:
    place = new_places.get(change.target) or _("(was {place})").format(
        place=old_places.get(change.target, change.label)
    )
    if change.kind == "metadata":
        place = _("plan information")
    spans = change.spans
    if change.kind == "added":
        return TableRow(place, change.target, [], [Span("+", change.label)], _("added"), "added")
    if change.kind == "removed":
        return TableRow(
            place, change.target, [Span("-", change.label)], [], _("removed"), "removed"
        )
    if change.kind == "moved":
        note = _("moved from {place}").format(place=old_places.get(change.target, change.label))
        return TableRow(place, change.target, [], [], note, "moved")
    if change.kind == "metadata":
        note = f"{change.label}: {change.detail}"
        return TableRow(place, change.target, [], [], note, "metadata")
    before = [span for span in spans if span.op != "+"]
    after = [span for span in spans if span.op != "-"]
    if change.kind == "table":
        return TableRow(place, change.target, before, after, change.detail, "table")
    note = change.detail if not spans else _describe(spans)
    if change.kind == "retitled":
        note = _("heading: {what}").format(what=note)
    return TableRow(place, change.target, before, after, note, "edit")


def _describe(spans: list[Span]) -> str:
    """What an edit did, quoted when short: 将“X”改为“Y”, 增加“Y”, 删除“X”."""
    edits: list[tuple[str, str]] = []
    for index, span in enumerate(spans):
        if span.op == "-":
            following = spans[index + 1] if index + 1 < len(spans) else None
            edits.append((span.text, following.text if following and following.op == "+" else ""))
        elif span.op == "+" and not (index and spans[index - 1].op == "-"):
            edits.append(("", span.text))
    if len(edits) > 3 or any(len(old) > SHORT or len(new) > SHORT for old, new in edits):
        return _("text revised")
    parts = []
    for old, new in edits:
        if old and new:
            parts.append(_("“{old}” changed to “{new}”").format(old=old, new=new))
        elif old:
            parts.append(_("“{old}” deleted").format(old=old))
        else:
            parts.append(_("“{new}” added").format(new=new))
    return _("; ").join(parts)


def _indicator_rows(old: Plan, new: Plan, new_places: dict[str, str]) -> list[TableRow]:
    before = {i.id: i for i in (old.indicators.indicators if old.indicators else [])}
    rows = []
    for indicator in new.indicators.indicators if new.indicators else []:
        was = before.get(indicator.id)
        if was is None:
            continue
        number = _("No. {number}").format(number=indicator.number)
        place = " ".join(part for part in (new_places.get(indicator.id, ""), number) if part)
        for name, value_a, value_b in indicator_fields(was, indicator):
            if value_a != value_b:
                rows.append(
                    TableRow(
                        place,
                        indicator.id,
                        [Span("-", value_a)] if value_a else [],
                        [Span("+", value_b)] if value_b else [],
                        _("indicator “{name}”, {field}").format(name=indicator.name, field=_(name)),
                        "indicator",
                    )
                )
    return rows
