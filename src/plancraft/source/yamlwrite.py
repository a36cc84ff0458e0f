"""Writing plan YAML files the way a person would: block style, table rows one per line, a schema line first."""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

from ruamel.yaml import YAML

_SAFE = YAML(typ="safe", pure=True)
DEFAULT_SCHEMA_DIR = "../../schema"


class Number(str):
    """A number kept with the digits it was printed with (0.10 stays 0.10); written unquoted."""


def scalar(value: Any, in_flow: bool = False) -> str:
    """A YAML scalar: plain when it reads back as the same string, else JSON-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Number, int, float)):
        return str(value)
    text = str(value)
    if in_flow and re.search(r"[,\[\]{}#:]", text):
        return json.dumps(text, ensure_ascii=False)
    if (
        text
        and "\n" not in text
        and text == text.strip()
        and not text.startswith(("%", "@", "`", "!", "&", "*"))
    ):
        try:
            if _SAFE.load(StringIO(text)) == text:
                return text
        except Exception:  # noqa: BLE001 - anything YAML cannot read back gets quoted
            pass
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[Any]) -> str:
    """A YAML flow sequence of scalars and small mappings, one table row per line."""
    parts = []
    for item in items:
        if isinstance(item, dict):
            parts.append(
                "{"
                + ", ".join(f"{key}: {scalar(value, True)}" for key, value in item.items())
                + "}"
            )
        else:
            parts.append(scalar(item, True))
    return "[" + ", ".join(parts) + "]"


def yaml_text(data: dict[str, Any], schema: str, schema_dir: str = DEFAULT_SCHEMA_DIR) -> str:
    """A whole YAML document for a plan file, with the editor's schema line first."""
    lines = [f"# yaml-language-server: $schema={schema_dir}/{schema}"]
    _emit(data, 0, lines)
    return "\n".join(lines) + "\n"


def _emit(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 4:
                lines.append(
                    f"{pad}{key}: "
                    + "{"
                    + ", ".join(f"{k}: {scalar(v, True)}" for k, v in value.items())
                    + "}"
                )
            else:
                lines.append(f"{pad}{key}:")
                _emit(value, indent + 2, lines)
        elif isinstance(value, list) and key in ("header", "rows"):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}  - {flow(row)}" for row in value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    if isinstance(v, list):
                        lines.append(f"{pad}  {'- ' if first else '  '}{k}:")
                        for child in v:
                            sub: list[str] = []
                            _emit(child, 0, sub)
                            lines.append(f"{pad}      - {sub[0]}")
                            lines.extend(f"{pad}        {line}" for line in sub[1:])
                    else:
                        lines.append(f"{pad}  {'- ' if first else '  '}{k}: {scalar(v)}")
                    first = False
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value) and key != "notes":
                lines.append(f"{pad}{key}: {flow(value)}")
            else:
                lines.append(f"{pad}{key}:")
                lines.extend(f"{pad}  - {scalar(v)}" for v in value)
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
