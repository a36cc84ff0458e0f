"""1c. `plancraft monitor` of the five plans with five years of values; 1d. a 修改对照表 of beijing.

The yearly values are made up here, inside the scratch copy, for timing only: no plan under
plans/ carries monitoring data its sources do not give.
"""

from __future__ import annotations

import shutil

from common import BIG_PLAN, Results, Scratch, interleaved, plancraft
from ruamel.yaml import YAML

YEARS = range(2021, 2026)


def _year_files(scratch: Scratch) -> list[str]:
    """Each plan of the scratch copy given five year files of made-up values; the plans' paths."""
    yaml = YAML(typ="safe")
    plans = []
    for plan_yaml in sorted((scratch.root / "plans").glob("*/plan.yaml")):
        folder = plan_yaml.parent
        rows = (yaml.load((folder / "indicators.yaml").read_text(encoding="utf-8")) or {}).get(
            "indicators", []
        )
        ids = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
        (folder / "monitoring").mkdir(exist_ok=True)
        for step, year in enumerate(YEARS, 1):
            values = "".join(f"  {ident}: {10 * step + index}\n" for index, ident in enumerate(ids))
            text = f"# made-up values for the benchmark\nyear: {year}\nvalues:\n{values}"
            (folder / "monitoring" / f"{year}.yaml").write_text(text, encoding="utf-8")
        plans.append(str(folder.relative_to(scratch.root)))
    return plans


def measure_monitor(scratch: Scratch, repeat: int, results: Results) -> None:
    """1c. `plancraft monitor` of every plan with five year files each, JSON and HTML, startup included."""
    plans = _year_files(scratch)
    try:
        stats = interleaved(
            repeat,
            scratch.root,
            {
                f"1c monitor --format {fmt}, {len(plans)} plans x {len(YEARS)} years": (
                    lambda fmt=fmt: plancraft("monitor", *plans, "--format", fmt, "-o", f"m.{fmt}")
                )
                for fmt in ("json", "html")
            },
        )
    finally:
        for plan in plans:
            shutil.rmtree(scratch.root / plan / "monitoring", ignore_errors=True)
    results.rows += list(stats.values())
    results.values["monitor"] = max(found.median for found in stats.values())


def measure_changes_table(scratch: Scratch, repeat: int, results: Results) -> None:
    """1d. The 修改对照表 of the largest plan against an edited copy (one word replaced throughout)."""
    edited = scratch.root / "plans" / f"{BIG_PLAN}-edited"
    shutil.copytree(scratch.root / scratch.plan(BIG_PLAN), edited)
    try:
        for text in (edited / "text").glob("*.md"):
            source = text.read_text(encoding="utf-8")
            text.write_text(source.replace("推动", "促进"), encoding="utf-8")
        stats = interleaved(
            repeat,
            scratch.root,
            {
                f"1d diff --table, {BIG_PLAN} against an edited copy": lambda: plancraft(
                    "diff",
                    "--against",
                    scratch.plan(BIG_PLAN),
                    "--table",
                    "--format",
                    "json",
                    "-o",
                    "table.json",
                    edited.relative_to(scratch.root),
                )
            },
        )
    finally:
        shutil.rmtree(edited, ignore_errors=True)
    results.rows += list(stats.values())
    results.values["changes_table"] = max(found.median for found in stats.values())
