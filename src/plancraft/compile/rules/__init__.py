"""The semantic checks on a resolved plan, one named rule each, run in the order of `RULES`.

Adding a check: write a function `check_x(plan, diagnostics)` in a module here, decorate it with
`@rule("name", "code", …)` declaring every diagnostic code it emits, and add it to `RULES`.
"""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...source.model import Plan
from .content import check_clock_ratios, check_latin_words, check_markup, check_web_furniture
from .headings import check_headings
from .indicators import check_indicators
from .monitoring import MONITORING_RULES
from .notice import check_notice
from .parent import check_parent
from .placements import check_placements
from .prose import check_prose
from .roles import check_roles
from .rounds import check_rounds
from .rule import Rule, rule
from .sources import check_sources
from .spreadsheet import check_formula_names
from .tables import check_table_widths, check_tables
from .title_lines import check_title_lines
from .titles import check_duplicate_titles

RULES: tuple[Rule, ...] = (
    check_roles,
    check_headings,
    check_prose,
    check_placements,
    check_indicators,
    check_formula_names,
    check_tables,
    check_table_widths,
    check_parent,
    check_sources,
    check_title_lines,
    check_markup,
    check_latin_words,
    check_clock_ratios,
    check_web_furniture,
    check_duplicate_titles,
    check_notice,
    *MONITORING_RULES,
    check_rounds,
)
"""Every rule, in the order its diagnostics are recorded."""

__all__ = ["RULES", "Rule", "check_plan", "rule", "rules_table"]


def check_plan(plan: Plan, diagnostics: Diagnostics) -> None:
    """Run every rule, recording what is wrong."""
    for each in RULES:
        each(plan, diagnostics)


def rules_table() -> str:
    """The rules as a Markdown table (name, codes, what each checks), as docs/architecture.md shows it."""
    lines = ["| rule | codes | checks |", "|---|---|---|"]
    for each in RULES:
        codes = ", ".join(f"`{code}`" for code in each.codes)
        lines.append(f"| `{each.name}` | {codes} | {each.description} |")
    return "\n".join(lines) + "\n"
