"""plancraft benchmarks: time the real CLI on a scratch copy of plans/ and check the issue's targets.

Run as `.venv/bin/python benchmarks/run.py [--repeat N] [--quick] [--record]`; see benchmarks/README.md.
Standard library only, plus pypdf (page counts) from the project's venv.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PLANS = PROJECT / "plans"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BIG_PLAN = "beijing"
SCALES = (1, 2, 4, 8)
PARALLEL_JOBS = 2
BUSY_LOAD = 0.5  # 1-minute load average above which the machine is called busy
ID_DEF_RE = re.compile(r"\{#([a-z][a-z0-9-]*)")

PLAIN_WEASYPRINT = """\
import sys
import weasyprint
weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""

MARKDOWN_IT = """\
import sys
from markdown_it import MarkdownIt
text = open(sys.argv[1], encoding="utf-8").read()
html = MarkdownIt("commonmark").enable("table").render(text)
open(sys.argv[2], "w", encoding="utf-8").write(html)
"""


# ---------------------------------------------------------------- running and timing


@dataclass
class Run:
    """One timed subprocess: wall time, peak memory, exit status and what it printed."""

    seconds: float
    max_rss_kb: int
    returncode: int
    output: str


@dataclass
class Stats:
    """The runs of one measurement."""

    label: str
    runs: list[Run]
    note: str = ""
    memory: bool = False

    @property
    def times(self) -> list[float]:
        """Wall times of the runs, in seconds."""
        return [run.seconds for run in self.runs]

    @property
    def median(self) -> float:
        """Median wall time."""
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        """The largest max RSS over the runs, in MB (10^6 bytes)."""
        return max(run.max_rss_kb for run in self.runs) * 1024 / 1e6


class BenchmarkError(RuntimeError):
    """A command the benchmark depends on failed."""


def venv_bin(name: str) -> str:
    """A program in the venv that runs this script (e.g. .venv/bin/plancraft)."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise BenchmarkError(f"{path} not found: run this with the project's venv python")
    return str(path)


MEASURED_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""The measured commands' environment: Python caches bytecode, as on any installed system (a sandbox that
sets PYTHONDONTWRITEBYTECODE would make every run recompile plancraft's modules, but not WeasyPrint's, whose
bytecode pip wrote at install)."""


def run_once(command: list[str], cwd: Path) -> Run:
    """Run `command` to completion, timing it and taking its max RSS from wait4."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, env=MEASURED_ENV
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        output = sink.read().decode("utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss, process.returncode, output)


def run_checked(command: list[str], cwd: Path) -> Run:
    """Run `command`, failing loudly with its output when it exits non-zero."""
    run = run_once(command, cwd)
    if run.returncode != 0:
        raise BenchmarkError(
            f"`{' '.join(command)}` (in {cwd}) exited {run.returncode}:\n{run.output}"
        )
    return run


def plancraft(*args: str | Path) -> list[str]:
    """A plancraft command line."""
    return [venv_bin("plancraft"), *map(str, args)]


def repeat_runs(label: str, repeat: int, make_command: Callable[[], list[str]], cwd: Path) -> Stats:
    """Run a fresh command from `make_command` `repeat` times."""
    return interleaved(repeat, cwd, {label: make_command})[label]


def interleaved(
    repeat: int, cwd: Path, commands: dict[str, Callable[[], list[str]]]
) -> dict[str, Stats]:
    """Run each command once per round, in the order given, for `repeat` rounds; compared commands share the load."""
    progress(" + ".join(commands) + f" ×{repeat}")
    runs: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, make_command in commands.items():
            runs[label].append(run_checked(make_command(), cwd))
    return {label: Stats(label, found) for label, found in runs.items()}


def progress(message: str) -> None:
    """Say what is being measured, on stderr."""
    print(f"  … {message}", file=sys.stderr, flush=True)


class Scratch:
    """A temporary folder holding a copy of plans/ and fresh output folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(PLANS, root / "plans")

    def fresh(self, prefix: str = "out") -> Path:
        """A new empty folder (relative to the scratch root) for one build's output."""
        return Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=self.root)).relative_to(self.root)

    def plan(self, slug: str) -> Path:
        """The relative path of a plan in the scratch copy."""
        return Path("plans") / slug


def page_count(pdf: Path) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


# ---------------------------------------------------------------- measurements


@dataclass
class Results:
    """Everything measured in one benchmark run."""

    rows: list[Stats] = field(default_factory=list)
    scaling: list[tuple[int, int, int, Stats]] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)
    comparison: str = ""


def warm_up(scratch: Scratch) -> None:
    """One untimed PDF build, so bytecode and font caches do not land in the first timed run."""
    progress("warm-up (untimed PDF build of one plan)")
    run_checked(
        plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            scratch.fresh("warm"),
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--force",
        ),
        scratch.root,
    )


def measure_validate(scratch: Scratch, repeat: int, results: Results) -> None:
    """1. `plancraft validate` of every plan, startup included."""
    count = len(list((scratch.root / "plans").glob("*/plan.yaml")))
    stats = repeat_runs(
        f"1 validate, all {count} plans", repeat, lambda: plancraft("validate"), scratch.root
    )
    results.rows.append(stats)
    results.values["validate"] = stats.median


def measure_html_all(scratch: Scratch, repeat: int, results: Results) -> None:
    """2. HTML-only build of every plan, cold."""
    stats = repeat_runs(
        "2 HTML build, all plans, cold",
        repeat,
        lambda: plancraft("build", "-o", scratch.fresh(), "--format", "html", "--force"),
        scratch.root,
    )
    results.rows.append(stats)


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


RETURNED_EDIT = (
    b'<w:ins w:id="9001" w:author="bench" w:date="2024-01-01T00:00:00Z">'
    b"<w:r><w:t>\xe8\xaf\x95</w:t></w:r></w:ins></w:p>"
)


def returned_docx(export: Path, target: Path) -> None:
    """The export as a reviewer might return it: one tracked insertion added to the first paragraph."""
    import zipfile

    with (
        zipfile.ZipFile(export) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:p>", RETURNED_EDIT, 1)
            out.writestr(info, data)


def measure_docx(scratch: Scratch, repeat: int, results: Results) -> None:
    """11 and 12. Word export of the largest plan, cold; review of a returned copy of it."""
    exports: list[Path] = []

    def export() -> list[str]:
        exports.append(scratch.fresh())
        return plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            exports[-1],
            "--format",
            "docx",
            "--jobs",
            "1",
            "--force",
        )

    built = repeat_runs(f"11 .docx export, {BIG_PLAN}, cold", repeat, export, scratch.root)
    returned = scratch.root / scratch.fresh("review") / f"{BIG_PLAN}-returned.docx"
    returned_docx(scratch.root / exports[-1] / f"{BIG_PLAN}.docx", returned)
    reviewed = repeat_runs(
        f"12 review of a returned {BIG_PLAN} .docx",
        repeat,
        lambda: plancraft("review", returned, scratch.plan(BIG_PLAN)),
        scratch.root,
    )
    reviewed.note = "1 finding" if "1 finding" in reviewed.runs[-1].output else "FINDINGS DIFFER"
    results.rows += [built, reviewed]
    results.values.update(docx=built.median, review_docx=reviewed.median)


def concatenated_markdown(plan_dir: Path) -> str:
    """The plan's Markdown files in plan.yaml order, joined (the input a plain converter would get)."""
    files = re.findall(
        r"^\s*(?:-\s+)?file:\s*['\"]?([^'\"\s]+)",
        (plan_dir / "plan.yaml").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    return "\n\n".join((plan_dir / name).read_text(encoding="utf-8") for name in files)


def measure_html_one(scratch: Scratch, repeat: int, results: Results) -> None:
    """8. HTML-only build of the largest plan against pandoc, or markdown-it-py when pandoc is missing."""
    source = scratch.root / "concatenated.md"
    source.write_text(
        concatenated_markdown(scratch.root / scratch.plan(BIG_PLAN)), encoding="utf-8"
    )
    pandoc = shutil.which("pandoc")
    results.comparison = "pandoc" if pandoc else "markdown-it-py (pandoc not installed)"

    def build() -> list[str]:
        return plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            scratch.fresh(),
            "--format",
            "html",
            "--jobs",
            "1",
            "--force",
        )

    def convert() -> list[str]:
        target = str(scratch.root / scratch.fresh() / "out.html")
        if pandoc:
            return [
                pandoc,
                "--from",
                "commonmark_x",
                "--to",
                "html5",
                "--standalone",
                "--metadata",
                f"pagetitle={BIG_PLAN}",
                "-o",
                target,
                str(source),
            ]
        return [sys.executable, "-c", MARKDOWN_IT, str(source), target]

    label = (
        f"8b pandoc, {BIG_PLAN} Markdown to HTML"
        if pandoc
        else f"8b markdown-it-py, {BIG_PLAN} Markdown (pandoc not installed)"
    )
    ours, theirs = interleaved(
        repeat, scratch.root, {f"8a HTML build, {BIG_PLAN}, cold, --jobs 1": build, label: convert}
    ).values()
    ratio = ours.median / theirs.median
    ours.note = f"{ratio:.2f}x of 8b"
    theirs.note = f"{len(source.read_text(encoding='utf-8'))} chars, startup included"
    results.rows += [ours, theirs]
    results.values["html_vs_converter"] = ratio


def rename_ids(markdown: str, suffix: str) -> str:
    """Give every id defined in `markdown` (and references to it) a suffix, so a copy can sit beside the original."""
    defined = set(ID_DEF_RE.findall(markdown))
    renamed = ID_DEF_RE.sub(lambda m: "{#" + m.group(1) + suffix, markdown)
    return re.sub(
        r"\[@([a-z][a-z0-9-]*)\]",
        lambda m: f"[@{m.group(1)}{suffix}]" if m.group(1) in defined else m.group(0),
        renamed,
    )


def outline_entry(plan_yaml: str, ident: str) -> str:
    """The text of the top-level outline entry with this id, up to the next entry or the end of the outline."""
    match = re.search(
        rf"^([ ]*)- id: {re.escape(ident)}\n(?:\1[ ]{{2}}.*\n)*", plan_yaml, re.MULTILINE
    )
    if not match:
        raise BenchmarkError(
            f"no outline entry '{ident}' in plan.yaml; the scaling benchmark needs one"
        )
    return match.group(0)


def make_scaled_plan(source: Path, target: Path, factor: int) -> None:
    """Copy a plan, repeating its tasks part (text and outline entry, with fresh ids) `factor` times."""
    shutil.copytree(source, target)
    plan_yaml = (target / "plan.yaml").read_text(encoding="utf-8")
    entry = outline_entry(plan_yaml, "tasks")
    text_file = re.search(r"^\s*file:\s*(\S+)", entry, re.MULTILINE).group(1)
    markdown = (target / text_file).read_text(encoding="utf-8")
    copies = []
    for number in range(2, factor + 1):
        suffix = f"-copy{number}"
        copy_file = text_file.replace(".md", f"{suffix}.md")
        (target / copy_file).write_text(rename_ids(markdown, suffix), encoding="utf-8")
        copy = entry.replace("id: tasks\n", f"id: tasks{suffix}\n").replace(
            f"file: {text_file}", f"file: {copy_file}"
        )
        copies.append(
            re.sub(r"^(\s*title: .*)$", rf"\1（续{number}）", copy, count=1, flags=re.MULTILINE)
        )
    (target / "plan.yaml").write_text(
        plan_yaml.replace(entry, entry + "".join(copies)), encoding="utf-8"
    )


def markdown_chars(plan_dir: Path) -> int:
    """How many characters of Markdown a plan has."""
    return sum(len(path.read_text(encoding="utf-8")) for path in plan_dir.glob("text/*.md"))


def scaled_build(folder: Path, slug: str, outputs: list[Path]) -> Callable[[], list[str]]:
    """A maker of cold PDF build commands for one scaled plan, remembering each output folder."""

    def command() -> list[str]:
        outputs.append(Path(tempfile.mkdtemp(prefix="out-", dir=folder)))
        return plancraft(
            "build",
            Path("plans") / slug,
            "-o",
            outputs[-1],
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--force",
        )

    return command


def measure_scaling(scratch: Scratch, repeat: int, results: Results) -> None:
    """9. Cold PDF builds of the largest plan with its tasks repeated 1, 2, 4 and 8 times."""
    folder = scratch.root / "scaled"
    slugs = {factor: f"{BIG_PLAN}-x{factor}" for factor in SCALES}
    for factor, slug in slugs.items():
        make_scaled_plan(scratch.root / scratch.plan(BIG_PLAN), folder / "plans" / slug, factor)
    check = run_once(
        plancraft("validate", *(Path("plans") / slug for slug in slugs.values())), folder
    )
    if check.returncode != 0:
        raise BenchmarkError(
            f"the synthetic plans do not validate (exit {check.returncode}):\n{check.output}"
        )
    outputs: dict[int, list[Path]] = {factor: [] for factor in SCALES}
    commands = {
        f"9 PDF build, {factor}x tasks": scaled_build(folder, slug, outputs[factor])
        for factor, slug in slugs.items()
    }
    for factor, stats in zip(SCALES, interleaved(repeat, folder, commands).values()):
        pages = page_count(outputs[factor][-1] / f"{slugs[factor]}.pdf")
        results.scaling.append(
            (factor, markdown_chars(folder / "plans" / slugs[factor]), pages, stats)
        )
    base, top = results.scaling[0][3].median, results.scaling[-1][3].median
    results.values["scale_8x"] = top / base


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


# ---------------------------------------------------------------- targets


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
    ]
    return [target for target in found if target.measured == target.measured]  # measured, not nan


# ---------------------------------------------------------------- reporting


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


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, help="runs per measurement (default 5, or 2 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="2 runs per measurement, for development"
    )
    parser.add_argument(
        "--record", action="store_true", help=f"append the results to {RESULTS.name}"
    )
    parser.add_argument("--only", choices=["indicators"], help="run only this measurement")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (2 if args.quick else 5)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def run_all(repeat: int, only: str | None = None) -> Results:
    """Every measurement (or only the one named), in one scratch folder."""
    results = Results()
    with tempfile.TemporaryDirectory(prefix="plancraft-bench-") as folder:
        scratch = Scratch(Path(folder))
        if only == "indicators":
            measure_indicators(scratch, repeat, results)
            return results
        warm_up(scratch)
        measure_validate(scratch, repeat, results)
        measure_indicators(scratch, repeat, results)
        measure_html_all(scratch, repeat, results)
        measure_pdf_one(scratch, repeat, results)
        measure_pdf_all(scratch, repeat, results)
        measure_html_one(scratch, repeat, results)
        measure_scaling(scratch, repeat, results)
        measure_docx(scratch, repeat, results)
        measure_preview(scratch, repeat, results)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the report and optionally record it."""
    args = parse_args(argv)
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    header, revision = machine(), commit()
    print(f"plancraft benchmarks, {when}, {revision}\n{header}", file=sys.stderr)
    try:
        results = run_all(args.repeat, args.only)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    print(
        report_text(results, args.repeat, f"plancraft benchmarks — {when} — {revision}\n{header}")
    )
    if args.record:
        record(report_markdown(results, args.repeat, when, revision, header))
        print(f"\nappended to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
