"""Markdown prose: markdown-it-py with the plugins the plan syntax needs, turned into model items."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin

from ..diagnostics import Diagnostics, Location
from ..i18n import _
from .model import Box, Item, Placement, Prose, Section
from .reuse import LastParses

XREF_RE = re.compile(r"\[@([A-Za-z0-9_\-\u4e00-\u9fff]+)\]")
DIRECTIVE_RE = re.compile(r"^\{\{\s*(indicators|table)(?:\s+([^\s{}]+))?\s*\}\}$")
HEADING_ATTRS_RE = re.compile(r"^(.*?)\s*\{([^{}]*)\}\s*$", re.S)
BOX_INFO_RE = re.compile(r"^\s*box\b(.*)$", re.S)
ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
KNOWN_HEADING_CLASSES = {"run-in"}
MAX_NESTING = 20


def _xref(state: StateInline, silent: bool) -> bool:
    """Inline rule: `[@id]` is a reference to a numbered thing."""
    match = XREF_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("xref", "", 0)
        token.meta = {"id": match.group(1)}
        token.content = match.group(0)
    state.pos = match.end()
    return True


STRONG_RE = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")


def _cjk_strong(state: StateInline, silent: bool) -> bool:
    """Inline rule: `**…**` is bold even between CJK punctuation and text, where CommonMark's flanking rules fail."""
    match = STRONG_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        state.push("strong_open", "strong", 1).markup = "**"
        token = state.push("text", "", 0)
        token.content = match.group(1)
        state.push("strong_close", "strong", -1).markup = "**"
    state.pos = match.end()
    return True


def new_parser() -> MarkdownIt:
    """A Markdown parser for plan prose: CommonMark, tables, boxes, block attributes, references; no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.options["maxNesting"] = MAX_NESTING
    md.use(container_plugin, "box", validate=lambda params, *a: bool(BOX_INFO_RE.match(params)))
    md.use(attrs_block_plugin)
    md.inline.ruler.before("link", "xref", _xref)
    md.inline.ruler.before("emphasis", "cjk_strong", _cjk_strong)
    return md


_parsed: LastParses[list[Token]] = LastParses()
"""markdown-it's tokens of each file: read, never changed, by the item builder and the stages after it."""


def parse_items(text: str, path: str, base_depth: int, diagnostics: Diagnostics) -> list[Item]:
    """Parse one Markdown file into the items of the outline node it belongs to."""
    tokens = _parsed.get(path, text)
    if tokens is None:
        tokens = new_parser().parse(text)
        _parsed.put(path, text, tokens)
    deepest = next((token for token in tokens if token.level >= MAX_NESTING - 1), None)
    if deepest is not None:
        # markdown-it stops reading at its nesting limit; say so rather than lose the rest of the file.
        line = max(
            (token.map[0] + 1 for token in tokens if token.map and token.level <= deepest.level),
            default=1,
        )
        diagnostics.error(
            Location(path, line, 1),
            _(
                "lists or quotes nest more than {depth} levels deep; text below that would be lost"
            ).format(depth=MAX_NESTING // 2),
            code="too-deep",
            hint=_("flatten the nesting"),
        )
        return []
    return _ItemBuilder(path, diagnostics).build(tokens, base_depth, in_box=False)


def split_attrs(text: str) -> tuple[str, str | None, set[str], list[str]]:
    """Split a trailing `{#id .class}` off a heading or box title."""
    match = HEADING_ATTRS_RE.match(text)
    if not match:
        return text.strip(), None, set(), []
    ident, classes, unknown = None, set(), []
    for part in match.group(2).split():
        if part.startswith("#") and len(part) > 1:
            ident = part[1:]
        elif part.startswith(".") and len(part) > 1:
            classes.add(part[1:])
        else:
            unknown.append(part)
    return match.group(1).strip(), ident, classes, unknown


def block_end(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing the block opened at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth <= 0:
            return index
    return len(tokens) - 1


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


class _ItemBuilder:
    """Walks markdown-it tokens and builds sections, boxes, placements and prose blocks."""

    def __init__(self, path: str, diagnostics: Diagnostics) -> None:
        self.path = path
        self.diagnostics = diagnostics

    def location(self, token: Token, col: int = 1) -> Location:
        return Location(self.path, _line(token), col)

    def build(self, tokens: Sequence[Token], base_depth: int, in_box: bool) -> list[Item]:
        root: list[Item] = []
        stack: list[tuple[int, Section]] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            end = block_end(tokens, index)
            if token.type == "heading_open":
                section = self.heading(token, tokens[index + 1], base_depth, in_box, stack)
                level = int(token.tag[1:])
                while stack and stack[-1][0] >= level:
                    stack.pop()
                (stack[-1][1].content if stack else root).append(section)
                stack.append((level, section))
            else:
                item = (
                    self.box(token, tokens[index + 1 : end])
                    if token.type == "container_box_open"
                    else self.block(token, tokens[index : end + 1])
                )
                (stack[-1][1].content if stack else root).append(item)
            index = end + 1
        return root

    def heading(
        self,
        token: Token,
        inline: Token,
        base_depth: int,
        in_box: bool,
        stack: list[tuple[int, Section]],
    ) -> Section:
        level = int(token.tag[1:])
        parent_level = stack[-1][0] if stack else 0
        if level > parent_level + 1:
            self.diagnostics.error(
                self.location(token),
                _("heading level jumps from {above} to {level}").format(
                    above="#" * parent_level or _("the top"), level="#" * level
                ),
                code="heading-jump",
                hint=_("use {level} for the next level down").format(
                    level="#" * (parent_level + 1)
                ),
            )
        title, ident, classes, unknown = split_attrs(inline.content)
        for attr in unknown + sorted(classes - KNOWN_HEADING_CLASSES):
            self.diagnostics.warning(
                self.location(token),
                _("unknown heading attribute '{attr}'").format(attr=attr),
                code="unknown-attr",
            )
        if ident is not None and not ID_RE.match(ident):
            self.diagnostics.error(
                self.location(token),
                _("invalid id '{id}'").format(id=ident),
                code="invalid-id",
                hint=_("ids are lower-case ASCII letters, digits and '-', starting with a letter"),
            )
        if not title:
            self.diagnostics.error(
                self.location(token), _("heading has no title"), code="empty-heading"
            )
        depth = level if in_box else base_depth + level
        return Section(
            id=ident or "",
            title=title,
            depth=depth,
            location=self.location(token),
            run_in="run-in" in classes,
            in_box=in_box,
        )

    def box(self, token: Token, inner: Sequence[Token]) -> Box:
        match = BOX_INFO_RE.match(token.info)
        info = match.group(1) if match else ""
        title, ident, _classes, _unknown = split_attrs(info)
        if ident is not None and not ID_RE.match(ident):
            self.diagnostics.error(
                self.location(token), _("invalid id '{id}'").format(id=ident), code="invalid-id"
            )
        if not title:
            self.diagnostics.error(
                self.location(token),
                _("专栏 box has no title"),
                code="empty-heading",
                hint=_("write ::: box <title> {#id}"),
            )
        box = Box(id=ident or "", title=title, location=self.location(token))
        box.content = self.build(inner, 0, in_box=True)
        return box

    def block(self, token: Token, tokens: Sequence[Token]) -> Item:
        if token.type == "paragraph_open" and len(tokens) == 3:
            text = tokens[1].content.strip()
            match = DIRECTIVE_RE.match(text)
            if match:
                kind, target = match.group(1), match.group(2) or ""
                if kind == "table" and not target:
                    self.diagnostics.error(
                        self.location(token),
                        _("{{table}} needs a table id"),
                        code="directive",
                        hint=_("write {{table <id>}}"),
                    )
                return Placement(kind, target or "indicators", self.location(token))
            if text.startswith("{{") and text.endswith("}}"):
                self.diagnostics.error(
                    self.location(token),
                    _("unknown directive {directive}").format(directive=text),
                    code="directive",
                    hint=_("known directives: {{indicators}}, {{table <id>}}"),
                )

        classes = tuple(str(token.attrs.get("class", "")).split()) if token.attrs else ()
        return Prose(list(tokens), self.location(token), classes)


def references(tokens: Sequence[Token], path: str) -> list[tuple[str, Location]]:
    """Every `[@id]` in a prose block, with the line it stands on."""
    found = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        offset = 0
        for child in token.children:
            if child.type == "xref":
                position = token.content.find(child.content, offset)
                offset = max(position, 0) + 1
                before = token.content[: max(position, 0)]
                line = _line(token) + before.count("\n")
                col = len(before) - (before.rfind("\n") + 1) + 1
                found.append((child.meta["id"], Location(path, line, col)))
    return found


def plain_text(tokens: Sequence[Token]) -> str:
    """The text of a prose block without markup, for checks."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append(token.content)
    return "\n".join(parts)
