"""The redline: the plan at REV_B with the changes since REV_A as Word tracked changes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from plancraft.cli import main
from tests.conftest import PLANS
from tests.review.test_changes_table import git, replace, second_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ACTIONS = """
| 行动 | 牵头单位 |
|---|---|
| 社会救助爱心行动 | 区民政局 |
| 养老服务暖阳行动 | 区民政局 |
| 慈善捐赠圆梦行动 | 区慈善协会 |
"""


BOX = """
::: box 暖心惠民六大行动
社会救助爱心行动、养老服务暖阳行动等六大行动。
:::
"""
NEW_INDICATOR = """  - id: ind-31
    domain: 基础保障
    name: 民政服务事项“一网通办”率
    unit: "%"
    target: 100
    nature: 预期性
"""


def first_draft(plan: Path) -> None:
    """mentougou with a table written in Markdown and a 专栏 after the first paragraph of 主要任务."""
    replace(
        plan / "text" / "tasks.md",
        "实现聚力发展、创新发展、高位发展。\n",
        "实现聚力发展、创新发展、高位发展。\n" + ACTIONS + BOX,
    )


def redline_draft(plan: Path) -> None:
    """The 修改对照表's scenario, and a new part, a section removed, a retitled heading, 专栏 and
    table, a table's cell changed, a row removed and one added, a new indicator, a new plan title."""
    second_draft(plan)
    replace(plan / "text" / "tasks.md", "::: box 暖心惠民六大行动", "::: box 暖心惠民行动")
    replace(plan / "indicators.yaml", "民政事业发展主要指标", "民政事业发展主要目标指标")
    safeguards = (plan / "text" / "safeguards.md").read_text(encoding="utf-8")
    start = safeguards.index("# 提升基层服务能力")
    end = safeguards.index("# 统筹民政领域发展与安全")
    (plan / "text" / "safeguards.md").write_text(
        safeguards[:start] + safeguards[end:], encoding="utf-8"
    )
    (plan / "indicators.yaml").write_text(
        (plan / "indicators.yaml").read_text(encoding="utf-8") + NEW_INDICATOR, encoding="utf-8"
    )
    replace(
        plan / "plan.yaml",
        "  - id: tasks\n",
        "  - id: focus\n    title: 重点工作\n    file: text/focus.md\n  - id: tasks\n",
    )
    (plan / "text" / "focus.md").write_text("围绕民生保障，明确年度重点工作。\n", encoding="utf-8")
    replace(plan / "text" / "requirements.md", "# 基本原则", "# 工作原则")
    replace(
        plan / "text" / "tasks.md",
        "| 养老服务暖阳行动 | 区民政局 |",
        "| 养老服务暖阳行动 | 区卫健委 |",
    )
    replace(
        plan / "text" / "tasks.md",
        "| 慈善捐赠圆梦行动 | 区慈善协会 |\n",
        "| 慈善捐赠圆梦行动 | 区慈善协会 |\n| 社区治理先锋行动 | 区委社会工委 |\n",
    )
    replace(plan / "text" / "tasks.md", "| 社会救助爱心行动 | 区民政局 |\n", "")
    replace(
        plan / "plan.yaml",
        "title: 门头沟区“十四五”时期民政事业规划",
        "title: 门头沟区“十四五”时期民政事业发展规划",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of mentougou for the redline."""
    plan = tmp_path / "plans" / "mentougou"
    shutil.copytree(PLANS / "mentougou", plan)
    first_draft(plan)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first draft")
    redline_draft(plan)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "second draft")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def redline(out: Path, *args: str) -> None:
    done = CliRunner().invoke(
        main,
        ["diff", "HEAD~1", "HEAD", "--redline", "-o", str(out), *args, "--", "plans/mentougou"],
    )
    assert done.exit_code == 0, done.output


def tracked(path: Path) -> list[tuple[str, str, str, str]]:
    """(ins or del, text, author, date) of each tracked change in a .docx."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [
        (
            change.tag[len(W) :],
            "".join(node.text or "" for node in change.iter(W + "t", W + "delText")),
            change.get(W + "author"),
            change.get(W + "date"),
        )
        for change in root.iter(W + "ins", W + "del")
    ]


@pytest.mark.usefixtures("repo")
def test_the_redline_carries_every_change_as_a_tracked_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "redline.docx"
    redline(out)
    changes = tracked(out)
    assert {(author, date) for _kind, _text, author, date in changes} == {
        ("plancraft", "2023-11-14T22:13:20Z")
    }
    found = [(kind, text) for kind, text, _author, _date in changes]
    assert ("del", "深入") in found and ("ins", "认真") in found  # a paragraph
    assert ("ins", "始终") in found
    assert found.count(("del", "5")) == found.count(("ins", "6")) == 2  # ≥50 → ≥60, table and 附表
    assert ("ins", "围绕民生保障，明确年度重点工作。") in found  # the new part's paragraph
    assert found.count(("del", "温馨")) == 3  # the replacement, in run-in paragraphs
    assert ("del", "。") in found and ("ins", "；") in found
    assert ("del", "基本") in found and ("ins", "工作") in found  # a retitled heading
    assert ("del", "民政局") in found and ("ins", "卫健委") in found  # a table cell
    assert ("del", "社会救助爱心行动") in found and ("del", "区民政局") in found  # a removed row
    assert ("ins", "社区治理先锋行动") in found and ("ins", "区委社会工委") in found  # a new row
    assert ("ins", "发展") in found  # the plan's title on the cover
    assert ("del", "六大") in found  # the 专栏's title
    assert ("ins", "目标") in found  # the indicator table's title
    assert ("ins", "民政服务事项“一网通办”率") in found  # a new indicator's row
    assert ("del", "四、提升基层服务能力") in found  # a removed section, put back as deleted


@pytest.mark.slow
@pytest.mark.usefixtures("repo")
def test_libreoffice_lists_every_tracked_change(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    redline(out)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path / "lo"),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    fodt = (tmp_path / "lo" / "redline.fodt").read_text(encoding="utf-8")
    regions = re.findall(
        r"<text:changed-region[^>]*>\s*<text:(insertion|deletion)>.*?<dc:creator>([^<]*)</dc:creator>",
        fodt,
        re.S,
    )
    changes = tracked(out)
    assert len(regions) == len(changes) > 10
    assert sorted(kind[:3] for kind, _author in regions) == sorted(kind for kind, *_ in changes)
    assert {author for _kind, author in regions} == {"plancraft"}


@pytest.mark.usefixtures("repo")
def test_the_html_redline_underlines_and_strikes(tmp_path: Path) -> None:
    out = tmp_path / "redline.html"
    redline(out, "--format", "html")
    html = out.read_text(encoding="utf-8")
    assert "<ins>认真</ins>" in html and "<del>深入</del>" in html
    assert '<h1 class="doc-title">门头沟区“十四五”时期民政事业<ins>发展</ins>规划</h1>' in html
    assert '<span class="num">二、</span><del>基本</del><ins>工作</ins>原则</h3>' in html
    assert "<td><del>社会救助爱心行动</del></td>" in html


@pytest.mark.pdf
@pytest.mark.usefixtures("repo")
def test_the_pdf_redline_prints_the_whole_plan_with_both_texts(tmp_path: Path) -> None:
    out = tmp_path / "redline.pdf"
    redline(out, "--format", "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    squashed = re.sub(r"\s+", "", text)
    assert "深入认真学习贯彻" in squashed  # the deletion kept, struck, before the insertion
    assert "民政事业发展规划" in squashed and "保障措施" in squashed
    assert "社会救助爱心行动" in squashed  # the removed row, struck


@pytest.mark.usefixtures("repo")
def test_the_redline_is_not_a_table(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        main, ["diff", "HEAD~1", "HEAD", "--redline", "--table", "--", "plans/mentougou"]
    )
    assert done.exit_code == 2
