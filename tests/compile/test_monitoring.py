"""Monitoring year files against beijing's indicator table: statuses, and what validate says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plancraft.api import load
from plancraft.compile.monitoring import assess_year, latest_year
from plancraft.diagnostics import Diagnostics
from plancraft.source.load import load_plan_data
from tests.conftest import PLANS, TESTS

YEAR_FILE = TESTS / "fixtures" / "monitoring" / "beijing" / "2023.yaml"
"""Test data, not real figures: plans/ carries only what the plans' sources say."""


@pytest.fixture
def beijing(tmp_path: Path) -> Path:
    """A copy of plans/beijing with the test year file for 2023."""
    root = tmp_path / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", root)
    (root / "monitoring").mkdir()
    shutil.copy(YEAR_FILE, root / "monitoring" / "2023.yaml")
    return root


def write_year(root: Path, year: int, text: str) -> Path:
    path = root / "monitoring" / f"{year}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def statuses(root: Path, year: int) -> dict[str, str]:
    plan = load(root).plan
    assert plan is not None
    return {item.indicator.id: item.status for item in assess_year(plan, year)}


def by_code(root: Path) -> dict[str, list]:
    found: dict[str, list] = {}
    for diagnostic in load(root).diagnostics:
        found.setdefault(diagnostic.code, []).append(diagnostic)
    return found


def test_the_plans_carry_no_monitoring_values() -> None:
    assert not list(PLANS.glob("*/monitoring"))


def test_beijing_2023_statuses(beijing: Path) -> None:
    found = statuses(beijing, 2023)
    assert found["ind-02"] == "achieved"  # 临时救助和长期照料总床位数 1650 ≥ 1600
    assert found["ind-04"] == "ahead"  # 养老照料中心 275 against 260 ± 5
    assert found["ind-06"] == "on-track"  # 养老护理员数 46.2 against 46.16 ± 0.96
    assert found["ind-05"] == "behind"  # 养老服务驿站 1020 against 1122 ± 19.5
    assert found["ind-03"] == "no-data"  # 每千名常住人口养老床位数: no value


def test_a_binding_indicator_behind_is_a_warning(beijing: Path) -> None:
    [warning] = by_code(beijing)["constraint-behind"]
    assert warning.severity.value == "warning"
    assert warning.location.path.endswith("monitoring/2023.yaml")
    assert (warning.location.line, warning.location.col) == (7, 19)
    assert "ind-05" in warning.message and "1122" in warning.message
    assert set(by_code(beijing)) == {"constraint-behind"}


def test_only_the_latest_year_warns(beijing: Path) -> None:
    write_year(beijing, 2024, "year: 2024\nvalues:\n  ind-05: 1200\n")
    assert "constraint-behind" not in by_code(beijing)
    assert latest_year(load(beijing).plan) == 2024  # type: ignore[arg-type]


def test_the_plan_without_year_files_is_unchanged() -> None:
    plan = load(PLANS / "beijing").plan
    assert plan is not None and plan.monitoring == []


def test_an_unknown_id_is_located_with_a_suggestion(beijing: Path) -> None:
    write_year(beijing, 2024, "year: 2024\nvalues:\n  ind05: 1100\n")
    [error] = by_code(beijing)["monitoring-unknown-indicator"]
    assert (error.location.line, error.location.col) == (3, 3)
    assert error.hint == "did you mean 'ind-05'?"


@pytest.mark.parametrize(
    ("written", "code", "words"),
    [
        ("1650张", "monitoring-unit", "write the number alone (1650) in the indicator's unit 张"),
        ("一千六百五十", "monitoring-value", "assessed"),
    ],
)
def test_a_value_is_a_number_in_the_indicator_unit(
    beijing: Path, written: str, code: str, words: str
) -> None:
    write_year(beijing, 2024, f"year: 2024\nvalues:\n  ind-02: {{value: {written}}}\n")
    [error] = by_code(beijing)[code]
    assert error.severity.value == "error"
    assert (error.location.line, error.location.col) == (3, 19)
    assert words in error.hint


def test_a_percent_sign_is_not_a_unit(beijing: Path) -> None:
    write_year(beijing, 2024, 'year: 2024\nvalues:\n  ind-01: "93%"\n')
    assert "monitoring-unit" not in by_code(beijing)
    assert statuses(beijing, 2024)["ind-01"] == "on-track"  # 50 → 100: 2024 expects 90 ± 5


@pytest.mark.parametrize(("year", "name"), [(2026, "2026.yaml"), (2019, "2019.yaml")])
def test_a_year_outside_the_period_is_an_error(beijing: Path, year: int, name: str) -> None:
    write_year(beijing, year, f"year: {year}\nvalues:\n  ind-02: 1650\n")
    [error] = by_code(beijing)["monitoring-year"]
    assert "outside the plan's period 2020–2025" in error.message
    assert error.location.path.endswith(name) and error.location.line == 1


def test_the_file_name_is_the_year(beijing: Path) -> None:
    (beijing / "monitoring" / "2024.yaml").write_text("year: 2022\nvalues: {}\n", encoding="utf-8")
    [error] = by_code(beijing)["monitoring-year"]
    assert error.hint == "name the file 2022.yaml, or fix the year"


def test_a_value_far_off_is_a_warning_not_an_error(beijing: Path) -> None:
    write_year(beijing, 2024, "year: 2024\nvalues:\n  ind-02: 16500\n  ind-18: 25000\n")
    found = by_code(beijing)["monitoring-implausible"]
    assert [d.severity.value for d in found] == ["warning", "warning"]
    assert "16500 is far from baseline 825 and target ≥1600" in found[0].message
    assert "万家" in found[1].hint  # 全市社区社会组织数量 in 万家, not 家


def test_a_provisional_value_older_than_a_final_one(beijing: Path) -> None:
    write_year(beijing, 2024, "year: 2024\nvalues:\n  ind-06: 48\n")
    [warning] = by_code(beijing)["monitoring-provisional-after-final"]
    assert warning.location.path.endswith("2023.yaml") and warning.location.line == 8
    assert "2024" in warning.message


def test_the_schema_locates_a_wrong_status(beijing: Path) -> None:
    write_year(beijing, 2024, "year: 2024\nvalues:\n  ind-06: {value: 48, status: draft}\n")
    [error] = by_code(beijing)["schema"]
    assert error.location.path.endswith("2024.yaml") and error.location.line == 3


def test_tolerance_is_set_in_plan_yaml(beijing: Path) -> None:
    assert statuses(beijing, 2023)["ind-06"] == "on-track"
    with (beijing / "plan.yaml").open("a", encoding="utf-8") as plan:
        plan.write("monitoring: {tolerance: 0.001}\n")
    assert statuses(beijing, 2023)["ind-06"] == "ahead"  # 46.2 against 46.16 ± 0.0096


def test_target_kind_in_the_table_overrides_the_name(beijing: Path) -> None:
    table = beijing / "indicators.yaml"
    table.write_text(
        table.read_text(encoding="utf-8").replace(
            "    baseline: 1005\n", "    baseline: 1005\n    target_kind: cumulative\n"
        ),
        encoding="utf-8",
    )
    assert statuses(beijing, 2023)["ind-05"] == "ahead"  # 1020 of 1200 in all: 720 ± 120 expected


def test_assessed_gives_a_qualitative_status(tmp_path: Path) -> None:
    root = tmp_path / "plans" / "chaoyang"
    shutil.copytree(PLANS / "chaoyang", root)
    write_year(root, 2023, "year: 2023\nvalues:\n  ind-18: {assessed: on-track, note: 同步}\n")
    assert statuses(root, 2023)["ind-18"] == "on-track"


def test_the_base_year_file_gives_missing_baselines(tmp_path: Path) -> None:
    root = tmp_path / "plans" / "mentougou"
    shutil.copytree(PLANS / "mentougou", root)
    write_year(root, 2023, "year: 2023\nvalues:\n  ind-04: 7.1\n")
    assert statuses(root, 2023)["ind-04"] == "no-data"  # no baseline: only meeting 8 would say
    write_year(root, 2020, "year: 2020\nvalues:\n  ind-04: 6\n")
    assert statuses(root, 2023)["ind-04"] == "on-track"  # 6 → 8: 2023 expects 7.2 ± 0.2


def test_load_plan_data_reads_no_text(beijing: Path) -> None:
    found = Diagnostics()
    plan = load_plan_data(beijing, found)
    assert plan is not None and plan.outline == [] and not found.items
    assert [year.year for year in plan.monitoring] == [2023]
    assert {item.indicator.id: item.status for item in assess_year(plan, 2023)}[
        "ind-05"
    ] == "behind"
