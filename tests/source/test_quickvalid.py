"""The quick validity answer is jsonschema's: on every YAML file of the plans and tests, against every
bundled schema, and on documents mutated from the plans' own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from plancraft.source import yamlfile
from plancraft.source.quickvalid import quick_valid
from plancraft.source.schema import SCHEMAS, load_schema
from plancraft.source.yamlfile import plain

ROOT = Path(__file__).resolve().parents[2]
OWN_SCHEMA = {"plan.yaml": "plan", "indicators.yaml": "indicators"}


def documents() -> list[tuple[str, Any]]:
    """Every YAML file of the plans and tests that reads, as plain data."""
    found = []
    for path in sorted(
        [*ROOT.joinpath("plans").rglob("*.yaml"), *ROOT.joinpath("tests").rglob("*.yaml")]
    ):
        try:
            data = yamlfile._ruamel().load(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - the hostile corpus: nothing to validate
            continue
        found.append((str(path.relative_to(ROOT)), plain(data)))
    return found


DOCUMENTS = documents()
VALIDATORS = {name: Draft202012Validator(load_schema(name)) for name in SCHEMAS}


def test_there_is_much_to_compare() -> None:
    assert len(DOCUMENTS) > 100 and set(SCHEMAS) >= {
        "plan",
        "indicators",
        "table",
        "monitoring",
        "round",
    }


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_every_file_against_every_schema(schema: str) -> None:
    for name, data in DOCUMENTS:
        assert quick_valid(load_schema(schema), data) == VALIDATORS[schema].is_valid(data), name


def test_the_plans_are_valid_without_jsonschema() -> None:
    for name, data in DOCUMENTS:
        if name.startswith("plans/") and Path(name).name in OWN_SCHEMA:
            assert quick_valid(load_schema(OWN_SCHEMA[Path(name).name]), data), name


SEEDS = [
    (OWN_SCHEMA[Path(name).name], data)
    for name, data in DOCUMENTS
    if name.startswith(("plans/", "tests/fixtures/plans/")) and Path(name).name in OWN_SCHEMA
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3000),
    st.floats(allow_nan=False, width=32),
    st.sampled_from(
        ["", " ", "x", "abc-1", "第一章", "2021", "2021-12", "2021-12-01", "a/b.md", "表1", "※"]
    ),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["id", "text", "file", "x"]), st.integers(0, 2), max_size=2),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    """A plan's own document with up to three places replaced, deleted or given an extra key."""
    schema, data = draw(st.sampled_from(SEEDS))
    data = json.loads(json.dumps(data))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "extra"]))
        if action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "unit", "note"]))] = draw(VALUES)
    return schema, data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents(case: tuple[str, Any]) -> None:
    schema, data = case
    assert quick_valid(load_schema(schema), data) == VALIDATORS[schema].is_valid(data)


@pytest.mark.parametrize(
    ("instance", "expected"),
    [(1, True), (1.0, True), (1.5, False), (True, False), (10**400, True), (float("inf"), False)],
)
def test_integer_is_jsonschemas(instance: Any, expected: bool) -> None:
    schema = {"type": "integer"}
    assert (
        quick_valid(schema, instance) is expected is Draft202012Validator(schema).is_valid(instance)
    )


def test_a_keyword_it_does_not_know_leaves_it_to_jsonschema() -> None:
    assert not quick_valid({"not": {"type": "string"}}, 1)
    assert not quick_valid({"$ref": "other.json"}, 1)
