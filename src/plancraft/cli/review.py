"""plancraft review: a returned Word file against the plan."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    emit_report,
    main,
    report_options,
    verbosity,
)


@main.command(
    help=N_(
        "Report the tracked changes, comments and untracked edits in a returned .docx, per plan id."
    )
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("plan_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@report_options(
    N_(
        "text for a terminal, json for tools, html for a page, csv/xlsx for spreadsheets, "
        "docx/pdf for a document."
    )
)
@click.option(
    "--accept",
    default="",
    metavar="all|AUTHOR",
    help=N_("Write the changes of everyone (all) or of one author into the plan's sources."),
)
@click.option(
    "--record",
    default="",
    metavar="ROUND",
    help=N_(
        "Append each comment and tracked change to the round file PLAN_DIR/reviews/ROUND.yaml "
        "(decision 待定; 采纳 for what --accept wrote)."
    ),
)
@click.option(
    "--unit",
    default="",
    help=N_("The unit that returned the file, for the round file (default: the file's name)."),
)
@verbosity
@click.pass_context
def review(
    ctx: click.Context,
    file: Path,
    plan_dir: Path | None,
    fmt: str,
    out_file: Path | None,
    accept: str,
    record: str,
    unit: str,
) -> None:
    """Report the tracked changes, comments and untracked edits in a returned .docx, per plan id."""
    from ..review.word import PlanUnknown, ReviewError, review_file, review_report

    if record and plan_dir is None:
        raise click.UsageError(_("--record needs PLAN_DIR"))
    if plan_dir is not None and not (plan_dir / "plan.yaml").is_file():
        raise click.BadParameter(
            _("no plan.yaml in {path}").format(path=plan_dir), param_hint="PLAN_DIR"
        )
    try:
        report = review_file(file, plan_dir, accept=accept)
    except PlanUnknown as exc:
        raise click.UsageError(str(exc)) from exc
    except ReviewError as exc:
        click.secho(f"{file}: {_('error')}: {exc}", fg="red", err=True)
        ctx.exit(EXIT_INVALID)
        return
    for warning in report.warnings:
        click.secho(f"{file}: {_('warning')}: {warning}", fg="yellow", err=True)
    if record and plan_dir is not None:
        from ..review.ledger import LedgerError, plan_places, record_review, round_path

        path = round_path(plan_dir, record)
        try:
            done = record_review(report, path, unit or file.stem, plan_places(plan_dir), accept)
        except LedgerError as exc:
            click.secho(f"{_('error')}: {exc}", fg="red", err=True)
            ctx.exit(EXIT_INVALID)
            return
        click.echo(
            _("{path}: {added} item(s) added, {merged} sent by another reviewer too").format(
                path=done.path, added=done.added, merged=done.merged
            ),
            err=True,
        )
    emit_report(ctx, lambda: review_report(report), fmt, out_file)
    ctx.exit(EXIT_OK)
