"""A 专栏 holding a table keeps it, as a table inside the box, in every form a copy gives it (#23 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from plancraft.api import load
from plancraft.importer import import_into
from plancraft.source.model import Box, Placement
from tests.importer.drawn_pdf import DrawnPage, draw

HEAD = "某区“十四五”时期消防事业发展规划\n一、发展基础\n全区消防救援能力明显提升。\n二、主要任务\n"
TASK = "（一）完善消防基础设施\n推进消防站建设，补齐基础设施短板。\n专栏1 “十四五”时期消防基础设施重点项目\n"
TAIL = "（二）提升火灾防控能力\n强化重点场所消防安全管理。\n三、保障措施\n加强组织领导。\n"
ROWS = [
    ("序号", "项目名称", "建设内容", "建设期限"),
    ("1", "新建消防救援站", "新建特勤消防站1座、普通消防站2座", "2021—2023年"),
    ("2", "市政消火栓建设", "新建市政消火栓300个", "2021—2025年"),
    ("3", "消防训练基地", "建设综合性消防训练基地1处", "2022—2024年"),
]
MARKDOWN = (
    "# 某区“十四五”时期消防事业发展规划\n\n## 一、发展基础\n\n全区消防救援能力明显提升。\n\n"
    "## 二、主要任务\n\n### （一）完善消防基础设施\n\n推进消防站建设，补齐基础设施短板。\n\n"
    "**专栏1 “十四五”时期消防基础设施重点项目**\n\n"
    + "".join(
        f"| {' | '.join(row)} |\n" + ("|---|---|---|---|\n" if n == 0 else "")
        for n, row in enumerate(ROWS)
    )
    + "\n### （二）提升火灾防控能力\n\n强化重点场所消防安全管理。\n\n## 三、保障措施\n\n加强组织领导。\n"
)


def _box_table(tmp_path: Path, source: Path) -> list[list[str]]:
    result, loaded = import_into(source, tmp_path / "plan")
    assert loaded is not None and loaded.ok, result.diagnostics.errors
    tasks = next(part for part in load(tmp_path / "plan").plan.outline if part.role == "tasks")
    box = next(item for item in tasks.sections[0].content if isinstance(item, Box))
    placed = [item for item in box.content if isinstance(item, Placement)]
    assert [item.kind for item in placed] == ["table"]
    table = YAML(typ="safe").load(
        (tmp_path / "plan" / "tables" / f"{placed[0].target}.yaml").read_text("utf-8")
    )
    return [[str(cell) for cell in row] for row in table["header"] + table["rows"]]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("tabbed.txt", HEAD + TASK + "".join("\t".join(row) + "\n" for row in ROWS) + TAIL),
        ("web.txt", HEAD + TASK + "".join(cell + "\n" for row in ROWS for cell in row) + TAIL),
        ("web.md", MARKDOWN),
    ],
    ids=["tabbed", "one-cell-per-paragraph", "markdown"],
)
def test_a_box_keeps_its_table(tmp_path: Path, name: str, text: str) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert _box_table(tmp_path, source) == [list(row) for row in ROWS]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "text-columns"])
def test_a_pdf_box_keeps_its_table(tmp_path: Path, ruled: bool) -> None:
    page = DrawnPage()
    y = page.column(72, 80, ["某区“十四五”时期消防事业发展规划"], size=16) + 10
    y = page.column(72, y, (HEAD + TASK).splitlines()[1:])
    top = y - 15
    for row in ROWS:
        for x, cell in zip((76, 120, 228, 432), row):
            page.text(x, y, cell, size=10.5)
        y += 22
    if ruled:
        for i in range(len(ROWS) + 1):
            page.rule(72, top + 22 * i, 524, top + 22 * i)
        for x in (72, 116, 224, 428, 524):
            page.rule(x, top, x, top + 22 * len(ROWS))
    page.column(72, y + 10, TAIL.splitlines())
    source = draw(tmp_path / "plan.pdf", [page])
    assert _box_table(tmp_path, source) == [list(row) for row in ROWS]


def test_a_box_holding_the_main_indicator_table_places_it_in_the_box(tmp_path: Path) -> None:
    table = [
        ("序号", "指标名称", "单位", "2020年", "2025年", "指标属性"),
        ("1", "消防救援站", "座", "12", "18", "约束性"),
        ("2", "市政消火栓", "个", "2100", "2400", "预期性"),
    ]
    text = (
        HEAD.replace("二、主要任务\n", "二、发展目标\n")
        + "到2025年，全区消防安全形势持续稳定。\n专栏1 “十四五”时期消防事业发展主要指标\n"
        + "".join("\t".join(row) + "\n" for row in table)
        + "三、主要任务\n（一）完善消防基础设施\n推进消防站建设。\n四、保障措施\n加强组织领导。\n"
    )
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    _, loaded = import_into(source, tmp_path / "plan")
    assert loaded is not None and loaded.ok
    plan = load(tmp_path / "plan").plan
    assert [(i.name, i.nature) for i in plan.indicators.indicators] == [
        ("消防救援站", "约束性"),
        ("市政消火栓", "预期性"),
    ]
    written = (tmp_path / "plan" / "text" / "requirements.md").read_text(encoding="utf-8")
    assert "::: box “十四五”时期消防事业发展主要指标" in written
    assert written.index("{{indicators}}") > written.index("::: box")
