"""plancraft build: compile plans into HTML, PDF and Word files."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from ..output.formats import DEFAULT_ALIAS, UnknownFormat, default_names, names, parse_formats
from ..output.pdfengine import ENGINES
from ..output.pdfvariant import PLAIN, VARIANTS
from .app import (
    EXIT_INVALID,
    EXIT_OK,
    main,
    plan_dirs,
    print_diagnostics,
    verbosity,
)


class FormatOption(click.Option):
    """--format, whose help names the formats registered when it is shown (output/formats.py)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        original = self.help or ""
        self.help = original.format(
            formats=", ".join(names()),
            example=",".join(names()),
            alias=DEFAULT_ALIAS,
            defaults=",".join(default_names()),
        )
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = original


@main.command(
    help=N_(
        "Compile plans into OUTPUT/<slug>.html, .pdf (and .docx on request), skipping outputs "
        "that are up to date."
    )
)
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help=N_("Output folder."),
)
@click.option(
    "--format",
    "fmt",
    cls=FormatOption,
    default=DEFAULT_ALIAS,
    show_default=True,
    metavar="LIST",
    help=N_(
        "Which outputs to write: {formats}, a comma list such as {example}, or {alias} "
        "({defaults})."
    ),
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=N_("Plans built at once, each in its own process.  [default: the number of cores]"),
)
@click.option(
    "--pdf-engine",
    type=click.Choice(list(ENGINES)),
    default=None,
    help=N_(
        "Which engine lays out the PDF (typst is much faster; docs/typst.md).  "
        "[default: pdf_engine in plan.yaml, else weasyprint]"
    ),
)
@click.option(
    "--pdf-variant",
    type=click.Choice((*VARIANTS, PLAIN)),
    default=None,
    help=N_(
        "Write the PDF as PDF/A (pdf/a-3b carries the plan's sources), tagged (pdf/ua-1, "
        "pdf/a-3a) or plain, whatever plan.yaml's pdf_variant says (docs/archive.md)."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=N_("Rebuild outputs even when nothing they are made from has changed."),
)
@verbosity
@click.pass_context
def build(
    ctx: click.Context,
    plans: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    jobs: int | None,
    pdf_engine: str | None,
    pdf_variant: str | None,
    force: bool,
) -> None:
    """Compile plans into OUTPUT/<slug>.html, .pdf (and .docx on request), skipping outputs that are up to date."""
    from ..output.build import build_plans, default_jobs

    try:
        formats = parse_formats(fmt)
    except UnknownFormat as exc:
        raise click.BadParameter(
            _("{given} is not one of {known}, both").format(
                given=", ".join(exc.unknown) or _("nothing"), known=", ".join(names())
            ),
            param_hint="--format",
        ) from None
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(_("{path} exists and is not a folder").format(path=out_dir))
    roots = plan_dirs(plans)
    jobs = jobs or default_jobs()
    quiet, verbose = ctx.obj["quiet"], ctx.obj["verbose"]
    if verbose:
        click.echo(
            _("building {plans} plan(s), {jobs} at a time").format(
                plans=len(roots), jobs=min(jobs, len(roots))
            ),
            err=True,
        )
    failed = False
    built: list[Path] = []
    settings = {"pdf_variant": pdf_variant} if pdf_variant else {}
    for result in build_plans(
        roots,
        out_dir,
        formats,
        force=force,
        jobs=jobs,
        hook=_echo_stage if verbose else None,
        pdf_engine=pdf_engine,
        settings=settings,
    ):
        built += [result.root] if result.ok else []
        shown = result.diagnostics.sorted()
        if quiet:
            shown = [d for d in shown if d.severity.value == "error"]
        print_diagnostics(shown, "text", err=True)
        if not result.ok:
            failed = True
            click.secho(
                _("failed {plan}: {errors} error(s); earlier outputs kept").format(
                    plan=result.root, errors=len(result.diagnostics.errors)
                ),
                fg="red",
                err=True,
            )
        elif not quiet:
            seconds = sum(result.timings.values())
            if result.outputs:
                click.echo(
                    _("built {plan}: {outputs} ({seconds} s)").format(
                        plan=result.root,
                        outputs=", ".join(str(path) for path in result.outputs),
                        seconds=f"{seconds:.1f}",
                    )
                )
            if result.up_to_date:
                click.echo(
                    _("up to date: {outputs}").format(
                        outputs=", ".join(str(path) for path in result.up_to_date)
                    )
                )
    page = None
    if len(built) > 1:  # plans sharing a parent: two at least
        from ..review.indicators_report import write_shared_page

        page = write_shared_page(built, out_dir)
    if page and not quiet:
        click.echo(_("indicators of plans sharing a parent: {page}").format(page=page))
    ctx.exit(EXIT_INVALID if failed else EXIT_OK)


def _echo_stage(plan: str, stage: str, seconds: float) -> None:
    """Print one finished build stage (used with -v; runs in the worker processes too)."""
    click.echo(f"  {plan}: {_(stage)} {seconds:.2f} s", err=True)


STAGE_NAMES = (
    N_("fingerprint"),
    N_("load"),
    N_("assemble"),
    N_("html"),
    N_("docx"),
    N_("pdf"),
    N_("pdf-typst"),
)
"""The build stages shown with -v, for the catalog."""
