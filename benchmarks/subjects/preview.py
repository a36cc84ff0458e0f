"""10a to 10g. `plancraft serve`: save to HTML served, to browser repainted, to the Typst PDF served,
a GET under load (serve.py)."""

from __future__ import annotations

import statistics

from common import BIG_PLAN, Results, Run, Scratch, Stats, progress


def measure_preview(scratch: Scratch, repeat: int, results: Results) -> None:
    """10a to 10f. `plancraft serve`: save → updated HTML served, save → browser repainted, a GET of
    the page with 200 event streams open, during a burst of 500 connections, after they hang up."""
    import serve

    saves = max(repeat * 3, 5)
    progress(
        f"plancraft serve {BIG_PLAN}: save → served, save → repainted ×{saves}, GET under load"
    )
    served, painted, loaded = serve.measure(scratch.root / "plans", saves, BIG_PLAN)
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
    rows = [
        ("10d", "streams", f"GET {BIG_PLAN} page, {serve.STREAMS} event streams open", ""),
        (
            "10e",
            "burst",
            f"GET {BIG_PLAN} page sent after a burst of {serve.BURST} GET /",
            "burst_all",
        ),
        (
            "10f",
            "after",
            f"GET {BIG_PLAN} page after {serve.STREAMS + 2 * serve.BURST} hang up",
            "",
        ),
        ("10g", "pages", f"GET {BIG_PLAN} page sent after {serve.BURST} GETs of it", "pages_all"),
    ]
    for number, key, label, whole in rows:
        note = (
            f"burst answered in full in {min(loaded[whole]):.2f}–{max(loaded[whole]):.2f} s; "
            f"server CPU {statistics.median(loaded[key + '_cpu']):.3f} s a burst (median)"
            if whole
            else "connect to last byte"
        )
        results.rows.append(
            Stats(f"{number} {label}", [Run(s, 0, 0, "") for s in loaded[key]], note)
        )
    results.values["serve_get_load"] = max(
        statistics.median(loaded[key]) for key in ("streams", "burst", "after")
    )
    results.values["serve_burst_all"] = max(loaded["burst_all"] + loaded["pages_all"])
