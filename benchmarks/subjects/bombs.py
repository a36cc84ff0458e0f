"""15. Hostile .docx files through `plancraft import` and `plancraft review`: peak memory of each run.

The issue's reproducers and the largest files the DOCX_ limits still let through, each made from the
export of the largest plan by benchmarks/bombs.py: every run must stay under 300 MB (max RSS of the
process, from wait4).
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import (
    BIG_PLAN,
    Results,
    Run,
    Scratch,
    Stats,
    plancraft,
    progress,
    run_checked,
    run_once,
)


def measure_bombs(scratch: Scratch, repeat: int, results: Results) -> None:
    """15. Peak memory of import and review of each hostile .docx (max of the runs)."""
    from plancraft import limits

    xml_limit = getattr(limits, "DOCX_XML_BYTES", limits.Limit("", 8 * 1024 * 1024))  # older code

    export = scratch.fresh("bombs-export")
    run_checked(
        plancraft("build", scratch.plan(BIG_PLAN), "-o", export, "--format", "docx", "--force"),
        scratch.root,
    )
    progress("making the hostile .docx files (benchmarks/bombs.py)")
    folder = scratch.root / "bombs"
    made = run_checked(
        [
            sys.executable,
            str(Path(__file__).resolve().parent.parent / "bombs.py"),
            str(scratch.root / export / f"{BIG_PLAN}.docx"),
            str(folder),
            str(xml_limit.value),
        ],
        scratch.root,
    )
    bombs = dict(line.split("\t", 1) for line in made.output.splitlines() if "\t" in line)
    runs = max(min(repeat, 2), 1)
    peaks = []
    for name, label in bombs.items():
        path = folder / name
        size = path.stat().st_size / 1e6
        commands = {
            "import": lambda path=path: plancraft(
                "import", path, "-o", scratch.fresh("imported") / "draft"
            ),
            "review": lambda path=path: plancraft("review", path, scratch.plan(BIG_PLAN)),
        }
        for command, make_command in commands.items():
            progress(f"plancraft {command} {name} ({label}) ×{runs}")
            found: list[Run] = [run_once(make_command(), scratch.root) for _ in range(runs)]
            last = found[-1]
            said = next((line for line in last.output.splitlines() if "error:" in line), "")
            said = said.split("error:", 1)[1].strip()[:80] if said else ""
            note = f"{size:.1f} MB file; exit {last.returncode}" + (f": {said}" if said else "")
            stats = Stats(f"15 {command}: {label} (MB, max of {runs})", found, note, memory=True)
            results.rows.append(stats)
            peaks.append(stats.peak_mb)
    results.values["bombs_mb"] = max(peaks)
