"""A PDF set in two columns is read down the left column, then the right (#23 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.api import load
from plancraft.importer import import_into, pdfsource
from plancraft.importer.pdfsource import read_pdf
from plancraft.source.model import Prose
from tests.importer.drawn_pdf import PAGE, DrawnPage, draw, wrap
from tests.importer.test_pdf import _outline

TITLE = "“十四五”交通领域科技创新规划"
SIZE = 10.5
LEADING = 17.0
COLUMNS = ((56.0, 282.0), (313.0, 539.0))
"""Two columns of 21 characters, with a gutter three characters wide."""
TOP, BOTTOM = 120.0, 780.0
PLAN = [
    ("h", "一、发展现状与形势"),
    (
        "p",
        "“十三五”以来，交通运输领域深入贯彻落实习近平总书记关于科技创新、交通运输的重要指示批示精神，"
        "围绕国家科技体制改革要求和交通运输高质量发展需要，不断完善科技创新体系，取得了一批国际领先、"
        "实用性强的科技成果。",
    ),
    (
        "p",
        "同时，交通运输科技创新仍然存在短板弱项：基础研究与应用基础研究储备不足，关键核心零部件、"
        "基础软件等关键核心技术受制于人，重点科技创新平台引领作用不足。",
    ),
    ("h", "二、发展思路与目标"),
    ("h", "（一）指导思想。"),
    (
        "p",
        "以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大和十九届历次全会精神，立足新发展"
        "阶段，完整、准确、全面贯彻新发展理念，服务加快构建新发展格局，面向世界科技前沿、面向经济主战场、"
        "面向国家重大需求、面向人民生命健康。",
    ),
    ("h", "（二）基本原则。"),
    (
        "p",
        "需求导向。围绕加快建设交通强国，聚焦交通运输发展的重大需求和关键问题，强化科技创新的战略导向，"
        "推动科技成果转化应用。",
    ),
    ("h", "（三）发展目标。"),
    (
        "p",
        "到2025年，交通运输技术研发应用取得新突破，科技创新能力全面增强，创新环境明显优化，初步构建"
        "适应加快建设交通强国需要的科技创新体系，创新驱动交通运输高质量发展取得明显成效。",
    ),
    ("h", "三、重点研发任务"),
    (
        "p",
        "围绕基础设施、交通装备、运输服务、智慧交通、安全交通、绿色交通等领域，加强关键核心技术攻关，"
        "推动新一代信息技术与交通运输深度融合。",
    ),
    ("h", "四、保障措施"),
    ("p", "加强规划实施，优化资源配置，营造良好的创新环境，确保规划目标任务落到实处。"),
]


def _two_column_pdf(path: Path) -> Path:
    """The plan set as a journal sets it: the title across both columns, then two columns a page."""
    pages = [DrawnPage()]
    pages[0].text(PAGE[0] / 2 - len(TITLE) * 8, 80, TITLE, size=16)
    column, y = 0, TOP
    for kind, text in PLAN:
        lines = [text] if kind == "h" else wrap("　　" + text, COLUMNS[0][1] - COLUMNS[0][0], SIZE)
        for line in lines:
            if y > BOTTOM:
                column, y = (column + 1) % 2, TOP
                if column == 0:
                    pages.append(DrawnPage())
            x = COLUMNS[column][0]
            if line.startswith("　　"):
                line, x = line[2:], x + 2 * SIZE
            pages[-1].text(x, y, line, size=SIZE)
            y += LEADING
    for number, page in enumerate(pages, start=1):
        page.text(PAGE[0] / 2 - 14, 815, f"— {number} —", size=SIZE)
    return draw(path, pages)


def test_a_two_column_pdf_is_read_column_by_column(tmp_path: Path) -> None:
    source = _two_column_pdf(tmp_path / "plan.pdf")
    result, loaded = import_into(source, tmp_path / "plan")
    assert loaded is not None and loaded.ok, result.diagnostics.errors
    plan = load(tmp_path / "plan").plan
    assert plan.meta.title == TITLE
    assert _outline(plan.outline) == [
        (1, "发展现状与形势"),
        (1, "发展思路与目标"),
        (2, "指导思想。"),
        (2, "基本原则。"),
        (2, "发展目标。"),
        (1, "重点研发任务"),
        (1, "保障措施"),
    ]
    paragraphs = [
        "".join(token.content for token in item.tokens if token.type == "inline")
        for part in plan.outline
        for section in [part, *part.sections]
        for item in section.content
        if isinstance(item, Prose)
    ]
    expected = [text for kind, text in PLAN if kind == "p"]
    assert paragraphs == expected


def test_a_page_of_an_unruled_two_column_table_is_not_taken_for_two_columns(tmp_path: Path) -> None:
    rows = [
        ("新建消防救援站", "6座"),
        ("市政消火栓", "300个"),
        ("消防车辆", "40辆"),
        ("微型消防站", "120个"),
        ("消防宣传教育基地", "2处"),
        ("专职消防员", "200人"),
        ("消防水源", "50处"),
        ("消防训练基地", "1处"),
        ("应急救援队伍", "12支"),
        ("社区消防安全示范点", "30个"),
    ]
    page = DrawnPage()
    page.column(72, 80, ["某区消防事业发展规划", "一、主要任务", "专栏1 重点项目"])
    y = 160.0
    page.text(72, y, "项目名称")
    page.text(330, y, "建设规模")
    for name, amount in rows:
        y += 22
        page.text(72, y, name)
        page.text(330, y, amount)
    page.column(72, y + 30, ["二、保障措施", "加强组织领导。"])
    source = draw(tmp_path / "plan.pdf", [page])
    result, loaded = import_into(source, tmp_path / "plan")
    assert loaded is not None and loaded.ok, result.diagnostics.errors
    table = (tmp_path / "plan" / "tables" / "table-1.yaml").read_text(encoding="utf-8")
    assert "[项目名称, 建设规模]" in table and "[社区消防安全示范点, 30个]" in table


def test_a_long_pdf_read_by_several_processes_reads_as_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = []
    for number, (kind, text) in enumerate(PLAN, start=1):
        page = DrawnPage()
        page.column(72, 100, [text] if kind == "h" else wrap(text, 420, SIZE), size=SIZE)
        page.text(290, 815, f"— {number} —", size=SIZE)
        pages.append(page)
    source = draw(tmp_path / "plan.pdf", pages)
    alone = read_pdf(source)
    monkeypatch.setattr(pdfsource, "PAGES_PER_WORKER", 1)
    monkeypatch.setattr(pdfsource.os, "cpu_count", lambda: 2)
    shared = read_pdf(source)
    assert shared == alone and len({block.line // 100 for block in shared}) == len(PLAN)
