"""10a, 10b and 10c. `plancraft serve`: save to HTML served, to browser repainted, to the Typst PDF
served (serve.py)."""

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
    progress(f"plancraft serve {BIG_PLAN} --pdf-engine typst: save → PDF served ×{saves}")
    pdf = serve.measure_typst_pdf(scratch.root / "plans", saves, BIG_PLAN)
    results.rows.append(
        Stats(
            f"10c save → updated PDF served, {BIG_PLAN}, Typst",
            [Run(s, 0, 0, "") for s in pdf],
            "serve --pdf-engine typst, event stream then GET of the PDF",
        )
    )
    results.values["serve_pdf"] = statistics.median(pdf)
