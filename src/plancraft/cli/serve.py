"""plancraft serve: the live preview."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import N_, _
from ..output.pdfengine import ENGINES
from .app import (
    main,
    plan_dirs,
    print_diagnostics,
    verbosity,
)


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
@click.option(
    "--pdf-engine",
    type=click.Choice(list(ENGINES)),
    default=None,
    help=N_(
        "Which engine lays out the PDF preview (typst recompiles on save; docs/typst.md).  "
        "[default: pdf_engine in plan.yaml, else weasyprint]"
    ),
)
@verbosity
@click.pass_context
def serve(
    ctx: click.Context,
    plans: tuple[Path, ...],
    port: int,
    host: str,
    open_browser: bool,
    pdf_engine: str | None,
) -> None:
    """Preview plans in the browser; open pages reload themselves when a source file is saved."""
    from ..preview import is_loopback, start

    roots = plan_dirs(plans)
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
        print_diagnostics(
            state.errors if quiet or not verbose else state.errors + state.warnings,
            "text",
            err=True,
        )

    try:
        server = start(roots, host, port, hook=reloaded, log=verbose, pdf_engine=pdf_engine)
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
