"""plancraft diff and textconv: compare plan versions from git."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    emit_bytes,
    emit_report,
    main,
    print_diagnostics,
    report_options,
    verbosity,
)


@main.command(
    help=N_(
        "Compare plan versions from git: [REV_A [REV_B]] [-- PLAN_DIR ...]; default HEAD "
        "against the working tree.\n\nSections are matched by id, so an insertion does not show as "
        "a renumbering of everything after it; prose is compared character by character; "
        "indicators field by field."
    )
)
@click.argument("args", nargs=-1)
@click.option(
    "--against",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=N_(
        "Compare the one PLAN_DIR given with this plan folder instead of git revisions, "
        "e.g. a plan started with new --from against the old one."
    ),
)
@click.option(
    "--table",
    is_flag=True,
    help=N_(
        "Print the revision comparison table (修改对照表): one row per changed unit with its "
        "printed section number; renumbering and punctuation are counted, a replacement made "
        "throughout is one row."
    ),
)
@click.option(
    "--redline",
    is_flag=True,
    help=N_(
        "Write the whole plan at REV_B with the changes since REV_A as tracked changes "
        "(--format docx, the default here: Word's review pane and LibreOffice's Manage Changes walk "
        "through them) or underlined and struck (--format pdf or html). One plan; give -o."
    ),
)
@report_options(
    N_(
        "text for a terminal, json for tools, html for a redline page, csv/xlsx for "
        "spreadsheets, docx/pdf for a document."
    )
)
@verbosity
@click.pass_context
def diff(
    ctx: click.Context,
    args: tuple[str, ...],
    against: Path | None,
    table: bool,
    redline: bool,
    fmt: str,
    out_file: Path | None,
) -> None:
    """Compare plan versions from git: [REV_A [REV_B]] [-- PLAN_DIR ...]; default HEAD against the working tree.

    Sections are matched by id, so an insertion does not show as a renumbering of everything after it;
    prose is compared character by character; indicators field by field.
    """
    from ..api import compare_plans, compare_revisions
    from ..review.changes_table import change_table
    from ..review.report import diff_report
    from ..review.revisions import RevisionError
    from ..review.table_report import table_report

    revisions = [arg for arg in args if not (Path(arg) / "plan.yaml").is_file()]
    plans = [Path(arg) for arg in args if (Path(arg) / "plan.yaml").is_file()]
    if len(revisions) > 2:
        raise click.UsageError(
            _("at most two revisions, got {revisions}").format(revisions=", ".join(revisions))
        )
    old = revisions[0] if revisions else "HEAD"
    new = revisions[1] if len(revisions) > 1 else None
    from ..review.redline import redline_document, write_redline

    if redline:
        fmt = "docx" if fmt == "text" else fmt
        if fmt not in ("docx", "pdf", "html") or table:
            raise click.UsageError(_("--redline writes docx, pdf or html, not a table"))
    comparer = redline_document if redline else change_table if table else None
    if against is not None:
        if revisions or len(plans) != 1 or not (against / "plan.yaml").is_file():
            raise click.UsageError(_("--against takes one plan folder and one PLAN_DIR"))
        old, new = str(against), str(plans[0])
        results, problems = compare_plans(against, plans[0], comparer)
    else:
        try:
            results, problems = compare_revisions(old, new, plans, comparer=comparer)
        except RevisionError as exc:
            raise click.UsageError(str(exc)) from exc
    print_diagnostics(problems, "text", err=True)
    if redline:
        documents = [found for _slug, found in results if not isinstance(found, list)]
        if len(documents) != 1:
            raise click.UsageError(_("--redline compares one plan present in both versions"))
        emit_bytes(ctx, write_redline(documents[0], fmt), fmt, out_file)
        ctx.exit(EXIT_INVALID if problems else EXIT_OK)
        return
    build = table_report if table else diff_report
    emit_report(ctx, lambda: build(results, old, new), fmt, out_file)
    ctx.exit(EXIT_INVALID if problems else EXIT_OK)


@main.command(
    help=N_(
        "Print a plan file for git's line diff: Markdown one sentence per line "
        "(a git textconv driver)."
    )
)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def textconv(path: Path) -> None:
    """Print a plan file for git's line diff: Markdown one sentence per line (a git textconv driver)."""
    from ..review.diff import sentences

    text = path.read_bytes().decode("utf-8", errors="replace")
    click.echo(sentences(text) if path.suffix == ".md" else text, nl=False)
