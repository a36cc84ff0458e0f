"""Faithfulness: how much of a source document's text survives into a compiled plan."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from plancraft.compile.numbering import TYPED_NUMBER_RE
from plancraft.importer.patterns import BOOKMARK_RE

SPACE_RE = re.compile(r"\s+")
SKIPPED_TAGS = {"style", "script", "head"}


@dataclass
class Coverage:
    """How much of a seed's text the compiled document carries, and which lines it lacks."""

    total: int = 0
    found: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Share of the seed's characters found, from 0 to 1."""
        return self.found / self.total if self.total else 1.0


def normalise(text: str) -> str:
    """Fold width and spacing so that only real text differences remain."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("—", "-").replace("–", "-").replace("“", '"').replace("”", '"')
    text = text.replace("‘", "'").replace("’", "'").replace("·", "").replace("•", "")
    return SPACE_RE.sub("", text)


def seed_pieces(seed: str, repairs: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """The seed's lines and table cells, each without its typed number and word-processor residue."""
    pieces = []
    for number, line in enumerate(seed.splitlines(), start=1):
        line = BOOKMARK_RE.sub("", line)
        for wrong, right in (repairs or {}).items():
            line = line.replace(wrong, right)
        for cell in line.split("\t"):
            cell = cell.strip()
            while True:
                match = TYPED_NUMBER_RE.match(cell)
                if not match:
                    break
                cell = cell[match.end() :].lstrip(" 　:：")
            text = normalise(cell)
            if text:
                pieces.append((number, text))
    return pieces


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML document."""
    extractor = _TextExtractor()
    extractor.feed(html)
    return "".join(extractor.parts)


def coverage(seed: str, compiled_text: str, repairs: dict[str, str] | None = None) -> Coverage:
    """Which of the seed's lines and cells appear in the compiled text."""
    haystack = normalise(compiled_text)
    result = Coverage()
    for number, piece in seed_pieces(seed, repairs):
        result.total += len(piece)
        if piece in haystack:
            result.found += len(piece)
        else:
            result.missing.append((number, piece))
    return result
