"""The preview's Typst PDFs: one kept compiler per plan, recompiled once per good rendering, so a
save gives an updated PDF without a worker process or a build (docs/typst.md)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..output.typst.compiler import KeptCompiler

if TYPE_CHECKING:
    from ..compile.document import Document


@dataclass(frozen=True)
class Printed:
    """One compile of a plan's PDF: the rendering it is of, the PDF, or why there is none."""

    version: int
    pdf: bytes
    error: str = ""


class TypstPdfs:
    """The previewed plans' Typst PDFs, each compiled at most once per version of its document."""

    def __init__(self, slugs: Iterable[str]) -> None:
        self._locks = {slug: threading.Lock() for slug in slugs}
        self._compilers: dict[str, KeptCompiler] = {}
        self._printed: dict[str, Printed] = {}

    def pdf(self, slug: str, version: int, document: Document) -> Printed:
        """The PDF of `document` (version `version` of the plan), compiled now unless it or a
        newer version was."""
        import typst

        with self._locks[slug]:
            printed = self._printed.get(slug)
            if printed is not None and printed.version >= version:
                return printed
            compiler = self._compilers.setdefault(slug, KeptCompiler())
            try:
                printed = Printed(version, compiler.compile(document))
            except typst.TypstError as exc:
                printed = Printed(version, b"", exc.message)
            except Exception as exc:  # noqa: BLE001 - answered as the PDF's error, the preview goes on
                printed = Printed(version, b"", f"{type(exc).__name__}: {exc}")
            self._printed[slug] = printed
            return printed

    def close(self) -> None:
        """Drop the compilers and their folders (a compile under way finishes first)."""
        for slug, lock in self._locks.items():
            with lock:
                compiler = self._compilers.pop(slug, None)
                if compiler is not None:
                    compiler.close()
