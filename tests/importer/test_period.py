"""The importer writes the period a document states, and knows role words by meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancraft.importer import import_into

BODY = """第一部分 {background}

一、基本情况

全区工作稳步推进。

第二部分 总体要求

一、发展目标

到规划期末，各项事业全面发展。

第三部分 主要任务

一、提升能力

加强队伍建设。

第四部分 {safeguards}

一、加强组织领导

落实责任。
"""


def _import(tmp_path: Path, title: str, background: str = "发展基础", safeguards: str = "保障措施"):
    source = tmp_path / "plan.txt"
    text = f"{title}\n\n某区应急管理局\n\n" + BODY.format(
        background=background, safeguards=safeguards
    )
    source.write_text(text, encoding="utf-8")
    result, loaded = import_into(source, tmp_path / "plans" / "draft")
    assert loaded is not None and loaded.ok, [str(d) for d in result.diagnostics.sorted()]
    return loaded


@pytest.mark.parametrize(
    "title, years, target_year",
    [
        ("某区“十五五”时期消防事业发展规划", (2026, 2030, 2035), 2030),
        ("某区消防事业发展“十四五”规划", (2021, 2025, 2035), 2025),
        ("某市综合防灾减灾规划（2022—2035年）", (2022, 2035, 2050), 2035),
        ("某区养老服务设施专项规划（2021-2025年）", (2021, 2025, 2035), 2025),
    ],
)
def test_the_period_is_the_one_the_document_states(
    tmp_path: Path, title: str, years: tuple[int, int, int], target_year: int
) -> None:
    meta = _import(tmp_path, title).plan.meta
    assert (meta.period_start, meta.period_end, meta.outlook) == years
    indicators = (tmp_path / "plans" / "draft" / "indicators.yaml").read_text(encoding="utf-8")
    assert f"target_year: {target_year}" in indicators


@pytest.mark.parametrize(
    "background, safeguards",
    [("发展环境", "保障机制"), ("发展回顾", "实施保障"), ("发展基础", "规划实施保障机制")],
)
def test_role_words_are_known_by_meaning(tmp_path: Path, background: str, safeguards: str) -> None:
    plan = _import(tmp_path, "某区“十五五”时期应急管理事业发展规划", background, safeguards).plan
    assert [section.role for section in plan.outline] == [
        "background",
        "requirements",
        "tasks",
        "safeguards",
    ]
    assert [section.title for section in plan.outline][::3] == [background, safeguards]


def test_a_task_naming_a_safeguard_word_stays_a_task(tmp_path: Path) -> None:
    from plancraft.importer.run import _role_of

    assert _role_of("健全完善社会救助兜底保障机制") is None
    assert _role_of("保障机制") == "safeguards"


def test_what_states_no_period_takes_the_one_running_at_its_date(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    text = "某区消防事业发展规划\n\n某区消防救援支队\n\n2022年3月2日\n\n" + BODY.format(
        background="发展基础", safeguards="保障措施"
    )
    source.write_text(text, encoding="utf-8")
    result, loaded = import_into(source, tmp_path / "plans" / "draft")
    assert loaded is not None and loaded.ok
    assert (loaded.plan.meta.period_start, loaded.plan.meta.period_end) == (2021, 2025)
