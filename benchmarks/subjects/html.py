"""2 and 8. HTML-only builds: every plan, and the largest plan against pandoc or markdown-it-py."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from common import BIG_PLAN, Results, Scratch, interleaved, plancraft, repeat_runs

MARKDOWN_IT = """\
import sys
from markdown_it import MarkdownIt
text = open(sys.argv[1], encoding="utf-8").read()
html = MarkdownIt("commonmark").enable("table").render(text)
open(sys.argv[2], "w", encoding="utf-8").write(html)
"""


def measure_html_all(scratch: Scratch, repeat: int, results: Results) -> None:
    """2. HTML-only build of every plan, cold."""
    stats = repeat_runs(
        "2 HTML build, all plans, cold",
        repeat,
        lambda: plancraft("build", "-o", scratch.fresh(), "--format", "html", "--force"),
        scratch.root,
    )
    results.rows.append(stats)


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
