"""A check as one named rule: its name, the diagnostic codes it may emit, and what it checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...diagnostics import Diagnostics
from ...source.model import Plan

Check = Callable[[Plan, Diagnostics], None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One semantic check on a resolved plan, as markdown-it's rules have names."""

    name: str
    """How docs and tests name the rule: roles, headings, table-widths …"""
    codes: tuple[str, ...]
    """Every diagnostic code the rule may emit (tests/compile/test_rules.py holds it to that)."""
    description: str
    """One line saying what the rule checks."""
    check: Check
    """Record what is wrong with the plan into the diagnostics."""

    def __call__(self, plan: Plan, diagnostics: Diagnostics) -> None:
        self.check(plan, diagnostics)


def rule(name: str, *codes: str) -> Callable[[Check], Rule]:
    """Make a check function into a `Rule` named `name`, described by its docstring's first line."""

    def make(check: Check) -> Rule:
        description = (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else ""
        return Rule(name, codes, description, check)

    return make
