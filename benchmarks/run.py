"""plancraft benchmarks: time the real CLI on a scratch copy of plans/ and check the issue's targets.

Run as `.venv/bin/python benchmarks/run.py [--repeat N] [--quick] [--record] [--only SUBJECT]`; see
benchmarks/README.md. Standard library only, plus pypdf (page counts) from the project's venv. The
measurements live in subjects/, one module per subject; this file runs them and reports.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path

from common import BenchmarkError, Results, Scratch, warm_up
from subjects import STEPS, SUBJECTS

from report import RESULTS, commit, machine, record, report_markdown, report_text


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
    parser.add_argument(
        "--only",
        action="append",
        choices=SUBJECTS,
        metavar="SUBJECT",
        help=f"run only this subject (repeatable): {', '.join(SUBJECTS)}",
    )
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (2 if args.quick else 5)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def run_all(repeat: int, only: list[str] | None = None) -> Results:
    """Every measurement (or those of the subjects named), in one scratch folder."""
    results = Results()
    steps = [step for step in STEPS if not only or step.subject in only]
    with tempfile.TemporaryDirectory(prefix="plancraft-bench-") as folder:
        scratch = Scratch(Path(folder))
        if any(step.warm for step in steps):
            warm_up(scratch)
        for step in steps:
            step.measure(scratch, repeat, results)
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
