"""Every source file read once, line by line: 【待填写…】 placeholders left (warnings), and invisible or
control characters in the YAML files (errors; Markdown is checked block by block)."""

from __future__ import annotations

from ...diagnostics import Diagnostics, Location, source_path
from ...i18n import _
from ...source.confine import Refused, read_confined
from ...source.model import Plan
from .rule import rule
from .text import HIDDEN, PLACEHOLDER_RE


@rule("sources", "placeholder", "invisible-character")
def check_sources(plan: Plan, diagnostics: Diagnostics) -> None:
    """Each source file, line by line: placeholders left; hidden characters in the YAML files."""
    for path in dict.fromkeys(plan.sources):
        try:
            raw = read_confined(path, plan.root)
        except Refused:
            continue  # the loader has reported it
        text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        shown = source_path(path)
        for number, line in enumerate(text.splitlines(), start=1):
            for match in PLACEHOLDER_RE.finditer(line):
                diagnostics.warning(
                    Location(shown, number, match.start() + 1),
                    _("placeholder {placeholder} is still to be written").format(
                        placeholder=match.group(0)
                    ),
                    code="placeholder",
                )
            if path.suffix != ".yaml":
                continue
            for found in HIDDEN.finditer(line):
                char = found.group()
                diagnostics.error(
                    Location(shown, number, found.start() + 1),
                    _("text contains an invisible or control character ({character})").format(
                        character=f"U+{ord(char):04X}"
                    ),
                    code="invisible-character",
                    hint=_("delete it; it hides or reorders text"),
                )
