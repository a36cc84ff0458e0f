"""YAML files read with ruamel.yaml so every value keeps its line and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Diagnostics, Location, source_path
from ..i18n import _
from ..limits import YAML_FILE_BYTES
from .reuse import LastParses
from .textfile import read_text
from .yamlfast import Unusual, compose

# The only tags a plan file may use, all implicit: strings, numbers, booleans, null, dates, lists, mappings.
ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
MAX_FLOW_DEPTH = 32


class _AliasFound(Exception):
    """A YAML alias (*name), refused before anything is expanded."""

    def __init__(self, mark: Any) -> None:
        super().__init__("alias")
        self.mark = mark


class _NoAliasComposer(Composer):
    """Stops at the first alias, so an alias bomb is refused before it is built."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            raise _AliasFound(self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


class _CheckedConstructor(RoundTripConstructor):
    """Refuses tags and non-scalar keys before building anything, and locates every value it cannot build."""

    def get_single_data(self) -> Any:
        node = self.composer.get_single_node()
        if node is None:
            return None
        _check_nodes(node)
        return self.construct_document(node)

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, TypeError, IndexError, OverflowError, ArithmeticError) as exc:
            shown = str(node.value) if isinstance(node, ScalarNode) else ""
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            kind = node.tag.rsplit(":", 1)[-1]
            raise ConstructorError(
                None,
                None,
                _("cannot read '{value}' as {kind} ({reason})").format(
                    value=shown, kind=kind, reason=exc
                )[:200],
                node.start_mark,
            ) from exc


def _check_nodes(root: Node) -> None:
    """Refuse explicit tags outside ALLOWED_TAGS and keys that are lists or mappings."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in ALLOWED_TAGS:
            raise ConstructorError(
                None,
                None,
                _("the YAML tag {tag} is not allowed in plan files").format(tag=node.tag),
                node.start_mark,
            )
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    raise ConstructorError(
                        None,
                        None,
                        _("a key must be plain text, not a list or mapping"),
                        key.start_mark,
                    )
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """The line and column where [ and { nest deeper than MAX_FLOW_DEPTH, which the parser would take ages on."""
    depth, line, col, quote = 0, 1, 0, ""
    for char in text:
        col += 1
        if char == "\n":
            line, col, quote = line + 1, 0, ""
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                return line, col
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


@dataclass
class YamlFile:
    """A parsed YAML document and where it came from."""

    path: Path
    shown: str
    data: Any
    """The parsed document: shared with every later load of the same text, so never changed."""
    valid_for: set[str] = field(default_factory=set)
    """The schemas `data` was checked against without a finding (shared like `data`)."""

    def locate(self, keys: Sequence[Any] = (), at_key: bool = False) -> Location:
        """The location of the value at `keys` (of its key with `at_key`), or of its nearest located ancestor."""
        node, line, col = self.data, 1, 1
        if hasattr(node, "lc"):
            line, col = node.lc.line + 1, node.lc.col + 1
        for depth, key in enumerate(keys, start=1):
            try:
                if isinstance(node, CommentedMap) and key in node:
                    on_key = not _is_scalar(node[key]) or (at_key and depth == len(keys))
                    kline, kcol = node.lc.key(key) if on_key else node.lc.value(key)
                    line, col = kline + 1, kcol + 1
                    node = node[key]
                elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                    line, col = (v + 1 for v in node.lc.item(key))
                    node = node[key]
                else:
                    break
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return Location(self.shown, line, col)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (CommentedMap, CommentedSeq))


def load_yaml(path: Path, diagnostics: Diagnostics, root: Path | None = None) -> YamlFile | None:
    """Parse one YAML file (confined to the folder `root` when given), recording located errors
    instead of raising."""
    shown = source_path(path)
    text = read_text(path, diagnostics, root, limit=YAML_FILE_BYTES)
    if text is None:
        return None
    known = _parsed.get(shown, text)
    if known is not None:
        return YamlFile(path, shown, *known)
    document = _parse(path, shown, text, diagnostics)
    if document is not None:
        _parsed.put(shown, text, (document.data, document.valid_for))
    return document


_parsed: LastParses[tuple[Any, set[str]]] = LastParses()


def _parse(path: Path, shown: str, text: str, diagnostics: Diagnostics) -> YamlFile | None:
    """Parse the text of one YAML file; None, with located errors recorded, when it is not usable."""
    too_deep = _flow_too_deep(text)
    if too_deep:
        diagnostics.error(
            Location(shown, *too_deep),
            _("lists and mappings nest more than {depth} levels deep").format(depth=MAX_FLOW_DEPTH),
            code="yaml-too-deep",
        )
        return None
    try:
        data = _fast_load(text)
    except Unusual:
        data = _UNREAD
    try:
        if data is _UNREAD:
            data = _ruamel().load(text)
    except _AliasFound as found:
        diagnostics.error(
            Location(shown, found.mark.line + 1, found.mark.column + 1),
            _("YAML anchors and aliases (*name) are not allowed in plan files"),
            code="yaml-alias",
            hint=_("write the value out in full"),
        )
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or _("invalid YAML")).strip()
        if "duplicate key" in str(exc).lower() or "found duplicate key" in problem:
            problem = _("duplicate key {key}").format(key=_duplicate_key_name(str(exc)))
        context_line = exc.context_mark.line + 1 if exc.context_mark else line
        explained = explain_syntax_error(problem, text.splitlines(), line, col, context_line)
        diagnostics.error(
            Location(shown, explained.line, explained.col),
            _("YAML syntax error: {problem}").format(problem=explained.message),
            code="yaml-syntax",
            hint=explained.hint,
        )
        return None
    except RecursionError:
        diagnostics.error(
            Location(shown, 1, 1), _("the YAML nests too deeply to read"), code="yaml-too-deep"
        )
        return None
    except YAMLError as exc:
        diagnostics.error(
            Location(shown, 1, 1),
            _("YAML error: {problem}").format(problem=exc),
            code="yaml-syntax",
        )
        return None
    if data is None:
        diagnostics.error(Location(shown, 1, 1), _("the file is empty"), code="yaml-empty")
        return None
    return YamlFile(path, shown, data)


_UNREAD = object()


def _ruamel() -> YAML:
    """ruamel's round-trip reader, refusing aliases, tags and duplicate keys."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _CheckedConstructor
    yaml.Composer = _NoAliasComposer
    yaml.allow_duplicate_keys = False
    return yaml


def _fast_load(text: str) -> Any:
    """The data as _ruamel() reads it, parsed by libyaml (yamlfast.py); Unusual when only ruamel's
    reading (and its messages) will do."""
    try:
        root = compose(text)
        _check_nodes(root)
        return _ruamel().constructor.construct_document(root)
    except Unusual:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever it is, ruamel's reading reports it
        raise Unusual(type(exc).__name__) from exc


@dataclass(frozen=True)
class SyntaxProblem:
    """A YAML syntax error said in plain words, where the writer has to look."""

    message: str
    hint: str
    line: int
    col: int


CANNOT_START_RE = re.compile(r"found character '(\\t|.)' that cannot start any token")
KEY_VALUE_RE = re.compile(r"^(\s*(?:-\s+)?)([^:#\s][^:#]*?)\s*:\s+(.*)$")


def explain_syntax_error(
    problem: str, lines: list[str], line: int, col: int, context_line: int
) -> SyntaxProblem:
    """Turn ruamel's parser wording into what went wrong and how to fix it."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    start = SyntaxProblem(problem, "", line, col)
    character = CANNOT_START_RE.search(problem)
    if character and character.group(1) in ("\t", "\\t"):
        return SyntaxProblem(
            _("a tab is used for indentation"),
            _("indent YAML with spaces; a tab cannot indent"),
            line,
            col,
        )
    if character:
        pair = KEY_VALUE_RE.match(text)
        example = f'{pair.group(2)}: "{pair.group(3)}"' if pair else f'key: "{character.group(1)}…"'
        return SyntaxProblem(
            _("a value cannot start with '{character}' unless it is quoted").format(
                character=character.group(1)
            ),
            _("quote it: {example}").format(example=example),
            line,
            col,
        )
    if "could not find expected ':'" in problem:
        key_line = lines[context_line - 1] if 0 < context_line <= len(lines) else ""
        word = key_line.strip().split(" ")[0] if key_line.strip() else "key"
        return SyntaxProblem(
            _("this line has no colon after its key"),
            _("write '{key}: value'").format(key=word),
            context_line,
            len(key_line) - len(key_line.lstrip(" ")) + 1,
        )
    if "mapping values are not allowed" in problem or "expected <block end>" in problem:
        return _explain_layout(lines, line, indent, start)
    return start


def _explain_layout(
    lines: list[str], line: int, indent: int, start: SyntaxProblem
) -> SyntaxProblem:
    """A colon where YAML did not expect one: a colon inside a value, a missing colon above, or indentation."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    pair = KEY_VALUE_RE.match(text)
    if pair and ": " in pair.group(3) and start.col > len(pair.group(1)) + len(pair.group(2)) + 1:
        return SyntaxProblem(
            _("the value contains ': ', which YAML reads as a new key"),
            _("quote the value: {example}").format(example=f'{pair.group(2)}: "{pair.group(3)}"'),
            line,
            start.col,
        )
    above = next(
        (
            number
            for number in range(line - 1, 0, -1)
            if lines[number - 1].strip() and not lines[number - 1].lstrip().startswith("#")
        ),
        0,
    )
    if not above:
        return start
    above_text = lines[above - 1]
    above_indent = len(above_text) - len(above_text.lstrip(" "))
    if (
        above_indent == indent
        and ":" not in above_text
        and not above_text.lstrip().startswith("- ")
    ):
        word = above_text.strip().split(" ")[0]
        return SyntaxProblem(
            _("this line has no colon after its key"),
            _("write '{key}: value'").format(key=word),
            above,
            indent + 1,
        )
    if indent == above_indent:
        return start
    message = (
        _("this line is indented more than the key above it")
        if indent > above_indent
        else _("this line is indented less than the key above it")
    )
    return SyntaxProblem(
        message,
        _(
            "keys of one mapping start in the same column; indent a key only under a key "
            "that ends with ':'"
        ),
        line,
        indent + 1,
    )


def _duplicate_key_name(message: str) -> str:
    for line in message.splitlines():
        if "duplicate key" in line and '"' in line:
            return line[line.index('"') : line.rindex('"') + 1]
    return ""


class PrintedFloat(float):
    """A float that remembers how the source printed it, so 0.10 stays 0.10."""

    text: str

    def __new__(cls, value: float, text: str) -> PrintedFloat:
        number = super().__new__(cls, value)
        number.text = text
        return number


def _printed(value: float) -> str:
    """The digits a YAML float was written with (ruamel keeps width and precision)."""
    width, prec = getattr(value, "_width", None), getattr(value, "_prec", None)
    if getattr(value, "_exp", None) or width is None or prec is None or prec < 0:
        return repr(float(value))
    decimals = max(width - prec - 1, 0)
    return f"{float(value):.{decimals}f}"


def plain(value: Any) -> Any:
    """Turn ruamel's round-trip types into plain JSON types, as the schema expects."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return PrintedFloat(float(value), _printed(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)
