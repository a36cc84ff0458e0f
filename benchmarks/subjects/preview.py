"""10a and 10b. `plancraft serve`: save to HTML served, save to browser repainted (serve.py)."""

from __future__ import annotations

import statistics

from common import BIG_PLAN, Results, Run, Scratch, Stats, progress


def measure_preview(scratch: Scratch, repeat: int, results: Results) -> None:
    """10a and 10b. `plancraft serve`: save → updated HTML served, save → browser repainted (serve.py)."""
    import serve

    saves = max(repeat * 3, 5)
    progress(f"plancraft serve {BIG_PLAN}: save → served, save → repainted ×{saves}")
    served, painted = serve.measure(scratch.root / "plans", saves, BIG_PLAN)
    results.rows.append(
        Stats(
            f"10a save → HTML served, {BIG_PLAN}",
            [Run(s, 0, 0, "") for s in served],
            "plancraft serve, event stream then GET",
        )
    )
    if painted is not None:
        results.rows.append(
            Stats(
                f"10b save → browser repainted, {BIG_PLAN}",
                [Run(s, 0, 0, "") for s in painted],
                "headless chromium",
            )
        )
    results.values["serve_html"] = statistics.median(served)
