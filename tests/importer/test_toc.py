"""Every shape of 目录 is dropped, never turned into headings, and the body's headings are still found."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from plancraft.importer.blocks import Line
from plancraft.importer.cleanup import clean_blocks
from plancraft.importer.run import import_document
from plancraft.importer.toc import toc_entry

TITLE = "某区“十四五”时期消防事业发展规划"
BODY = (
    "一、发展基础\n“十三五”时期，全区消防救援能力明显提升。\n"
    "（一）主要成就\n新建消防救援站3座。\n（二）面临形势\n城市运行风险交织叠加。\n"
    "二、总体要求\n（一）指导思想\n坚持人民至上、生命至上。\n"
    "三、主要任务\n（一）完善消防基础设施\n推进消防站建设。\n"
    "四、保障措施\n加强组织领导。\n"
)
ENTRIES = [
    "一、发展基础",
    "（一）主要成就",
    "（二）面临形势",
    "二、总体要求",
    "三、主要任务",
    "四、保障措施",
]


def _outline(tmp_path: Path, text: str) -> list[str]:
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    result = import_document(source, tmp_path / "out")
    assert not result.diagnostics.errors, result.diagnostics.errors
    plan = YAML(typ="safe").load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    titles = []
    for entry in plan["outline"]:
        titles.append(entry["title"])
        titles.extend(sub["title"] for sub in entry.get("sections", []))
    return titles


@pytest.mark.parametrize(
    "toc",
    [
        "目 录\n" + "\n".join(f"{entry}……{page}" for page, entry in enumerate(ENTRIES, 1)),
        "目　录\n" + "\n".join(f"{entry} {page}" for page, entry in enumerate(ENTRIES, 1)),
        "目录\n" + "\n".join(ENTRIES),
        "目录\n前言\n"
        + "\n".join(entry.split("、" if "、" in entry else "）")[1] for entry in ENTRIES),
        "目\n录\n" + "\n".join(f"{entry}··········{page}" for page, entry in enumerate(ENTRIES, 3)),
        "誉目\n" + "\n".join(f"{entry}|{page}" for page, entry in enumerate(ENTRIES, 3)),
        "目 彔\n" + "\n".join(f"{entry}···|{page}" for page, entry in enumerate(ENTRIES, 3)),
        "\n".join(f"{entry}…………{page}" for page, entry in enumerate(ENTRIES, 1)),
    ],
    ids=[
        "leaders",
        "ideographic-space",
        "no-pages",
        "no-numbers",
        "split",
        "ocr-yumu",
        "ocr-lu",
        "untitled",
    ],
)
def test_every_toc_shape_is_dropped_and_the_body_outline_kept(tmp_path: Path, toc: str) -> None:
    titles = _outline(tmp_path, f"{TITLE}\n{toc}\n{BODY}")
    assert titles.count("发展基础") == 1 and titles.count("保障措施") == 1
    assert not any(char in "".join(titles) for char in "…·|")
    preface = tmp_path / "out" / "text" / "preface.md"
    assert not preface.exists() or "面临形势" not in preface.read_text(encoding="utf-8")


def test_toc_entries_with_an_ocr_bar_before_the_page_lose_it() -> None:
    assert toc_entry("（二）交通装备··|11") == "（二）交通装备"
    assert toc_entry("二、发展思路与目标|6") == "二、发展思路与目标"


def test_a_run_of_headings_is_no_toc_unless_they_come_again() -> None:
    lines = [
        Line(n, text) for n, text in enumerate(["一、甲", "（一）乙", "（二）丙", "正文。"], 1)
    ]
    assert len(clean_blocks(lines, []).blocks) == 4


def test_a_body_whose_headings_lost_their_numbers_takes_them_from_the_toc(tmp_path: Path) -> None:
    bare = "\n".join(
        line.split("、" if "、" in line else "）", 1)[1] if line in ENTRIES else line
        for line in BODY.splitlines()
    )
    toc = "目录\n" + "\n".join(f"{entry}……{page}" for page, entry in enumerate(ENTRIES, 1))
    assert _outline(tmp_path, f"{TITLE}\n{toc}\n{bare}\n")[:3] == [
        "发展基础",
        "总体要求",
        "主要任务",
    ]


def test_a_toc_followed_by_a_body_with_no_headings_does_not_abort(tmp_path: Path) -> None:
    toc = "目录\n前言……1\n第一部分 规划背景……2\n第二部分 主要任务……5"
    source = tmp_path / "plan.txt"
    source.write_text(f"{TITLE}\n{toc}\n全区消防工作取得明显成效。\n下一步将继续努力。\n", "utf-8")
    result = import_document(source, tmp_path / "out")
    assert not result.diagnostics.errors
    preface = (tmp_path / "out" / "text" / "preface.md").read_text(encoding="utf-8")
    assert "全区消防工作取得明显成效。" in preface and "规划背景" not in preface
    assert any("目录" in d.message for d in result.diagnostics.warnings)
