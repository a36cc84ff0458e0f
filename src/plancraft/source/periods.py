"""Plan periods: 十四五 ↔ 2021–2025 and every printed form derived from the years (the one place naming them)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ANCHOR_ORDINAL, ANCHOR_START = 14, 2021
"""十四五 began in 2021; from 三五 (1966) on, the n-th plan runs five years from 2021 + 5(n − 14)."""
FIRST_REGULAR = 3
"""一五 (1953) and 二五 (1958) came before the 1963–1965 adjustment years and are not named here."""
OUTLOOKS = (2035, 2050)
"""The long-range goals a plan looks towards: 基本实现社会主义现代化 (2035), 建成现代化强国 (2050)."""
OUTLOOKS_SINCE = 2021
"""Plans from 十四五 on look towards them; earlier ones had no outlook year."""
EARLIEST, LATEST = 1949, 2100
DIGITS = "零一二三四五六七八九"
NAME_RE = re.compile(r"^([一二三四五六七八九十]{1,3})五$")
RANGE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]{1,2}\s*((?:19|20)\d{2})\s*年?(?!\d)"
)
NAMED_RE = re.compile(r"“?([一二三四五六七八九十]{1,3})五”?(?:时期|期间|规划|发展规划|末|初)")
ORDINAL_RE = re.compile(r"第([一二三四五六七八九十]{1,3})个五年(?:规划|计划)")
"""A plan named by its ordinal: 第十个五年计划, 第十四个五年规划."""


class PeriodError(ValueError):
    """A period given in a form that names no years."""


def _chinese(number: int) -> str:
    """1 → 一, 14 → 十四, 21 → 二十一 (two digits at most)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones or not head else "")


def _from_chinese(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十一 → 21; None when it is not such a numeral."""
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 and text in DIGITS[1:] else None
    tens, _sep, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)
    return value or None


@dataclass(frozen=True, slots=True)
class Period:
    """A plan's years: start and end (inclusive) and the long-range outlook year."""

    start: int
    end: int
    outlook: int | None = None

    @property
    def ordinal(self) -> int | None:
        """14 for 2021–2025 (十四五); None when the years are not one five-year plan's."""
        offset = self.start - ANCHOR_START
        ordinal = offset // 5 + ANCHOR_ORDINAL
        if offset % 5 or self.end != self.start + 4 or ordinal < FIRST_REGULAR:
            return None
        return ordinal

    @property
    def name(self) -> str:
        """十四五, or the years (2022—2035年) when the period is not a five-year plan's."""
        return f"{_chinese(self.ordinal)}五" if self.ordinal else self.years

    @property
    def years(self) -> str:
        """2021—2025年."""
        return f"{self.start}—{self.end}年"

    @property
    def phrase(self) -> str:
        """“十四五”时期, or 2022—2035年 (a period that is no five-year plan's has no 时期 name)."""
        return f"“{self.name}”时期" if self.ordinal else self.years

    @property
    def quoted(self) -> str:
        """“十四五”, or 2022—2035年."""
        return f"“{self.name}”" if self.ordinal else self.years

    @property
    def base_year(self) -> int:
        """The year before the period, whose values are the baselines (2020 for 十四五)."""
        return self.start - 1

    @property
    def keywords(self) -> str:
        """十四五规划 (the HTML keywords of a plan of this period)."""
        return f"{self.name}规划"

    def shifted(self, plans: int = 1) -> Period:
        """The period `plans` five-year plans later (earlier when negative), with its outlook."""
        length = self.end - self.start + 1
        start = self.start + plans * length
        return with_outlook(start, start + length - 1)

    def as_data(self) -> dict[str, int]:
        """{start, end, outlook} as plan.yaml writes it."""
        data = {"start": self.start, "end": self.end}
        return data | ({"outlook": self.outlook} if self.outlook else {})


def with_outlook(start: int, end: int) -> Period:
    """The period with the first long-range goal after its end as outlook (2035 for 十四五 and 十五五)."""
    outlook = next((year for year in OUTLOOKS if year > end), None)
    return Period(start, end, outlook if start >= OUTLOOKS_SINCE else None)


def numbered(ordinal: int) -> Period:
    """The n-th five-year plan: 15 → 2026–2030."""
    start = ANCHOR_START + 5 * (ordinal - ANCHOR_ORDINAL)
    return with_outlook(start, start + 4)


def current(today: dt.date | None = None) -> Period:
    """The five-year plan running on `today` (default: today's date)."""
    year = (today or dt.date.today()).year
    return numbered((year - ANCHOR_START) // 5 + ANCHOR_ORDINAL)


def parse(text: str) -> Period:
    """2026-2030, 2026—2030年, 十五五 or “十五五” as a Period; PeriodError when it is none of these."""
    text = text.strip().strip('“”"')
    if match := NAME_RE.match(text):
        ordinal = _from_chinese(match.group(1))
        if ordinal and ordinal >= FIRST_REGULAR:
            return numbered(ordinal)
    if match := RANGE_RE.fullmatch(text):
        start, end = int(match.group(1)), int(match.group(2))
        if EARLIEST <= start <= end <= LATEST:
            return with_outlook(start, end)
    raise PeriodError(text)


def from_data(data: object) -> Period | None:
    """The period of plan.yaml's `period:` mapping, or None when it does not give start and end."""
    if not isinstance(data, dict):
        return None
    start, end, outlook = data.get("start"), data.get("end"), data.get("outlook")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return Period(start, end, outlook if isinstance(outlook, int) else None)


def stated(text: str) -> Period | None:
    """The period a document states: its years (2022—2035年), else its name (“十五五”时期, 第十个五年计划),
    else None."""
    if match := RANGE_RE.search(text):
        start, end = int(match.group(1)), int(match.group(2))
        if EARLIEST <= start < end <= LATEST:
            return with_outlook(start, end)
    for pattern in (NAMED_RE, ORDINAL_RE):
        if match := pattern.search(text):
            ordinal = _from_chinese(match.group(1))
            if ordinal and ordinal >= FIRST_REGULAR:
                return numbered(ordinal)
    return None


def renamed(text: str, old: Period, new: Period) -> str:
    """The text with `old`'s name and years put as `new`'s (a title carried into the next period)."""
    for before, after in ((old.phrase, new.phrase), (old.quoted, new.quoted), (old.name, new.name)):
        text = text.replace(before, after)
    text = re.sub(rf"{old.start}\s*[-—–]\s*{old.end}", f"{new.start}—{new.end}", text)
    return text
