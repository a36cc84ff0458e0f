"""plancraft monitor: where each indicator stands in a year, and the evaluation report skeletons."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    emit_bytes,
    emit_report,
    main,
    plan_dirs,
    print_diagnostics,
    report_options,
    verbosity,
)

EVALUATIONS = ("midterm", "final")


@main.command(
    help=N_(
        "Yearly monitoring: each indicator against its expected path (提前实现, 快于预期, "
        "基本符合预期, 滞后), early warnings for binding ones, evaluation report skeletons."
    )
)
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--year", type=int, help=N_("The year to report on (default: each plan's latest year file).")
)
@click.option(
    "--report",
    "evaluation",
    type=click.Choice(EVALUATIONS),
    help=N_(
        "Write the skeleton of the 中期评估 (midterm) or 总结评估 (final) report of one plan "
        "(--format docx, pdf or html)."
    ),
)
@report_options(
    N_("text for a terminal, json/csv for tools, xlsx, html, docx and pdf for readers."),
)
@verbosity
@click.pass_context
def monitor(
    ctx: click.Context,
    plans: tuple[Path, ...],
    year: int | None,
    evaluation: str | None,
    fmt: str,
    out_file: Path | None,
) -> None:
    """Yearly monitoring of indicators, early warnings and evaluation report skeletons."""
    from ..monitor.data import load_monitored

    found = Diagnostics()
    roots = plan_dirs(plans)
    if evaluation and len(roots) != 1:
        raise click.UsageError(_("--report writes the evaluation of one plan: give one plan"))
    if evaluation and fmt not in ("docx", "pdf", "html"):
        raise click.UsageError(_("--report writes docx, pdf or html: give --format"))
    monitored = load_monitored(roots, year, found)
    shown = found.sorted() if not ctx.obj["quiet"] else found.errors
    print_diagnostics(shown, "text", err=True)
    if found.errors or not monitored:
        ctx.exit(EXIT_INVALID)
    if evaluation:
        from ..monitor.evaluation import write_evaluation

        emit_bytes(ctx, write_evaluation(monitored[0], evaluation, fmt), fmt, out_file)
    else:
        from ..monitor.report import monitoring_report

        emit_report(ctx, lambda: monitoring_report(monitored), fmt, out_file)
    ctx.exit(EXIT_OK)
