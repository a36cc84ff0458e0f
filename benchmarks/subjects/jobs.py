"""4 and 5. Every plan's PDF one and two at a time, and the no-op rebuild."""

from __future__ import annotations

from pathlib import Path

from common import PARALLEL_JOBS, Results, Scratch, interleaved, plancraft


def measure_pdf_all(scratch: Scratch, repeat: int, results: Results) -> None:
    """4 and 5. Cold PDF build of every plan serial and parallel; a no-op rebuild after each parallel build."""
    parallel_out: list[Path] = []

    def serial() -> list[str]:
        return plancraft(
            "build", "-o", scratch.fresh(), "--format", "pdf", "--jobs", "1", "--force"
        )

    def parallel() -> list[str]:
        parallel_out.append(scratch.fresh())
        return plancraft(
            "build", "-o", parallel_out[-1], "--format", "pdf", "--jobs", PARALLEL_JOBS, "--force"
        )

    def noop() -> list[str]:
        return plancraft(
            "build", "-o", parallel_out[-1], "--format", "pdf", "--jobs", PARALLEL_JOBS
        )

    stats = interleaved(
        repeat,
        scratch.root,
        {
            "4a PDF build, all plans, --jobs 1": serial,
            f"4b PDF build, all plans, --jobs {PARALLEL_JOBS}": parallel,
            "5 no-op rebuild of 4b (no --force)": noop,
        },
    )
    one, two, again = stats.values()
    speedup, ratio = one.median / two.median, again.median / two.median
    rebuilt = max(run.output.count("built ") for run in again.runs)
    two.note = f"speedup {speedup:.2f}x over 4a"
    again.note = f"{ratio:.3f}x of 4b" + (f"; REBUILT {rebuilt} plan(s)!" if rebuilt else "")
    results.rows += [one, two, again]
    results.values.update(speedup=speedup, noop_ratio=ratio)
