"""Adjacent punctuation compression (clreq 3.1.6): which full-width marks of a run lose their blank half.

A full-width mark is drawn in one half of its square and leaves the other half blank. Two marks side
by side (。” ）、 （“) would show a whole blank between them; typesetting takes half of it out. The HTML
writer wraps such a run in ``<span class="pc">`` and each mark to narrow in ``<span class="halt">``;
the stylesheet turns on the font's OpenType ``halt`` feature there, and the PDF writer gives the run
its text as ActualText, so that extraction stays exact although the narrowed glyphs overlap.
"""

from __future__ import annotations

import re

CLOSING = frozenset("、，。．；：）》」』】〕〗〉”’")
"""Marks drawn in their left half (mainland style): compressing takes out their right half."""
OPENING = frozenset("（《「『【〔〖〈“‘")
"""Marks drawn in their right half: compressing takes out their left half."""
CENTRED = frozenset("？！")
"""Marks drawn in the middle of their square: never narrowed, but they make a run with the others."""
MARKS = CLOSING | OPENING | CENTRED
RUN = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]{2,}")
RUN_CLASS = "pc"
"""The class of the span around a run holding a compressed mark (the PDF writer looks for it)."""
NARROW_CLASS = "halt"
"""The class of the span around the marks that lose their blank half."""


def compressed(run: str) -> list[bool]:
    """For each mark of a run of adjacent marks, whether it loses its blank half.

    A closing mark followed by another mark gives up its right half (。” ）、 ）（); an opening mark
    after an opening or centred mark gives up its left half (（“ ？“). An opening mark followed by a
    closing one (（）) has no blank between them.
    """
    narrow = [False] * len(run)
    for index in range(len(run) - 1):
        first, second = run[index], run[index + 1]
        if first in CLOSING:
            narrow[index] = True
        elif second in OPENING:
            narrow[index + 1] = True
    return narrow


def mark_runs(html: str) -> str:
    """HTML text (no tags) with every run of adjacent marks wrapped for compression."""
    return RUN.sub(_wrap, html)


def _wrap(match: re.Match[str]) -> str:
    run = match.group()
    narrow = compressed(run)
    if not any(narrow):
        return run
    out = [f'<span class="{RUN_CLASS}">']
    for index, mark in enumerate(run):
        opens = narrow[index] and (index == 0 or not narrow[index - 1])
        closes = narrow[index] and (index == len(run) - 1 or not narrow[index + 1])
        out.append((f'<span class="{NARROW_CLASS}">' if opens else "") + mark)
        out.append("</span>" if closes else "")
    out.append("</span>")
    return "".join(out)


def numbered_title(number: str, title: str, space: str = "") -> str:
    """HTML of a printed number and its title (一、“十三五”时期…), escaped, runs marked.

    A number ending in a mark followed by a title starting with one (一、“) makes a run across the
    number's span: the run's span then holds the number's span and the title's first mark.
    """
    from markupsafe import escape

    head = f'<span class="num">{escape(number)}</span>{space}' if number else ""
    if (
        not number
        or space
        or number[-1] not in MARKS
        or len(title) < 2
        or title[0] not in MARKS
        or title[1] in MARKS
    ):
        return head + mark_runs(str(escape(title)))
    narrow = compressed(number[-1] + title[0])
    if not any(narrow):
        return head + mark_runs(escape(title))
    last, first = (_narrowed(mark, flag) for mark, flag in zip(number[-1] + title[0], narrow))
    return (
        f'<span class="{RUN_CLASS}"><span class="num">{escape(number[:-1])}{last}</span>{first}</span>'
        + mark_runs(str(escape(title[1:])))
    )


def _narrowed(mark: str, narrow: bool) -> str:
    return f'<span class="{NARROW_CLASS}">{mark}</span>' if narrow else mark
