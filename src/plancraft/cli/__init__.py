"""The `plancraft` command: a thin click shell over the library, one module per command (each imported
when its command runs or the commands are listed: app.COMMANDS)."""

from __future__ import annotations

from .app import main

__all__ = ["main"]
