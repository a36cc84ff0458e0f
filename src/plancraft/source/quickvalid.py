"""Whether a document fits one of the bundled schemas, answered without importing jsonschema.

Importing jsonschema takes about 40 ms of a build that takes 0.5 s with the Typst engine, and a plan that
builds is valid. This answers only valid or not, for the keywords the bundled schemas use, with their
JSON Schema 2020-12 meaning as jsonschema implements it; `schema.check` asks jsonschema itself for the
located errors when the answer is no. A keyword it does not know makes it answer no (jsonschema then
decides), so it can only ever be slower, never wrong the other way (tests/source/test_quickvalid.py
holds it against jsonschema on every plan file and on mutated documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

ANNOTATIONS = frozenset({"title", "description", "$schema", "$id", "$comment", "$defs", "examples"})
"""Keywords that say nothing about validity."""
TYPES = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": lambda value: _number(value),
    "integer": lambda value: _integer(value),
}


class _Unknown(Exception):
    """A keyword or reference this module does not implement."""


def quick_valid(schema: dict[str, Any], instance: Any) -> bool:
    """True only when `instance` is valid against `schema` (a bundled one); False when it is not,
    or when the schema says something this module does not implement."""
    try:
        return _valid(schema, instance, schema)
    except _Unknown:
        return False


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _integer(value: Any) -> bool:
    """An int, or a float with no fraction (2020-12: 1.0 is an integer); never a bool."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or isinstance(value, float) and value.is_integer()


def _valid(schema: Any, instance: Any, root: dict[str, Any]) -> bool:
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict):
        raise _Unknown(f"schema {schema!r}")
    for keyword, value in schema.items():
        if keyword in ANNOTATIONS:
            continue
        check = CHECKS.get(keyword)
        if check is None:
            raise _Unknown(keyword)
        if not check(value, instance, schema, root):
            return False
    return True


def _type(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    names = [value] if isinstance(value, str) else value
    if any(name not in TYPES for name in names):
        raise _Unknown(f"type {value}")
    return any(TYPES[name](instance) for name in names)


def _enum(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return any(_equal(instance, option) for option in value)


def _equal(one: Any, other: Any) -> bool:
    """JSON equality as jsonschema has it: true is not 1, 1 is 1.0, containers compared deeply."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if _number(one) and _number(other):
        return bool(one == other)
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_equal(one[key], other[key]) for key in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_equal, one, other))
    if isinstance(one, str) and isinstance(other, str):
        return one == other
    return one is None and other is None


def _pattern(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, str) or _compiled(value).search(instance) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _min_length(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, str) or len(instance) >= value


def _max_length(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, str) or len(instance) <= value


def _minimum(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not _number(instance) or instance >= value


def _maximum(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not _number(instance) or instance <= value


def _exclusive_minimum(
    value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]
) -> bool:
    return not _number(instance) or instance > value


def _items(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    if "prefixItems" in schema:
        raise _Unknown("prefixItems")
    return not isinstance(instance, list) or all(_valid(value, item, root) for item in instance)


def _min_items(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, list) or len(instance) >= value


def _unique_items(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    if not value or not isinstance(instance, list):
        return True
    return not any(
        _equal(instance[i], instance[j])
        for i in range(len(instance))
        for j in range(i + 1, len(instance))
    )


def _properties(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(instance, dict):
        return True
    return all(_valid(value[key], item, root) for key, item in instance.items() if key in value)


def _additional(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    if "patternProperties" in schema:
        raise _Unknown("patternProperties")
    if not isinstance(instance, dict):
        return True
    known = schema.get("properties", {})
    extra = [item for key, item in instance.items() if key not in known]
    return all(_valid(value, item, root) for item in extra)


def _required(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, dict) or all(key in instance for key in value)


def _property_names(
    value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]
) -> bool:
    return not isinstance(instance, dict) or all(_valid(value, key, root) for key in instance)


def _min_properties(
    value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]
) -> bool:
    return not isinstance(instance, dict) or len(instance) >= value


def _any_of(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    return any(_valid(branch, instance, root) for branch in value)


def _ref(value: Any, instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(value, str) or not value.startswith("#/$defs/") or "/" in value[8:]:
        raise _Unknown(f"$ref {value}")
    target = root.get("$defs", {}).get(value[8:])
    if target is None:
        raise _Unknown(f"$ref {value}")
    return _valid(target, instance, root)


Check = Callable[[Any, Any, dict[str, Any], dict[str, Any]], bool]
"""A keyword's test: (its value, the instance, the schema it is in, the root schema)."""
CHECKS: dict[str, Check] = {
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "exclusiveMinimum": _exclusive_minimum,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "propertyNames": _property_names,
    "minProperties": _min_properties,
    "anyOf": _any_of,
    "$ref": _ref,
}
