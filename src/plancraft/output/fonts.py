"""PDF font roles (仿宋, 小标宋, 黑体, 楷体): the family each resolves to, via fontconfig."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

from ..i18n import N_, _
from ..resources import template_text

ROLES: dict[str, tuple[str, str]] = {
    "fangsong": (N_("body 仿宋"), "仿宋_GB2312"),
    "xiaobiaosong": (N_("title 小标宋"), "方正小标宋简体"),
    "heiti": (N_("heading 黑体"), "黑体"),
    "kaiti": (N_("楷体"), "楷体_GB2312"),
}
"""Each role's CSS custom property, with what it is for and the official font it asks for first."""
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy"}
STAND_INS = ("Fandol",)
"""Free families that stand in well for the official fonts: resolving to one is not a fallback."""
LAST_RESORTS = ("Noto", "LXGW", "AR PL")
"""Free families of another style (宋体 for 仿宋): resolving to one is a fallback."""


@dataclass(frozen=True)
class RoleFont:
    """A font role: the families the stylesheet asks for, the first one installed."""

    role: str
    label: str
    stack: tuple[str, ...]
    resolved: str | None

    @property
    def official(self) -> bool:
        """Whether the role resolved to an official font, not a free stand-in or last resort."""
        return self.resolved is not None and not self.resolved.startswith(STAND_INS + LAST_RESORTS)

    @property
    def fell_back(self) -> bool:
        """Whether the role resolved past the official fonts and Fandol (to Noto or nothing)."""
        return self.resolved is None or self.resolved.startswith(LAST_RESORTS)


def stylesheet_stacks(
    css: str | None = None, roles: tuple[str, ...] = tuple(ROLES)
) -> dict[str, tuple[str, ...]]:
    """The font-family stack of each role (all of ROLES unless `roles` says), read from plan.css."""
    if css is None:
        return dict(_packaged_stacks(roles))
    stacks = {}
    for role in roles:
        found = re.search(rf"--{role}:\s*([^;]+);", css)
        if found:
            names = (name.strip().strip("\"'") for name in found.group(1).split(","))
            stacks[role] = tuple(name for name in names if name and name not in GENERIC)
    return stacks


@functools.cache
def _packaged_stacks(roles: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The stacks of the packaged plan.css, read once per process (a Typst build asks twice)."""
    return stylesheet_stacks(template_text("plan.css"), roles)


def installed_family(name: str) -> bool:
    """Whether fontconfig has a font whose family (in any language) is exactly `name`."""
    if not shutil.which("fc-match"):
        return False
    result = subprocess.run(
        ["fc-match", "-f", "%{family}", name], capture_output=True, text=True, check=False
    )
    return name.casefold() in (family.strip().casefold() for family in result.stdout.split(","))


def resolve_roles(css: str | None = None) -> list[RoleFont]:
    """Each role with the first family of its stack that is installed."""
    roles = []
    for role, stack in stylesheet_stacks(css).items():
        resolved = next((name for name in stack if installed_family(name)), None)
        roles.append(RoleFont(role, ROLES[role][0], stack, resolved))
    return roles


def report_lines(roles: list[RoleFont]) -> list[tuple[str, bool]]:
    """Lines saying what each role resolved to, each with whether it is a warning."""
    lines = []
    for font in roles:
        role, official = _(font.label), ROLES[font.role][1]
        if font.resolved is None:
            lines.append(
                (
                    _("{role}: none of {names} is installed (run make setup)").format(
                        role=role, names=", ".join(font.stack)
                    ),
                    True,
                )
            )
        elif font.fell_back:
            lines.append(
                (
                    _(
                        "{role}: {family} (fell back: neither {official} nor Fandol is installed; "
                        "run make setup)"
                    ).format(role=role, family=font.resolved, official=official),
                    True,
                )
            )
        elif font.official:
            lines.append((f"{role}: {font.resolved}", False))
        else:
            lines.append(
                (
                    _("{role}: {family} (free stand-in for {official})").format(
                        role=role, family=font.resolved, official=official
                    ),
                    False,
                )
            )
    return lines
