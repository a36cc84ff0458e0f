"""The notice fixture's PDF measured against GB/T 9704-2012: the 版记 on the foot of an even last page,
the distances of the notice's elements, the page number's place.

"空N行" (N blank lines) between two elements is measured between their em boxes (pdfplumber's character
boxes, as tall as the font size): N lines of the 22-line grid plus the gap two adjacent body lines have
(28.95 - 16 pt); a rule counts as a line's edge, so from a rule it is N lines plus half that gap.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS

pytestmark = pytest.mark.pdf
both_engines = pytest.mark.parametrize("engine", ["weasyprint", "typst"])

MM = 72 / 25.4
BLOCK_BOTTOM = (37 + 225) * MM
IMPRINT = ("抄送：区委办公室", "示例区民政局办公室")


def filler(count: int) -> str:
    """`count` one-line paragraphs to add at the plan's end."""
    return "".join(f"\n加强督促检查{n}。\n" for n in range(1, count + 1))


CASES = {
    "weasyprint": {
        "alone": (True, ""),  # the 附表 ends on odd page 7: the 版记 takes even page 8
        "moved": (False, ""),  # the plan ends on even page 6 with room: the 版记 at its foot
        "after-blank": (False, filler(6)),  # page 6 is full: blank page 7, the 版记 on page 8
    },
    # Typst's table rows wrap otherwise (docs/typst.md): 第三部分 starts page 6, which has two lines
    # left, too few for the 版记 and a line; 27 lines more end the plan on page 8 with room.
    "typst": {
        "alone": (True, ""),
        "moved": (False, filler(27)),
        "after-blank": (False, ""),
    },
}
"""For each engine, the plan (附表 printed or not, lines added at its end) that makes each case."""


@dataclass(frozen=True)
class Text:
    """One printed line: the extent of its em boxes in points from the top left, and its text."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class PageText:
    """One page of the PDF: its number, its text lines and its filled rectangles."""

    number: int
    lines: list[Text]
    rects: list[dict]

    def has(self, start: str) -> bool:
        """Whether a line of the page starts with `start`."""
        return any(line.text.startswith(start) for line in self.lines)

    def line(self, start: str) -> Text:
        """The line reading `start`, else the one line starting with it."""
        exact = [line for line in self.lines if line.text == start]
        [found] = exact or [line for line in self.lines if line.text.startswith(start)]
        return found

    @property
    def numbered(self) -> bool:
        """Whether the page prints its number (— n —) under the text block."""
        return any(line.top > BLOCK_BOTTOM and "—" in line.text for line in self.lines)


def read_pages(pdf: Path) -> list[PageText]:
    """Every page's text lines and rectangles, read with pdfplumber."""
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(char["bottom"], 1), []).append(char)
            lines = [
                Text(
                    min(char["top"] for char in chars),
                    max(char["bottom"] for char in chars),
                    min(char["x0"] for char in chars),
                    max(char["x1"] for char in chars),
                    "".join(char["text"] for char in sorted(chars, key=lambda c: c["x0"])),
                )
                for _bottom, chars in sorted(rows.items())
            ]
            pages.append(PageText(number, lines, list(page.rects)))
    return pages


def notice_pdf(
    tmp_path: Path, appendix: bool = True, filler: str = "", engine: str = "weasyprint"
) -> list[PageText]:
    """The notice fixture built to PDF by an engine, optionally without its 附表 and with text
    added at its end."""
    plan = tmp_path / "notice"
    shutil.copytree(FIXTURE_PLANS / "notice", plan)
    if not appendix:
        with (plan / "plan.yaml").open("a", encoding="utf-8") as file:
            file.write("appendix: false\n")
    with (plan / "text" / "safeguards.md").open("a", encoding="utf-8") as file:
        file.write(filler)
    result = build_plan(plan, tmp_path / "out", ("pdf",), force=True, pdf_engine=engine)
    assert result.ok, [str(d) for d in result.diagnostics]
    return read_pages(tmp_path / "out" / "notice.pdf")


@pytest.mark.parametrize("case", ["alone", "moved", "after-blank"])
@both_engines
def test_imprint_sits_on_the_foot_of_an_even_last_page(
    tmp_path: Path, case: str, engine: str
) -> None:
    appendix, added = CASES[engine][case]
    pages = notice_pdf(tmp_path, appendix, added, engine)
    last = pages[-1]
    assert last.number % 2 == 0
    assert [page.number for page in pages if any(page.has(text) for text in IMPRINT)] == [
        last.number
    ]
    rules = [rect for rect in last.rects if rect["x1"] - rect["x0"] > 150 * MM]
    assert abs(max(rect["bottom"] for rect in rules) - BLOCK_BOTTOM) < 0.3
    imprint_top = min(rect["top"] for rect in rules)
    text_above = [line.top for line in last.lines if line.top < imprint_top]
    before = pages[-2]
    if case == "moved":
        assert text_above and max(text_above) < imprint_top - 28.95
        assert last.numbered
    elif case == "alone":
        assert not text_above and last.numbered and before.lines
    else:
        assert not text_above and not before.lines
        assert not last.numbered


LINE = 28.95
"""One line of the 22-line grid, in points."""
LEADING = LINE - 16
"""The gap between the em boxes of two adjacent 三号 body lines."""
BLOCK_TOP, BLOCK_LEFT, BLOCK_RIGHT = 37 * MM, 28 * MM, (28 + 156) * MM


@both_engines
def test_notice_elements_keep_the_distances_of_gb_t_9704(tmp_path: Path, engine: str) -> None:
    pdf = notice_pdf(tmp_path, engine=engine)
    page = pdf[0]
    mark, number = page.line("示例区民政局文件"), page.line("示民发")
    [rule] = [rect for rect in page.rects if rect["non_stroking_color"] == (0.8, 0.0, 0.0)]
    title, addressee = page.line("示例区民政局关于"), page.line("各街道办事处")
    body_end, signature = page.line("意，现印发"), page.line("示例区民政局")
    date, public = page.line("2023年6月13日"), page.line("（此件公开发布）")
    title_end = page.line("“十四五”时期民政")
    gaps = {
        "发文机关标志 35 mm below the text block's top (7.2.4)": (mark.top - BLOCK_TOP, 35 * MM),
        "发文字号 two lines under it (7.2.5)": (number.top - mark.bottom, 2 * LINE + LEADING),
        "the red rule 4 mm under the 发文字号 (7.2.7)": (rule["top"] - number.bottom, 4 * MM),
        "the title two lines under the rule (7.3.1)": (
            title.top - rule["bottom"],
            2 * LINE + LEADING / 2,
        ),
        "主送机关 one line under the title (7.3.2)": (
            addressee.top - title_end.bottom,
            LINE + LEADING,
        ),
        "one line before the signature": (signature.top - body_end.bottom, LINE + LEADING),
        "the date on the line under the signature": (date.top - signature.bottom, LEADING),
        "成文日期 four characters in from the right (7.3.5.1)": (BLOCK_RIGHT - date.x1, 4 * 16),
        "the signature centred over the date": (
            (signature.x0 + signature.x1) / 2,
            (date.x0 + date.x1) / 2,
        ),
        "附注 on the line under the date (7.3.6)": (public.top - date.bottom, LEADING),
        "附注 two characters in": (public.x0 - BLOCK_LEFT, 2 * 16),
    }
    off = {
        name: round((got - want) / MM, 2)
        for name, (got, want) in gaps.items()
        if abs(got - want) > 0.5 * MM
    }
    assert off == {}


@both_engines
def test_page_numbers_dash_lies_7_mm_under_the_text_block(tmp_path: Path, engine: str) -> None:
    """7.5: the 一字线 (the em dashes around the number) 7 mm under the text block's foot, on odd
    and even pages; read as the dash's ink in a 600 dpi rendering."""
    pages = notice_pdf(tmp_path, engine=engine)
    pdf = tmp_path / "out" / "notice.pdf"
    for number in (1, 4):
        dash = next(line for line in pages[number - 1].lines if line.top > BLOCK_BOTTOM)
        assert dash.text.startswith("—")
        top = dash_ink_top(pdf, number, dash)
        assert abs(top - BLOCK_BOTTOM - 7 * MM) < 0.3 * MM, (number, (top - BLOCK_BOTTOM) / MM)


def dash_ink_top(pdf: Path, number: int, dash: Text) -> float:
    """The top of the inked rows of the first em dash of a page's number line, in points."""
    import io
    import subprocess

    from PIL import Image

    dpi = 600
    command = ["pdftoppm", "-f", str(number), "-l", str(number), "-r", str(dpi), "-gray", "-png"]
    png = subprocess.run([*command, str(pdf)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = dpi / 72
    dash_width = (dash.bottom - dash.top) * scale  # an em dash is one em wide
    x0 = int(dash.x0 * scale) + 2
    x1 = int(dash.x0 * scale + dash_width) - 2
    rows = [
        y
        for y in range(int(dash.top * scale) - 5, int(dash.bottom * scale) + 5)
        if sum(image.getpixel((x, y)) < 128 for x in range(x0, x1)) > (x1 - x0) // 2
    ]
    return min(rows) / scale
