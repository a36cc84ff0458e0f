"""plancraft: compile five-year plans written as YAML and Markdown into HTML and PDF."""

from __future__ import annotations

__version__ = "0.1.0"
