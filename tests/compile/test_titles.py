"""Title words: jieba's segmentation, from the dictionary read for one title only."""

from __future__ import annotations

import logging

import jieba
import pytest

from plancraft.compile.titles import _title_entries, _words

TITLES = (
    "关于印发《北京城市副中心（通州区）“十四五”时期民政事业发展规划》的通知",
    "朝阳区“十四五”时期民政与社会福利事业发展规划",
    "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
    "北京市人民政府关于印发《北京市“十四五”时期交通发展建设规划》的通知",
    "上海市国民经济和社会发展第十五个五年规划纲要（草案）",
    "Beijing 2025 AI-计划 [试行] a\\b^c",
)


@pytest.mark.parametrize("title", TITLES)
def test_words_are_jiebas(title: str) -> None:
    jieba.setLogLevel(logging.WARNING)
    assert list(_words(title)) == jieba.lcut(title, HMM=False)


def test_entries_hold_only_what_the_title_can_look_up() -> None:
    entries = _title_entries("民政事业发展规划")
    assert entries["民政"] > 0 and entries["规划"] > 0
    assert all(word in "民政事业发展规划" for word in entries)
    assert all(word[:end] in entries for word in entries for end in range(1, len(word)))
    assert "社会" not in entries
