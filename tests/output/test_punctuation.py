"""Adjacent punctuation compression: which marks narrow, the HTML it writes, and the PDF it draws."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from plancraft.compile import document as doc
from plancraft.diagnostics import Diagnostics
from plancraft.output.html import inline_html
from plancraft.output.pdf import write_pdf
from plancraft.output.punctuation import RUN_CLASS, compressed, mark_runs, numbered_title
from tests.support.pdflines import pdf_lines


@pytest.mark.parametrize(
    ("run", "narrow"),
    [
        ("。”", [True, False]),  # closing + closing: the first loses its right half
        ("）、", [True, False]),
        ("》（", [True, False]),  # closing + opening
        ("（“", [False, True]),  # opening + opening: the second loses its left half
        ("？“", [False, True]),  # a centred mark keeps its width; the opening mark after it narrows
        ("（）", [False, False]),  # no blank between an opening and a closing mark
        ("？”", [False, False]),
        ("）。”", [True, True, False]),
        ("”）。", [True, True, False]),
    ],
)
def test_which_marks_of_a_run_narrow(run: str, narrow: list[bool]) -> None:
    assert compressed(run) == narrow


def test_runs_are_wrapped_and_single_marks_are_not() -> None:
    assert mark_runs("好。") == "好。"
    assert mark_runs("见《规划》、《方案》。") == (
        '见《规划<span class="pc"><span class="halt">》、</span>《</span>'
        '方案<span class="pc"><span class="halt">》</span>。</span>'
    )
    assert mark_runs("（村）成立") == "（村）成立"
    assert mark_runs("说：“好。”") == (
        '说<span class="pc"><span class="halt">：</span>“</span>'
        '好<span class="pc"><span class="halt">。</span>”</span>'
    )
    assert mark_runs("）。”") == '<span class="pc"><span class="halt">）。</span>”</span>'


@pytest.mark.parametrize(
    ("number", "title", "html"),
    [
        (
            "一、",
            "“十三五”时期",
            '<span class="pc"><span class="num">一<span class="halt">、</span></span>“</span>'
            "十三五”时期",
        ),
        ("1.", "“双减”政策", '<span class="num">1.</span>“双减”政策'),  # 1. has no blank half
        ("第一部分", "规划背景", '<span class="num">第一部分</span>规划背景'),
        ("一、", "A&B <c>", '<span class="num">一、</span>A&amp;B &lt;c&gt;'),
        ("", "“好。”", '“好<span class="pc"><span class="halt">。</span>”</span>'),
    ],
)
def test_a_run_across_a_heading_number_and_its_title(number: str, title: str, html: str) -> None:
    assert numbered_title(number, title) == html


def test_the_html_writer_marks_text_runs() -> None:
    html = inline_html([doc.Text("体系”。打造")])
    assert html == '体系<span class="pc"><span class="halt">”</span>。</span>打造'


STYLE = (
    "<style>@page { size: 500px 200px; margin: 0 }"
    " body { margin: 0; font: 16px FandolFang }"
    " p { margin: 0 0 8px; text-align: justify }"
    ' .halt { font-feature-settings: "halt" }</style>'
)
TEXT = "他说：“好。”（见附件）、《规划》。"
NARROWED = 6
"""：“  。”（  ）、《  》。 : six marks (each but the last of a run) lose half of their 16 px."""


@pytest.mark.pdf
def test_pdf_narrows_the_marks_and_extracts_exactly(tmp_path: Path) -> None:
    body = f"<p>{mark_runs(TEXT)}</p><p>{TEXT}</p>"
    pdf = tmp_path / "marks.pdf"
    assert write_pdf(STYLE + body, pdf, tmp_path, Diagnostics())
    compressed_line, plain_line = pdf_lines(pdf)
    narrowing = (plain_line.x1 - plain_line.x0) - (compressed_line.x1 - compressed_line.x0)
    assert narrowing == pytest.approx(NARROWED * 8 * 0.75, abs=0.2)  # px to pt
    assert compressed_line.words == plain_line.words == 1
    extracted = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert extracted.split() == [TEXT, TEXT]


def test_a_run_is_drawn_inside_an_actualtext_span_and_other_spans_are_not() -> None:
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from plancraft.output import actualtext

    html = f'<p>正文<span class="{RUN_CLASS}">。”</span>好<span class="x">。”</span></p>'
    page = HTML(string=html).render().pages[0]._page_box
    spans = [box for box in _descendants(page) if isinstance(box, boxes.InlineBox)]
    assert [actualtext.run_text(box) for box in spans] == ["。”", None]

    drawn: list[object] = []

    class Stream:
        def begin_marked_content(self, tag: str, properties: dict) -> None:
            drawn.append((tag, properties["ActualText"].string))

        def end_marked_content(self) -> None:
            drawn.append("end")

    draw = actualtext._with_actual_text(lambda stream, page, box: drawn.append(box.element_tag))
    for box in spans:
        draw(Stream(), None, box)
    assert drawn == [("Span", "。”"), "span", "end", "span"]


def _descendants(box):
    for child in getattr(box, "children", None) or []:
        yield child
        yield from _descendants(child)
