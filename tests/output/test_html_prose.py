"""The HTML writer prints prose from the document tree exactly as markdown-it renders the same Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.compile.assemble import _Assembler, _Blocks
from plancraft.output.html import prose_html
from plancraft.source.markdown import new_parser
from plancraft.source.model import Metadata, Plan

SAMPLES = {
    "paragraph": "坚持党的领导，**完善**社会救助体系。",
    "escapes": 'a < b & c > d "quoted" it\'s',
    "soft and hard breaks": "第一行\n第二行  \n第三行",
    "emphasis and code": "*强调* 和 `code <x>` 与 ***两者***",
    "link": '[民政局](https://mzj.beijing.gov.cn/ "标题")',
    "tight list": "- 一项\n- 二项\n  - 子项\n- 三项",
    "loose list": "1. 一项\n\n2. 二项\n\n   续段",
    "ordered from 3": "3. 三\n4. 四",
    "quote": "> 引用一段\n>\n> 第二段",
    "code block": "    缩进代码 <b>\n",
    "fence": "```yaml\nkey: 值\n```",
    "rule": "---",
    "table": "| 项目 | 数量 |\n|:--|--:|\n| 床位 | **10** |\n| 站点 | 5 |",
    "table without body": "| a | b |\n|---|---|",
    "classes": "居中的文字\n{.center}",
    "empty item": "- \n- 有内容",
}


def _plan(tmp_path: Path) -> Plan:
    return Plan(slug="x", root=tmp_path, meta=Metadata(title="t"), outline=[])


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_prose_matches_markdown_it(text: str, tmp_path: Path) -> None:
    markdown = new_parser()
    tokens = markdown.parse(text)
    blocks = _Blocks(_Assembler(_plan(tmp_path))).convert(tokens)
    assert prose_html(blocks) == markdown.renderer.render(tokens, markdown.options, {})
