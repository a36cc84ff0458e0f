"""The `plancraft` group: options every command shares, language, exit codes and error handling."""

from __future__ import annotations

import errno
import importlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from .. import __version__, i18n
from ..diagnostics import Diagnostic
from ..i18n import N_, _
from ..source.confine import os_reason

i18n.set_language(i18n.language_from(os.environ, sys.argv[1:]))
i18n.translate_click()

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
ENVIRONMENT_ERRNOS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.EIO,
    errno.ELOOP,
    errno.ENAMETOOLONG,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ENOENT,
}
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command whose reader left


def plan_dirs(paths: tuple[Path, ...]) -> list[Path]:
    from ..api import discover

    if paths:
        return list(paths)
    found = discover()
    if not found:
        raise click.UsageError(_("no plans given and none found under plans/"))
    return found


def print_diagnostics(items: Iterable[Diagnostic], fmt: str, err: bool) -> None:
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


def verbosity(command):
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


def environmental(exc: OSError) -> bool:
    """Whether `exc` comes from the machine (a full disk, no permission, a read-only or failing file
    system) rather than from a bug: then it is reported plainly, with exit 1."""
    return exc.errno in ENVIRONMENT_ERRNOS


COMMANDS = {
    "build": "build",
    "diff": "diff",
    "textconv": "diff",
    "extract": "extract",
    "fonts": "fonts",
    "import": "importing",
    "indicators": "indicators",
    "monitor": "monitor",
    "new": "new",
    "schema": "new",
    "opinions": "opinions",
    "review": "review",
    "serve": "serve",
    "validate": "validate",
}
"""Each command and the module of plancraft.cli that defines it, imported when the command runs or
the commands are listed: a run imports its own command's module only."""


class _Group(_Translated, click.Group):
    """Turns unexpected exceptions into a short bug report and exit code 3; imports each command's
    module when it is asked for (COMMANDS)."""

    command_class = _Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in dict.fromkeys(COMMANDS.values()):
            importlib.import_module(f"{__package__}.{module}")
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            self.list_commands(ctx)  # an unknown name: click suggests one of all the commands
        elif cmd_name not in self.commands:
            importlib.import_module(f"{__package__}.{module}")
        return super().get_command(ctx, cmd_name)

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
            if isinstance(exc, OSError) and environmental(exc):
                if ctx.obj and ctx.obj.get("verbose"):
                    traceback.print_exc()
                click.secho(
                    _("plancraft: {path}: {reason}").format(
                        path=exc.filename or "-", reason=os_reason(exc)
                    ),
                    fg="red",
                    err=True,
                )
                sys.exit(EXIT_INVALID)
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


def report_options(help_text: str) -> Callable[[Any], Any]:
    """--format (every registered report format, text by default) and -o/--output FILE for a command
    that prints a report."""
    from ..report.formats import names

    def decorate(command: Any) -> Any:
        command = click.option(
            "-o",
            "--output",
            "out_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help=N_("Write the report to this file instead of standard output."),
        )(command)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(names())),
            default="text",
            show_default=True,
            help=help_text,
        )(command)

    return decorate


def emit_report(
    ctx: click.Context,
    make: Callable[[], Any],
    fmt: str,
    out_file: Path | None,
    languages: dict[str, str] | None = None,
) -> None:
    """Render the report `make()` builds in `fmt` to `out_file`, else to standard output; a format
    in `languages` is built in that language whatever the reader's."""
    from ..report.formats import FORMATS

    chosen = FORMATS[fmt]
    _refuse_binary_on_terminal(fmt, out_file)
    colour = fmt == "text" and out_file is None and sys.stdout.isatty()
    with i18n.speaking((languages or {}).get(fmt, i18n.language())):
        report = make()
        data = chosen.render(report, colour=colour) if fmt == "text" else chosen.render(report)
    emit_bytes(ctx, data, fmt, out_file)


def _refuse_binary_on_terminal(fmt: str, out_file: Path | None) -> None:
    from ..report.formats import FORMATS

    if FORMATS[fmt].binary and out_file is None and sys.stdout.isatty():
        raise click.UsageError(_("a {format} report is binary: give -o FILE").format(format=fmt))


def emit_bytes(ctx: click.Context, data: bytes, fmt: str, out_file: Path | None) -> None:
    """Write a report's bytes in format `fmt` to `out_file`, else to standard output."""
    _refuse_binary_on_terminal(fmt, out_file)
    if out_file:
        from ..files import write_atomic

        write_atomic(out_file, data)
        if not ctx.obj["quiet"]:
            click.echo(_("wrote {path}").format(path=out_file), err=True)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
