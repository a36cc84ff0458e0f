"""A returned copy's base: the digest of each unit's text as exported, which its export recorded, so
the reviewer's edits are told apart from the plan's changes since the export."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...output.docx.base import BASE_NS, Key, digest, plan_digest, record_key
from .package import custom_xml_parts, parse_part

EMPTY = digest("")
COLUMN = re.compile(r"-?\d{1,4}")


@dataclass
class Base:
    """What a copy was exported from: the plan's digest and each unit's."""

    plan: str
    digests: dict[Key, str]

    def changed(self, key: Key, text: str) -> bool:
        """Whether `text` differs from what the unit at `key` held when the copy was exported."""
        return digest(text) != self.digests.get(record_key(key), EMPTY)

    def plan_changed(self, current: dict[Key, str]) -> bool:
        """Whether the plan, as `current` ({key: text}) has it, differs from the export."""
        digests = {record_key(key): digest(text) for key, text in current.items() if text}
        return plan_digest(digests) != self.plan


def read_base(data: bytes) -> Base | None:
    """The base recorded in the .docx `data`, or None for a file exported without one."""
    for name, part in custom_xml_parts(data).items():
        root = parse_part(part, name)
        if root.tag != f"{{{BASE_NS}}}base":
            continue
        digests = {
            (unit.get("id", ""), int(unit.get("c", "-1"))): unit.get("d", "")
            for unit in root.iter(f"{{{BASE_NS}}}u")
            if COLUMN.fullmatch(unit.get("c", "-1"))
        }
        return Base(root.get("plan", ""), digests)
    return None
