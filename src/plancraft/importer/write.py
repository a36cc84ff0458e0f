"""Writing an imported document as a plan folder: plan.yaml, indicators.yaml, tables/ and text/."""

from __future__ import annotations

import re
from pathlib import Path

from .structure import BoxNode, Node, Para, TablePlace

MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}<>|])")
MD_LINE_START_RE = re.compile(r"^(#|>|[-+=])")
MD_ORDERED_RE = re.compile(r"^([0-9]+)[.)]")
"""A list number (5. or 5)) starting a paragraph: its punctuation is escaped (5\\.), not its digit."""


def escape(text: str, line_start: bool = True) -> str:
    """Prose as Markdown that prints exactly this text."""
    text = MD_SPECIAL_RE.sub(r"\\\1", text)
    if not line_start:
        return text
    ordered = MD_ORDERED_RE.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{text[ordered.end(1) :]}"
    return "\\" + text if MD_LINE_START_RE.match(text) else text


class MarkdownWriter:
    """Turns document nodes into the Markdown of one text/*.md file."""

    def __init__(self, placements: dict[int, str], references: dict[int, str]) -> None:
        self.placements = placements
        self.references = references

    def file(self, content: list, base_level: int, prefix: str = "") -> str:
        """The Markdown for a node's content; headings one level below `base_level` get `#`.

        Every heading and box gets an explicit id made from `prefix` (the outline entry's id) and
        its position, so that a later retitle keeps the id.
        """
        out: list[str] = []
        self._items(content, base_level, out, f"{prefix}-h" if prefix else "h")
        return "\n\n".join(out) + "\n"

    def _items(self, content: list, base_level: int, out: list[str], prefix: str) -> None:
        headings = boxes = 0
        for item in content:
            if isinstance(item, Para):
                out.append(self.para(item))
            elif isinstance(item, TablePlace):
                out.append("{{" + self.placements[id(item.grid)] + "}}")
            elif isinstance(item, BoxNode):
                boxes += 1
                out.append(self.box(item, f"{prefix}box{boxes}"))
            elif isinstance(item, Node):
                headings += 1
                ident = f"{prefix}{headings}"
                out.append(self.heading(item, item.level - base_level, ident))
                self._items(item.children, base_level, out, f"{ident}-")

    def heading(self, node: Node, depth: int, ident: str) -> str:
        """A heading line with its id, run-in when the original ran it into its paragraph."""
        marks = "#" * max(depth, 1)
        if node.run_in:
            title = escape(node.title, line_start=False)
            return f"{marks} {title} {{#{ident} .run-in}}\n{self.text(node.run_in)}"
        return f"{marks} {escape(node.title, line_start=False)} {{#{ident}}}"

    def box(self, box: BoxNode, ident: str) -> str:
        """A ::: box container with its numbered items."""
        inner: list[str] = []
        items = 0
        for item in box.children:
            if isinstance(item, Node):
                items += 1
                inner.append(self.heading(item, item.level, f"{ident}-{items}"))
                inner.extend(self.box_content(child) for child in item.children)
            else:
                inner.append(self.box_content(item))
        title = escape(box.title, line_start=False)
        return f"::: box {title} {{#{ident}}}\n" + "\n\n".join(inner) + "\n:::"

    def box_content(self, item: Para | TablePlace) -> str:
        """A paragraph or table inside a 专栏."""
        if isinstance(item, TablePlace):
            return "{{" + self.placements[id(item.grid)] + "}}"
        return self.para(item)

    def para(self, para: Para) -> str:
        """A paragraph, with its bold lead sentence and class when it has them."""
        text = para.text
        body = self.text(text)
        if para.bold_lead and text.startswith(para.bold_lead) and len(text) > len(para.bold_lead):
            body = f"**{self.text(para.bold_lead)}**{self.text(text[len(para.bold_lead) :])}"
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
