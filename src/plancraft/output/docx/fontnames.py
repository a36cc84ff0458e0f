"""The font each style names: the official one, or its Fandol stand-in where only that is installed.

LibreOffice ignores a font table's w:altName and asks fontconfig for the first name only, so a .docx
that names 仿宋_GB2312 on a machine without it prints everything in one sans fallback. Where the
official font is missing and its Fandol stand-in is installed (the PDF's choice, output/fonts.py),
the styles name the stand-in and the font table gives the official font as its w:altName for Word.
"""

from __future__ import annotations

from functools import lru_cache

from .styles import FANGSONG, HEITI, KAITI, SONG, XBS

ROLE_OF = {FANGSONG: "fangsong", XBS: "xiaobiaosong", HEITI: "heiti", KAITI: "kaiti", SONG: "song"}
"""Each official font with its role in plan.css (the stack of names the PDF tries in order)."""
STAND_IN = "Fandol"


@lru_cache(maxsize=1)
def named_fonts() -> dict[str, str]:
    """Official font → the name the styles use: the first font of its plan.css stack that is
    installed when that is a Fandol stand-in, else the official name."""
    from ..fonts import installed_family, stylesheet_stacks

    stacks = stylesheet_stacks(roles=tuple(ROLE_OF.values()))
    named = {}
    for official, role in ROLE_OF.items():
        found = next((name for name in stacks.get(role, ()) if installed_family(name)), None)
        named[official] = found if found and found.startswith(STAND_IN) else official
    return named


def with_named_fonts(xml: str, named: dict[str, str]) -> str:
    """Style XML with each official font name replaced by the name to use."""
    for official, name in named.items():
        xml = xml.replace(f'"{official}"', f'"{name}"')
    return xml
