"""1. `plancraft validate` of every plan."""

from __future__ import annotations

from common import Results, Scratch, plancraft, repeat_runs


def measure_validate(scratch: Scratch, repeat: int, results: Results) -> None:
    """1. `plancraft validate` of every plan, startup included."""
    count = len(list((scratch.root / "plans").glob("*/plan.yaml")))
    stats = repeat_runs(
        f"1 validate, all {count} plans", repeat, lambda: plancraft("validate"), scratch.root
    )
    results.rows.append(stats)
    results.values["validate"] = stats.median
