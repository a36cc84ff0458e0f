"""3, 6 and 7. The PDF of the largest plan: time, peak memory, and plain WeasyPrint on its HTML."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from common import (
    BIG_PLAN,
    Results,
    Scratch,
    Stats,
    interleaved,
    page_count,
    plancraft,
    run_checked,
)

PLAIN_WEASYPRINT = """\
import sys
import weasyprint
weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""


def measure_pdf_one(scratch: Scratch, repeat: int, results: Results) -> None:
    """3, 6 and 7. Cold PDF build of the largest plan, its peak memory, and plain WeasyPrint on its HTML."""
    html_dir = scratch.fresh("html")
    run_checked(
        plancraft(
            "build", scratch.plan(BIG_PLAN), "-o", html_dir, "--format", "html", "--jobs", "1"
        ),
        scratch.root,
    )
    html = scratch.root / html_dir / f"{BIG_PLAN}.html"
    base = str((scratch.root / scratch.plan(BIG_PLAN)).resolve()) + "/"
    ours: list[Path] = []
    theirs: list[Path] = []

    def build() -> list[str]:
        ours.append(scratch.fresh())
        return plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            ours[-1],
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--force",
        )

    def plain() -> list[str]:
        theirs.append(scratch.root / scratch.fresh() / f"{BIG_PLAN}.pdf")
        return [sys.executable, "-c", PLAIN_WEASYPRINT, str(html), base, str(theirs[-1])]

    stats = interleaved(
        repeat,
        scratch.root,
        {
            f"3 PDF build, {BIG_PLAN}, cold, --jobs 1": build,
            f"7 plain WeasyPrint, {BIG_PLAN} HTML to PDF": plain,
        },
    )
    pdf, weasy = stats.values()
    overhead = pdf.median / weasy.median
    pages, plain_pages = (
        page_count(scratch.root / ours[-1] / f"{BIG_PLAN}.pdf"),
        page_count(theirs[-1]),
    )
    pdf.note = f"{pages} pages"
    weasy.note = f"overhead of 3: {overhead:.2f}x; {plain_pages} pages" + (
        "" if pages == plain_pages else " (differs!)"
    )
    median_mb = statistics.median(run.max_rss_kb for run in pdf.runs) * 1024 / 1e6
    memory = Stats(
        f"6 peak RSS of 3 (MB, max of {repeat})",
        pdf.runs,
        f"median {median_mb:.0f} MB",
        memory=True,
    )
    results.rows += [pdf, memory, weasy]
    results.values.update(overhead=overhead, rss_mb=memory.peak_mb)
