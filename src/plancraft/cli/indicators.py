"""plancraft indicators: district indicators against the parent plan's."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    emit_report,
    main,
    plan_dirs,
    print_diagnostics,
    report_options,
    verbosity,
)


@main.command(
    help=N_("Set district indicators beside the parent plan's: adopted, weaker, 约束性→预期性 …")
)
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--parent",
    default="",
    metavar="SLUG_OR_DIR",
    help=N_(
        "Compare with this plan (a slug beside the plans, a plan folder or an "
        "indicators.yaml) instead of each plan's own parent."
    ),
)
@report_options(
    N_("text for a terminal, json/csv for tools, xlsx, html, docx and pdf for readers."),
)
@verbosity
@click.pass_context
def indicators(
    ctx: click.Context, plans: tuple[Path, ...], parent: str, fmt: str, out_file: Path | None
) -> None:
    """Set district indicators beside the parent plan's: adopted, weaker, 约束性→预期性 …"""
    from ..review.indicators import compare_plans
    from ..review.indicators_report import LANGUAGES, indicators_report

    found = Diagnostics()
    comparisons = compare_plans(plan_dirs(plans), parent or None, found)
    shown = found.sorted() if not ctx.obj["quiet"] else found.errors
    print_diagnostics(shown, "text", err=True)
    if found.errors or not comparisons:
        if not found.errors:
            click.secho(
                _("no plan to compare: none names a parent; pass --parent"), fg="red", err=True
            )
        ctx.exit(EXIT_INVALID)
    emit_report(ctx, lambda: indicators_report(comparisons), fmt, out_file, LANGUAGES)
    ctx.exit(EXIT_OK)
