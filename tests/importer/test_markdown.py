"""Markdown web copies: front matter and metadata lines as metadata, bold headings, > notes, pipe tables."""

from __future__ import annotations

from pathlib import Path

from plancraft.importer import import_into
from plancraft.importer.blocks import Grid, Line
from plancraft.importer.markdown import unmark
from plancraft.importer.structure import Note
from plancraft.importer.textsource import read_text

COPY = """---
title: "某区民政局关于印发《某区“十四五”时期民政事业发展规划》的通知"
source: 某区民政局
date: 2021-11-05
url: https://example.org/a.html
---

> 本文由网页抓取工具保存，原文见链接。

# **某区“十四五”时期民政事业发展规划**

**来源**：某区民政局

**发布日期**：2021-11-05

**一、规划背景**

**（一）发展基础**

“十三五”时期，全区民政事业取得长足进步，基本民生保障水平持续提高，各项工作走在全市前列，为下一步发展打下

**重点工作**

养老服务体系更加完善。

**（二）面临形势**

**“十四五”时期**是开启全面建设社会主义现代化国家新征程的第一个五年。

| 序号 | 指标 | 单位 | 2025年 | 属性 |
|---|---|---|---|---|
| 1 | 养老床位数 | 张 | ≥500 | 约束性 |
| 2 | 社会工作者数量 | 人 | 300 | 预期性 |

**二、主要任务**

完善救助体系。

**三、保障措施**

加强组织领导。
"""


def _write(tmp_path: Path, text: str, name: str = "copy.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_marks_are_removed_and_bold_lines_stand_alone(tmp_path: Path) -> None:
    notes: list[Note] = []
    blocks = read_text(_write(tmp_path, COPY), notes)
    texts = [block.text for block in blocks if isinstance(block, Line)]
    assert "某区“十四五”时期民政事业发展规划" in texts
    assert "一、规划背景" in texts and "（一）发展基础" in texts and "重点工作" in texts
    assert "来源：某区民政局" in texts and "发布日期：2021-11-05" in texts
    assert not any("**" in text or text.startswith(("#", ">")) for text in texts)
    assert not any("抓取" in text for text in texts)
    lead = next(b for b in blocks if isinstance(b, Line) and b.text.startswith("“十四五”时期是"))
    assert lead.bold_lead == "“十四五”时期"
    grid = next(block for block in blocks if isinstance(block, Grid))
    assert [cell.text for cell in grid.header[0]] == ["序号", "指标", "单位", "2025年", "属性"]
    assert [[cell.text if cell else None for cell in row] for row in grid.rows][0] == [
        "1",
        "养老床位数",
        "张",
        "≥500",
        "约束性",
    ]
    messages = " ".join(note.message for note in notes)
    assert "front matter" in messages and "quoted note line" in messages


def test_front_matter_keys_become_metadata_lines() -> None:
    lines = list(enumerate(["---", "title: 规划", "author: 某局", "tags: [a]", "---", "正文"], 1))
    unmarked = unmark(lines)
    assert [line.text for line in unmarked.lines] == ["标题：规划", "发文机关：某局", "正文"]
    flow = unmark(list(enumerate(["---", "authors: ['中共中央', 国务院]", "---", "正文"], 1)))
    assert [line.text for line in flow.lines] == ["发文机关：中共中央 国务院", "正文"]


def test_front_matter_lists_are_read_and_four_dashes_close_it() -> None:
    text = "---\ntitle: 规划\nauthors:\n  - 中共中央\n  - 国务院\ncategories:\n  - 规范性文件\n----\n\n正文"
    unmarked = unmark(list(enumerate(text.split("\n"), 1)))
    assert [line.text for line in unmarked.lines if line.text] == [
        "标题：规划",
        "发文机关：中共中央 国务院",
        "正文",
    ]


def test_a_markdown_web_copy_imports_with_its_metadata(tmp_path: Path) -> None:
    result, loaded = import_into(_write(tmp_path, COPY), tmp_path / "plans" / "copy")
    assert loaded is not None
    plan = loaded.plan
    assert plan.meta.title == "某区“十四五”时期民政事业发展规划"
    assert plan.meta.issuer == "某区民政局"
    assert (plan.meta.period_start, plan.meta.period_end) == (2021, 2025)
    titles = [section.title for section in plan.outline if "待填写" not in section.title]
    assert titles == ["规划背景", "主要任务", "保障措施"]
    background = plan.outline[0]
    assert [s.title for s in background.content if hasattr(s, "title")][:2] == [
        "发展基础",
        "面临形势",
    ]
    assert plan.indicators is not None
    assert [(i.name, i.nature) for i in plan.indicators.indicators] == [
        ("养老床位数", "约束性"),
        ("社会工作者数量", "预期性"),
    ]
    notice = (tmp_path / "plans" / "copy" / "text").glob("notice.md")
    assert not list(notice)
    preface = tmp_path / "plans" / "copy" / "text" / "preface.md"
    assert not preface.exists() or "来源" not in preface.read_text(encoding="utf-8")


def test_a_folded_toc_goes_even_when_its_closing_tag_is_mistyped() -> None:
    text = (
        "<details>\n<summary>目录</summary>\n\n- 第一篇　总则\n  - 第一章　形势\n\n<details>\n\n"
        "## 第一篇　总则\n\n正文。"
    )
    unmarked = unmark(list(enumerate(text.split("\n"), 1)))
    assert [line.text for line in unmarked.lines if line.text] == ["第一篇　总则", "正文。"]
    assert any("目录" in note.message for note in unmarked.notes)


QUOTED = """---
title: 某某规划（2024—2028年）（2025年）
authors:
  - 中共某某委员会
---

> [!NOTE] 相关通知
>
> 为加强某某工作，根据有关规定，制定本规划。

## 某某规划（2024—2028年）

> 2024年3月14日某某委员会第四次会议批准

### 一、发展基础

基础扎实。

> **专栏1　规划指标的属性**
>
> 预期性指标是期望的发展目标。
>
> 约束性指标是强化了政府责任的指标。

专栏之后的段落。

> 来源：某某网　责任编辑：张三

### 二、总体要求

坚持稳中求进。

### 三、主要任务

完善制度。

### 四、保障措施

加强组织领导。
"""


def test_block_quotes_are_text_a_quoted_zhuanlan_a_box_and_only_web_notes_go(
    tmp_path: Path,
) -> None:
    result, loaded = import_into(_write(tmp_path, QUOTED), tmp_path / "plans" / "quoted")
    assert loaded is not None and loaded.ok, [str(d) for d in loaded.diagnostics.sorted()]
    plan = loaded.plan
    assert plan.meta.title == "某某规划（2024—2028年）" and plan.meta.issuer == "中共某某委员会"
    assert "2024-03-14" in plan.meta.dates.values()
    folder = tmp_path / "plans" / "quoted"
    preface = (folder / "text" / "preface.md").read_text(encoding="utf-8")
    assert "制定本规划" in preface and "[!NOTE]" not in preface
    background = (folder / "text" / "background.md").read_text(encoding="utf-8")
    box, after = background.split(":::", 1)[1].split("\n:::", 1)
    assert "规划指标的属性" in box and "约束性指标" in box
    assert "专栏之后的段落" in after and "责任编辑" not in background


def test_a_quoted_line_of_plan_text_is_kept_though_it_names_a_link() -> None:
    lines = [
        "> 推动上下游产业链接续发展，编辑出版行业提质增效。",
        "",
        "> **来源**：某某网",
        "",
        "正文",
    ]
    unmarked = unmark(list(enumerate(lines, 1)))
    assert [line.text for line in unmarked.lines if line.text] == [
        "推动上下游产业链接续发展，编辑出版行业提质增效。",
        "正文",
    ]
