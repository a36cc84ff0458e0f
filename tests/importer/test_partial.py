"""Notice metadata, partial drafts, --parent rows, --levels and the new numbering styles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.cli import main
from plancraft.compile.numbering import LEVELS, label
from plancraft.importer import import_into
from plancraft.importer.blocks import Line
from plancraft.importer.front import parse_date, read_front
from plancraft.importer.structure import Document
from plancraft.source.model import NUMBERING_STYLES
from tests.conftest import PLANS

DRAFT = "示范区养老服务发展规划\n第一部分 规划背景\n一、发展基础\n养老服务体系更加完善。\n"


def test_the_plan_numbering_styles_are_the_numbering_modules() -> None:
    assert set(NUMBERING_STYLES) == set(LEVELS) - {"box"}
    assert [
        label("cn", 1, 3),
        label("cn", 2, 2),
        label("chapters-cn", 1, 2),
        label("chapters-cn", 2, 4),
    ] == ["三、", "（二）", "第二章", "四、"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("二〇二二年八月二十四日", "2022-08-24"),
        ("2022年8月24日", "2022-08-24"),
        ("2021年12月", "2021-12"),
        ("2022-08-24", "2022-08-24"),
        ("2022/8/4", "2022-08-04"),
        ("二〇二二年十三月一日", None),
    ],
)
def test_dates_in_chinese_or_arabic(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_notice_metadata_in_its_usual_forms() -> None:
    document = Document()
    lines = [
        "禄丰市人民政府关于印发《禄丰市“十四五”民政事业发展规划（2021—2025年》的通知",
        "禄政通[2022]24号",
        "索引号：11532331/2022-00012 发布机构：禄丰市人民政府",
        "成文日期：二〇二二年八月二十四日",
        "禄丰市“十四五”民政事业发展规划（2021—2025年",
        "2022年6月",
    ]
    read_front(document, [Line(n, text) for n, text in enumerate(lines, start=1)])
    assert document.meta["doc_number"] == "禄政通〔2022〕24号"
    assert document.meta["written"] == "2022-08-24" and document.meta["issuer"] == "禄丰市人民政府"
    messages = [(note.line, note.message) for note in document.notes]
    assert any(line == 5 and "mismatched brackets in the title" in text for line, text in messages)
    assert any("索引号" in text for _, text in messages)
    mismatched = Document()
    read_front(mismatched, [Line(1, "禄政通〔2022]24号")])
    assert mismatched.meta["doc_number"] == "禄政通〔2022〕24号"
    assert "mismatched brackets" in mismatched.notes[0].message


def test_a_partial_draft_builds_with_placeholders_that_strict_catches(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_text("第一部分 规划背景\n一、发展基础\n养老服务体系更加完善。\n", encoding="utf-8")
    result, loaded = import_into(source, tmp_path / "plans" / "draft")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    assert [section.role for section in loaded.plan.outline] == [
        "background",
        "requirements",
        "tasks",
        "safeguards",
    ]
    assert (
        loaded.plan.meta.issuer == "【待填写：发文单位】"
        and loaded.plan.meta.title == "【待填写：规划标题】"
    )
    assert any(d.code == "import-partial" for d in result.diagnostics.warnings)
    strict = CliRunner().invoke(main, ["validate", "--strict", str(tmp_path / "plans" / "draft")])
    assert strict.exit_code == 1 and "【待填写：保障措施】" in strict.output


def test_parent_rows_are_copied_when_the_document_has_no_indicator_table(tmp_path: Path) -> None:
    shutil.copytree(PLANS / "beijing", tmp_path / "plans" / "beijing")
    source = tmp_path / "draft.txt"
    source.write_text(DRAFT, encoding="utf-8")
    result, loaded = import_into(source, tmp_path / "plans" / "draft", parent="beijing")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    rows = loaded.plan.indicators.indicators
    assert len(rows) > 10 and all("【待填写：上级规划" in row.target.text for row in rows)


def test_levels_can_be_stated_on_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_text(
        "示范区养老服务发展规划\n第一章 规划背景\n一、发展基础\n（一）体系完善\n"
        "养老服务体系更加完善。\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(
        main, ["import", str(source), "-o", str(tmp_path / "a"), "--levels", "章,一,（一）"]
    )
    assert run.exit_code == 0, run.output
    assert "as --levels states" in run.output and "chapters-cn" in run.output
    bad = CliRunner().invoke(
        main, ["import", str(source), "-o", str(tmp_path / "b"), "--levels", "章,甲"]
    )
    assert bad.exit_code == 1 and "'甲' is not a heading level" in bad.output


def test_a_doc_number_closing_a_line_is_read() -> None:
    document = Document()
    read_front(document, [Line(1, "禄丰市人民政府文件 禄政通〔2022〕24号")])
    assert document.meta["doc_number"] == "禄政通〔2022〕24号"


def test_a_plan_of_another_structure_keeps_its_own_parts_and_validates(tmp_path: Path) -> None:
    """A plan opening with 总体要求 (its background in the opening lines) gets no placeholder parts."""
    source = tmp_path / "plan.txt"
    source.write_text(
        "某某工作规划（2024—2028年）\n为加强某某工作，制定本规划。\n一、总体要求\n坚持稳中求进。\n"
        "二、夯实基础\n完善制度。\n三、强化培训\n分级培训。\n四、深化改革\n创新方法。\n"
        "五、全党团结起来\n为实现目标而奋斗。\n",
        encoding="utf-8",
    )
    result, loaded = import_into(source, tmp_path / "plans" / "plan")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    assert [part.title for part in loaded.plan.outline] == [
        "总体要求",
        "夯实基础",
        "强化培训",
        "深化改革",
        "全党团结起来",
    ]
    assert [part.role for part in loaded.plan.outline] == [
        "requirements",
        "background",
        "tasks",
        "tasks",
        "safeguards",
    ]
    assert any("by its place" in str(d.message) for d in result.diagnostics.warnings)
