"""libyaml's parse into ruamel's nodes gives the data and locations of ruamel's own parse, on every
YAML file of the plans and tests, and hands anything unusual to ruamel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
