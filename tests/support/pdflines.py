"""Read text lines and their extents back from a PDF (poppler's pdftotext -bbox-layout)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4
"""PDF points per millimetre."""
BLOCK_WIDTH = 156 * MM
BLOCK_TOP, BLOCK_BOTTOM = 37 * MM, (37 + 225) * MM
BODY_SIZE = 16.0
"""三号: the body text's size in points (a body line's box is this tall)."""
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """One printed line: page (1-based), extents in points from the top left, its text."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    words: int = 1
    spaced: str = ""
    """The text with a space between poppler's words (where pdftotext would print one)."""

    @property
    def size(self) -> float:
        """The height of the line's box, about its font size."""
        return self.bottom - self.top


def pdf_lines(pdf: Path, merge: bool = True) -> list[Line]:
    """Every text line of the PDF in reading order; words on one baseline make one line
    (with `merge`; otherwise the lines are poppler's, a table cell's text its own line)."""
    command = ["pdftotext", "-bbox-layout", str(pdf), "-"]
    xml = subprocess.run(command, capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    lines: list[Line] = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        found: list[Line] = []
        for line in page.iter(f"{XHTML}line"):
            words = [word.text or "" for word in line.iter(f"{XHTML}word")]
            box = [float(line.get(key, 0)) for key in ("xMin", "xMax", "yMin", "yMax")]
            x0, x1, top, bottom = box
            found.append(
                Line(number, x0, x1, top, bottom, "".join(words), len(words), " ".join(words))
            )
        found.sort(key=lambda line: (round(line.bottom, 1), line.x0))
        merged: list[Line] = []
        for line in found:
            if merge and merged and abs(merged[-1].bottom - line.bottom) < 0.5:
                last = merged.pop()
                line = Line(
                    number,
                    min(last.x0, line.x0),
                    max(last.x1, line.x1),
                    min(last.top, line.top),
                    max(last.bottom, line.bottom),
                    last.text + line.text,
                    last.words + line.words,
                    f"{last.spaced} {line.spaced}",
                )
            merged.append(line)
        lines.extend(merged)
    return lines


def left_edge(page: int) -> float:
    """The text block's left edge: 28 mm on odd (right-hand) pages, 26 mm on even ones."""
    return (28 if page % 2 else 26) * MM


def paragraph_texts(html: str) -> list[str]:
    """The text of every paragraph and heading of an HTML file, tags and spaces removed."""
    blocks = re.findall(r"<(p|h[1-6])\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return ["".join(unescape(re.sub(r"<[^>]+>", "", inner)).split()) for _tag, inner in blocks]


def body_paragraph_lines(lines: list[Line], paragraphs: list[str]) -> list[tuple[Line, bool]]:
    """Lines of body paragraphs (三号, in the text block), each with whether a line of the same
    paragraph follows it: the next line is a body line at the block's left edge (not indented) and
    no paragraph of `paragraphs` ends with this line."""
    block = [line for line in lines if BLOCK_TOP - 1 < line.top and line.bottom < BLOCK_BOTTOM + 1]
    ends = {text[-12:] for text in paragraphs}
    result = []
    for line, after in zip(block, [*block[1:], None], strict=True):
        if abs(line.size - BODY_SIZE) > 0.6:
            continue
        tail = "".join(line.text.split())[-12:]
        continues = (
            after is not None
            and abs(after.size - BODY_SIZE) < 0.6
            and abs(after.x0 - left_edge(after.page)) < 0.3
            and after.page in (line.page, line.page + 1)
            and not any(end.endswith(tail) or tail.endswith(end) for end in ends)
        )
        result.append((line, continues))
    return result


def short_line_ends(pdf: Path, html: str, tolerance_mm: float = 0.5) -> tuple[int, list[Line]]:
    """How many non-final body lines the PDF (made from `html`) has, and those ending off the
    right edge by more than `tolerance_mm`."""
    checked, short = 0, []
    for line, continues in body_paragraph_lines(pdf_lines(pdf), paragraph_texts(html)):
        if not continues:
            continue
        checked += 1
        right = left_edge(line.page) + BLOCK_WIDTH
        if abs(line.x1 - right) > tolerance_mm * MM:
            short.append(line)
    return checked, short


def page_end_lines(lines: list[Line]) -> list[Line]:
    """The last line of each page's text block (the page number below it left out)."""
    ends: dict[int, Line] = {}
    for line in lines:
        if BLOCK_TOP - 1 < line.top and line.bottom < BLOCK_BOTTOM + 1:
            ends[line.page] = line
    return list(ends.values())


def keep_with_next_texts(html: str) -> set[str]:
    """Texts that must not end a page: headings, table captions, 专栏 titles and group rows."""
    patterns = (
        r"<(h[2-6])\b[^>]*>(.*?)</\1>",
        r"<(figcaption)>(.*?)</\1>",
        r'<(p) class="box-title">(.*?)</\1>',
        r'<(tr) class="group">(.*?)</\1>',
    )
    texts = set()
    for pattern in patterns:
        for _tag, inner in re.findall(pattern, html, flags=re.S):
            text = "".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
            if text:
                texts.add(text)
    return texts


def wrapped_short_cells(pdf: Path, html: str) -> list[str]:
    """Texts of `short` table cells (序号, 2020年, 约束性 …) that the PDF does not print whole
    on one line anywhere (one that wrapped inside a word is split over two lines)."""
    cells = re.findall(r'<t[dh] [^>]*class="[^"]*\bshort\b[^"]*"[^>]*>(.*?)</t[dh]>', html)
    texts = {"".join(unescape(re.sub(r"<[^>]+>", "", cell)).split()) for cell in cells}
    printed = [line.text for line in pdf_lines(pdf, merge=False)]
    return sorted(
        text for text in texts if len(text) > 1 and not any(text in line for line in printed)
    )


def compressed_runs(html: str) -> set[str]:
    """The texts of the HTML's runs of compressed punctuation (<span class="pc">)."""
    runs = re.findall(
        r'<span class="pc">((?:[^<]|<span class="halt">|</span>(?!</span>))*)</span>', html
    )
    return {re.sub(r"<[^>]+>", "", run) for run in runs}


def merged_groups_by_seq(html: str) -> dict[str, list[str]]:
    """For each indicator row's 序号 (of every table with merged cells), the texts of the merged group
    cells (rowspan > 1: 领域, 子领域) that span it."""
    groups: dict[str, list[str]] = {}
    for body in re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S):
        active: list[tuple[str, int]] = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
            active = [(text, left - 1) for text, left in active if left > 1]
            for span, inner in re.findall(r'<td rowspan="(\d+)"[^>]*>(.*?)</td>', row):
                active.append((unescape(re.sub(r"<[^>]+>", "", inner)), int(span)))
            seq = re.search(r'<td class="seq">(\d+)</td>', row)
            if seq and active:
                groups[seq.group(1)] = [text for text, _left in active]
    return groups


def continued_rows(lines: list[Line]) -> list[tuple[int, str]]:
    """(page, 序号) of the first row printed under each repeated table header (序号 on a page whose
    previous page printed a table's rows too)."""
    found = []
    for header in (line for line in lines if line.text == "序号"):
        below = [
            line
            for line in lines
            if line.page == header.page
            and line.top > header.bottom
            and line.x0 >= header.x0 - 2
            and line.x1 <= header.x1 + 2
            and line.text.isdigit()
        ]
        if below and int(min(below, key=lambda line: line.top).text) > 1:
            found.append((header.page, min(below, key=lambda line: line.top).text))
    return found
