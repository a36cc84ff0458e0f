"""Real published plans (tests/importer/real): import each and score it against what its source states.

The floors below are what the importer achieved when they were last raised; they are a ratchet and are
never lowered. `pytest -s` prints the per-document table.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from plancraft.importer import import_into
from tests.importer.real.score import Score, body_text, load_expected, score, table

pytestmark = pytest.mark.slow

REAL = Path(__file__).parent / "real"
ROOT = Path(__file__).parents[2]
DOCUMENTS = sorted(path.name for path in REAL.iterdir() if (path / "expected.yaml").is_file())

# document: (outline %, title, issuer, period, indicator rows typed %); None: not stated in the source
FLOORS: dict[str, tuple[float, bool | None, bool | None, bool | None, float]] = {
    "beijing-minzheng": (100, None, None, True, 100),
    "chaoyang-minzheng": (100, None, None, True, 100),
    "dangnei-fagui": (100, True, True, True, 100),
    "dangyuan-jiaoyu": (100, True, True, True, 100),
    "ganbu-jiaoyu": (100, True, True, True, 100),
    "guojia-gangyao-11": (100, True, None, True, 100),
    "guojia-gangyao-12": (100, True, None, True, 100),
    "guojia-gangyao-13": (100, True, None, True, 100),
    "guojia-gangyao-14": (100, True, None, True, 100),
    "guojia-gangyao-15": (100, True, None, True, 100),
    "jiaotong-keji": (100, True, True, True, 100),
    "jiaotong-qiangguo": (100, True, True, None, 100),
    "jiaoyu-qiangguo": (100, True, True, True, 100),
    "mentougou-minzheng": (100, True, True, True, 100),
    "nongye-qiangguo": (100, True, True, True, 100),
    "tongzhou-minzheng": (100, True, True, True, 100),
    "xiangcun-zhenxing": (100, True, True, True, 100),
    "zhongyang-jianyi-14": (100, True, True, True, 100),
    "zhongyang-jianyi-15": (100, True, True, True, 100),
    "zhushan-minzheng": (100, True, None, True, 100),
}


class Details(NamedTuple):
    """Floors for what the newer expected.yaml files also state."""

    date: bool | None
    """Whether the stated date must be found (None: the source states none)."""
    furniture_kept: int
    """At most this many listed furniture strings may survive in the body."""
    passages_kept: int
    """At least this many listed passages must survive in the body."""
    levels_right: int
    """At least this many outline levels must hold exactly the stated number of headings."""


DETAILS: dict[str, Details] = {
    "beijing-minzheng": Details(None, 0, 0, 2),
    "chaoyang-minzheng": Details(None, 0, 0, 2),
    "dangnei-fagui": Details(True, 0, 2, 2),
    "dangyuan-jiaoyu": Details(True, 0, 2, 2),
    "ganbu-jiaoyu": Details(True, 0, 2, 2),
    "guojia-gangyao-11": Details(True, 0, 4, 3),
    "guojia-gangyao-12": Details(None, 0, 2, 3),
    "guojia-gangyao-13": Details(True, 0, 2, 3),
    "guojia-gangyao-14": Details(True, 0, 3, 3),
    "guojia-gangyao-15": Details(True, 0, 2, 3),
    "jiaotong-keji": Details(None, 0, 0, 2),
    "jiaotong-qiangguo": Details(None, 0, 0, 2),
    "jiaoyu-qiangguo": Details(True, 0, 2, 2),
    "mentougou-minzheng": Details(None, 0, 0, 2),
    "nongye-qiangguo": Details(True, 0, 2, 2),
    "tongzhou-minzheng": Details(None, 0, 0, 2),
    "xiangcun-zhenxing": Details(True, 0, 2, 2),
    "zhongyang-jianyi-14": Details(True, 0, 2, 2),
    "zhongyang-jianyi-15": Details(True, 0, 2, 2),
    "zhushan-minzheng": Details(None, 0, 0, 2),
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    folder = tmp_path_factory.mktemp("real")
    found: dict[str, Score] = {}
    for name in DOCUMENTS:
        expected = load_expected(REAL / name)
        repairs = expected.get("repairs") or {}
        _, loaded = import_into(ROOT / expected["source"], folder / name, replacements=repairs)
        assert loaded is not None, name
        found[name] = score(expected, loaded.plan, body_text(folder / name))
    print("\n" + table(found))
    return found


def test_every_document_has_a_floor() -> None:
    assert sorted(FLOORS) == DOCUMENTS


@pytest.mark.parametrize("name", DOCUMENTS)
def test_import_holds_its_floor(scores: dict[str, Score], name: str) -> None:
    outline, title, issuer, period, indicators = FLOORS[name]
    got = scores[name]
    assert got.outline_pct >= outline
    for what, right, floor in zip(
        ("title", "issuer", "period"), (got.title, got.issuer, got.period), (title, issuer, period)
    ):
        assert right or not floor, what
    assert got.indicators_pct >= indicators
    details = DETAILS.get(name)
    if details is not None:
        assert got.date or not details.date, "date"
        assert got.furniture_kept <= details.furniture_kept
        assert got.passages_kept >= details.passages_kept
        assert got.levels_right >= details.levels_right
