"""Break a long title between words into a pyramid or diamond (GB/T 9704-2012 7.3.1)."""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

TITLE_LINE = 20
"""Characters of 二号 (22 pt) that fit on a line of the 156 mm text block."""
NO_LINE_START = set("、，。；：！？）》」』】〕〉”’…—")
NO_LINE_END = set("（《「『【〔〈“‘")
STRONG_AFTER = ("印发", "转发", "批转")
"""Words after which a notice title breaks well (…关于印发 / 《…》的通知)."""
STRONG_BEFORE = ("关于",)
"""Words before which a notice title breaks well (…民政局 / 关于印发…)."""
WEAK_LIMIT = 10
"""The most imbalance (characters) accepted to avoid a weak break: one inside a name such as
北京城市副中心, not set off by a bracket, a quote, STRONG_AFTER or STRONG_BEFORE."""


def title_lines(title: str, width: int = TITLE_LINE) -> list[str]:
    """The title as printed lines: whole when it fits, else broken between words (jieba) into the
    fewest lines that fit, the most balanced of the pyramid (上短下长) and diamond shapes."""
    if "\n" in title:
        return [line.strip() for line in title.split("\n") if line.strip()]
    if len(title) <= width:
        return [title]
    boundaries = _boundaries(title)
    fewest = -(-len(title) // width)
    found = [
        best
        for count in (fewest, fewest + 1)
        if (best := _best_split(title, boundaries, count, width))
    ]
    if not found:
        return [title]
    return min(found, key=lambda scored: (scored[0][0], len(scored[1]), scored[0][1:]))[1]


def _best_split(
    title: str, boundaries: list[int], count: int, width: int
) -> tuple[tuple[int, int, int], list[str]] | None:
    """The best way (score, lines) to break `title` into `count` lines at `boundaries`, or None."""
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for cuts in itertools.combinations(boundaries, count - 1):
        edges = (0, *cuts, len(title))
        lines = [title[start:end] for start, end in itertools.pairwise(edges)]
        if max(map(len, lines)) > width:
            continue
        weak = sum(1 for cut in cuts if not _strong(title, cut))
        spread = max(map(len, lines)) - min(map(len, lines))
        score = (
            _shape_penalty([len(line) for line in lines]),
            weak + (len(cuts) if spread > WEAK_LIMIT else 0),
            spread,
        )
        if best is None or score < best[0]:
            best = (score, lines)
    return best


def _shape_penalty(lengths: list[int]) -> int:
    """0 for a pyramid (each line no shorter than the one above) or a diamond (longest in the
    middle), 1 for an inverted pyramid, 2 otherwise."""
    rising = all(a <= b for a, b in itertools.pairwise(lengths))
    if rising:
        return 0
    peak = lengths.index(max(lengths))
    up = all(a <= b for a, b in itertools.pairwise(lengths[: peak + 1]))
    down = all(a >= b for a, b in itertools.pairwise(lengths[peak:]))
    if 0 < peak < len(lengths) - 1 and up and down:
        return 0
    if all(a >= b for a, b in itertools.pairwise(lengths)):
        return 1
    return 2


def _strong(title: str, cut: int) -> bool:
    """Whether a break at `cut` keeps names whole: at a bracket or quote, around 关于印发 …"""
    return (
        title[cut] in NO_LINE_END
        or title[cut - 1] in NO_LINE_START
        or title[:cut].endswith(STRONG_AFTER)
        or title[cut:].startswith(STRONG_BEFORE)
    )


def _boundaries(title: str) -> list[int]:
    """Offsets between words where a line may break: not before a closing mark, not after an
    opening one (避头尾)."""
    offsets, position = [], 0
    for word in _segment(title)[:-1]:
        position += len(word)
        offsets.append(position)
    return [
        offset
        for offset in offsets
        if title[offset] not in NO_LINE_START and title[offset - 1] not in NO_LINE_END
    ]


@lru_cache(maxsize=256)
def _words(title: str) -> tuple[str, ...]:
    """jieba's words of `title` (its dictionary, no HMM), with the dictionary read for this title only."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = _title_entries(title)
    tokenizer.total = _dictionary_total()
    tokenizer.initialized = True
    return tuple(tokenizer.lcut(title, HMM=False))


def _title_entries(title: str) -> dict[str, int]:
    """jieba's prefix dictionary cut down to the words inside `title` and their prefixes: all that
    segmenting it looks up (loading the whole dictionary takes about 0.5 s, this a tenth of it)."""
    letters = re.escape("".join(sorted(set(title))))
    entries: dict[str, int] = {}
    for found in re.finditer(rf"^([{letters}]+) (\d+)", _dictionary_text(), re.MULTILINE):
        if found[1] in title:
            entries[found[1]] = int(found[2])
    for word in list(entries):
        for end in range(1, len(word)):
            entries.setdefault(word[:end], 0)
    return entries


@cache
def _dictionary_text() -> str:
    """jieba's dictionary: a line `word frequency tag` per word."""
    import jieba

    with jieba.get_dict_file() as file:
        return file.read().decode("utf-8")


@cache
def _dictionary_total() -> int:
    """The sum of the dictionary's frequencies, as jieba computes it."""
    return sum(map(int, _dictionary_text().split()[1::3]))


def _segment(title: str) -> list[str]:
    """The title's words, by jieba's dictionary."""
    return list(_words(title))
