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
import tempfile
from pathlib import Path
from typing import Any

from ...resources import template_text
from ..fonts import stylesheet_stacks
from .cmap import CmapError, missing
from .fonts import TYPST_ROLES

Face = tuple[Path, int]
LIST_FACES = ["fc-list", "--format", "%{family}\t%{file}\t%{index}\n"]


class FontListing:
    """fc-list running in the background, from before the plan loads (the pdf-typst writer's
    `prepare`) until its faces are read or it is closed; it writes to a file (a pipe could fill)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._output = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._faces: dict[str, list[Face]] | None = None
        self._read = False
        if shutil.which("fc-list"):
            try:
                self._process = subprocess.Popen(
                    LIST_FACES, stdout=self._output, stderr=subprocess.DEVNULL
                )
            except OSError:
                pass

    def faces(self) -> dict[str, list[Face]] | None:
        """Every face fontconfig lists, by each of its family names (casefolded); None without
        fc-list. Read once, when first asked."""
        if not self._read:
            self._read = True
            self._faces = self._collect()
            self.close()
        return self._faces

    def close(self) -> None:
        """Stop and reap fc-list when nobody read it, and drop its output."""
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            process.wait()
        self._output.close()

    def _collect(self) -> dict[str, list[Face]] | None:
        process = self._process
        if process is None:
            return None
        try:
            if process.wait(timeout=30) != 0:
                return None
        except subprocess.SubprocessError:
            return None
        self._output.seek(0)
        faces: dict[str, list[Face]] = {}
        for line in self._output.read().splitlines():
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


def narrowed_fonts(folder: Path, printed: str, listing: FontListing | None = None) -> Any | None:
    """Typst fonts holding only the files of each role's first family (linked into `folder`) when
    those faces have a glyph for every character of `printed` and of the template; else None.
    `listing`: fc-list started earlier."""
    faces = (listing or FontListing()).faces()
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
