"""Text PDFs drawn line by line at given places (reportlab, its built-in 宋体 CID font: no font file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE = (595.0, 842.0)
FONT = "STSong-Light"


@dataclass
class DrawnPage:
    """Lines of text at (x, y from the top) and ruled lines, on one A4 page."""

    texts: list[tuple[float, float, str, float]] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 12) -> None:
        """A line of text with its left end at x, its baseline y points from the top."""
        self.texts.append((x, y, text, size))

    def column(
        self, x: float, y: float, lines: list[str], size: float = 12, leading: float = 20
    ) -> float:
        """Lines set one under another from (x, y); returns the y below the last."""
        for line in lines:
            self.text(x, y, line, size)
            y += leading
        return y

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A ruled line (table borders), y from the top."""
        self.rules.append((x0, y0, x1, y1))


def draw(path: Path, pages: list[DrawnPage]) -> Path:
    """Write the pages as a PDF with a text layer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    drawing = canvas.Canvas(str(path), pagesize=PAGE)
    height = PAGE[1]
    for page in pages:
        for x, y, text, size in page.texts:
            drawing.setFont(FONT, size)
            drawing.drawString(x, height - y, text)
        for x0, y0, x1, y1 in page.rules:
            drawing.line(x0, height - y0, x1, height - y1)
        drawing.showPage()
    drawing.save()
    return path


def wrap(text: str, width: float, size: float = 12) -> list[str]:
    """A paragraph cut into lines no wider than `width` points, as a typesetter fills a column."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    lines = [""]
    for char in text:
        if lines[-1] and pdfmetrics.stringWidth(lines[-1] + char, FONT, size) > width:
            lines.append("")
        lines[-1] += char
    return lines
