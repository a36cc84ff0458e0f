from __future__ import annotations

import pytest

from plancraft.compile import numbering


@pytest.mark.parametrize(
    "number, text",
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
    ],
)
def test_chinese_numerals(number: int, text: str) -> None:
    assert numbering.chinese(number) == text


def test_chinese_numerals_reject_zero() -> None:
    with pytest.raises(ValueError):
        numbering.chinese(0)


@pytest.mark.parametrize(
    "style, depth, number, text",
    [
        ("parts", 1, 2, "第二部分"),
        ("parts", 2, 3, "三、"),
        ("parts", 3, 12, "（十二）"),
        ("parts", 4, 4, "4."),
        ("parts", 5, 2, "（2）"),
        ("chapters", 1, 5, "第五章"),
        ("chapters", 2, 2, "第二节"),
        ("chapters", 3, 1, "一、"),
        ("chapters", 6, 3, "（3）"),
        ("volumes", 1, 3, "第三篇"),
        ("volumes", 2, 12, "第十二章"),
        ("volumes", 3, 2, "第二节"),
        ("volumes", 4, 1, "一、"),
        ("volumes", 7, 2, "（2）"),
        ("box", 1, 2, "2."),
        ("box", 2, 1, "（1）"),
    ],
)
def test_labels(style: str, depth: int, number: int, text: str) -> None:
    assert numbering.label(style, depth, number) == text


@pytest.mark.parametrize(
    "heading, typed",
    [
        ("第2部分 总体要求", "第2部分"),
        ("第二章 任务", "第二章"),
        ("5、 统筹民政领域发展与安全", "5、"),
        ("（一）发展机遇", "（一）"),
        ("(一) 发展机遇", "(一)"),
        ("一、指导思想", "一、"),
        ("1.健全制度", "1."),
        ("专栏1：工程", "专栏1"),
        ("第5节 人才", "第5节"),
        ("第三篇 创新", "第三篇"),
    ],
)
def test_typed_numbers_are_found(heading: str, typed: str) -> None:
    assert numbering.typed_number(heading) == typed


@pytest.mark.parametrize(
    "heading", ["发展基础", "2025年目标", "“十四五”时期总体要求", "4.8万张床位"]
)
def test_ordinary_titles_are_not_typed_numbers(heading: str) -> None:
    assert numbering.typed_number(heading) is None


def test_every_printed_number_reads_back() -> None:
    for number in range(1, numbering.MAX_NUMBER + 1):
        assert numbering.parse_chinese(numbering.chinese(number)) == number
    assert [numbering.parse_chinese(text) for text in ("二〇", "7", "一百零五", "abc", "")] == [
        20,
        7,
        105,
        None,
        None,
    ]


def test_heading_kinds_follow_the_style() -> None:
    assert [numbering.heading_kind("parts", depth) for depth in (1, 2, 3)] == [
        "part",
        "cn",
        "paren-cn",
    ]
    assert [numbering.heading_kind("chapters", depth) for depth in (1, 2, 3)] == [
        "chapter",
        "section",
        "cn",
    ]
    assert numbering.label("chapters", 2, 12) == "第十二节"


def test_only_the_chapters_of_volumes_run_on_across_their_parents() -> None:
    assert [numbering.runs_on("volumes", depth) for depth in (1, 2, 3, 8)] == [
        False,
        True,
        False,
        False,
    ]
    assert not numbering.runs_on("chapters", 1)
