"""1b. `plancraft indicators` of the five plans in every format."""

from __future__ import annotations

from collections.abc import Callable

from common import BIG_PLAN, Results, Scratch, interleaved, plancraft

INDICATOR_FORMATS = ("text", "json", "csv", "xlsx", "html")


def measure_indicators(scratch: Scratch, repeat: int, results: Results) -> None:
    """1b. `plancraft indicators` of the five plans against beijing, in every format, startup included."""
    plans = sorted(
        str(path.parent.relative_to(scratch.root))
        for path in (scratch.root / "plans").glob("*/plan.yaml")
    )

    def command(fmt: str) -> Callable[[], list[str]]:
        return lambda: plancraft(
            "indicators",
            "--parent",
            BIG_PLAN,
            *plans,
            "--format",
            fmt,
            "-o",
            scratch.root / scratch.fresh("indicators") / f"report.{fmt}",
        )

    stats = interleaved(
        repeat,
        scratch.root,
        {
            f"1b indicators --format {fmt}, {len(plans)} plans": command(fmt)
            for fmt in INDICATOR_FORMATS
        },
    )
    results.rows += list(stats.values())
    results.values["indicators"] = max(found.median for found in stats.values())
