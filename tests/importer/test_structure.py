"""Numbered headings, run-ins, boxes, page-break repairs and roles."""

from __future__ import annotations

from plancraft.compile.numbering import parse_chinese
from plancraft.importer.blocks import Line
from plancraft.importer.outline import repair_slips
from plancraft.importer.structure import BoxNode, Document, Node, Para, build_body, repair_breaks


def _body(*texts: str, style: str = "parts") -> Document:
    document = Document(style=style)
    build_body(document, [Line(n, text) for n, text in enumerate(texts, start=1)])
    return document


def test_parse_chineses() -> None:
    assert [parse_chinese(t) for t in ("一", "十", "十二", "二十三", "7", "五十")] == [
        1,
        10,
        12,
        23,
        7,
        50,
    ]
    assert parse_chinese("abc") is None


def test_parts_levels_and_run_in() -> None:
    document = _body(
        "第一部分  规划背景",
        "一、发展基础",
        "（一）设计更加科学。树立理念。",
        "1.健全制度。积极推动。",
        "段落。",
    )
    part = document.outline[0]
    assert part.title == "规划背景" and part.level == 1
    section = part.subnodes[0].subnodes[0]
    assert (section.title, section.run_in) == ("设计更加科学。", "树立理念。")
    item = section.subnodes[0]
    assert (item.level, item.title, item.run_in) == (4, "健全制度。", "积极推动。")
    assert isinstance(item.children[0], Para)


def test_typed_number_slips_are_reported_and_fixed() -> None:
    lines = [
        Line(n, text) for n, text in enumerate(("第一部分 甲", "第2部分 乙", "一、丙", "2、丁"), 1)
    ]
    repair_slips(lines, notes := [])
    document = Document(style="parts", notes=notes)
    build_body(document, lines)
    assert [node.title for node in document.outline] == ["甲", "乙"]
    assert [node.title for node in document.outline[1].subnodes] == ["丙", "丁"]
    lines = [note.line for note in document.notes]
    assert 2 in lines and 4 in lines


def test_a_skipped_level_is_numbered_one_level_down_and_reported() -> None:
    document = _body("第一部分 甲", "一、乙", "1.丙")
    assert document.outline[0].subnodes[0].subnodes[0].level == 3
    assert any("skips a level" in note.message for note in document.notes)


def test_boxes_collect_their_items_until_the_next_heading() -> None:
    document = _body(
        "第一章 甲",
        "第一节 乙",
        "专栏1：救助工程",
        "1.提升能力",
        "整合资源。",
        "2.建设设施",
        "利用设施。",
        "第二节 丙",
        style="chapters",
    )
    chapter = document.outline[0]
    box = chapter.subnodes[0].children[0]
    assert isinstance(box, BoxNode) and box.title == "救助工程"
    assert [item.title for item in box.children if isinstance(item, Node)] == [
        "提升能力",
        "建设设施",
    ]
    assert [node.title for node in chapter.subnodes] == ["乙", "丙"]


def test_page_break_repairs() -> None:
    notes: list = []
    blocks = repair_breaks(
        [
            Line(1, "（二）新时期的发展形势对副中心民政工作提出了更高"),
            Line(2, "要求"),
            Line(
                3,
                "严格执行困难残疾人生活补贴和重度残疾人护理补贴制度实施办法，建立工作小组，设立了审",
            ),
            Line(4, "核、审批和监管三个环节。"),
            Line(5, "第二部分 总体要求"),
        ],
        notes,
    )
    assert [block.text for block in blocks] == [
        "（二）新时期的发展形势对副中心民政工作提出了更高要求",
        "严格执行困难残疾人生活补贴和重度残疾人护理补贴制度实施办法，建立工作小组，设立了审核、审批和监管三个环节。",
        "第二部分 总体要求",
    ]
    assert [note.line for note in notes] == [2, 4]
