"""Heading levels by how the numbering styles nest, never by how often a style occurs (#23 item 4)."""

from __future__ import annotations

from pathlib import Path

from plancraft.importer.blocks import Line
from plancraft.importer.outline import decide, repair_slips, typed_numbers
from plancraft.importer.patterns import heading_kind
from plancraft.importer.run import import_document
from plancraft.importer.structure import Note


def _lines(text: str) -> list[Line]:
    return [Line(number, line) for number, line in enumerate(text.strip().splitlines(), start=1)]


RUN_ON = """
一、指导思想
坚持以人民为中心。
二、主要任务
（一）健全社会救助体系
1.完善救助制度。健全分层分类的社会救助体系。
2.加强急难救助。全面实施临时救助。
3.提升救助水平。推进城乡救助统筹。
4.推进智慧救助。建设救助信息平台。
（二）提升养老服务能力
5.扩大养老服务供给。新增养老床位。
6.发展社区养老。建设街道养老照料中心。
7.推进医养结合。支持养老机构设立医务室。
（三）加强儿童福利保障
8.完善儿童福利制度。健全孤儿保障标准。
9.加强未成年人保护。建设未成年人保护工作站。
三、保障措施
（一）加强组织领导
（二）强化资金保障
"""


def test_a_low_level_numbered_on_across_its_parents_is_no_heading_level() -> None:
    outline = decide(typed_numbers(_lines(RUN_ON)))
    assert outline.kinds == ("cn", "paren-cn") and outline.paragraphs == ("arabic",)
    assert outline.breaks == 0


def test_run_on_numbers_are_kept_as_printed(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("某区“十四五”时期民政事业发展规划\n" + RUN_ON, encoding="utf-8")
    result = import_document(source, tmp_path / "out")
    assert not result.diagnostics.errors
    text = (tmp_path / "out" / "text" / "tasks.md").read_text(encoding="utf-8")
    assert "5\\.扩大养老服务供给。" in text and "9\\.加强未成年人保护。" in text
    assert "# 提升养老服务能力 {#tasks-h2}" in text and "## " not in text


def test_a_frequent_low_level_before_the_body_is_not_taken_as_the_top() -> None:
    text = (
        "各街道办事处，区政府各委、办、局：\n"
        + "\n".join(f"{n}.现将有关事项通知如下第{n}项。" for n in range(1, 9))
        + "\n第一部分 发展基础\n一、主要成就\n二、面临形势\n第二部分 总体要求\n"
        "一、指导思想\n二、发展目标\n第三部分 主要任务\n一、健全救助体系\n1.完善制度\n2.加强救助\n"
        "二、发展养老服务\n1.扩大供给\n"
    )
    outline = decide(typed_numbers(_lines(text)))
    assert outline.kinds == ("part", "cn", "arabic") and outline.style == "parts"


def test_a_full_width_colon_after_the_part_number_is_no_part_of_the_title() -> None:
    numbers = typed_numbers(
        _lines("第一部分：规划背景\n一、发展基础\n第二部分：总体要求\n一、指导思想")
    )
    assert [item.kind for item in numbers] == ["part", "cn", "part", "cn"]
    assert [
        heading_kind(line.text) for line in _lines("第一部分：规划背景\n第二部分: 总体要求")
    ] == [
        ("part", "规划背景"),
        ("part", "总体要求"),
    ]


def test_arabic_numbers_with_a_comma_are_the_level_below_the_paren_numbers() -> None:
    text = (
        "一、发展基础\n（一）主要成就\n1、社会救助兜底保障更加有力\n2、养老服务体系不断完善\n"
        "（二）面临形势\n1、人口老龄化加速\n2、群众需求多样化\n二、总体要求\n（一）指导思想\n"
    )
    lines = _lines(text)
    notes: list[Note] = []
    repair_slips(lines, notes)
    outline = decide(typed_numbers(lines))
    assert outline.kinds == ("cn", "paren-cn", "arabic") and outline.breaks == 0
    assert not notes and lines[2].text.startswith("1、")


def test_a_five_with_a_comma_after_four_is_read_as_the_fifth_part() -> None:
    text = (
        "一、发展基础\n二、发展环境\n三、总体要求\n四、主要任务\n（一）健全体系\n"
        "5、 统筹民政领域发展与安全\n（一）防范风险"
    )
    lines = _lines(text)
    notes: list[Note] = []
    repair_slips(lines, notes)
    assert lines[5].text == "五、统筹民政领域发展与安全" and notes[0].line == 6
    assert decide(typed_numbers(lines)).kinds == ("cn", "paren-cn")


def test_a_stray_top_level_number_late_in_the_text_does_not_take_the_top() -> None:
    text = (
        "一、发展基础\n（一）主要成就\n（二）面临形势\n二、总体要求\n（一）指导思想\n（二）发展目标\n"
        "三、主要任务\n（一）健全救助体系\n四、保障措施\n（一）加强组织领导\n附件\n第一部分 城市更新行动计划\n"
    )
    outline = decide(typed_numbers(_lines(text)))
    assert outline.kinds[:2] == ("cn", "paren-cn")
