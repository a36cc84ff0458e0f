"""Chinese document numbering: 第一篇, 第一部分, 一、, （一）, 1., （1）, 第一章, 第一节, 专栏1, 表1."""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
DIGIT_VALUES = {char: value for value, char in enumerate(DIGITS)} | {"〇": 0}
NUMERAL_CHARS = DIGITS[1:] + "十百零〇"
"""Every character a Chinese numeral below 1000 is written with, for patterns that read typed numbers."""
MAX_NUMBER = 999

# How each kind of heading number is printed; {cn} is a Chinese numeral, {n} an Arabic one.
FORMATS: dict[str, str] = {
    "volume": "第{cn}篇",
    "part": "第{cn}部分",
    "chapter": "第{cn}章",
    "section": "第{cn}节",
    "cn": "{cn}、",
    "paren-cn": "（{cn}）",
    "arabic": "{n}.",
    "paren-arabic": "（{n}）",
}
# The kind of number at each outline depth (from 1) of each numbering style.
LEVELS: dict[str, tuple[str, ...]] = {
    "parts": ("part", "cn", "paren-cn", "arabic", "paren-arabic"),
    "volumes": ("volume", "chapter", "section", "cn", "paren-cn", "arabic", "paren-arabic"),
    "chapters": ("chapter", "section", "cn", "paren-cn", "arabic", "paren-arabic"),
    "chapters-cn": ("chapter", "cn", "paren-cn", "arabic", "paren-arabic"),
    "cn": ("cn", "paren-cn", "arabic", "paren-arabic"),
    "box": ("arabic", "paren-arabic"),
}
RUNS_ON: dict[str, tuple[str, ...]] = {"volumes": ("chapter",)}
"""Kinds whose count runs on across their parents: a 纲要's chapters go on from 篇 to 篇."""

# Numbers typed by hand at the start of a heading or paragraph.
TYPED_NUMBER_RE = re.compile(
    r"^\s*(第\s*[" + NUMERAL_CHARS + r"0-9]+\s*[部章节篇]分?|[一二三四五六七八九十]+\s*[、.．]|"
    r"[（(]\s*[一二三四五六七八九十0-9]+\s*[)）]|[0-9]+\s*[、.．](?![0-9])|专栏\s*[0-9一二三四五六七八九十]+|"
    r"表\s*[0-9]+)"
)


def chinese(number: int) -> str:
    """A positive integer below 1000 as a Chinese numeral: 1 → 一, 10 → 十, 21 → 二十一."""
    if not 0 < number <= MAX_NUMBER:
        raise ValueError(f"cannot write {number} as a section number")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    text = DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and units:
        text += "零"
    if units:
        text += DIGITS[units]
    return text


def parse_chinese(text: str) -> int | None:
    """Read a typed number back: 一 → 1, 十二 → 12, 一百零五 → 105, 二〇 → 20, and Arabic digits; None if not one."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(char not in DIGIT_VALUES and char not in "十百" for char in text):
        return None
    if "十" not in text and "百" not in text:
        value = 0
        for char in text:
            value = value * 10 + DIGIT_VALUES[char]
        return value
    hundreds, _, rest = text.rpartition("百") if "百" in text else ("", "", text)
    if "百" in hundreds or "百" in rest or "十" in hundreds:
        return None
    total = (_single(hundreds, 1) * 100) if "百" in text else 0
    rest = rest.lstrip("零〇")
    if "十" in rest:
        tens, _, units = rest.partition("十")
        if "十" in units:
            return None
        total += _single(tens, 1) * 10 + _single(units, 0)
    else:
        total += _single(rest, 0)
    return total


def _single(text: str, empty: int) -> int:
    """The value of one digit character, or `empty` for no character."""
    if not text:
        return empty
    return (
        DIGIT_VALUES.get(text[-1], 0)
        if len(text) == 1
        else int("".join(str(DIGIT_VALUES[c]) for c in text))
    )


def max_depth(style: str) -> int:
    """The deepest level a numbering style can number."""
    return len(LEVELS[style])


def heading_kind(style: str, depth: int) -> str:
    """The kind of number a heading at `depth` (from 1) carries in `style`: part, cn, paren-cn …"""
    kinds = LEVELS[style]
    return kinds[min(depth, len(kinds)) - 1]


def runs_on(style: str, depth: int) -> bool:
    """Whether the count at `depth` in `style` runs on across parents instead of restarting."""
    return depth <= max_depth(style) and heading_kind(style, depth) in RUNS_ON.get(style, ())


def label(style: str, depth: int, number: int) -> str:
    """The printed number of the `number`-th item at `depth` in `style`, e.g. （三）."""
    return FORMATS[heading_kind(style, depth)].format(cn=chinese(number), n=number)


def reference_label(printed: str) -> str:
    """How text refers to a numbered heading: 第三部分, （二）, 一 for 一、, 1 for 1."""
    return printed.rstrip("、.")


def typed_number(text: str) -> str | None:
    """The hand-typed number a heading or paragraph starts with, if any."""
    match = TYPED_NUMBER_RE.match(text)
    return match.group(1) if match else None
