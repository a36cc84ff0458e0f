"""The ledger of a comment round: each comment and tracked change of returned copies, one item each,
appended to `reviews/<round>.yaml` with `decision: 待定` for the drafter to decide."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import _
from ..source.rounds import ADOPTED, UNDECIDED
from .word.model import Finding, Review

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/round.schema.json\n"
PARAGRAPH_ID = re.compile(r"-p[0-9]+$")
"""The tail of a paragraph's id in the Word file (background-1-p2): its place is its division's."""
RECORDED = (
    "comment",
    "insertion",
    "deletion",
    "change",
    "edit",
    "conflict",
    "moved-to",
    "moved-from",
)


class LedgerError(Exception):
    """The round file cannot be read or written: the message says why."""


@dataclass
class Recorded:
    """What recording one returned copy did to the round file."""

    path: Path
    added: int = 0
    merged: int = 0
    """Items another reviewer had already sent: the reviewer was added to them."""
    adopted: int = 0


def record_review(
    review: Review,
    path: Path,
    unit: str,
    places: dict[str, str],
    accepted: str = "",
) -> Recorded:
    """Append the findings of `review` to the round file at `path` (made when missing); with
    `accepted` ('all' or an author) mark the changes --accept wrote as 采纳."""
    from ..files import write_atomic

    data = _load(path)
    items = data.setdefault("items", [])
    done = Recorded(path)
    applied = {line.split(":", 1)[0].split(" ", 1)[0] for line in review.applied}
    for finding in review.findings:
        if finding.kind not in RECORDED:
            continue
        reviewer = _reviewer(finding, unit, review.source)
        item = next((each for each in items if _key(each) == _item_key(finding)), None)
        if item is None:
            item = _item(finding, len(items) + 1, places, reviewer)
            items.append(item)
            done.added += 1
        elif all(dict(each) != reviewer for each in item["reviewers"]):
            item["reviewers"].append(reviewer)
            done.merged += 1
        if (
            accepted
            and finding.kind != "comment"
            and finding.id in applied
            and (accepted == "all" or finding.author == accepted)
            and item["decision"] == UNDECIDED
        ):
            item["decision"] = ADOPTED
            done.adopted += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _dump(data).encode("utf-8"))
    return done


def _load(path: Path) -> Any:
    from ruamel.yaml import YAML

    if not path.exists():
        return {"round": path.stem, "items": []}
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - any YAML problem is reported as the file's
        raise LedgerError(
            _("{path}: cannot read it ({reason})").format(path=path, reason=exc)
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
        raise LedgerError(_("{path}: not a round file (no items: list)").format(path=path))
    return data


def _dump(data: Any) -> str:
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    return text if text.startswith("# yaml-language-server") else SCHEMA_LINE + text


def _item_key(finding: Finding) -> tuple[str, str, str, str, str]:
    return (finding.kind, finding.id, finding.field, finding.old, finding.text)


def _key(item: Any) -> tuple[str, str, str, str, str]:
    return tuple(  # type: ignore[return-value]
        str(item.get(name, "")) for name in ("kind", "target", "field", "quoted", "text")
    )


def _reviewer(finding: Finding, unit: str, source: str) -> dict[str, str]:
    fields = {
        "unit": unit,
        "author": finding.author,
        "date": finding.date[:10],
        "ref": finding.ref,
        "file": Path(source).name,
    }
    return {key: value for key, value in fields.items() if value or key == "unit"}


def _item(finding: Finding, number: int, places: dict[str, str], reviewer: dict) -> dict:
    place = places.get(finding.id) or places.get(PARAGRAPH_ID.sub("", finding.id), "")
    if finding.where:
        place = " ".join(part for part in (place, finding.where) if part)
    fields: dict[str, Any] = {
        "no": number,
        "kind": finding.kind,
        "target": finding.id,
        "field": finding.field,
        "place": place,
        "quoted": finding.old,
        "text": finding.text,
        "reviewers": [reviewer],
        "decision": UNDECIDED,
        "reason": "",
    }
    return {key: value for key, value in fields.items() if value != "" or key == "reason"}


def plan_places(root: Path) -> dict[str, str]:
    """The printed number path of every id of the plan at `root` ({} when it does not build), in
    Chinese whatever the messages' language: the round file feeds a Chinese 意见采纳情况表."""
    from ..compile.pipeline import compile_plan
    from ..i18n import speaking
    from .changes_table import places

    loaded = compile_plan(root)
    if not loaded.ok or loaded.plan is None:
        return {}
    with speaking("zh"):
        return places(loaded.document())


def round_path(plan_root: Path, name: str) -> Path:
    """Where round `name` (a name, or reviews/<name>.yaml) is kept: <plan>/reviews/<name>.yaml."""
    from ..source.rounds import ROUNDS_DIR

    return plan_root / ROUNDS_DIR / f"{Path(name).stem or name}.yaml"
