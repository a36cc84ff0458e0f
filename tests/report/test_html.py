"""The HTML renderer: one self-contained page, status colours, marks, figures, filters."""

from __future__ import annotations

from plancraft.report import render
from tests.report.sample import sample


def test_one_page_that_loads_nothing_from_elsewhere() -> None:
    page = render(sample(), "html").decode("utf-8")
    assert (
        "<link" not in page and " src=" not in page and "http" not in page.replace("http://x", "")
    )
    assert page.startswith("<!DOCTYPE html>") and "<h1>Sample report</h1>" in page


def test_cells_carry_status_marks_links_and_figures() -> None:
    page = render(sample(), "html").decode("utf-8")
    assert 'class="status s-worse" data-status="worse"' in page
    assert "td.s-worse{background:#F4A3A3}" in page
    assert "<del>9</del><ins>11</ins>" in page and '<a href="#fig-beds">beds</a>' in page
    assert '<figure class="card" id="fig-beds">' in page and "<svg " in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    assert '<p class="summary">done</p>' in page and "<h2>second: empty</h2>" in page
