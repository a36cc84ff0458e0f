"""plancraft validate: check plans and print every problem at once."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    main,
    plan_dirs,
    print_diagnostics,
    verbosity,
)


@main.command(
    help=N_("Check plans against the schema and the numbering, reference and indicator rules.")
)
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    help=N_("How to print diagnostics."),
)
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@verbosity
@click.pass_context
def validate(ctx: click.Context, plans: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check plans against the schema and the numbering, reference and indicator rules."""
    from ..api import validate as validate_plans

    results = validate_plans(plan_dirs(plans))
    everything = Diagnostics()
    for result in results:
        everything.extend(result.diagnostics)
    shown = (
        everything.sorted()
        if not ctx.obj["quiet"]
        else [d for d in everything.sorted() if d.severity.value == "error"]
    )
    print_diagnostics(shown, fmt, err=False)
    failed = bool(everything.errors) or (strict and bool(everything.warnings))
    if fmt == "text" and not ctx.obj["quiet"]:
        summary = _("{plans} plan(s): {errors} error(s), {warnings} warning(s)").format(
            plans=len(results), errors=len(everything.errors), warnings=len(everything.warnings)
        )
        click.secho(summary, fg="red" if failed else "green")
    ctx.exit(EXIT_INVALID if failed else EXIT_OK)
