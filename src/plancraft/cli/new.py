"""plancraft new and schema: start a plan from the template; the JSON Schemas for editors."""

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
    help=N_(
        "Start plan SLUG from the municipal template: the four required parts, 【待填写】 "
        "placeholders to fill in."
    )
)
@click.argument("slug")
@click.option(
    "--parent",
    default="",
    help=N_("A plan to take the period and indicator rows from, e.g. beijing."),
)
@click.option(
    "--from",
    "predecessor",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=N_(
        "Start the next period's plan from this plan folder: its outline and ids, its indicator "
        "rows with the old targets as baselines to confirm, every text a placeholder."
    ),
)
@click.option(
    "--period",
    default="",
    help=N_(
        "The plan period: 2026-2030 or 十五五 (default: the parent's, the next after --from's, "
        "else the five-year plan running today)."
    ),
)
@click.option(
    "--title",
    default="",
    help=N_("The plan's title (default: built from the place, the period and --domain)."),
)
@click.option(
    "--issuer",
    default="",
    help=N_("The issuing body, e.g. 北京市海淀区消防救援支队 (default: a placeholder)."),
)
@click.option(
    "--domain",
    default="",
    help=N_("The field the plan covers, e.g. 消防 (used in the default titles)."),
)
@click.option(
    "--numbering",
    type=click.Choice(["parts", "chapters"]),
    default=None,
    help=N_("第一部分 / 一、 … (the default) or 第一章 / 第一节 …; with --from, the old plan's."),
)
@click.option(
    "--plans-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("plans"),
    show_default=True,
    help=N_("Where plan folders live."),
)
@verbosity
@click.pass_context
def new(
    ctx: click.Context,
    slug: str,
    parent: str,
    predecessor: Path | None,
    period: str,
    title: str,
    issuer: str,
    domain: str,
    numbering: str | None,
    plans_dir: Path,
) -> None:
    """Start plan SLUG from the municipal template: the four required parts, 【待填写】 placeholders to fill in."""
    from ..api import load
    from ..source.periods import PeriodError, parse
    from ..source.scaffold import ScaffoldError, new_plan
    from ..source.successor import successor_plan

    parent_dir = plans_dir / parent if parent else None
    if parent_dir and not (parent_dir / "plan.yaml").is_file():
        raise click.BadParameter(
            _("no plan at {path}").format(path=parent_dir), param_hint="--parent"
        )
    try:
        chosen = parse(period) if period else None
    except PeriodError as exc:
        raise click.BadParameter(
            _("'{period}' is no plan period: write 2026-2030 or 十五五").format(period=exc),
            param_hint="--period",
        ) from exc
    try:
        if predecessor:
            files = successor_plan(
                plans_dir / slug,
                predecessor,
                period=chosen,
                parent=parent_dir,
                title=title,
                issuer=issuer,
                numbering=numbering,
            )
        else:
            files = new_plan(
                plans_dir / slug,
                title=title,
                parent=parent_dir,
                numbering=numbering or "parts",
                issuer=issuer,
                domain=domain,
                period=chosen,
            )
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    loaded = load(plans_dir / slug)
    print_diagnostics(
        [
            d
            for d in loaded.diagnostics.sorted()
            if ctx.obj["verbose"] or d.severity.value == "error"
        ],
        "text",
        err=True,
    )
    if not loaded.ok:
        click.secho(
            _(
                "created {plan}, but it does not validate: fix the errors above "
                "(they come from what --parent {parent} holds)"
            ).format(plan=plans_dir / slug, parent=parent),
            fg="red",
            err=True,
        )
    elif not ctx.obj["quiet"]:
        placeholders = sum(1 for d in loaded.diagnostics.warnings if d.code == "placeholder")
        click.secho(
            _(
                "created {plan}: {files} files, {placeholders} placeholder(s) to fill in; "
                "`plancraft validate {plan}` lists them"
            ).format(plan=plans_dir / slug, files=len(files), placeholders=placeholders),
            fg="green",
        )
    ctx.exit(EXIT_OK if loaded.ok else EXIT_INVALID)


@main.command(
    help=N_(
        "Print the JSON Schema NAME (plan, indicators, table or monitoring), or write them all with -o."
    )
)
@click.argument("name", required=False, type=click.Choice(["plan", "indicators", "table"]))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=N_("Write every schema into this folder (for editors and other tools)."),
)
@verbosity
@click.pass_context
def schema(ctx: click.Context, name: str | None, out_dir: Path | None) -> None:
    """Print the JSON Schema NAME (plan, indicators, table or monitoring), or write them all with -o."""
    from ..files import write_atomic
    from ..resources import SCHEMA_NAMES, schema_text, schemas_folder

    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
        for each in sorted(SCHEMA_NAMES):
            write_atomic(out_dir / f"{each}.schema.json", schema_text(each).encode("utf-8"))
            if not ctx.obj["quiet"]:
                click.echo(_("wrote {path}").format(path=out_dir / f"{each}.schema.json"), err=True)
    elif name:
        click.echo(schema_text(name), nl=False)
    else:
        for each in sorted(SCHEMA_NAMES):
            click.echo(f"{each:<11} {schemas_folder() / f'{each}.schema.json'}")
