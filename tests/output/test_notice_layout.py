"""The notice fixture's PDF measured against GB/T 9704-2012: the 版记 on the foot of an even last page."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from plancraft.output.build import build_plan
from tests.conftest import FIXTURE_PLANS

pytestmark = pytest.mark.pdf

MM = 72 / 25.4
BLOCK_BOTTOM = (37 + 225) * MM
IMPRINT = ("抄送：区委办公室", "示例区民政局办公室")
FILLER = "".join(f"\n加强督促检查{n}。\n" for n in range(1, 7))
"""Six one-line paragraphs: with the 附表 left out they fill the plan's last page too far for the 版记."""


@dataclass(frozen=True)
class PageText:
    """One page of the PDF: its number, its text lines (top in points, text) and filled rectangles."""

    number: int
    lines: list[tuple[float, str]]
    rects: list[dict]

    def has(self, start: str) -> bool:
        """Whether a line of the page starts with `start`."""
        return any(text.startswith(start) for _top, text in self.lines)

    @property
    def numbered(self) -> bool:
        """Whether the page prints its number (— n —) under the text block."""
        return any(top > BLOCK_BOTTOM and "—" in text for top, text in self.lines)


def read_pages(pdf: Path) -> list[PageText]:
    """Every page's text lines and rectangles, read with pdfplumber."""
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(char["bottom"], 1), []).append(char)
            lines = [
                (
                    min(char["top"] for char in chars),
                    "".join(char["text"] for char in sorted(chars, key=lambda c: c["x0"])),
                )
                for _bottom, chars in sorted(rows.items())
            ]
            pages.append(PageText(number, lines, list(page.rects)))
    return pages


def notice_pdf(tmp_path: Path, appendix: bool = True, filler: str = "") -> list[PageText]:
    """The notice fixture built to PDF, optionally without its 附表 and with text added at its end."""
    plan = tmp_path / "notice"
    shutil.copytree(FIXTURE_PLANS / "notice", plan)
    if not appendix:
        with (plan / "plan.yaml").open("a", encoding="utf-8") as file:
            file.write("appendix: false\n")
    with (plan / "text" / "safeguards.md").open("a", encoding="utf-8") as file:
        file.write(filler)
    result = build_plan(plan, tmp_path / "out", ("pdf",), force=True)
    assert result.ok, [str(d) for d in result.diagnostics]
    return read_pages(tmp_path / "out" / "notice.pdf")


@pytest.mark.parametrize(
    ("appendix", "filler", "case"),
    [
        (True, "", "alone"),  # the 附表 ends on odd page 7: the 版记 takes even page 8
        (False, "", "moved"),  # the plan ends on even page 6 with room: the 版记 at its foot
        (False, FILLER, "after-blank"),  # page 6 is full: blank page 7, the 版记 on page 8
    ],
)
def test_imprint_sits_on_the_foot_of_an_even_last_page(
    tmp_path: Path, appendix: bool, filler: str, case: str
) -> None:
    pages = notice_pdf(tmp_path, appendix, filler)
    last = pages[-1]
    assert last.number % 2 == 0
    assert [page.number for page in pages if any(page.has(text) for text in IMPRINT)] == [
        last.number
    ]
    rules = [rect for rect in last.rects if rect["x1"] - rect["x0"] > 150 * MM]
    assert abs(max(rect["bottom"] for rect in rules) - BLOCK_BOTTOM) < 0.3
    imprint_top = min(rect["top"] for rect in rules)
    text_above = [top for top, _text in last.lines if top < imprint_top]
    before = pages[-2]
    if case == "moved":
        assert text_above and max(text_above) < imprint_top - 28.95
        assert last.numbered
    elif case == "alone":
        assert not text_above and last.numbered and before.lines
    else:
        assert not text_above and not before.lines
        assert not last.numbered
