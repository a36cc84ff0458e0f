"""Fonts for a one-shot compile: only each role's first family, when it has every character printed.

Typst's search of all installed fonts takes about 0.05 s, most of it spent in the Noto CJK collections,
which a plan needs only for a character its first families lack (², ㎡). When fontconfig names the files
of each role's first installed family and each of those faces maps every character of the document and
of the template, Typst is given just those files (and its own fonts): the same fonts are chosen for every
glyph, so the PDF is the same. Otherwise, or when anything cannot be read, it searches all fonts.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

from ...resources import template_text
from ..fonts import stylesheet_stacks
from .cmap import CmapError, missing
from .fonts import TYPST_ROLES

Face = tuple[Path, int]
Listing = subprocess.Popen[str]
"""fc-list running: started before the document's data is made, read when the faces are needed."""
LIST_FACES = ["fc-list", "--format", "%{family}\t%{file}\t%{index}\n"]


def start_listing() -> Listing | None:
    """fc-list started in the background (fontconfig_faces reads it); None without fc-list."""
    if not shutil.which("fc-list"):
        return None
    try:
        return subprocess.Popen(
            LIST_FACES, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
    except OSError:
        return None


def end_listing(listing: Listing) -> None:
    """Stop and reap a listing nobody read (no-op for one that was read)."""
    if listing.returncode is None:
        listing.kill()
        listing.communicate()


def fontconfig_faces(listing: Listing | None = None) -> dict[str, list[Face]] | None:
    """Every face fontconfig lists, by each of its family names (casefolded), read from `listing`
    (started here when not given); None without fc-list."""
    listing = start_listing() if listing is None else listing
    if listing is None:
        return None
    try:
        listed, _ = listing.communicate(timeout=30)
    except subprocess.SubprocessError:
        end_listing(listing)
        return None
    if listing.returncode != 0:
        return None
    faces: dict[str, list[Face]] = {}
    for line in listed.splitlines():
        families, _, rest = line.partition("\t")
        file, _, index = rest.partition("\t")
        if not file or not index.isdigit():
            continue
        for family in families.split(","):
            faces.setdefault(family.strip().casefold(), []).append((Path(file), int(index)))
    return faces


def first_family_faces(faces: dict[str, list[Face]]) -> list[Face] | None:
    """The faces of each role's first installed family (all its styles), or None when a role has none."""
    chosen: dict[Face, None] = {}
    for stack in stylesheet_stacks(roles=TYPST_ROLES).values():
        first = next((name.casefold() for name in stack if name.casefold() in faces), None)
        if first is None:
            return None
        chosen.update(dict.fromkeys(faces[first]))
    return list(chosen)


def narrowed_fonts(folder: Path, printed: str, listing: Listing | None = None) -> Any | None:
    """Typst fonts holding only the files of each role's first family (linked into `folder`) when
    those faces have a glyph for every character of `printed` and of the template; else None.
    `listing`: fc-list started earlier."""
    faces = fontconfig_faces(listing)
    chosen = first_family_faces(faces) if faces is not None else None
    if chosen is None:
        return None
    characters = {char for char in set(printed) | set(template_text("plan.typ")) if char >= " "}
    try:
        if any(missing(path, index, characters) for path, index in chosen):
            return None
    except (OSError, CmapError, struct.error):
        return None
    import typst

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, path in enumerate(dict.fromkeys(path for path, _ in chosen)):
        (folder / f"{number}-{path.name}").symlink_to(path)
    return typst.Fonts(include_system_fonts=False, font_paths=[str(folder)])
