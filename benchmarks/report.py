"""The report: the issue's targets, the tables, the machine line, and the section appended to RESULTS.md."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from common import BIG_PLAN, PARALLEL_JOBS, PROJECT, Results

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BUSY_LOAD = 0.5  # 1-minute load average above which the machine is called busy


@dataclass
class Target:
    """A goal from the issue: a measured value against a limit."""

    name: str
    measured: float
    limit: float
    unit: str
    at_least: bool = False

    @property
    def passed(self) -> bool:
        """Whether the measured value meets the limit."""
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    @property
    def margin(self) -> float:
        """Headroom: positive when the target is met, negative by how much it is missed."""
        return self.measured - self.limit if self.at_least else self.limit - self.measured

    def row(self) -> list[str]:
        """The target as a table row."""
        digits = 0 if self.unit == " MB" else 3 if self.limit < 0.5 else 2

        def show(value: float) -> str:
            return f"{value:.{digits}f}{self.unit}"

        return [
            self.name,
            ("≥ " if self.at_least else "≤ ") + show(self.limit),
            show(self.measured),
            ("+" if self.margin >= 0 else "-") + show(abs(self.margin)),
            "PASS" if self.passed else "MISS",
        ]


def targets(results: Results) -> list[Target]:
    """The issue's targets, checked against what was measured."""
    v = results.values
    nan = float("nan")
    found = [
        Target("PDF of one plan vs plain WeasyPrint (3/7)", v.get("overhead", nan), 1.1, "x"),
        Target(
            "PDF with flush CJK lines vs plain WeasyPrint, issue 12 (3/7)",
            v.get("overhead", nan),
            1.15,
            "x",
        ),
        Target(
            f"all plans, --jobs {PARALLEL_JOBS} vs --jobs 1 speedup (4a/4b)",
            v.get("speedup", nan),
            1.8,
            "x",
            at_least=True,
        ),
        Target("no-op rebuild vs cold build (5/4b)", v.get("noop_ratio", nan), 0.1, "x"),
        Target("validate all plans, startup included (1)", v.get("validate", nan), 1.0, " s"),
        Target(
            "indicators, every format, slowest median, startup included (1b)",
            v.get("indicators", nan),
            1.0,
            " s",
        ),
        Target(
            "monitor, five plans x five years, slowest median, startup included (1c, #25)",
            v.get("monitor", nan),
            1.0,
            " s",
        ),
        Target(
            "diff --table of the largest plan, startup included (1d, #26)",
            v.get("changes_table", nan),
            1.0,
            " s",
        ),
        Target(
            f"HTML build of one plan vs {results.comparison} (8a/8b)",
            v.get("html_vs_converter", nan),
            1.0,
            "x",
        ),
        Target("peak memory of a plan's PDF build (6)", v.get("rss_mb", nan), 300, " MB"),
        Target("8x content vs 1x, PDF build time (9)", v.get("scale_8x", nan), 8.5, "x"),
        Target(f".docx export of {BIG_PLAN}, startup included (11)", v.get("docx", nan), 1.0, " s"),
        Target(f"review of a returned {BIG_PLAN} .docx (12)", v.get("review_docx", nan), 2.0, " s"),
        Target(
            f"save → updated HTML served, {BIG_PLAN} (10a)", v.get("serve_html", nan), 0.150, " s"
        ),
        Target(
            "import of a 60,000-character text, startup included (13a)",
            v.get("import_text", nan),
            2.0,
            " s",
        ),
        Target(
            "import of a 60,000-character Word file, startup included (13b)",
            v.get("import_docx", nan),
            2.0,
            " s",
        ),
        Target(
            "import of a 60,000-character PDF, startup included (13c)",
            v.get("import_pdf", nan),
            2.0,
            " s",
        ),
        Target(
            f"save → updated Typst PDF served, {BIG_PLAN} (10c, #29)",
            v.get("serve_pdf", nan),
            0.5,
            " s",
        ),
        Target(
            f"Typst vs WeasyPrint, PDF build of {BIG_PLAN} (14, #29)",
            v.get("typst_speedup", nan),
            5.0,
            "x",
            at_least=True,
        ),
        Target(
            "a GET while 200 streams are open, during a burst of 500, after (10d-f, slowest median)",
            v.get("serve_get_load", nan),
            0.100,
            " s",
        ),
        Target(
            "import and review of every hostile .docx, peak memory (15, the largest)",
            v.get("bombs_mb", nan),
            300,
            " MB",
        ),
        Target(
            "every burst of 500 answered in full (10e, 10g, slowest)",
            v.get("serve_burst_all", nan),
            5.0,
            " s",
        ),
    ]
    return [target for target in found if target.measured == target.measured]  # measured, not nan


@dataclass
class Table:
    """Rows of text cells under a header, printable for a terminal or as Markdown."""

    header: list[str]
    rows: list[list[str]]
    right: set[int] = field(default_factory=set)

    def text(self) -> str:
        """Aligned columns for a terminal."""
        widths = [
            max(len(row[i]) for row in [self.header, *self.rows]) for i in range(len(self.header))
        ]

        def line(row: list[str]) -> str:
            return "  ".join(
                cell.rjust(width) if i in self.right else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths))
            ).rstrip()

        return "\n".join(
            [line(self.header), "  ".join("-" * w for w in widths), *map(line, self.rows)]
        )

    def markdown(self) -> str:
        """A Markdown pipe table."""
        rule = ["---:" if i in self.right else "---" for i in range(len(self.header))]
        return "\n".join("| " + " | ".join(row) + " |" for row in [self.header, rule, *self.rows])


def measurement_table(results: Results) -> Table:
    """Measurements 1–8 in order: median, min and max seconds (6: megabytes) and a note."""
    rows = []
    for stats in sorted(results.rows, key=lambda stats: stats.label.split()[0]):
        if stats.memory:
            rows.append([stats.label, f"{stats.peak_mb:.0f}", "", "", stats.note])
        else:
            rows.append(
                [
                    stats.label,
                    f"{stats.median:.3f}",
                    f"{min(stats.times):.3f}",
                    f"{max(stats.times):.3f}",
                    stats.note,
                ]
            )
    return Table(["measurement", "median s", "min s", "max s", "note"], rows, right={1, 2, 3})


def scaling_table(results: Results) -> Table:
    """Measurement 9: time, pages and memory for each size."""
    base_time, base_chars = results.scaling[0][3].median, results.scaling[0][1]
    rows = [
        [
            f"{factor}x",
            f"{chars} ({chars / base_chars:.2f}x)",
            str(pages),
            f"{stats.median:.2f}",
            f"{min(stats.times):.2f}",
            f"{max(stats.times):.2f}",
            f"{stats.median / base_time:.2f}x",
            f"{stats.peak_mb:.0f}",
        ]
        for factor, chars, pages, stats in results.scaling
    ]
    return Table(
        ["tasks", "Markdown chars", "pages", "median s", "min s", "max s", "vs 1x", "peak MB"],
        rows,
        right=set(range(1, 8)),
    )


def target_table(results: Results) -> Table:
    """The targets with PASS/MISS and the margin."""
    return Table(
        ["target", "limit", "measured", "margin", "result"],
        [t.row() for t in targets(results)],
        right={1, 2, 3},
    )


def git(*args: str) -> str:
    """Output of a git command in the project, or '' when it fails."""
    done = subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def commit() -> str:
    """The short commit, with +dirty when the working tree has changes (untracked files included)."""
    return (git("rev-parse", "--short", "HEAD") or "unknown") + (
        "+dirty" if git("status", "--porcelain") else ""
    )


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ram_gib() -> float:
    """Total RAM in GiB from /proc/meminfo."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return float("nan")


def machine() -> str:
    """One line describing the machine and the software measured."""
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()
    busy = (
        f" (BUSY: above {BUSY_LOAD}, timings and ratios unreliable)" if load[0] > BUSY_LOAD else ""
    )
    bytecode = (
        "; PYTHONDONTWRITEBYTECODE set here, dropped for the measured commands"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else ""
    )
    return (
        f"{cpu_model()}, {cores} cores, {ram_gib():.1f} GiB RAM; Python {platform.python_version()}; "
        f"WeasyPrint {metadata.version('weasyprint')}; plancraft {metadata.version('plancraft')}; "
        f"load average at start {', '.join(f'{value:.2f}' for value in load)}{busy}{bytecode}"
    )


def report_text(results: Results, repeat: int, header: str) -> str:
    """The report for a terminal."""
    scaling = (
        ["9 scaling: cold PDF build, --jobs 1, tasks part repeated", scaling_table(results).text()]
        if results.scaling
        else []
    )
    return "\n\n".join(
        [
            header,
            f"{repeat} runs per measurement; times in seconds, wall clock, startup included.",
            measurement_table(results).text(),
            *scaling,
            "targets",
            target_table(results).text(),
        ]
    )


def report_markdown(results: Results, repeat: int, when: str, revision: str, header: str) -> str:
    """The section appended to RESULTS.md."""
    return (
        "\n\n".join(
            [
                f"## {when} — {revision}",
                f"Machine: {header}",
                f"{repeat} runs per measurement; times in seconds, wall clock, startup included.",
                measurement_table(results).markdown(),
                *(
                    [
                        "Scaling: cold PDF build, `--jobs 1`, the tasks part repeated k times.",
                        scaling_table(results).markdown(),
                    ]
                    if results.scaling
                    else []
                ),
                "Targets:",
                target_table(results).markdown(),
            ]
        )
        + "\n"
    )


def record(section: str) -> None:
    """Append a section to RESULTS.md, creating it with a heading first if needed."""
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmark results\n\nAppended by `benchmarks/run.py --record`; newest last. "
            "See README.md for what each row means.\n",
            encoding="utf-8",
        )
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write("\n" + section)
