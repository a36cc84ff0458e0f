"""The justification pass on small documents laid out by WeasyPrint itself."""

from __future__ import annotations

import pytest

from plancraft.output.justify import justify_document

STYLE = (
    "<style>@page { size: 300px 400px; margin: 0 }"
    " body { margin: 0; font: 16px FandolFang; letter-spacing: -0.25px }"
    " p { width: 200px; margin: 0; text-align: justify }</style>"
)


def lines(document) -> list[tuple[str, float]]:
    """(text, right edge of the last glyph) for every line of the first page."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box) -> None:
        if isinstance(box, boxes.LineBox):
            texts = []

            def collect(child) -> None:
                if isinstance(child, boxes.TextBox):
                    texts.append(child)
                for grandchild in getattr(child, "children", []):
                    collect(grandchild)

            collect(box)
            last = texts[-1]
            found.append(("".join(t.text for t in texts), last.position_x + last.width + 0.25))
            return
        for child in getattr(box, "children", []):
            walk(child)

    walk(document.pages[0]._page_box)
    return found


def render(body: str):
    from weasyprint import HTML

    return HTML(string=STYLE + body).render()


def test_non_final_lines_end_at_the_right_edge_and_the_last_does_not() -> None:
    # 12 characters fit in 200 px; 避头尾 keeps "，" off the start of line 2: line 1 is short.
    document = render("<p>一二三四五六七八九十一二，三四五六七八九十一二三四五六七八九十</p>")
    before = lines(document)
    assert before[0][1] < 200 - 8
    assert justify_document(document) == len(before) - 1
    after = lines(document)
    assert [text for text, _ in after] == [text for text, _ in before]
    for _text, right in after[:-1]:
        assert right == pytest.approx(200, abs=0.3)
    assert after[-1][1] == pytest.approx(before[-1][1])


def test_inline_boxes_move_with_the_spread() -> None:
    document = render(
        "<p>一二三四五<strong>六七</strong>八九十一二，三四五六七八九十一二三四五</p>"
    )
    justify_document(document)
    first = lines(document)[0]
    assert first[1] == pytest.approx(200, abs=0.3)


def test_a_line_ending_in_a_forced_break_is_left_alone() -> None:
    document = render(
        "<p>第一行文字<br>第二行文字很长很长很长很长很长很长很长很长很长很长很长很长</p>"
    )
    before = lines(document)
    justify_document(document)
    after = lines(document)
    assert after[0][1] == pytest.approx(before[0][1])
    assert after[1][1] == pytest.approx(200, abs=0.3)


def test_left_aligned_paragraphs_are_not_touched() -> None:
    document = render(
        '<p style="text-align: left">一二三四五六七八九十一二，三四五六七八九十一二三四</p>'
    )
    assert justify_document(document) == 0
