"""GB/T 9704 notice elements and title breaks: 签发人, 公开属性, 版记, the 附表 switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.api import load
from plancraft.compile.titles import title_lines
from plancraft.output.build import build_plan
from plancraft.output.html import render_html
from tests.conftest import edit
from tests.support.pdflines import pdf_lines

NOTICE = """{.center}
示例区民政局关于印发《示例区“十四五”时期民政事业发展规划》的通知

{.addressee}
各街道办事处：

《示例区“十四五”时期民政事业发展规划》已经区政府同意，现印发给你们，请认真贯彻落实。

{.signature}
示例区民政局
"""
PRINT_KEYS = """notice: text/notice.md
notice_header: 示例区民政局
signer: 张三
public: 此件公开发布
imprint:
  copy_to: [区委办公室, 区政府办公室]
  printer: 示例区民政局办公室
  date: 2023-06-14
appendix: false
numbering: parts
"""


@pytest.mark.parametrize(
    "title",
    [
        "通州区民政局关于印发《北京城市副中心（通州区）“十四五”时期民政事业发展规划》的通知",
        "北京城市副中心（通州区）“十四五”时期民政事业发展规划",
        "朝阳区“十四五”时期民政与社会福利事业发展规划",
        "北京市门头沟区民政局关于印发《门头沟区“十四五”时期民政事业规划》的通知",
    ],
)
def test_long_titles_break_between_words_into_a_pyramid_or_diamond(title: str) -> None:
    import jieba

    lines = title_lines(title)
    assert "".join(lines) == title and 2 <= len(lines) <= 3
    assert all(len(line) <= 20 for line in lines)
    lengths = [len(line) for line in lines]
    peak = lengths.index(max(lengths))
    assert lengths[: peak + 1] == sorted(lengths[: peak + 1])
    assert lengths[peak:] == sorted(lengths[peak:], reverse=True)
    edges = {sum(lengths[:i]) for i in range(1, len(lines))}
    word_edges = set()
    position = 0
    for word in jieba.lcut(title, HMM=False):
        position += len(word)
        word_edges.add(position)
    assert edges <= word_edges
    assert not any(line[0] in "》）”、，" or line[-1] in "《（“" for line in lines)


def test_short_titles_and_explicit_breaks_stay() -> None:
    short = "北京市“十四五”时期民政事业发展规划"
    assert title_lines(short) == [short]
    assert title_lines("北京城市副中心\n（通州区）规划") == ["北京城市副中心", "（通州区）规划"]


@pytest.fixture
def printed(scratch: Path) -> Path:
    """The minimal plan with a notice and every print key of plan.yaml."""
    (scratch / "text" / "notice.md").write_text(NOTICE, encoding="utf-8")
    edit(scratch / "plan.yaml", "numbering: parts\n", PRINT_KEYS)
    return scratch


def test_notice_elements_render(printed: Path) -> None:
    loaded = load(printed)
    assert loaded.ok, [str(d) for d in loaded.diagnostics]
    html = render_html(loaded.document())
    assert (
        '<p class="doc-number with-signer"><span class="doc-number-text">示民发〔2023〕1号'
        '</span><span class="signer">签发人：<span class="signer-name">张三</span></span></p>'
    ) in html
    assert '<p class="public">（此件公开发布）</p>' in html
    assert "抄送：区委办公室，区政府办公室。" in html
    assert (
        '<span class="printer">示例区民政局办公室</span>'
        '<span class="printed-date">2023年6月14日印发'
    ) in html
    assert "示例区民政局关于印发《示例区<br />\n“十四五”时期民政事业发展规划》的通知" in html
    assert 'id="appendix-indicators"' not in html and "附表" not in html


def test_notice_title_breaks_from_plan_yaml_win_and_must_match(printed: Path) -> None:
    edit(
        printed / "plan.yaml",
        "public:",
        "notice_title_lines: [示例区民政局关于印发"
        "《示例区“十四五”时期, 民政事业发展规划》的通知]\npublic:",
    )
    html = render_html(load(printed).document())
    assert "示例区民政局关于印发《示例区“十四五”时期<br />\n民政事业发展规划》的通知" in html
    edit(printed / "plan.yaml", "民政事业发展规划》的通知]", "民政事业规划》的通知]")
    [error] = [d for d in load(printed).diagnostics if d.code == "title-lines"]
    assert error.location.path.endswith("plan.yaml") and error.location.line


@pytest.mark.pdf
@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_doc_number_and_signer_share_a_line_in_the_pdf(
    printed: Path, tmp_path: Path, engine: str
) -> None:
    result = build_plan(printed, tmp_path / "out", ("pdf",), pdf_engine=engine)
    assert result.ok, [str(d) for d in result.diagnostics]
    every = pdf_lines(tmp_path / "out" / "minimal.pdf")
    lines = [line for line in every if line.page == 1]
    texts = [line.text for line in lines]
    assert "示民发〔2023〕1号签发人：张三" in texts
    [number] = [line for line in lines if line.text.startswith("示民发")]
    one_char = 16
    assert abs(number.x0 - (28 * 72 / 25.4 + one_char)) < 2
    assert abs(number.x1 - (28 * 72 / 25.4 + 156 * 72 / 25.4 - one_char)) < 2


@pytest.mark.pdf
@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_the_imprint_ends_the_pdf(printed: Path, tmp_path: Path, engine: str) -> None:
    result = build_plan(printed, tmp_path / "out", ("pdf",), pdf_engine=engine)
    assert result.ok, [str(d) for d in result.diagnostics]
    every = pdf_lines(tmp_path / "out" / "minimal.pdf")
    last = [line.text for line in every if line.page == every[-1].page]
    assert "抄送：区委办公室，区政府办公室。" in last
    assert "示例区民政局办公室2023年6月14日印发" in last
