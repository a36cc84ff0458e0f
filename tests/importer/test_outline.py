"""Heading levels decided from the typed numbers, and the page furniture and 目录 dropped before."""

from __future__ import annotations

import pytest

from plancraft.importer.blocks import Line
from plancraft.importer.cleanup import clean_blocks
from plancraft.importer.outline import LevelsError, decide, parse_levels, typed_numbers
from plancraft.importer.toc import toc_entry


def _lines(text: str) -> list[Line]:
    return [Line(number, line) for number, line in enumerate(text.strip().splitlines(), start=1)]


@pytest.mark.parametrize(
    ("text", "kinds", "style"),
    [
        (
            "一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅\n1.卯\n2.辰",
            ("cn", "paren-cn", "arabic"),
            "cn",
        ),
        (
            "第一章 甲\n一、子\n二、丑\n第二章 乙\n一、寅\n（一）卯",
            ("chapter", "cn", "paren-cn"),
            "chapters-cn",
        ),
        ("第一部分 甲\n一、子\n（一）丑\n第二部分 乙\n一、寅", ("part", "cn", "paren-cn"), "parts"),
        (
            "第一章 甲\n第一节 子\n一、丑\n第二章 乙\n第一节 寅",
            ("chapter", "section", "cn"),
            "chapters",
        ),
        (
            "第一篇 甲\n第一章 子\n第一节 丑\n第二章 寅\n第二篇 乙\n第三章 卯\n第一节 辰\n一、巳",
            ("volume", "chapter", "section", "cn"),
            "volumes",
        ),
    ],
)
def test_levels_follow_the_numbers_that_restart_under_their_parent(
    text: str, kinds: tuple, style: str
) -> None:
    outline = decide(typed_numbers(_lines(text)))
    assert outline.kinds == kinds and outline.style == style and outline.breaks == 0


def test_levels_can_be_stated_and_bad_ones_are_refused() -> None:
    assert parse_levels("章,一,（一）") == ("chapter", "cn", "paren-cn")
    assert parse_levels("部分，一，(一)，1") == ("part", "cn", "paren-cn", "arabic")
    assert parse_levels("篇,章,节") == ("volume", "chapter", "section")
    with pytest.raises(LevelsError):
        parse_levels("章,甲")
    stated = decide(typed_numbers(_lines("一、甲\n（一）子\n二、乙")), ("paren-cn", "cn"))
    assert stated.stated and stated.breaks > 0


def test_box_items_are_not_heading_levels() -> None:
    outline = decide(
        typed_numbers(_lines("第一章 甲\n第一节 子\n专栏1：工程\n1.项目\n2.项目\n第二节 丑"))
    )
    assert outline.kinds == ("chapter", "section")


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("第一节 发展基础1", "第一节发展基础"),
        ("一、指导思想……………………3", "一、指导思想"),
        ("第二部分 总体要求 .......... 12", "第二部分总体要求"),
        ("前 言", "前言"),
        ("这是一句话。", None),
    ],
)
def test_toc_entries_lose_their_leaders_and_page_numbers(line: str, entry: str | None) -> None:
    assert toc_entry(line) == entry


def test_toc_page_numbers_and_running_headers_are_dropped() -> None:
    text = (
        "某区规划\n目 录\n前言1\n第一部分 背景2\n一、基础……3\n第二部分 任务 5\n前言\n"
        "正文一句。\n— 5 —\n某区规划\n"
        "第一部分 背景\n-6-\n某区规划\n一、基础\n第7页 共40页\n某区规划\n第二部分 任务\n正文。"
    )
    notes: list = []
    cleaned = clean_blocks(_lines(text), notes)
    assert [b.text for b in cleaned.blocks] == [
        "某区规划",
        "前言",
        "正文一句。",
        "第一部分 背景",
        "一、基础",
        "第二部分 任务",
        "正文。",
    ]
    assert len(cleaned.toc) == 4 and any("目录" in note.message for note in notes)


def test_portal_furniture_is_dropped_with_a_note_keeping_what_it_states() -> None:
    text = (
        "发布时间：2022-08-24 10:20 来源：禄丰市人民政府 浏览次数：123 【字体：大 中 小】\n正文。\n"
        "【打印本页】 【关闭窗口】\n扫一扫在手机打开当前页\n分享到：微信 微博\n数据来源：统计局。"
    )
    notes: list = []
    cleaned = clean_blocks(_lines(text), notes)
    assert [b.text for b in cleaned.blocks] == [
        "来源：禄丰市人民政府",
        "发布日期：2022-08-24",
        "正文。",
        "数据来源：统计局。",
    ]
    assert len(notes) == 4


def test_a_toc_ends_where_an_entry_comes_again() -> None:
    text = (
        "目录\n前言……1\n第一部分 背景……2\n第二部分 任务……5\n"
        "第一部分 背景\n正文一句。\n第二部分 任务\n正文。"
    )
    cleaned = clean_blocks(_lines(text), [])
    assert [b.text for b in cleaned.blocks][:2] == ["第一部分 背景", "正文一句。"]
