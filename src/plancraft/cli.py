"""The `plancraft` command: a thin click shell over the library."""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from . import __version__, i18n
from .diagnostics import Diagnostic, Diagnostics
from .i18n import N_, _

i18n.set_language(i18n.language_from(os.environ, sys.argv[1:]))
i18n.translate_click()

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command whose reader left


def _plan_dirs(paths: tuple[Path, ...]) -> list[Path]:
    from .api import discover

    if paths:
        return list(paths)
    found = discover()
    if not found:
        raise click.UsageError(_("no plans given and none found under plans/"))
    return found


def _print_diagnostics(items: Iterable[Diagnostic], fmt: str, err: bool) -> None:
    items = list(items)
    if fmt == "json":
        click.echo(
            json.dumps({"diagnostics": [d.as_dict() for d in items]}, ensure_ascii=False, indent=2)
        )
        return
    for diagnostic in items:
        if fmt == "github":
            kind = "error" if diagnostic.severity.value == "error" else "warning"
            loc = diagnostic.location
            click.echo(
                f"::{kind} file={loc.shown_path},line={loc.line or 1},col={loc.col or 1}::{diagnostic.message}"
            )
        else:
            colour = "red" if diagnostic.severity.value == "error" else "yellow"
            click.secho(str(diagnostic), fg=colour, err=err)


def _set_flag(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Record -v/-q given after the subcommand, as if given before it."""
    if value:
        root = ctx.find_root()
        root.obj = root.obj or {}
        root.obj[param.name] = True
        ctx.obj = root.obj


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Speak the language given with --lang, before or after the subcommand; the locale's without it."""
    if value:
        i18n.set_language(value)


_LANG_HELP = N_("Language of messages, help and reports: zh or en (default: from the locale).")


def _verbosity(command):
    """Accept -v/--verbose, -q/--quiet and --lang after the subcommand as well as before it."""
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_flag,
        help=N_("Show more detail, including tracebacks of internal errors."),
    )(command)
    command = click.option(
        "--lang",
        type=click.Choice(i18n.LANGUAGES),
        expose_value=False,
        is_eager=True,
        callback=_set_language,
        help=_LANG_HELP,
    )(command)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_flag,
        help=N_("Print only errors."),
    )(command)


class _Translated:
    """Help texts are English msgids, translated when the help is shown, in the language asked for."""

    help: str | None
    params: list[click.Parameter]

    def get_short_help_str(self, limit: int = 45) -> str:
        original = self.help
        self.help = _(original) if original else original
        try:
            return super().get_short_help_str(limit)  # type: ignore[misc]
        finally:
            self.help = original

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        setattr(self, "_help_option", None)  # noqa: B010 - made afresh, in the language spoken now
        return super().get_help_option(ctx)  # type: ignore[misc]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        items: list[Any] = [self, *self.params]
        originals = [(item, item.help) for item in items if getattr(item, "help", None)]
        for item, text in originals:
            item.help = _(text)
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            for item, text in originals:
                item.help = text


class _Command(_Translated, click.Command):
    """A plancraft subcommand."""


class _Group(_Translated, click.Group):
    """Turns unexpected exceptions into a short bug report and exit code 3."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # each run speaks the language its own --lang or locale asks for
            i18n.set_language(i18n.language_from(os.environ, args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(_("interrupted"), err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`plancraft validate | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.obj and ctx.obj.get("verbose"):
                traceback.print_exc()
            click.echo(
                _(
                    "plancraft: internal error ({error}). This is a bug in plancraft; "
                    "run with -v for the traceback and report it."
                ).format(error=f"{type(exc).__name__}: {exc}"),
                err=True,
            )
            sys.exit(EXIT_BUG)


@click.group(
    cls=_Group, help=N_("Compile five-year plans written as YAML and Markdown into HTML and PDF.")
)
@click.version_option(__version__, prog_name="plancraft", help=N_("Show the version and exit."))
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help=N_("Show more detail, including tracebacks of internal errors."),
)
@click.option("-q", "--quiet", is_flag=True, help=N_("Print only errors."))
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    expose_value=False,
    is_eager=True,
    callback=_set_language,
    help=_LANG_HELP,
)
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Compile five-year plans written as YAML and Markdown into HTML and PDF."""
    ctx.obj = {"verbose": verbose, "quiet": quiet}


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
@_verbosity
@click.pass_context
def validate(ctx: click.Context, plans: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check plans against the schema and the numbering, reference and indicator rules."""
    from .api import validate as validate_plans

    results = validate_plans(_plan_dirs(plans))
    everything = Diagnostics()
    for result in results:
        everything.extend(result.diagnostics)
    shown = (
        everything.sorted()
        if not ctx.obj["quiet"]
        else [d for d in everything.sorted() if d.severity.value == "error"]
    )
    _print_diagnostics(shown, fmt, err=False)
    failed = bool(everything.errors) or (strict and bool(everything.warnings))
    if fmt == "text" and not ctx.obj["quiet"]:
        summary = _("{plans} plan(s): {errors} error(s), {warnings} warning(s)").format(
            plans=len(results), errors=len(everything.errors), warnings=len(everything.warnings)
        )
        click.secho(summary, fg="red" if failed else "green")
    ctx.exit(EXIT_INVALID if failed else EXIT_OK)


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
    default="both",
    show_default=True,
    metavar="LIST",
    help=N_(
        "Which outputs to write: html, pdf, docx, a comma list such as html,pdf,docx, "
        "or both (html,pdf)."
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
    "--force",
    is_flag=True,
    help=N_("Rebuild outputs even when nothing they are made from has changed."),
)
@_verbosity
@click.pass_context
def build(
    ctx: click.Context,
    plans: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    jobs: int | None,
    force: bool,
) -> None:
    """Compile plans into OUTPUT/<slug>.html, .pdf (and .docx on request), skipping outputs that are up to date."""
    from .output.build import ALL_FORMATS, FORMATS, build_plans, default_jobs

    formats = (
        FORMATS if fmt == "both" else tuple(dict.fromkeys(part.strip() for part in fmt.split(",")))
    )
    unknown = [part for part in formats if part not in ALL_FORMATS]
    if unknown or not formats:
        raise click.BadParameter(
            _("{given} is not one of {known}, both").format(
                given=", ".join(unknown) or _("nothing"), known=", ".join(ALL_FORMATS)
            ),
            param_hint="--format",
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(_("{path} exists and is not a folder").format(path=out_dir))
    roots = _plan_dirs(plans)
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
    for result in build_plans(
        roots, out_dir, formats, force=force, jobs=jobs, hook=_echo_stage if verbose else None
    ):
        built += [result.root] if result.ok else []
        shown = result.diagnostics.sorted()
        if quiet:
            shown = [d for d in shown if d.severity.value == "error"]
        _print_diagnostics(shown, "text", err=True)
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
    from .review.indicators_report import write_shared_page

    page = write_shared_page(built, out_dir)
    if page and not quiet:
        click.echo(_("indicators of plans sharing a parent: {page}").format(page=page))
    ctx.exit(EXIT_INVALID if failed else EXIT_OK)


def _echo_stage(plan: str, stage: str, seconds: float) -> None:
    """Print one finished build stage (used with -v; runs in the worker processes too)."""
    click.echo(f"  {plan}: {_(stage)} {seconds:.2f} s", err=True)


STAGE_NAMES = (N_("fingerprint"), N_("load"), N_("assemble"), N_("html"), N_("docx"), N_("pdf"))
"""The build stages shown with -v, for the catalog."""


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
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help=N_("text for a terminal, json for tools, html for a redline page."),
)
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write the report to this file instead of standard output."),
)
@_verbosity
@click.pass_context
def diff(ctx: click.Context, args: tuple[str, ...], fmt: str, out_file: Path | None) -> None:
    """Compare plan versions from git: [REV_A [REV_B]] [-- PLAN_DIR ...]; default HEAD against the working tree.

    Sections are matched by id, so an insertion does not show as a renumbering of everything after it;
    prose is compared character by character; indicators field by field.
    """
    from .api import compare_revisions
    from .review.report import as_html, as_json, as_text
    from .review.revisions import RevisionError

    revisions = [arg for arg in args if not (Path(arg) / "plan.yaml").is_file()]
    plans = [Path(arg) for arg in args if (Path(arg) / "plan.yaml").is_file()]
    if len(revisions) > 2:
        raise click.UsageError(
            _("at most two revisions, got {revisions}").format(revisions=", ".join(revisions))
        )
    old = revisions[0] if revisions else "HEAD"
    new = revisions[1] if len(revisions) > 1 else None
    try:
        results, problems = compare_revisions(old, new, plans)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from exc
    _print_diagnostics(problems, "text", err=True)
    new_name = new or _("working tree")
    if fmt == "json":
        report = as_json(results, old, new or "working tree")
    elif fmt == "html":
        report = as_html(results, old, new_name)
    else:
        report = as_text(results, colour=out_file is None and sys.stdout.isatty())
    if out_file:
        from .files import write_atomic

        write_atomic(out_file, report.encode("utf-8"))
        if not ctx.obj["quiet"]:
            click.echo(_("wrote {path}").format(path=out_file), err=True)
    else:
        click.echo(report)
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
    from .review.diff import sentences

    text = path.read_bytes().decode("utf-8", errors="replace")
    click.echo(sentences(text) if path.suffix == ".md" else text, nl=False)


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
@click.option("--title", default="", help=N_("The plan's title (default: a placeholder)."))
@click.option(
    "--numbering",
    type=click.Choice(["parts", "chapters"]),
    default="parts",
    show_default=True,
    help=N_("第一部分 / 一、 … or 第一章 / 第一节 …."),
)
@click.option(
    "--plans-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("plans"),
    show_default=True,
    help=N_("Where plan folders live."),
)
@_verbosity
@click.pass_context
def new(
    ctx: click.Context, slug: str, parent: str, title: str, numbering: str, plans_dir: Path
) -> None:
    """Start plan SLUG from the municipal template: the four required parts, 【待填写】 placeholders to fill in."""
    from .api import load
    from .source.scaffold import ScaffoldError, new_plan

    parent_dir = plans_dir / parent if parent else None
    if parent_dir and not (parent_dir / "plan.yaml").is_file():
        raise click.BadParameter(
            _("no plan at {path}").format(path=parent_dir), param_hint="--parent"
        )
    try:
        files = new_plan(plans_dir / slug, title=title, parent=parent_dir, numbering=numbering)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    loaded = load(plans_dir / slug)
    _print_diagnostics(
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
    help=N_("Print the JSON Schema NAME (plan, indicators or table), or write them all with -o.")
)
@click.argument("name", required=False, type=click.Choice(["plan", "indicators", "table"]))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=N_("Write every schema into this folder (for editors and other tools)."),
)
@_verbosity
@click.pass_context
def schema(ctx: click.Context, name: str | None, out_dir: Path | None) -> None:
    """Print the JSON Schema NAME (plan, indicators or table), or write them all with -o."""
    from .files import write_atomic
    from .resources import SCHEMA_NAMES, schema_text, schemas_folder

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


@main.command(
    "import",
    help=N_(
        "Turn a plan document (.txt or .docx) into a draft plan folder, reporting what "
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
@_verbosity
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
) -> None:
    """Turn a plan document (.txt or .docx) into a draft plan folder, reporting what needs a look."""
    from .importer import import_into

    if target.exists() and any(target.iterdir()) and not force:
        raise click.UsageError(
            _("{path} exists and is not empty; pass --force to replace it").format(path=target)
        )
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
    if ctx.obj["quiet"]:
        shown = [d for d in shown if d.severity.value == "error"]
    _print_diagnostics(shown, "text", err=True)
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "xlsx", "html"]),
    default="text",
    show_default=True,
    help=N_("text for a terminal, json/csv for tools, xlsx and html for readers."),
)
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write the report to this file instead of standard output."),
)
@_verbosity
@click.pass_context
def indicators(
    ctx: click.Context, plans: tuple[Path, ...], parent: str, fmt: str, out_file: Path | None
) -> None:
    """Set district indicators beside the parent plan's: adopted, weaker, 约束性→预期性 …"""
    from .review.indicators import compare_plans
    from .review.indicators_report import write_report

    found = Diagnostics()
    comparisons = compare_plans(_plan_dirs(plans), parent or None, found)
    shown = found.sorted() if not ctx.obj["quiet"] else found.errors
    _print_diagnostics(shown, "text", err=True)
    if found.errors or not comparisons:
        if not found.errors:
            click.secho(
                _("no plan to compare: none names a parent; pass --parent"), fg="red", err=True
            )
        ctx.exit(EXIT_INVALID)
    if fmt == "xlsx" and out_file is None and sys.stdout.isatty():
        raise click.UsageError(_("an xlsx report is binary: give -o FILE"))
    report = write_report(comparisons, fmt)
    if out_file:
        from .files import write_atomic

        write_atomic(out_file, report)
        if not ctx.obj["quiet"]:
            click.echo(_("wrote {path}").format(path=out_file), err=True)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(report)
        sys.stdout.buffer.flush()
    ctx.exit(EXIT_OK)


@main.command(
    help=N_(
        "Report the tracked changes, comments and untracked edits in a returned .docx, per plan id."
    )
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("plan_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help=N_("text for a terminal, json for tools, html for a page."),
)
@click.option(
    "--accept",
    default="",
    metavar="all|AUTHOR",
    help=N_("Write the changes of everyone (all) or of one author into the plan's sources."),
)
@_verbosity
@click.pass_context
def review(ctx: click.Context, file: Path, plan_dir: Path | None, fmt: str, accept: str) -> None:
    """Report the tracked changes, comments and untracked edits in a returned .docx, per plan id."""
    from .review.word import PlanUnknown, ReviewError, as_html, as_json, as_text, review_file

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
    click.echo({"json": as_json, "html": as_html}.get(fmt, as_text)(report))
    ctx.exit(EXIT_OK)


@main.command(
    help=N_(
        "Preview plans in the browser; open pages reload themselves when a source file is saved."
    )
)
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help=N_("Port to listen on (0: any free port)."),
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=N_("Address to listen on; anything but this machine lets others read the plans."),
)
@click.option(
    "--open", "open_browser", is_flag=True, help=N_("Open the list of plans in a browser.")
)
@_verbosity
@click.pass_context
def serve(
    ctx: click.Context, plans: tuple[Path, ...], port: int, host: str, open_browser: bool
) -> None:
    """Preview plans in the browser; open pages reload themselves when a source file is saved."""
    from .preview import is_loopback, start

    roots = _plan_dirs(plans)
    for root in roots:
        if not (root / "plan.yaml").is_file():
            raise click.BadParameter(
                _("no plan.yaml in {path}").format(path=root), param_hint="PLAN_DIR"
            )
    quiet, verbose = ctx.obj["quiet"], ctx.obj["verbose"]
    if not is_loopback(host):
        click.secho(
            _(
                "warning: listening on {host}: anyone who can reach this machine can read "
                "these plans"
            ).format(host=host),
            fg="yellow",
            err=True,
        )

    def reloaded(state, seconds: float) -> None:
        if not quiet or state.errors:
            click.secho(
                f"{state.slug}: {state.status} ({seconds * 1000:.0f} ms)",
                fg="red" if state.errors else "green",
                err=True,
            )
        _print_diagnostics(
            state.errors if quiet or not verbose else state.errors + state.warnings,
            "text",
            err=True,
        )

    try:
        server = start(roots, host, port, hook=reloaded, log=verbose)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        raise click.UsageError(
            _("cannot listen on {address} ({reason}); try another --port").format(
                address=f"{host}:{port}", reason=exc.strerror or exc
            )
        ) from exc
    click.echo(
        _("serving {plans} plan(s) at {url} (Ctrl-C to stop)").format(
            plans=len(roots), url=server.url
        )
    )
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(_("stopped"), err=True)

    finally:
        server.server_close()


@main.command(
    help=N_(
        "Show which installed font family each PDF role (仿宋, 小标宋, 黑体, 楷体) resolves to."
    )
)
def fonts() -> None:
    """Show which installed font family each PDF role resolves to."""
    from .output.fonts import report_lines, resolve_roles

    for line, warning in report_lines(resolve_roles()):
        shown = _("warning: {message}").format(message=line) if warning else line
        click.secho(shown, fg="yellow" if warning else None, err=warning)


if __name__ == "__main__":  # pragma: no cover
    main()
