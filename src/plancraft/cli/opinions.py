"""plancraft opinions: the 意见采纳情况表 of a plan's comment rounds."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    emit_report,
    main,
    print_diagnostics,
    report_options,
    verbosity,
)


@main.command(
    help=N_(
        "The comment adoption table (意见采纳情况表) of a plan's rounds (reviews/*.yaml): each "
        "comment, who sent it, where it points and the decision, with counts and the comments "
        "not adopted with their reasons."
    )
)
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--round", "round_name", default="", help=N_("Only this round (its name or file name).")
)
@click.option(
    "--by",
    type=click.Choice(("unit", "section")),
    default="unit",
    show_default=True,
    help=N_("Group the comments by the unit that sent them or by the part they point at."),
)
@report_options(N_("docx/pdf for the 编制说明, xlsx, html, json for tools, text for a terminal."))
@verbosity
@click.pass_context
def opinions(
    ctx: click.Context,
    plan_dir: Path,
    round_name: str,
    by: str,
    fmt: str,
    out_file: Path | None,
) -> None:
    """The comment adoption table (意见采纳情况表) of a plan's rounds."""
    from ..api import load
    from ..review.opinions import opinions_report
    from ..source.rounds import ROUNDS_DIR

    loaded = load(plan_dir)
    rounds = loaded.plan.rounds if loaded.plan else []
    in_rounds = [
        d for d in loaded.diagnostics.items if Path(d.location.path).parent.name == ROUNDS_DIR
    ]
    print_diagnostics(in_rounds, "text", err=True)
    if round_name:
        rounds = [r for r in rounds if round_name in (r.name, r.path.stem, r.path.name)]
    if not rounds:
        click.secho(
            _("{path}: no comment round{named} (record one with review --record)").format(
                path=plan_dir, named=f" {round_name}" if round_name else ""
            ),
            fg="red",
            err=True,
        )
        ctx.exit(EXIT_INVALID)
        return
    title = loaded.plan.meta.title if loaded.plan else plan_dir.name
    emit_report(ctx, lambda: opinions_report(title, rounds, by), fmt, out_file)
    ctx.exit(EXIT_OK)
