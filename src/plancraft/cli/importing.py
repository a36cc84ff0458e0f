"""plancraft import: bring an existing .txt, .md, .docx or .pdf plan in."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    main,
    print_diagnostics,
    verbosity,
)


@main.command(
    "import",
    help=N_(
        "Turn a plan document (.txt, .md, .docx or a text .pdf) into a draft plan folder, reporting what "
        "needs a look."
    ),
)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help=N_("The plan folder to create, e.g. plans/chaoyang."),
)
@click.option(
    "--title", default="", help=N_("The plan's title, when the document has no title line.")
)
@click.option("--parent", default="", help=N_("The slug of the parent plan, e.g. beijing."))
@click.option(
    "--bold-leads/--no-bold-leads",
    default=None,
    help=N_("Print short opening sentences in bold (default: for chapter-style plans)."),
)
@click.option(
    "--replace",
    "replacements",
    multiple=True,
    metavar="WRONG=RIGHT",
    help=N_("Repair a mangled word everywhere, e.g. --replace '亚洲通:=门头沟区'. Repeatable."),
)
@click.option("--force", is_flag=True, help=N_("Replace the folder if it exists."))
@click.option(
    "--levels",
    default="",
    metavar="章,一,（一）",
    help=N_("The heading levels from the top, when the guess from the numbers is wrong."),
)
@click.option(
    "--notes",
    "notes_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=N_("Write every place to check to this file (the terminal shows one line per kind)."),
)
@verbosity
@click.pass_context
def import_(
    ctx: click.Context,
    source: Path,
    target: Path,
    title: str,
    parent: str,
    bold_leads: bool | None,
    replacements: tuple[str, ...],
    force: bool,
    levels: str,
    notes_file: Path | None,
) -> None:
    """Turn a plan document into a draft plan folder, reporting what needs a look."""
    from ..importer import import_into, summary_lines, target_problem, write_notes

    problem = target_problem(target, force)
    if problem:
        raise click.UsageError(problem)
    pairs = {}
    for pair in replacements:
        wrong, sep, right = pair.partition("=")
        if not sep or not wrong:
            raise click.BadParameter(
                _("'{pair}' is not WRONG=RIGHT").format(pair=pair), param_hint="--replace"
            )
        pairs[wrong] = right
    result, loaded = import_into(
        source,
        target,
        title=title,
        parent=parent,
        bold_leads=bold_leads,
        replacements=pairs,
        levels=levels,
    )
    shown = result.diagnostics.sorted() + (loaded.diagnostics.sorted() if loaded else [])
    if notes_file is not None:
        write_notes(notes_file, source, shown)
    if ctx.obj["quiet"]:
        shown = [d for d in shown if d.severity.value == "error"]
    if ctx.obj.get("verbose"):
        print_diagnostics(shown, "text", err=True)
    else:
        for error, line in summary_lines(shown, notes_file):
            click.secho(line, fg="red" if error else "yellow", err=True)
    ok = loaded is not None and loaded.ok
    if ok:
        if not ctx.obj["quiet"]:
            checks = len(result.diagnostics.warnings)
            click.secho(
                _(
                    "imported {source} into {target}: {files} files, {checks} place(s) to check"
                ).format(source=source, target=target, files=len(result.files), checks=checks),
                fg="green",
            )
    elif loaded is None:
        click.secho(
            _("import of {source} failed; {target} left as it was").format(
                source=source, target=target
            ),
            fg="red",
            err=True,
        )
    else:
        click.secho(
            _(
                "imported {source} into {target}, but the draft does not validate yet: fix the errors "
                "above"
            ).format(source=source, target=target),
            fg="red",
            err=True,
        )
    ctx.exit(EXIT_OK if ok else EXIT_INVALID)
