"""Font roles for Typst: each role's stack from plan.css, as the family names Typst knows."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..fonts import LAST_RESORTS, STAND_INS, stylesheet_stacks

TYPST_ROLES = ("fangsong", "xiaobiaosong", "heiti", "kaiti", "song")
MONOSPACE = ("DejaVu Sans Mono", "Noto Sans Mono CJK SC")
"""Inline code, as fontconfig's `monospace` gives it to WeasyPrint (Latin, then CJK); Typst
bundles DejaVu Sans Mono. The role is `mono`; a character neither has falls back to 仿宋."""
STYLE_SUFFIXES = ("", " R", " Regular")
"""What Typst may add to a family name (it knows FandolFang as "FandolFang R")."""


@cache
def typst_fonts() -> Any:
    """The fonts Typst finds on this machine (system fonts and its own), searched once per process
    (a search takes about 0.35 s; every compiler is given this one)."""
    import typst

    return typst.Fonts()


def typst_name(name: str, known: frozenset[str]) -> str | None:
    """The family Typst knows for the stylesheet's `name`, or None when it has none."""
    by_fold = {family.casefold(): family for family in known}
    for suffix in STYLE_SUFFIXES:
        found = by_fold.get((name + suffix).casefold())
        if found:
            return found
    return None


def role_stacks(known: frozenset[str]) -> dict[str, list[str]]:
    """Each role's families among `known` (Typst's names) in the stylesheet's order (official,
    Fandol, Noto …)."""
    stacks = {}
    for role, stack in stylesheet_stacks(roles=TYPST_ROLES).items():
        names = (typst_name(name, known) for name in stack)
        stacks[role] = list(dict.fromkeys(name for name in names if name))
    stacks["mono"] = [name for name in MONOSPACE if name in known]
    return stacks


def fell_back(stack: list[str]) -> bool:
    """Whether a role resolved past the official fonts and Fandol (to Noto or nothing)."""
    return not stack or stack[0].startswith(LAST_RESORTS) and not stack[0].startswith(STAND_INS)


def bold_roles(stacks: dict[str, list[str]], fonts: Any) -> dict[str, bool]:
    """For each role, whether its first family has a real bold face (600 or heavier) among `fonts`
    (else bold is stroked)."""
    heavy = {font.family for font in fonts.fonts() if font.weight >= 600}
    return {role: bool(stack) and stack[0] in heavy for role, stack in stacks.items()}
