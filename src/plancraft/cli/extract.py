"""plancraft extract: get a plan's sources back out of a PDF/A-3 built with them."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from .app import EXIT_INVALID, EXIT_OK, main


@main.command(
    help=N_(
        "Write the plan sources a PDF/A-3 carries (build --pdf-variant pdf/a-3b) into a new or "
        "empty folder."
    )
)
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(path_type=Path),
    help=N_("The plan folder to create, e.g. plans/beijing."),
)
@click.pass_context
def extract(ctx: click.Context, pdf: Path, target: Path) -> None:
    """Write the plan sources a PDF/A-3 carries into a new or empty folder."""
    from ..importer.extract import ExtractRefused, extract_plan

    try:
        written = extract_plan(pdf, target)
    except ExtractRefused as refused:
        click.secho(
            _("extract of {pdf} failed: {reason}").format(pdf=pdf, reason=refused),
            fg="red",
            err=True,
        )
        ctx.exit(EXIT_INVALID)
    if not ctx.obj["quiet"]:
        click.echo(
            _("extracted {count} file(s) into {target}").format(count=len(written), target=target)
        )
    ctx.exit(EXIT_OK)
