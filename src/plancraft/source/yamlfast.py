"""A plan file parsed by libyaml (PyYAML's C parser) into ruamel's nodes, for ruamel's constructor.

ruamel.yaml's pure-Python scanner and parser take most of a plan's load (beijing's indicators.yaml:
20 ms of 25). Here libyaml reads the events, a small composer makes ruamel's nodes with the same marks,
tags are resolved by ruamel's YAML 1.2 resolver and values built by the same constructor, so the data
and every location are what ruamel alone gives (tests/source/test_yamlfast.py compares them on every
YAML file of the repository and on generated documents). What the two read differently is `Unusual`,
and then the file is read by ruamel alone (yamlfile.py), which reports it as before: an alias, an
explicit tag or key, a directive, a second document, a tab (libyaml takes it as a separator, ruamel
refuses it), nesting deeper than MAX_DEPTH, an empty value anywhere but after a key of a block mapping
with a node on a later line, and any error.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

MAP, SEQ, STR = (f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str"))


class Unusual(Exception):
    """The file has what only the ruamel path handles (and reports)."""


def fast_parser() -> Any | None:
    """PyYAML's libyaml parser, or None when PyYAML was built without it."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - a dependency
        return None
    return yaml if getattr(yaml, "__with_libyaml__", False) else None


MAX_DEPTH = 100
"""Deeper nesting is left to ruamel, which refuses what is too deep to read (recursion) as before."""
SLOW_TEXT = re.compile(r"\t|^[ \t]*\?(?:[ \t]|$)", re.MULTILINE)
"""What ruamel reads otherwise than libyaml: a tab (ruamel refuses it as a separator, libyaml takes
it) and an explicit key (`? key`)."""


def compose(text: str) -> Node:
    """The one document of `text` as ruamel nodes, or Unusual."""
    yaml = fast_parser()
    if yaml is None:
        raise Unusual("no libyaml")
    if SLOW_TEXT.search(text):
        raise Unusual("a tab or an explicit key")
    lines = text.splitlines()
    resolver = VersionedResolver(version=(1, 2))
    stack: list[Node] = []
    root: Node | None = None
    empty: ScalarNode | None = None
    documents = 0
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as exc:
        raise Unusual("syntax") from exc
    for event in events:
        kind = type(event).__name__
        if empty is not None:
            _place_empty(empty, kind, event)
            empty = None
        if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
            continue
        if kind == "DocumentStartEvent":
            documents += 1
            if documents > 1 or event.version or event.tags:
                raise Unusual("directive or second document")
            continue
        if kind == "AliasEvent" or getattr(event, "tag", None) is not None:
            raise Unusual("alias or tag")
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop().end_mark = event.end_mark
            continue
        node = _node(kind, event, resolver)
        if isinstance(node, ScalarNode) and event.value == "" and not event.style:
            _check_empty(stack, lines, event)
            empty = node
        if stack:
            _add(stack[-1], node)
        else:
            root = node
        if not isinstance(node, ScalarNode):
            stack.append(node)
            if len(stack) > MAX_DEPTH:
                raise Unusual("deep")
    if root is None:
        raise Unusual("empty")
    return root


def _check_empty(stack: list[Node], lines: list[str], event: Any) -> None:
    """An empty value is read here only where ruamel marks it as this module does: the value of a
    key in a block mapping, with no comment after it on its line (else Unusual)."""
    parent = stack[-1] if stack else None
    if not (
        isinstance(parent, MappingNode)
        and not parent.flow_style
        and parent.value
        and parent.value[-1][1] is None
    ):
        raise Unusual("empty item, key or flow value")
    line = event.start_mark.line
    if line >= len(lines) or "#" in lines[line][event.start_mark.column :]:
        raise Unusual("empty value before a comment or at the end")


def _place_empty(empty: ScalarNode, kind: str, event: Any) -> None:
    """ruamel marks an empty value where the next node starts, on a later line; anything else
    (the end of a mapping, a node on the same line) is left to ruamel."""
    if kind not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
        raise Unusual("empty value before an end")
    if event.start_mark.line <= empty.start_mark.line:
        raise Unusual("empty value before a node on its line")
    empty.start_mark = empty.end_mark = event.start_mark


def _node(kind: str, event: Any, resolver: VersionedResolver) -> Node:
    """The ruamel node an event starts, its tag resolved as YAML 1.2 resolves it."""
    if kind == "ScalarEvent":
        implicit = event.implicit[0] and not event.style
        tag = resolver.resolve(ScalarNode, event.value, (True, False)) if implicit else STR
        return ScalarNode(
            tag, event.value, event.start_mark, event.end_mark, style=event.style or None
        )
    if kind == "MappingStartEvent":
        return MappingNode(MAP, [], event.start_mark, None, flow_style=event.flow_style)
    return SequenceNode(SEQ, [], event.start_mark, None, flow_style=event.flow_style)


def _add(parent: Node, node: Node) -> None:
    """Put `node` into its parent: a sequence item, a mapping's key, or the value of its last key."""
    if isinstance(parent, SequenceNode):
        parent.value.append(node)
    elif parent.value and parent.value[-1][1] is None:
        parent.value[-1] = (parent.value[-1][0], node)
    else:
        parent.value.append((node, None))
