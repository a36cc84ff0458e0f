"""Cleanup of imported text: a 目录 is dropped in time linear in its length."""

from __future__ import annotations

import pytest

from plancraft.importer import toc
from plancraft.importer.blocks import Line
from plancraft.importer.cleanup import drop_portal_furniture


def test_a_long_toc_is_dropped_with_work_linear_in_its_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 10,000-line 目录 made import quadratic (each entry compared with every earlier one)."""
    count = 10_000
    blocks = [Line(1, "目录"), Line(2, "第一部分 规划背景……1")]
    blocks += [Line(n + 2, f"第{n}章 第{n}项任务安排……{n}") for n in range(1, count + 1)]
    blocks.append(Line(count + 3, "第一部分 规划背景"))
    blocks.append(Line(count + 4, "形势复杂。"))
    calls = 0
    key = toc._key

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return key(text)

    monkeypatch.setattr(toc, "_key", counted)
    notes: list = []
    cleaned = toc.drop_toc(blocks, notes)
    assert len(cleaned.toc) == count + 1
    assert [b.text for b in cleaned.blocks if isinstance(b, Line)] == [
        "第一部分 规划背景",
        "形势复杂。",
    ]
    assert calls <= 3 * (count + 2)


def test_a_news_dateline_is_furniture_and_a_saved_page_comment_gives_the_date() -> None:
    blocks = [
        Line(1, "<!-- 2021-03-13 07:16 来源： 新华社 -->"),
        Line(2, "新华社北京3月12日电"),
        Line(3, "新华社北京9月19日电 近日，中共中央、国务院印发了《交通强国建设纲要》。"),
    ]
    kept = drop_portal_furniture(blocks, [])
    assert [b.text for b in kept if isinstance(b, Line)] == [
        "发布日期：2021-03-13",
        "新华社北京9月19日电 近日，中共中央、国务院印发了《交通强国建设纲要》。",
    ]
