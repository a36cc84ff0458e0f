"""Writing an imported document as a plan folder: plan.yaml, indicators.yaml, tables/ and text/."""
from __future__ import annotations

import re
from pathlib import Path

from .structure import BoxNode, Node, Para, TablePlace

MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}<>|])")
MD_LINE_START_RE = re.compile(r"^(#|>|[-+=]|[0-9]+[.)])")


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
