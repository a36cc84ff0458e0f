"""A comment round made in LibreOffice: two reviewers edit and comment the exported plan in a real
LibreOffice session (tests/support/libreoffice_review.py, over UNO), both returned files are
recorded into one round, decided, and tabled."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.cli import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from plancraft.review.word.base import read_base
from tests.review.test_rounds import decide, items
from tests.review.test_word_accept import plan_copy

SCRIPT = Path(__file__).parents[1] / "support" / "libreoffice_review.py"
SYSTEM_PYTHON = "/usr/bin/python3"
"""Debian's Python, which has LibreOffice's uno module (python3-uno)."""

FINANCE = {
    "author": "张三",
    "date": "2024-03-01T10:00:00",
    "edits": [
        {"find": "深入学习贯彻", "replace": "认真学习贯彻"},
        {"find": "创新多渠道、", "replace": "创新"},
        {"find": "“十三五”期间", "comment": "请补充数据来源"},
    ],
}
HEALTH = {
    "author": "李四",
    "date": "2024-03-04T09:12:31",
    "edits": [
        {
            "find": "坚持以习近平新时代中国特色社会主义思想为指导，以习近平",
            "replace": "始终坚持以习近平新时代中国特色社会主义思想为指导，以习近平",
        },
        {"table": 0, "row": "临时救助和长期照料总床位数", "find": "≥50", "replace": "≥60"},
        {"find": "全面建设社会主义现代化强国新征程", "comment": "建议写明服务对象"},
    ],
}
DECISIONS = {
    "认真": ("采纳", ""),
    "多渠道、": ("不采纳", "多渠道投入是上位规划的提法，予以保留"),
    "请补充数据来源": ("部分采纳", "已在附表注明来源"),
    "始终": ("采纳", ""),
    "≥60": ("不采纳", "床位数目标已与区财政预算衔接，维持≥50"),
    "建议写明服务对象": ("采纳", ""),
}


def in_libreoffice(tmp_path: Path, exported: Path, reviewers: dict[str, dict]) -> dict[str, Path]:
    """Each reviewer's copy of `exported`, edited and commented in one LibreOffice session."""
    jobs = [
        {**job, "source": str(exported), "target": str(tmp_path / f"{name}.docx")}
        for name, job in reviewers.items()
    ]
    spec = tmp_path / "jobs.json"
    spec.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(tmp_path / "profile"), str(spec)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: tmp_path / f"{name}.docx" for name in reviewers}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """mentougou exported and reviewed in LibreOffice by 区财政局 and 区卫健委: the plan, the copies."""
    tmp_path = tmp_path_factory.mktemp("lo-round")
    plan = plan_copy(tmp_path, "mentougou")
    exported = tmp_path / "mentougou.docx"
    exported.write_bytes(write_docx(compile_plan(plan).document()))
    return plan, in_libreoffice(tmp_path, exported, {"finance": FINANCE, "health": HEALTH})


@pytest.fixture(scope="module")
def round_file(reviewed: tuple[Path, dict[str, Path]]) -> Path:
    """Both LibreOffice copies recorded into one round."""
    plan, copies = reviewed
    for name, unit in (("finance", "区财政局"), ("health", "区卫健委")):
        done = CliRunner().invoke(
            main, ["review", str(copies[name]), str(plan), "--record", "征求意见", "--unit", unit]
        )
        assert done.exit_code == 0, done.output
    return plan / "reviews" / "征求意见.yaml"


@pytest.mark.slow
def test_two_libreoffice_reviewers_make_one_round_of_six_items(round_file: Path) -> None:
    found = {item["text"]: item for item in items(round_file)}
    assert len(found) == 6
    located = {
        text: (item["kind"], item["target"], item.get("field", ""), item["place"])
        for text, item in found.items()
    }
    assert located == {
        "认真": ("change", "safeguards-1-p1", "", "第四部分 一、"),
        "多渠道、": ("deletion", "safeguards-2-p1", "", "第四部分 二、"),
        "请补充数据来源": ("comment", "background-1-p1", "", "第一部分 一、"),
        "始终": ("insertion", "requirements-1-p1", "", "第二部分 一、"),
        "≥60": ("change", "ind-02", "target", "第二部分 三、 指标表"),
        "建议写明服务对象": ("comment", "preface-p1", "", "前言"),
    }
    assert found["认真"]["quoted"] == "深入"
    assert found["≥60"]["quoted"] == "≥50"
    assert found["请补充数据来源"]["quoted"] == "“十三五”期间"
    authors = {
        text: [(r["unit"], r["author"]) for r in item["reviewers"]] for text, item in found.items()
    }
    assert (
        authors["认真"]
        == authors["多渠道、"]
        == authors["请补充数据来源"]
        == [("区财政局", "张三")]
    )
    assert (
        authors["始终"] == authors["≥60"] == authors["建议写明服务对象"] == [("区卫健委", "李四")]
    )
    assert found["请补充数据来源"]["reviewers"][0]["date"] == "2024-03-01"
    assert {item["decision"] for item in found.values()} == {"待定"}


@pytest.mark.slow
def test_decided_libreoffice_round_prints_the_adoption_table(
    round_file: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "mentougou"
    shutil.copytree(round_file.parents[1], plan)
    decide(plan / "reviews" / "征求意见.yaml", DECISIONS)
    assert CliRunner().invoke(main, ["validate", str(plan)]).exit_code == 0
    done = CliRunner().invoke(main, ["opinions", str(plan), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["counts"] == {"采纳": 3, "部分采纳": 1, "不采纳": 2, "待定": 0}
    done = CliRunner().invoke(main, ["opinions", str(plan), "--round", "征求意见"])
    assert done.exit_code == 0, done.output
    assert "6 comment(s): 采纳 3, 部分采纳 1, 不采纳 2, 待定 0" in done.output
    assert "区财政局" in done.output and "区卫健委" in done.output
    assert "多渠道投入是上位规划的提法，予以保留" in done.output
    assert "床位数目标已与区财政预算衔接，维持≥50" in done.output
    done = CliRunner().invoke(main, ["opinions", str(plan), "--lang", "zh"])
    assert done.exit_code == 0, done.output
    assert "共6条意见：采纳 3，部分采纳 1，不采纳 2，待定 0" in done.output
    assert "未采纳意见及理由" in done.output
    assert "第二部分 三、 指标表 目标" in done.output


@pytest.mark.slow
def test_libreoffice_keeps_the_base_so_both_copies_are_accepted_in_turn(
    reviewed: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    """LibreOffice saves the export's custom XML part unchanged; accepting 区财政局's copy and then
    区卫健委's keeps the first one's changes and writes the second's."""
    _plan, copies = reviewed
    exported = read_base(copies["finance"].with_name("mentougou.docx").read_bytes())
    assert exported is not None
    for copy in copies.values():
        assert read_base(copy.read_bytes()) == exported
    plan = plan_copy(tmp_path, "mentougou")
    outputs = []
    for name in ("finance", "health"):
        done = CliRunner().invoke(main, ["review", str(copies[name]), str(plan), "--accept", "all"])
        assert done.exit_code == 0 and "kept:" not in done.output, done.output
        outputs.append(done.output)
    text = (plan / "text" / "safeguards.md").read_text(encoding="utf-8")
    assert "认真学习贯彻" in text and "创新多形式" in text
    assert "始终坚持以习近平" in (plan / "text" / "requirements.md").read_text(encoding="utf-8")
    indicators = (plan / "indicators.yaml").read_text(encoding="utf-8")
    assert 'target: "≥60"' in indicators.split("- id: ind-02\n", 1)[1].split("- id:", 1)[0]
    assert not any("warning" in output for output in outputs), outputs
