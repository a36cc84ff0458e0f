"""Writing an imported document as a plan folder: plan.yaml, indicators.yaml, tables/ and text/."""
from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .structure import BoxNode, Node, Para, TablePlace
from .tables import Number

_SAFE = YAML(typ="safe", pure=True)
MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}<>|])")
MD_LINE_START_RE = re.compile(r"^(#|>|[-+=]|[0-9]+[.)])")


def scalar(value: Any, in_flow: bool = False) -> str:
    """A YAML scalar: plain when it reads back as the same string, else JSON-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Number, int, float)):
        return str(value)
    text = str(value)
    if in_flow and re.search(r"[,\[\]{}#:]", text):
        return json.dumps(text, ensure_ascii=False)
    if text and "\n" not in text and text == text.strip() and not text.startswith(("%", "@", "`", "!", "&", "*")):
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
            parts.append("{" + ", ".join(f"{key}: {scalar(value, True)}" for key, value in item.items()) + "}")
        else:
            parts.append(scalar(item, True))
    return "[" + ", ".join(parts) + "]"


def yaml_text(data: dict[str, Any], schema: str, schema_dir: str = "../../schema") -> str:
    """A whole YAML document for a plan file, with the editor's schema line first."""
    lines = [f"# yaml-language-server: $schema={schema_dir}/{schema}"]
    _emit(data, 0, lines)
    return "\n".join(lines) + "\n"


def _emit(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 4:
                lines.append(f"{pad}{key}: " + "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in value.items()) + "}")
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


def escape(text: str, line_start: bool = True) -> str:
    """Prose as Markdown that prints exactly this text."""
    text = MD_SPECIAL_RE.sub(r"\\\1", text)
    return "\\" + text if line_start and MD_LINE_START_RE.match(text) else text


class MarkdownWriter:
    """Turns document nodes into the Markdown of one text/*.md file."""

    def __init__(self, placements: dict[int, str], references: dict[int, str]) -> None:
        self.placements = placements
        self.references = references

    def file(self, content: list, base_level: int) -> str:
        """The Markdown for a node's content; headings one level below `base_level` get `#`."""
        out: list[str] = []
        self._items(content, base_level, out)
        return "\n\n".join(out) + "\n"

    def _items(self, content: list, base_level: int, out: list[str]) -> None:
        for item in content:
            if isinstance(item, Para):
                out.append(self.para(item))
            elif isinstance(item, TablePlace):
                out.append("{{" + self.placements[id(item.grid)] + "}}")
            elif isinstance(item, BoxNode):
                out.append(self.box(item))
            elif isinstance(item, Node):
                out.append(self.heading(item, item.level - base_level))
                self._items(item.children, base_level, out)

    def heading(self, node: Node, depth: int) -> str:
        """A heading line, run-in when the original ran its first sentence into the paragraph."""
        marks = "#" * max(depth, 1)
        if node.run_in:
            return f"{marks} {escape(node.title, line_start=False)} {{.run-in}}\n{self.text(node.run_in)}"
        return f"{marks} {escape(node.title, line_start=False)}"

    def box(self, box: BoxNode) -> str:
        """A ::: box container with its numbered items."""
        inner: list[str] = []
        for item in box.children:
            if isinstance(item, Node):
                inner.append(self.heading(item, item.level))
                inner.extend(self.para(child) for child in item.children if isinstance(child, Para))
            elif isinstance(item, Para):
                inner.append(self.para(item))
        return f"::: box {escape(box.title, line_start=False)}\n" + "\n\n".join(inner) + "\n:::"

    def para(self, para: Para) -> str:
        """A paragraph, with its bold lead sentence and class when it has them."""
        text = para.text
        body = self.text(text)
        if para.bold_lead and text.startswith(para.bold_lead) and len(text) > len(para.bold_lead):
            body = f"**{self.text(para.bold_lead)}**{self.text(text[len(para.bold_lead):])}"
        return (f"{{.{para.cls}}}\n" if para.cls else "") + body

    def text(self, text: str) -> str:
        """Inline text, escaped, with 见表N turned into references to the tables' ids."""
        escaped = escape(text)

        def ref(match: re.Match[str]) -> str:
            target = self.references.get(int(match.group(2)))
            return f"{match.group(1)}[@{target}]" if target else match.group(0)

        return re.sub(r"([见如])表\s*([0-9]+)", ref, escaped)


def write_file(path: Path, text: str) -> None:
    """Write a UTF-8 file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
