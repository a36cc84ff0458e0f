"""Chinese document numbering: 第一部分, 一、, （一）, 1., （1）, 第一章, 第一节, 专栏1, 表1."""
from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
MAX_NUMBER = 999

# Format of a number at each outline depth; {cn} is a Chinese numeral, {n} an Arabic one.
STYLES: dict[str, dict[int, str]] = {
    "parts": {1: "第{cn}部分", 2: "{cn}、", 3: "（{cn}）", 4: "{n}.", 5: "（{n}）"},
    "chapters": {1: "第{cn}章", 2: "第{cn}节", 3: "{cn}、", 4: "（{cn}）", 5: "{n}.", 6: "（{n}）"},
    "box": {1: "{n}.", 2: "（{n}）"},
}

# Numbers typed by hand at the start of a heading or paragraph.
TYPED_NUMBER_RE = re.compile(
    r"^\s*(第\s*[一二三四五六七八九十百零〇0-9]+\s*[部章节]分?|[一二三四五六七八九十]+\s*[、.．]|"
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


def max_depth(style: str) -> int:
    """The deepest level a numbering style can number."""
    return max(STYLES[style])


def label(style: str, depth: int, number: int) -> str:
    """The printed number of the `number`-th item at `depth` in `style`, e.g. （三）."""
    return STYLES[style][depth].format(cn=chinese(number), n=number)


def reference_label(printed: str) -> str:
    """How text refers to a numbered heading: 第三部分, （二）, 一 for 一、, 1 for 1."""
    return printed.rstrip("、.")


def typed_number(text: str) -> str | None:
    """The hand-typed number a heading or paragraph starts with, if any."""
    match = TYPED_NUMBER_RE.match(text)
    return match.group(1) if match else None
