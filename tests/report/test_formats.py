"""The registry of report formats."""

from __future__ import annotations

from click.testing import CliRunner

from plancraft.cli import main
from plancraft.report import FORMATS, names


def test_every_renderer_is_registered_with_its_suffix() -> None:
    assert names() == ("text", "json", "csv", "xlsx", "html", "docx", "pdf")
    assert {fmt.suffix for fmt in FORMATS.values()} >= {".xlsx", ".docx", ".pdf"}


def test_the_report_commands_offer_every_registered_format() -> None:
    for command in ("diff", "indicators", "review"):
        help_text = CliRunner().invoke(main, [command, "--help"]).output
        assert all(name in help_text for name in names()), command
