"""The registry of report formats: each renderer registers its name, suffix and function here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from .model import Report

Render = Callable[..., bytes]


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One way to print a report."""

    name: str
    suffix: str
    binary: bool
    """Whether the bytes are not text (they are not printed to a terminal)."""
    module: str
    """The renderer module below plancraft.report, imported when first used."""

    def render(self, report: Report, **options: object) -> bytes:
        """The report in this format; `colour` asks the text renderer for a terminal's colours."""
        renderer: Render = import_module(f"{__package__}.{self.module}").render
        return renderer(report, **options)


FORMATS: dict[str, ReportFormat] = {}


def register(fmt: ReportFormat) -> ReportFormat:
    """Add `fmt` to the registry (a later one of the same name replaces it)."""
    FORMATS[fmt.name] = fmt
    return fmt


for _fmt in (
    ReportFormat("text", ".txt", False, "text"),
    ReportFormat("json", ".json", False, "jsondump"),
    ReportFormat("csv", ".csv", False, "csvfile"),
    ReportFormat("xlsx", ".xlsx", True, "xlsx"),
    ReportFormat("html", ".html", False, "html"),
    ReportFormat("docx", ".docx", True, "docx"),
    ReportFormat("pdf", ".pdf", True, "pdf"),
):
    register(_fmt)


def names() -> tuple[str, ...]:
    """Every registered format, text first."""
    return tuple(FORMATS)


def render(report: Report, fmt: str, **options: object) -> bytes:
    """`report` in format `fmt` (a KeyError for an unknown one: the CLI offers only registered ones)."""
    return FORMATS[fmt].render(report, **options)
