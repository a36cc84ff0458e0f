"""--accept: accepted changes written back into the plan's Markdown and indicators.yaml."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from ...i18n import _
from ...source.confine import Refused, read_confined
from .base import Base
from .model import (
    YAML_FIELDS,
    Finding,
    Review,
)
from .units import Context, label_of, unit_text

Span = tuple[Path, int, int, str]
"""A change placed in a source file: path, start, end, the text that replaces source[start:end]."""


def apply_accepted(
    returned: dict, context: Context, review: Review, who: str, base: Base | None = None
) -> None:
    """Write the accepted changes into the sources; every change is either written (listed in
    review.applied) or listed in review.kept with its id and text, never dropped. With the copy's
    `base`, its changes are those against the text it was exported from: the plan's changes since
    are kept, and a unit both changed is a conflict, not written."""
    from ...files import write_atomic

    sources = plan_markdown(context.plan_root)
    taken: dict[Path, list[tuple[int, int]]] = {}
    edits: list[Span] = []
    indicator_edits: list[tuple[str, str, str, str]] = []
    for key, unit in returned.items():
        expected = context.units.get(key)
        now = "\n".join(expected.base) if expected is not None else ""
        sent = "\n".join(unit.base)
        new = "\n".join(
            text for text in (unit_text(p, set(), who) for p in unit.paragraphs) if text
        )
        moved = base is not None and base.changed(key, now)
        if base is not None and not base.changed(key, sent):
            old = sent
        elif who == "all" and moved and new != now:
            conflict(key, context, review, now, new)
            continue
        else:
            old = now if who == "all" else sent
        if old == new:
            continue
        ident, column, where = label_of(key, context)
        if column:
            if moved and new != now:
                conflict(key, context, review, now, new)
            elif column in YAML_FIELDS:
                indicator_edits.append((ident, column, now, new))
            else:
                review.kept.append(
                    _(
                        "{id} {field}: {value} (only baseline, target, unit and nature are written "
                        "back)"
                    ).format(id=ident, field=column, value=repr(new))
                )
            continue
        placed = place_edit(old, new, sources)
        if placed is None and moved:
            conflict(key, context, review, now, new)
            continue
        if placed is None:
            review.kept.append(
                _("{id}: {old} → {new} (not found once in the Markdown sources)").format(
                    id=ident, old=repr(old), new=repr(new)
                )
            )
            continue
        if any(clashes(span, taken.get(span[0], [])) for span in placed):
            review.kept.append(
                _("{id}: {old} → {new} (overlaps another accepted change)").format(
                    id=ident, old=repr(old), new=repr(new)
                )
            )
            continue
        for path, start, end, _text in placed:
            taken.setdefault(path, []).append((start, end))
        edits.extend(placed)
        pieces = ", ".join(
            piece_text(was, now) for _start, _end, was, now in changed_pieces(old, new)
        )
        review.applied.append(f"{ident}: {pieces}")
    changed: dict[Path, str] = {}
    for path, start, end, replacement in sorted(edits, key=lambda span: span[:3], reverse=True):
        text = changed.get(path, sources[path])
        changed[path] = text[:start] + replacement + text[end:]
    if indicator_edits:
        yaml_path = context.plan_root / "indicators.yaml"
        text = read_confined(yaml_path, context.plan_root).decode("utf-8")
        for ident, column, old, new in indicator_edits:
            updated = set_indicator(text, ident, column, new)
            if updated is None:
                review.kept.append(
                    _("{id} {field}: {old} → {new} (no such field in {file})").format(
                        id=ident, field=column, old=repr(old), new=repr(new), file=yaml_path.name
                    )
                )
                continue
            text = updated
            review.applied.append(f"{ident} {column}: {old} → {new}")
        changed[yaml_path] = text
    for path, text in changed.items():
        write_atomic(path, text.encode("utf-8"))


def conflict(key: tuple[str, int], context: Context, review: Review, now: str, new: str) -> None:
    """A change not written because the plan changed the same text since the copy was exported:
    kept, and a conflict finding (so --record records it) unless the review found it already."""
    ident, column, where = label_of(key, context)
    review.kept.append(
        _(
            "{id}{field}: conflict: the copy has {new}, the plan now has {now} (both changed since "
            "the export; not written, decide it by hand)"
        ).format(id=ident, field=f" {column}" if column else "", new=repr(new), now=repr(now))
    )
    if not any(
        (finding.kind, finding.id, finding.field) == ("conflict", ident, column)
        for finding in review.findings
    ):
        review.findings.append(Finding("conflict", ident, new, now, field=column, where=where))


def plan_markdown(plan_root: Path) -> dict[Path, str]:
    """The Markdown files of the plan at `plan_root` that the confinement rule lets it read."""
    found = {}
    for path in sorted(plan_root.rglob("*.md")):
        try:
            found[path] = read_confined(path, plan_root).decode("utf-8")
        except (Refused, UnicodeDecodeError):
            continue
    return found


def clashes(span: Span, taken: list[tuple[int, int]]) -> bool:
    """Whether a placed change touches a stretch of its file another change already writes."""
    _path, start, end, _text = span
    return any(
        (start < other_end and other_start < end) or start == other_start
        for other_start, other_end in taken
    )


def changed_pieces(old: str, new: str) -> list[tuple[int, int, str, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (i1, i2, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def piece_text(old: str, new: str) -> str:
    if not old:
        return f"inserted {new!r}"
    if not new:
        return f"deleted {old!r}"
    return f"{old!r} → {new!r}"


def shortened(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "…")


MIN_BLOCK = 3
"""Fewest characters of a unit matched in a row that anchor a change (shorter runs are chance)."""


def place_edit(old: str, new: str, sources: dict[Path, str]) -> list[Span] | None:
    """Where each differing piece of `old` sits in the Markdown sources: the unit's text is aligned
    with the one stretch of source it came from (markup and generated numbers are gaps in the
    alignment); None when that stretch is not found once or a piece falls in a gap."""
    found = locate(old, sources) if old else None
    if found is None:
        return None
    path, blocks = found
    text = sources[path]
    placed: list[Span] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        span = source_span(i1, i2, blocks)
        if span is None or text[span[0] : span[1]] != old[i1:i2]:
            return None
        replacement = new[j1:j2]
        if "\n" in replacement:
            line_start = text.rfind("\n", 0, span[0]) + 1
            if text[line_start:].lstrip().startswith("|"):
                return None  # a new paragraph cannot go inside a table row
            replacement = replacement.replace("\n", "\n\n")
        placed.append((path, span[0], span[1], replacement))
    return placed


def locate(old: str, sources: dict[Path, str]) -> tuple[Path, list[tuple[int, int, int]]] | None:
    """The file `old` came from and its alignment there: (position in old, position in the file,
    length) of each run of at least MIN_BLOCK characters; None unless one stretch fits best."""
    best: tuple[int, str] = (0, "")
    for text in sources.values():
        matcher = difflib.SequenceMatcher(None, old, text, autojunk=False)
        a, b, size = matcher.find_longest_match(0, len(old), 0, len(text))
        if size > best[0]:
            best = (size, old[a : a + size])
    size, anchor = best
    if size < min(6, len(old)):
        return None
    offset = old.index(anchor)
    slack = 40 + len(old) // 5
    scored = []
    for path, text in sources.items():
        for match in re.finditer(re.escape(anchor), text):
            low = max(0, match.start() - offset - slack)
            high = min(len(text), match.start() + len(old) - offset + slack)
            blocks = [
                (a, low + b, n)
                for a, b, n in difflib.SequenceMatcher(
                    None, old, text[low:high], autojunk=False
                ).get_matching_blocks()
                if n >= min(MIN_BLOCK, len(old))
            ]
            scored.append((sum(n for _a, _b, n in blocks), path, blocks))
    scored.sort(key=lambda entry: -entry[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1], scored[0][2]


def source_span(i1: int, i2: int, blocks: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """Where old[i1:i2] sits in the file, by the alignment; an insertion (i1 == i2) goes right
    after the character before it, or right before the one after it at the start of a run."""

    def at(index: int) -> int | None:
        for a, b, n in blocks:
            if a <= index < a + n:
                return b + index - a
        return None

    if i1 == i2:
        before = at(i1 - 1) if i1 > 0 else None
        if before is not None:
            return before + 1, before + 1
        after = at(i1)
        return (after, after) if after is not None else None
    first, last = at(i1), at(i2 - 1)
    if first is None or last is None:
        return None
    return first, last + 1


def set_indicator(text: str, ident: str, column: str, value: str) -> str | None:
    """indicators.yaml with `column` of indicator `ident` set to `value`, the rest untouched."""
    from ...source.yamlwrite import Number, scalar

    lines = text.split("\n")
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.match(rf"^\s*-\s+id:\s*['\"]?{re.escape(ident)}['\"]?\s*$", line)
        ),
        None,
    )
    if start is None:
        return None
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if re.match(r"^\s*-\s", line) or (line.strip() and len(line) - len(line.lstrip()) < indent):
            break
        match = re.match(rf"^(\s*{column}:\s*)(.*?)(\s+#.*)?$", line)
        if match:
            if match.group(2).startswith('"') and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                written = json.dumps(value, ensure_ascii=False)
            else:
                written = scalar(Number(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value)
            lines[index] = match.group(1) + written + (match.group(3) or "")
            return "\n".join(lines)
    return None


# Reports -----------------------------------------------------------------------------------------
