"""--accept: accepted changes written back into the plan's Markdown and indicators.yaml."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from ...i18n import _
from ...source.confine import Refused, read_confined
from .model import (
    YAML_FIELDS,
    Review,
)
from .units import Context, label_of, unit_text


def apply_accepted(returned: dict, context: Context, review: Review, who: str) -> None:
    from ...files import write_atomic

    sources = plan_markdown(context.plan_root)
    edits: dict[Path, list[tuple[int, int, str]]] = {}
    indicator_edits: list[tuple[str, str, str, str]] = []
    for key, unit in returned.items():
        expected = context.units.get(key)
        if expected is None:
            continue
        old = "\n".join(expected.base) if who == "all" else "\n".join(unit.base)
        new = "\n".join(
            text for text in (unit_text(p, set(), who) for p in unit.paragraphs) if text
        )
        if old == new:
            continue
        ident, column, where = label_of(key, context)
        if column:
            if column in YAML_FIELDS:
                indicator_edits.append((ident, column, "\n".join(expected.base), new))
            else:
                review.kept.append(
                    _(
                        "{id} {field}: {value} (only baseline, target, unit and nature are written "
                        "back)"
                    ).format(id=ident, field=column, value=repr(new))
                )
            continue
        placed = place_edit(old, new, sources)
        if placed is None:
            review.kept.append(
                _("{id}: {old} → {new} (not found once in the Markdown sources)").format(
                    id=ident, old=repr(old), new=repr(new)
                )
            )
            continue
        for path, start, end, text in placed:
            edits.setdefault(path, []).append((start, end, text))
        pieces = ", ".join(
            piece_text(was, now) for _start, _end, was, now in changed_pieces(old, new)
        )
        review.applied.append(f"{ident}: {pieces}")
    changed: dict[Path, str] = {}
    for path, spans in edits.items():
        text = sources[path]
        last = len(text) + 1
        for start, end, replacement in sorted(spans, reverse=True):
            if end > last:
                continue
            text = text[:start] + replacement + text[end:]
            last = start
        changed[path] = text
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


def plan_markdown(plan_root: Path) -> dict[Path, str]:
    """The Markdown files of the plan at `plan_root` that the confinement rule lets it read."""
    found = {}
    for path in sorted(plan_root.rglob("*.md")):
        try:
            found[path] = read_confined(path, plan_root).decode("utf-8")
        except (Refused, UnicodeDecodeError):
            continue
    return found


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


def place_edit(
    old: str, new: str, sources: dict[Path, str]
) -> list[tuple[Path, int, int, str]] | None:
    """Where each differing piece of `old` sits in the Markdown sources, found once with a little
    context either side; None when a piece cannot be placed."""
    placed = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for width in (16, 10, 6, 3, 1, 0):
            if width == 0 and i1 == i2:
                break
            left, right = old[max(0, i1 - width) : i1], old[i2 : i2 + width]
            needle = left + old[i1:i2] + right
            hits = [
                (path, match.start())
                for path, text in sources.items()
                for match in re.finditer(re.escape(needle), text)
            ]
            if len(hits) == 1:
                path, at = hits[0]
                start = at + len(left)
                placed.append((path, start, start + (i2 - i1), new[j1:j2]))
                break
        else:
            return None
    return placed


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
