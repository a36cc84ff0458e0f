"""libyaml's parse into ruamel's nodes gives the data and locations of ruamel's own parse, on every
YAML file of the plans and tests, and hands anything unusual to ruamel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancraft.source import yamlfile
from plancraft.source.yamlfast import Unusual, compose
from plancraft.source.yamlfile import YamlFile, plain

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    path.relative_to(ROOT)
    for folder in ("plans", "tests")
    for path in (ROOT / folder).rglob("*.yaml")
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in `data`, the root's included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def test_the_files_are_many() -> None:
    assert len(FILES) > 100


@pytest.mark.parametrize("name", [str(path) for path in FILES])
def test_same_data_and_locations_as_ruamel(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    try:
        fast = yamlfile._fast_load(text)
    except Unusual:
        return  # read by ruamel alone, as before
    own = yamlfile._ruamel().load(text)
    assert repr(plain(fast)) == repr(plain(own))
    ours, theirs = YamlFile(Path(name), name, fast), YamlFile(Path(name), name, own)
    for keys in paths(plain(own)):
        for at_key in (False, True):
            assert ours.locate(keys, at_key) == theirs.locate(keys, at_key), keys


def test_the_plans_and_fixtures_take_the_fast_path() -> None:
    """Only the hostile corpus and a few importer expectations (an empty value before a comment) do not."""
    ordinary = [
        path
        for path in FILES
        if path.parts[0] == "plans" or path.parts[:2] == ("tests", "fixtures")
    ]
    assert len(ordinary) > 25
    for path in ordinary:
        yamlfile._fast_load((ROOT / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\na: 2\n",
        "a:  # empty, with a comment\nb: 1\n",
        "a: [1, 2\n",
        "# nothing\n",
        "{1: [a]: b}\n",
    ],
)
def test_the_unusual_goes_to_ruamel(text: str) -> None:
    with pytest.raises(Unusual):
        yamlfile._fast_load(text)


def test_yaml_1_2_values() -> None:
    """YAML 1.2 as ruamel reads it, not PyYAML's 1.1: yes, on and 0777 stay what they say."""
    text = "a: yes\nb: on\nc: 0777\nd: 1.50\ne: 2021-12-01\nf: ~\ng: 0o17\nh: .inf\n"
    fast, own = yamlfile._fast_load(text), yamlfile._ruamel().load(text)
    assert repr(plain(fast)) == repr(plain(own))
    assert plain(fast)["a"] == "yes" and plain(fast)["d"].text == "1.50"
    assert compose(text).value[0][0].start_mark.line == 0


def same_as_ruamel(text: str) -> None:
    """The fast reading is Unusual, or has ruamel's data and locations; it never raises anything else."""
    try:
        fast = yamlfile._fast_load(text)
    except Unusual:
        return
    own = yamlfile._ruamel().load(text)
    assert repr(plain(fast)) == repr(plain(own))
    ours, theirs = YamlFile(Path("x"), "x", fast), YamlFile(Path("x"), "x", own)
    for keys in paths(plain(own)):
        for at_key in (False, True):
            assert ours.locate(keys, at_key) == theirs.locate(keys, at_key), (text, keys)


@pytest.mark.parametrize(
    "text",
    [
        "---\n",
        "--- \n",
        "---",
        "--- # c\n",
        "---\n# c\n",
        "? a\n",
        "b: 1\n? a",
        "? a: x\n",
        "- \n- a\n",
        "a:\n  - b\n  -\n  - c\n",
        "a: {b: }\n",
        "a: {b: # c\n  }\n",
        "a:",
        "x: 1\nc:  ",
        "a:\n  b:\nc: 1\n",
        "a:\tb\n",
        "a: 1\t# c\n",
        "- " * 800 + "x\n",
    ],
)
def test_what_the_review_found_reads_as_ruamel_reads_it(text: str) -> None:
    """An empty document or value, an explicit key, a tab, deep nesting: never a crash, never another
    location or value than ruamel's (ruamel reads them itself)."""
    try:
        yamlfile._ruamel().load(text)
    except Exception:  # noqa: BLE001 - ruamel refuses it: so must the fast path (Unusual)
        with pytest.raises(Unusual):
            yamlfile._fast_load(text)
        return
    same_as_ruamel(text)


def test_the_old_messages_stay() -> None:
    from plancraft.diagnostics import Diagnostics

    for text, message in [
        ("---\n", "empty"),
        ("- " * 800 + "x\n", "nests too deeply"),
        ("a:\tb\n", "tab"),
    ]:
        diagnostics = Diagnostics()
        assert yamlfile._parse(Path("x.yaml"), "x.yaml", text, diagnostics) is None
        assert message in diagnostics.items[0].message, text


LINES = st.lists(
    st.tuples(
        st.sampled_from(["", "  ", "    "]),
        st.sampled_from(
            [
                "a:",
                "b:",
                "- ",
                "-",
                "c: 1",
                "d: 1.50",
                "e: '引号'",
                "f: [1, 2]",
                "g: {h: }",
                "i: yes",
                "j: ~",
                "- k: 2",
                "l: |",
                "  text",
                "? m",
                "# note",
                "n: \t1",
                "---",
            ]
        ),
        st.sampled_from(["", " # c", "  "]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=600, deadline=None)
@given(LINES, st.booleans())
def test_generated_documents(lines: list[tuple[str, str, str]], final_newline: bool) -> None:
    text = "\n".join(indent + body + tail for indent, body, tail in lines) + (
        "\n" if final_newline else ""
    )
    try:
        yamlfile._ruamel().load(text)
    except Exception:  # noqa: BLE001
        try:
            yamlfile._fast_load(text)
        except Unusual:
            return
        raise AssertionError(f"ruamel refuses {text!r}, the fast path reads it") from None
    same_as_ruamel(text)
