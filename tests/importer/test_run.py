"""Importing whole documents: every seed and a generated Word file give valid, buildable drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.api import load
from plancraft.cli import main
from plancraft.importer import import_into
from plancraft.output.html import render_html
from tests.conftest import SOURCES
from tests.support.coverage import coverage, html_text
from tests.test_plans import SEED_FILES, SEED_REPAIRS


@pytest.mark.parametrize("slug", sorted(SEED_FILES))
def test_each_seed_imports_to_a_valid_draft_carrying_its_text(tmp_path: Path, slug: str) -> None:
    source = SOURCES / SEED_FILES[slug]
    result, loaded = import_into(source, tmp_path / slug, replacements=SEED_REPAIRS.get(slug))
    assert loaded is not None and loaded.ok, "\n".join(
        map(str, loaded.diagnostics.sorted() if loaded else [])
    )
    text = html_text(render_html(loaded.document()))
    found = coverage(source.read_text(encoding="utf-8"), text, SEED_REPAIRS.get(slug))
    assert found.ratio >= 0.95, found.missing[:20]


def test_import_reports_repairs_with_source_lines(tmp_path: Path) -> None:
    source = SOURCES / "chaoyang.txt"
    result, _ = import_into(source, tmp_path / "chaoyang")
    messages = {(d.location.line, d.code) for d in result.diagnostics.warnings}
    assert (41, "import-check") in messages  # 第2部分
    assert any(d.code == "import-title" for d in result.diagnostics.warnings)


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("示范区“十四五”时期民政事业发展规划")
    document.add_paragraph("示范区民政局")
    document.add_heading("规划背景", level=1)
    document.add_heading("发展基础", level=2)
    paragraph = document.add_paragraph()
    paragraph.add_run("救助体系更加完善。").bold = True
    paragraph.add_run("全区社会救助水平持续提升。")
    document.add_paragraph("第二部分 总体要求")
    document.add_paragraph("一、发展目标")
    document.add_paragraph("到2025年，民政事业全面发展。")
    document.add_paragraph("表1：主要指标")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows,
        [
            ["序号", "指标", "2025年", "指标性质"],
            ["1", "养老床位数（张）", "≥7", "约束性"],
            ["2", "覆盖率（%）", "100", "预期性"],
        ],
    ):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("注：指标值为年末数。")
    document.add_paragraph("第三部分 主要任务")
    document.add_paragraph("一、完善救助")
    document.add_paragraph("（一）健全制度。落实政策。")
    document.add_paragraph("表2：设施建设")
    facilities = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        facilities.rows, [["层级", "设施", "数量"], ["区级", "养老院", "1"], ["", "救助站", "1"]]
    ):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    facilities.cell(1, 0).merge(facilities.cell(2, 0))
    facilities.cell(1, 0).text = "区级"
    document.add_paragraph("设施详见表2所示。")
    document.add_paragraph("第四部分 保障措施")
    document.add_paragraph("一、加强组织领导")
    document.add_paragraph("强化政治理论学习。")
    document.save(path)
    return path


def test_a_word_document_imports_with_headings_bold_leads_and_merged_cells(tmp_path: Path) -> None:
    source = _docx(tmp_path / "plan.docx")
    result, loaded = import_into(source, tmp_path / "plans" / "demo")
    assert loaded is not None and loaded.ok, "\n".join(map(str, loaded.diagnostics.sorted()))
    plan = loaded.plan
    assert (
        plan.meta.title == "示范区“十四五”时期民政事业发展规划"
        and plan.meta.issuer == "示范区民政局"
    )
    assert [part.label for part in plan.outline] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert [part.role for part in plan.outline] == [
        "background",
        "requirements",
        "tasks",
        "safeguards",
    ]
    assert (
        plan.indicators.indicators[0].target.comparator == "≥"
        and plan.indicators.indicators[0].binding
    )
    assert plan.indicators.notes == ["注：指标值为年末数。"]
    assert plan.tables[0].rows[0][0].rowspan == 2
    background = (tmp_path / "plans" / "demo" / "text" / "background.md").read_text(
        encoding="utf-8"
    )
    assert "**救助体系更加完善。**全区社会救助水平持续提升。" in background
    html = render_html(loaded.document())
    assert "设施详见表2所示" in html_text(html) and "表1" in html_text(html)


def test_cli_import_refuses_to_overwrite_and_keeps_the_folder(tmp_path: Path) -> None:
    source = _docx(tmp_path / "plan.docx")
    target = tmp_path / "plans" / "demo"
    target.mkdir(parents=True)
    (target / "plan.yaml").write_text("keep me", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["import", str(source), "-o", str(target)])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert (target / "plan.yaml").read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(main, ["import", str(source), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert load(target).ok


def test_cli_replacements_repair_a_mangled_name(tmp_path: Path) -> None:
    source = _docx(tmp_path / "plan.docx")
    target = tmp_path / "plans" / "demo"
    result = CliRunner().invoke(
        main, ["import", str(source), "-o", str(target), "--replace", "示范区=样板区"]
    )
    assert result.exit_code == 0, result.output
    assert load(target).plan.meta.title.startswith("样板区")
    bad = CliRunner().invoke(
        main, ["import", str(source), "-o", str(tmp_path / "x"), "--replace", "no-equals"]
    )
    assert bad.exit_code == 2 and "WRONG=RIGHT" in bad.output


def test_cli_import_of_an_unreadable_file_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "broken.docx"
    source.write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "plans" / "x")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot read broken.docx" in result.output
    assert not (tmp_path / "plans" / "x").exists()


GANGYAO = """示例市国民经济和社会发展第十五个五年规划纲要
第一篇 开启新征程
第一章 发展环境
第一节 发展基础
全市经济实力稳步提升，创新能力持续增强。
第二节 面临形势
一、国际环境
世界百年未有之大变局加速演进。
二、国内环境
我国发展仍处于重要战略机遇期。
第二章 总体要求
坚持稳中求进工作总基调。
第二篇 坚持创新驱动发展
第三章 强化科技创新能力
第一节 建设科技创新中心
完善基础研究投入机制。
第二节 激发人才活力
深化人才发展体制机制改革。
第四章 保障措施
加强规划协调管理。
"""


@pytest.mark.parametrize("levels", ["", "篇,章,节,一"])
def test_a_gangyao_imports_with_volumes_above_chapters_numbered_on(
    tmp_path: Path, levels: str
) -> None:
    source = tmp_path / "gangyao.txt"
    source.write_text(GANGYAO, encoding="utf-8")
    result, loaded = import_into(source, tmp_path / "gangyao", levels=levels)
    assert loaded is not None and loaded.ok, loaded.diagnostics.sorted() if loaded else None
    assert not any("is off" in d.message for d in result.diagnostics.warnings)
    plan = loaded.plan
    assert plan.meta.numbering == "volumes"
    assert [(v.label, v.title) for v in plan.outline] == [
        ("第一篇", "开启新征程"),
        ("第二篇", "坚持创新驱动发展"),
    ]
    chapters = [chapter for volume in plan.outline for chapter in volume.sections]
    assert [(c.label, c.title, c.role) for c in chapters] == [
        ("第一章", "发展环境", "background"),
        ("第二章", "总体要求", "requirements"),
        ("第三章", "强化科技创新能力", "tasks"),
        ("第四章", "保障措施", "safeguards"),
    ]
    assert [(s.label, s.title) for s in chapters[0].sections] == [
        ("第一节", "发展基础"),
        ("第二节", "面临形势"),
    ]
    assert [s.label for s in chapters[0].sections[1].sections] == ["一、", "二、"]


def test_cli_import_shows_one_line_per_kind_and_lists_every_place_in_notes(tmp_path: Path) -> None:
    lines = ["第一部分 规划背景", "一、发展基础"]
    for number in range(1, 41):
        lines += [
            f"第{number}段说明，本段在一页的末尾断开，接续的内容位于下一页的开头部分并且还没有",
            "结束。",
        ]
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(lines) + "\n<img src='x.png'/>\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    target = tmp_path / "plans" / "x"
    result = CliRunner().invoke(
        main, ["import", str(source), "-o", str(target), "--notes", str(notes)]
    )
    assert result.exit_code == 0, result.output
    joined = [line for line in result.output.splitlines() if "joined to line" in line]
    assert len(joined) == 1 and "39 more places like it" in joined[0]
    assert len(result.output.splitlines()) < 20
    listed = notes.read_text(encoding="utf-8").splitlines()
    assert sum("joined to line" in line for line in listed) == 40
    assert any("# 40 places" in line for line in listed)
    assert any("dropped web-page furniture" in line for line in listed)
    verbose = CliRunner().invoke(main, ["-v", "import", str(source), "-o", str(target), "--force"])
    assert sum("joined to line" in line for line in verbose.output.splitlines()) == 40
