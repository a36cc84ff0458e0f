"""Semantic comparison of two versions of a plan.

Divisions, boxes and tables are read from the document tree and compared by id; prose character by
character with its inline marks, a reference by its target; indicators and metadata field by field from
the source model, where they are typed records (the tree has them only as printed cells and lines).
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..compile import document as doc
from ..compile.assemble import assemble
from ..i18n import N_, _
from ..source.model import Indicator, Plan
from .outline import Node, Paragraph, nodes, rows, tables

SIMILAR = 0.5
"""How alike (difflib ratio) a changed paragraph must be to an old one to be paired with it."""
PAIRING_LIMIT = 400
"""Above this many old × new paragraphs in one changed run, they are paired in order, not by likeness."""
MARK_WORDS = {
    "strong": N_("bold"),
    "emphasis": N_("italic"),
    "code": N_("code"),
    "link": N_("link"),
}
QUOTED = 24
"""The characters of a reformatted phrase quoted in the change's detail."""


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


def char_spans(old: str, new: str) -> list[Span]:
    """A character-level diff suited to Chinese (a paragraph is not one word), as kept/deleted/inserted spans."""
    return _spans(Paragraph.of(old), Paragraph.of(new))


def _spans(old: Paragraph, new: Paragraph) -> list[Span]:
    """Kept/deleted/inserted spans of two paragraphs, compared by their keys and shown as printed."""
    matcher = difflib.SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    spans: list[Span] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            spans.append(Span("=", new.span(b1, b2)))
        else:
            if a2 > a1:
                spans.append(Span("-", old.span(a1, a2)))
            if b2 > b1:
                spans.append(Span("+", new.span(b1, b2)))
    return spans


def _paragraph_changes(node: Node, old: list[Paragraph], new: list[Paragraph]) -> list[Change]:
    changes: list[Change] = []
    for a, b in _pairs(old, new):
        if a is not None and b is not None:
            if a.keys != b.keys:
                changes.append(_paragraph_change(node, _("paragraph changed"), _spans(a, b)))
            formatting = _formatting(a, b)
            if formatting:
                changes.append(_paragraph_change(node, formatting, []))
        elif a is not None:
            changes.append(_paragraph_change(node, _("paragraph removed"), [Span("-", a.text)]))
        elif b is not None:
            changes.append(_paragraph_change(node, _("paragraph added"), [Span("+", b.text)]))
    return changes


def _paragraph_change(node: Node, detail: str, spans: list[Span]) -> Change:
    return Change("text", node.ident, node.label, detail, spans)


def _identity(paragraph: Paragraph) -> tuple[tuple[Hashable, ...], tuple[frozenset[str], ...]]:
    return paragraph.keys, paragraph.marks


def _pairs(
    old: list[Paragraph], new: list[Paragraph]
) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """Old and new paragraphs paired in order: equal ones, changed ones with the most alike, the rest alone."""
    found: list[tuple[Paragraph | None, Paragraph | None]] = []
    matcher = difflib.SequenceMatcher(
        None, [_identity(p) for p in old], [_identity(p) for p in new], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            found += _pair_changed(old[a1:a2], new[b1:b2])
    return found


def pair_paragraphs(
    old: list[Paragraph], new: list[Paragraph]
) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """Every old and new paragraph paired in order: equal ones together, changed ones with the most
    alike, the rest alone."""
    found: list[tuple[Paragraph | None, Paragraph | None]] = []
    matcher = difflib.SequenceMatcher(
        None, [_identity(p) for p in old], [_identity(p) for p in new], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            found += list(zip(old[a1:a2], new[b1:b2], strict=True))
        else:
            found += _pair_changed(old[a1:a2], new[b1:b2])
    return found


def _pair_changed(
    old: list[Paragraph], new: list[Paragraph]
) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """A run of changed paragraphs paired by likeness; when none is alike, in order, as far as they go."""
    if len(old) == len(new) and all(_ratio(a, b) >= SIMILAR for a, b in zip(old, new)):
        return list(zip(old, new))
    best, where = SIMILAR, None
    if old and new and len(old) * len(new) <= PAIRING_LIMIT:
        for i, a in enumerate(old):
            for j, b in enumerate(new):
                matcher = difflib.SequenceMatcher(None, a.keys, b.keys, autojunk=False)
                if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best:
                    ratio = matcher.ratio()
                    if ratio >= best and (where is None or ratio > best):
                        best, where = ratio, (i, j)
    if where is None:
        count = min(len(old), len(new))
        pairs: list[tuple[Paragraph | None, Paragraph | None]] = list(zip(old, new))
        return pairs + [(a, None) for a in old[count:]] + [(None, b) for b in new[count:]]
    i, j = where
    return [
        *_pair_changed(old[:i], new[:j]),
        (old[i], new[j]),
        *_pair_changed(old[i + 1 :], new[j + 1 :]),
    ]


def _ratio(a: Paragraph, b: Paragraph) -> float:
    return difflib.SequenceMatcher(None, a.keys, b.keys, autojunk=False).ratio()


def _formatting(old: Paragraph, new: Paragraph) -> str:
    """What marks kept text gained or lost, as the change's detail (empty when none)."""
    changed: list[tuple[int, frozenset[str], frozenset[str]]] = []
    matcher = difflib.SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            before, after = old.marks[block.a + k], new.marks[block.b + k]
            if before != after:
                changed.append((block.b + k, after - before, before - after))
    runs: list[list[tuple[int, frozenset[str], frozenset[str]]]] = []
    for entry in changed:
        if runs and runs[-1][-1][0] == entry[0] - 1 and runs[-1][-1][1:] == entry[1:]:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    parts: list[str] = []
    for run in runs:
        phrase = new.span(run[0][0], run[-1][0] + 1)
        if len(phrase) > QUOTED:
            phrase = phrase[:QUOTED] + "…"
        added, removed = run[0][1:]
        parts += [_mark_change(mark, phrase, True) for mark in sorted(added)]
        parts += [_mark_change(mark, phrase, False) for mark in sorted(removed)]
    return _("; ").join(parts)


def _mark_change(mark: str, phrase: str, added: bool) -> str:
    word = _(MARK_WORDS[mark.split(" ")[0]])
    template = _("{mark} added: “{text}”") if added else _("{mark} removed: “{text}”")
    return template.format(mark=word, text=phrase)


def _moved(old: dict[str, Node], new: dict[str, Node]) -> set[str]:
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
        for name, field_a, field_b in indicator_fields(a, b):
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


def indicator_fields(a: Indicator, b: Indicator) -> list[tuple[str, str, str]]:
    """(field name, value in a, value in b) for each compared field of an indicator."""

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


def _table_changes(old: doc.Document, new: doc.Document) -> list[Change]:
    before = {t.id: t for t in tables(old)}
    after = {t.id: t for t in tables(new)}
    changes = [
        Change("removed", ident, _("table {title}").format(title=before[ident].title))
        for ident in before
        if ident not in after
    ]
    changes += [
        Change("added", ident, f"{after[ident].number} {after[ident].title}")
        for ident in after
        if ident not in before
    ]
    for ident in [ident for ident in after if ident in before]:
        a, b = before[ident], after[ident]
        label = f"{b.number} {b.title}".strip()
        if a.title != b.title:
            changes.append(Change("retitled", ident, label, f"{a.title} → {b.title}"))
        rows_a, rows_b = rows(a), rows(b)
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
    return compare_documents(
        old, new, assemble(old, break_titles=False), assemble(new, break_titles=False)
    )


def compare_documents(
    old: Plan, new: Plan, old_document: doc.Document, new_document: doc.Document
) -> list[Change]:
    """`compare` of two plans whose document trees are already assembled (without broken titles)."""
    before, after = nodes(old_document), nodes(new_document)
    changes = _metadata_changes(old, new)
    moved = _moved(before, after)
    for ident, node in before.items():
        if ident not in after and (not node.parent or node.parent in after):
            changes.append(Change("removed", ident, node.label))
    for ident, node in after.items():
        if ident not in before:
            if not node.parent or node.parent in before:
                first = next(iter(_subtree_paragraphs(after, ident)), None)
                spans = [Span("+", first.text)] if first else []
                changes.append(Change("added", ident, node.label, "", spans))
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
    return changes + _indicator_changes(old, new) + _table_changes(old_document, new_document)


def _subtree_paragraphs(found: dict[str, Node], ident: str) -> list[Paragraph]:
    """The paragraphs of a node and of the nodes under it, in document order."""
    under = {ident}
    paragraphs = []
    for node in found.values():
        if node.ident in under or node.parent in under:
            under.add(node.ident)
            paragraphs += node.paragraphs
    return paragraphs


def sentences(text: str) -> str:
    """Markdown with one Chinese sentence per line, so that line-based `git diff` shows the changed sentence."""
    import re

    return re.sub(r"(?<=[。！？；])(?=[^\n”’）])", "\n", text)
