"""Target kinds, expected paths and statuses, with numbers worked by hand (see docs/monitoring.md)."""

from __future__ import annotations

import pytest

from plancraft.compile.progress import Target, assess, infer_kind, share_of_period
from plancraft.source.load import parse_quantity


def goal(kind: str, target: float, baseline: float | None, **more: object) -> Target:
    """A target for the period 2020 (base year) → 2025."""
    return Target(kind, target, baseline, 2020, 2025, **more)  # type: ignore[arg-type]


def test_share_of_period_runs_from_the_base_year_to_the_target_year() -> None:
    assert share_of_period(2020, 2020, 2025) == 0
    assert share_of_period(2023, 2020, 2025) == pytest.approx(0.6)
    assert share_of_period(2027, 2020, 2025) == 1
    assert share_of_period(2019, 2020, 2025) == 0


# A level at the end (期末值): 230 → 280, so 2023 expects 230 + 50 × 3/5 = 260 with a tolerance of
# 10 % of the span 50 = 5: on track from 255 to 265.
@pytest.mark.parametrize(
    ("value", "status"),
    [
        (280, "achieved"),
        (290, "achieved"),
        (275, "ahead"),
        (265.5, "ahead"),
        (265, "on-track"),
        (260, "on-track"),
        (255, "on-track"),
        (254.5, "behind"),
        (230, "behind"),
    ],
)
def test_a_level_follows_a_straight_path(value: float, status: str) -> None:
    progress = assess(goal("level", 280, 230), 2023, value)
    assert progress.status == status
    assert progress.expected == pytest.approx(260)


# A level that is to come down (50 → 30 without ≤): 2023 expects 50 − 20 × 3/5 = 38, tolerance 2.
@pytest.mark.parametrize(
    ("value", "status"), [(30, "achieved"), (35, "ahead"), (39, "on-track"), (41, "behind")]
)
def test_a_falling_level_counts_progress_downwards(value: float, status: str) -> None:
    progress = assess(goal("level", 30, 50), 2023, value)
    assert (progress.status, progress.expected) == (status, pytest.approx(38))


def test_a_level_without_a_baseline_can_only_be_met() -> None:
    assert assess(goal("level", 300, None, at_least=True), 2023, 310).status == "achieved"
    progress = assess(goal("level", 300, None, at_least=True), 2023, 100)
    assert (progress.status, progress.reason, progress.expected) == ("no-data", "no-baseline", None)


def test_no_value_is_no_data_with_the_expected_value_still_given() -> None:
    progress = assess(goal("level", 7, 4.8, at_least=True), 2023, None)
    assert (progress.status, progress.reason) == ("no-data", "no-value")
    assert progress.expected == pytest.approx(4.8 + 2.2 * 0.6)  # 6.12


# Cumulative over the period (累计): 300 in five years, so 2023 expects 180 done, tolerance 30.
@pytest.mark.parametrize(
    ("value", "status"),
    [(300, "achieved"), (211, "ahead"), (180, "on-track"), (150, "on-track"), (149, "behind")],
)
def test_a_cumulative_target_starts_from_zero(value: float, status: str) -> None:
    progress = assess(goal("cumulative", 300, 1200), 2023, value)
    assert (progress.status, progress.expected) == (status, pytest.approx(180))


# Average annual growth of 6 % (年均增长, compounded). By 2023 (three years) the level should be
# 1.06³ = 1.191016 times the base, by 2025 1.06⁵ = 1.338226 times; the tolerance is 10 % of the
# whole growth 0.338226, i.e. 0.033823 of the base level.
#   5 %:  1.05³ = 1.157625, short by 0.033391 → on track
#   4.8 %: 1.048³ = 1.151023, short by 0.039993 → behind
#   8 %:  1.08³ = 1.259712, beyond by 0.068696 → ahead
#   11 %: 1.11³ = 1.367631 ≥ 1.338226 → the 2025 level is already reached
@pytest.mark.parametrize(
    ("value", "status"),
    [(5, "on-track"), (6, "on-track"), (4.8, "behind"), (8, "ahead"), (11, "achieved")],
)
def test_growth_compounds_the_average_annual_rate(value: float, status: str) -> None:
    progress = assess(goal("growth", 6, 6.5), 2023, value)
    assert (progress.status, progress.expected) == (status, 6)


def test_growth_in_the_base_year_has_no_status() -> None:
    assert assess(goal("growth", 6, 6.5), 2020, 7).reason == "base-year"


# A reduction of 13.5 % over five years (降低), as a steady yearly rate: by 2023 the remaining
# level should be 0.865^(3/5) = 0.916663 of the base, a reduction of 8.3337 %; tolerance 1.35.
@pytest.mark.parametrize(
    ("value", "status"),
    [(14, "achieved"), (13.5, "achieved"), (10, "ahead"), (7.5, "on-track"), (6.9, "behind")],
)
def test_a_reduction_compounds_a_steady_yearly_rate(value: float, status: str) -> None:
    progress = assess(goal("reduction", 13.5, None), 2023, value)
    assert progress.status == status
    assert progress.expected == pytest.approx(8.3337, abs=1e-4)


def test_a_reduction_expects_nothing_at_the_start_and_all_at_the_end() -> None:
    assert assess(goal("reduction", 13.5, None), 2020, 0).expected == pytest.approx(0)
    assert assess(goal("reduction", 13.5, None), 2025, 13.5).expected == pytest.approx(13.5)


# An upper limit (≤ 5.5) already kept at the start (4.2): kept it is on track, at the end achieved.
@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2023, 5.0, "on-track"),
        (2023, 5.5, "on-track"),
        (2023, 5.6, "behind"),
        (2025, 5.0, "achieved"),
    ],
)
def test_an_upper_limit_kept_must_stay_kept(year: int, value: float, status: str) -> None:
    progress = assess(goal("upper-limit", 5.5, 4.2), year, value)
    assert (progress.status, progress.expected) == (status, 5.5)


# An upper limit still to reach (≤ 35 from 50): a falling path, 2023 expects 41, tolerance 1.5.
@pytest.mark.parametrize(
    ("value", "status"), [(35, "achieved"), (39, "ahead"), (42, "on-track"), (43, "behind")]
)
def test_an_upper_limit_above_its_baseline_is_a_path_down(value: float, status: str) -> None:
    progress = assess(goal("upper-limit", 35, 50), 2023, value)
    assert (progress.status, progress.expected) == (status, pytest.approx(41))


def test_the_tolerance_is_per_plan() -> None:
    assert assess(goal("level", 280, 230), 2023, 264).status == "on-track"
    assert assess(goal("level", 280, 230, tolerance=0.05), 2023, 264).status == "ahead"


@pytest.mark.parametrize(
    ("name", "target", "kind"),
    [
        ("地区生产总值年均增长", "6", "growth"),
        ("居民人均可支配收入年均实际增长", "6", "growth"),
        ("累计新增城镇就业", "50", "cumulative"),
        ("单位地区生产总值能耗降低", "13.5", "reduction"),
        ("城镇调查失业率", "≤5.5", "upper-limit"),
        ("每千名常住人口养老床位数", "≥7", "level"),
        ("建成运营街道乡镇养老照料中心数量", "280", "level"),
        ("残疾人家庭人均收入年均增长", "与GDP增长基本同步", "qualitative"),
    ],
)
def test_the_kind_is_inferred_from_name_and_target(name: str, target: str, kind: str) -> None:
    assert infer_kind(name, parse_quantity(target)) == kind
