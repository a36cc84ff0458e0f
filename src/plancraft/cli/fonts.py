"""plancraft fonts: the font each PDF role resolves to."""

from __future__ import annotations

import click

from ..i18n import N_, _
from .app import (
    main,
)


@main.command(
    help=N_(
        "Show which installed font family each PDF role (仿宋, 小标宋, 黑体, 楷体) resolves to."
    )
)
def fonts() -> None:
    """Show which installed font family each PDF role resolves to."""
    from ..output.fonts import report_lines, resolve_roles

    for line, warning in report_lines(resolve_roles()):
        shown = _("warning: {message}").format(message=line) if warning else line
        click.secho(shown, fg="yellow" if warning else None, err=warning)
