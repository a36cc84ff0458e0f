"""Structural validation of plan YAML against the JSON Schemas, with located, plain-language errors."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostics
from ..i18n import N_, _
from ..resources import SCHEMA_NAMES, schema_text
from .quickvalid import quick_valid
from .yamlfile import YamlFile, plain

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = SCHEMA_NAMES


@cache
def load_schema(name: str) -> dict:
    """One of the bundled schemas, parsed."""
    return json.loads(schema_text(name))


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one of the bundled schemas (jsonschema is imported for the first one)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def check(document: YamlFile, name: str, diagnostics: Diagnostics) -> bool:
    """Validate a YAML document against a schema; record every error; return True when it is valid."""
    if name in document.valid_for:
        return True
    data = plain(document.data)
    if quick_valid(load_schema(name), data):  # a valid file never needs jsonschema's errors
        document.valid_for.add(name)
        return True
    errors = sorted(
        validator(name).iter_errors(data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    for error in errors:
        error = _branch_error(error)
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            for key in _extra_keys(error):
                diagnostics.error(
                    document.locate([*path, key], at_key=True),
                    _unknown_key(error, key),
                    code="schema",
                )
            continue
        diagnostics.error(document.locate(path), f"{_dotted(path)}{describe(error)}", code="schema")
    if not errors:
        document.valid_for.add(name)
    return not errors


def _branch_error(error: ValidationError) -> ValidationError:
    """For a value that fits none of several forms, the error of the form it was meant to have.

    A cell {text, colspan: 1e9} fails "text" by type and "mapping" by its colspan: report the colspan.
    """
    if (
        error.validator not in ("anyOf", "oneOf")
        or not error.context
        or error.schema.get("title") == "大纲节点"
    ):
        return error
    meant = [sub for sub in error.context if sub.validator != "type" or list(sub.relative_path)]
    from jsonschema.exceptions import best_match

    return _branch_error(best_match(meant)) if meant else error


def _dotted(path: Iterable[Any]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return f"{text}: " if text else ""


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return [key for key in error.instance if key not in allowed]


def _unknown_key(error: ValidationError, key: str) -> str:
    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = (
        _(" (did you mean '{key}'?)").format(key=close[0])
        if close
        else _(" (allowed: {keys})").format(keys=", ".join(allowed))
    )
    return _dotted(error.absolute_path) + _("unknown key '{key}'").format(key=key) + hint


def describe(error: ValidationError) -> str:
    """A plain-language message for one schema error."""
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        title = schema.get("properties", {}).get(missing, {}).get("title", "")
        if title:
            return _("missing required key '{key}' ({title})").format(key=missing, title=title)
        return _("missing required key '{key}'").format(key=missing)
    if kind == "enum":
        options = ", ".join(map(str, error.validator_value))
        close = difflib.get_close_matches(str(value), list(map(str, error.validator_value)), n=1)
        suggestion = _("; did you mean '{value}'?").format(value=close[0]) if close else ""
        return (
            _("'{value}' is not one of: {options}").format(value=value, options=options)
            + suggestion
        )
    if kind == "type":
        expected = (
            _type_name(error.validator_value)
            if isinstance(error.validator_value, str)
            else _(" or ").join(error.validator_value)
        )
        return _("expected {expected}, found {found} {value}").format(
            expected=expected,
            found=_type_name(_json_type(value)),
            value=json.dumps(value, ensure_ascii=False)[:60],
        )
    if kind == "pattern":
        title = schema.get("title", "")
        if title in ("标题", "表名"):
            return _(
                "'{value}' starts with a typed number; numbers are computed, write the title without it"
            ).format(value=value)
        if title in ("标识",):
            return _(
                "invalid id '{value}': use lower-case ASCII letters, digits and '-', starting with a "
                "letter"
            ).format(value=value)
        return _("'{value}' is not a valid {title}: {description}").format(
            value=value,
            title=title or _("value"),
            description=schema.get("description", _("wrong format")),
        )
    if kind == "anyOf" and error.context:
        if schema.get("title") == "大纲节点":
            return _(
                "an outline node needs 'file' (its Markdown text) or 'sections' (nested nodes), or both"
            )
        from jsonschema.exceptions import best_match

        return describe(best_match(error.context))
    if kind in ("minItems", "minLength"):
        return _("must not be empty")
    if kind in ("minimum", "maximum"):
        bound = _("minimum") if kind == "minimum" else _("maximum")
        return _("{value} is out of range ({bound} {limit})").format(
            value=value, bound=bound, limit=error.validator_value
        )
    return error.message


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    names: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return names.get(type(value), type(value).__name__)


TYPE_NAMES = {
    "object": N_("a mapping"),
    "array": N_("a list"),
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "null": N_("nothing"),
}


def _type_name(name: str) -> str:
    return _(TYPE_NAMES[name]) if name in TYPE_NAMES else name
