"""Semantic comparison of two versions of a plan: sections by id, prose by character, indicators by field."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..i18n import N_, _
from ..source.markdown import plain_text
from ..source.model import Box, Indicator, Plan, Prose, Section, Table

CONTEXT = 12


@dataclass
class Span:
    """A piece of a character-level diff: kept (=), deleted (-) or inserted (+) text."""

    op: str
    text: str


@dataclass
class Change:
    """One reported difference, addressed by the id of what changed."""

    kind: str  # added, removed, moved, retitled, text, indicator, table, metadata
    target: str  # section, box, indicator, table or metadata id
    label: str  # the computed number and title, for people
    detail: str = ""
    spans: list[Span] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


@dataclass
class _Node:
    ident: str
    title: str
    label: str
    parent: str
    paragraphs: list[str]


def _clean(text: str) -> str:
    return text.replace("**", "")


def _nodes(plan: Plan) -> dict[str, _Node]:
    """Every section and box of the plan, in document order, with its own paragraphs."""
    nodes: dict[str, _Node] = {}

    def visit(items: list, parent: str) -> None:
        for item in items:
            if isinstance(item, (Section, Box)):
                own = [
                    _clean(plain_text(child.tokens))
                    for child in item.content
                    if isinstance(child, Prose)
                ]
                label = f"{item.label} {item.title}".strip()
                nodes[item.id] = _Node(item.id, item.title, label, parent, own)
                visit(item.content, item.id)

    visit([plan.preface] if plan.preface else [], "")
    visit(plan.outline, "")
    if plan.notice:
        nodes["notice"] = _Node(
            "notice",
            "印发通知",
            "印发通知",
            "",
            [_clean(plain_text(item.tokens)) for item in plan.notice if isinstance(item, Prose)],
        )
    return nodes


def char_spans(old: str, new: str) -> list[Span]:
    """A character-level diff suited to Chinese (a paragraph is not one word), as kept/deleted/inserted spans."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    spans: list[Span] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            spans.append(Span("=", old[a1:a2]))
        else:
            if a2 > a1:
                spans.append(Span("-", old[a1:a2]))
            if b2 > b1:
                spans.append(Span("+", new[b1:b2]))
    return spans


def context(spans: list[Span], index: int) -> tuple[str, str, str]:
    """A kept span split into the context shown beside changes and the middle that can be folded away."""
    text = spans[index].text
    if len(text) <= 2 * CONTEXT:
        return text, "", ""
    head = "" if index == 0 else text[:CONTEXT]
    tail = "" if index == len(spans) - 1 else text[-CONTEXT:]
    return head, text[len(head) : len(text) - len(tail)], tail


def _paragraph_changes(node: _Node, old: list[str], new: list[str]) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(old[a1:a2], new[b1:b2]))
        for before, after in pairs:
            changes.append(
                Change(
                    "text",
                    node.ident,
                    node.label,
                    _("paragraph changed"),
                    char_spans(before, after),
                )
            )
        for before in old[a1 + len(pairs) : a2]:
            changes.append(
                Change("text", node.ident, node.label, _("paragraph removed"), [Span("-", before)])
            )
        for after in new[b1 + len(pairs) : b2]:
            changes.append(
                Change("text", node.ident, node.label, _("paragraph added"), [Span("+", after)])
            )
    return changes


def _moved(old: dict[str, _Node], new: dict[str, _Node]) -> set[str]:
    """Ids whose parent changed, or whose order among kept siblings changed (outside the longest common order)."""
    moved = {ident for ident in old.keys() & new.keys() if old[ident].parent != new[ident].parent}
    parents = {node.parent for node in new.values()}
    for parent in parents:
        before = [
            i for i, n in old.items() if n.parent == parent and i in new and new[i].parent == parent
        ]
        after = [
            i for i, n in new.items() if n.parent == parent and i in old and old[i].parent == parent
        ]
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        kept = {
            before[block.a + k]
            for block in matcher.get_matching_blocks()
            for k in range(block.size)
        }
        moved |= set(before) - kept
    return moved


def _indicator_changes(old: Plan, new: Plan) -> list[Change]:
    before = {i.id: i for i in (old.indicators.indicators if old.indicators else [])}
    after = {i.id: i for i in (new.indicators.indicators if new.indicators else [])}
    changes = [
        Change("removed", ident, _("indicator {name}").format(name=before[ident].name))
        for ident in before
        if ident not in after
    ]
    changes += [
        Change("added", ident, _("indicator {name}").format(name=after[ident].name))
        for ident in after
        if ident not in before
    ]
    for ident in before.keys() & after.keys():
        a, b = before[ident], after[ident]
        for name, field_a, field_b in _indicator_fields(a, b):
            if field_a != field_b:
                changes.append(
                    Change(
                        "indicator",
                        ident,
                        f"{b.number} {b.name}",
                        f"{_(name)} {field_a or '—'} → {field_b or '—'}",
                    )
                )
    return sorted(changes, key=lambda change: _order(new, old, change.target))


def _indicator_fields(a: Indicator, b: Indicator) -> list[tuple[str, str, str]]:
    def text(quantity: Any) -> str:
        return quantity.text if quantity else ""

    return [
        (N_("name"), a.name, b.name),
        (N_("unit"), a.unit, b.unit),
        (N_("domain"), a.domain, b.domain),
        (N_("subdomain"), a.subdomain, b.subdomain),
        (N_("baseline"), text(a.baseline), text(b.baseline)),
        (N_("target"), text(a.target), text(b.target)),
        (N_("nature"), a.nature, b.nature),
        (N_("note"), a.note, b.note),
    ]


def _order(new: Plan, old: Plan, ident: str) -> int:
    for plan in (new, old):
        for index, indicator in enumerate(plan.indicators.indicators if plan.indicators else []):
            if indicator.id == ident:
                return index
    return 0


def _table_changes(old: Plan, new: Plan) -> list[Change]:
    before = {t.id: t for t in old.tables}
    after = {t.id: t for t in new.tables}
    changes = [
        Change("removed", ident, _("table {title}").format(title=before[ident].title))
        for ident in before
        if ident not in after
    ]
    changes += [
        Change("added", ident, f"{after[ident].label} {after[ident].title}")
        for ident in after
        if ident not in before
    ]
    for ident in [t.id for t in new.tables if t.id in before]:
        a, b = before[ident], after[ident]
        label = f"{b.label} {b.title}".strip()
        if a.title != b.title:
            changes.append(Change("retitled", ident, label, f"{a.title} → {b.title}"))
        rows_a, rows_b = _rows(a), _rows(b)
        matcher = difflib.SequenceMatcher(None, rows_a, rows_b, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                removed = " / ".join(rows_a[a1:a2])
                added = " / ".join(rows_b[b1:b2])
                where = (
                    _("rows {first}–{last}").format(first=a1 + 1, last=a2)
                    if a2 > a1
                    else _("row {number}").format(number=b1 + 1)
                )
                changes.append(Change("table", ident, label, where, char_spans(removed, added)))
    return changes


def _rows(table: Table) -> list[str]:
    return [" | ".join(cell.text for cell in row) for row in table.header + table.rows]


def _metadata_changes(old: Plan, new: Plan) -> list[Change]:
    changes = []
    a, b = asdict(old.meta), asdict(new.meta)
    for key in (item.name for item in fields(new.meta) if not item.metadata.get("source_only")):
        if a.get(key) != b.get(key):
            changes.append(
                Change("metadata", key, key, f"{a.get(key) or '—'} → {b.get(key) or '—'}")
            )
    return changes


def compare(old: Plan, new: Plan) -> list[Change]:
    """Every difference between two versions of one plan, in the new version's document order."""
    before, after = _nodes(old), _nodes(new)
    changes = _metadata_changes(old, new)
    moved = _moved(before, after)
    for ident, node in before.items():
        if ident not in after:
            changes.append(Change("removed", ident, node.label))
    for ident, node in after.items():
        if ident not in before:
            changes.append(
                Change("added", ident, node.label, "", [Span("+", p) for p in node.paragraphs[:1]])
            )
            continue
        old_node = before[ident]
        if ident in moved:
            where = after[node.parent].label if node.parent in after else _("top level")
            changes.append(
                Change("moved", ident, node.label, _("now under {place}").format(place=where))
            )

        if old_node.title != node.title:
            changes.append(
                Change("retitled", ident, node.label, "", char_spans(old_node.title, node.title))
            )
        changes.extend(_paragraph_changes(node, old_node.paragraphs, node.paragraphs))
    return changes + _indicator_changes(old, new) + _table_changes(old, new)


def sentences(text: str) -> str:
    """Markdown with one Chinese sentence per line, so that line-based `git diff` shows the changed sentence."""
    import re

    return re.sub(r"(?<=[。！？；])(?=[^\n”’）])", "\n", text)
