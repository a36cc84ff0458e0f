"""The five plans' HTML and the indicators page on a phone (390 px) and a desktop (1280 px), in
headless chromium: the page never scrolls sideways; a wide table scrolls in its own box."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from plancraft.api import load
from plancraft.output.html import print_html, render_html
from plancraft.review.indicators_report import write_shared_page
from tests.conftest import PLANS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SLUGS = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
WIDTHS = (390, 1280)

sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # `make test` installs it (scripts/setup.sh --test)
    pytest.skip("Debian's chromium is not installed: run `make test`", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each plan's HTML and the indicators page, written once for the module."""
    folder = tmp_path_factory.mktemp("phone")
    written = {}
    for slug in SLUGS:
        written[slug] = folder / f"{slug}.html"
        written[slug].write_text(render_html(load(PLANS / slug).document()), encoding="utf-8")
    shared = write_shared_page([PLANS / slug for slug in SLUGS], folder)
    assert shared is not None
    written["indicators"] = shared
    return written


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def overflow(browser, page_file: Path, width: int, script: str) -> object:
    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        page.goto(page_file.as_uri())
        return page.evaluate(script)
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*SLUGS, "indicators"])
def test_the_page_does_not_scroll_sideways(
    browser, pages: dict[str, Path], name: str, width: int
) -> None:
    scroll, inner = overflow(
        browser, pages[name], width, "[document.documentElement.scrollWidth, innerWidth]"
    )
    assert scroll <= inner, f"{name} at {width} px is {scroll} px wide"


def test_a_wide_table_scrolls_in_its_own_box_with_a_readable_name_column(
    browser, pages: dict[str, Path]
) -> None:
    found = overflow(
        browser,
        pages["beijing"],
        390,
        """() => {
          const box = document.querySelector('figure.table table.indicators').parentElement;
          const name = document.querySelector('table.indicators td.name');
          const size = parseFloat(getComputedStyle(name).fontSize);
          return [box.scrollWidth > box.clientWidth, getComputedStyle(box).overflowX,
                  name.getBoundingClientRect().width / size];
        }""",
    )
    assert found[0] and found[1] == "auto", found
    assert found[2] >= 7, f"the name column is {found[2]:.1f} characters wide"


def test_the_cover_title_keeps_the_period_word_on_one_line(browser, pages: dict[str, Path]) -> None:
    lines = overflow(
        browser,
        pages["tongzhou"],
        390,
        """() => {
          const title = document.querySelector('.doc-title');
          const text = [...title.childNodes].find(node => node.textContent.includes('十四五'));
          const at = text.textContent.indexOf('十四五');
          const range = document.createRange();
          const tops = [0, 1, 2].map(i => { range.setStart(text, at + i); range.setEnd(text, at + i + 1);
                                              return Math.round(range.getBoundingClientRect().top); });
          return tops;
        }""",
    )
    assert len(set(lines)) == 1, lines


def test_the_screen_sheet_never_reaches_the_pdf(pages: dict[str, Path]) -> None:
    html = pages["tongzhou"].read_text(encoding="utf-8")
    assert '<style media="screen">' in html and "min-width: 7em" in html
    assert '<style media="screen">' not in print_html(html) and "min-width: 7em" not in print_html(
        html
    )


@pytest.mark.parametrize("name", SLUGS)
def test_wrapped_toc_entries_go_on_under_their_title(
    browser, pages: dict[str, Path], name: str
) -> None:
    """At 390 px a wrapped table-of-contents entry's next lines start under its title's first
    character, not under its number (one rectangle per character, grouped into lines by top)."""
    entries = overflow(
        browser,
        pages[name],
        390,
        """() => [...document.querySelectorAll('.toc li')].map(item => {
          const number = item.querySelector('.num');
          const skip = number ? number.textContent.length : 0;
          const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          const chars = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.textContent.length; i++) {
              range.setStart(node, i); range.setEnd(node, i + 1);
              const box = range.getBoundingClientRect();
              chars.push([node.textContent[i], Math.round(box.left * 10) / 10, Math.round(box.top)]);
            }
          }
          let start = skip;
          while (start < chars.length && chars[start][0] === '\\u3000') start++;
          const tops = [...new Set(chars.map(c => c[2]))];
          const lineStarts = tops.slice(1).map(top => Math.min(...chars.filter(c => c[2] === top).map(c => c[1])));
          return [item.textContent, chars[start] ? chars[start][1] : null, lineStarts];
        })""",
    )
    wrapped = [(text, title, starts) for text, title, starts in entries if starts]
    assert wrapped, "no entry wraps at 390 px"
    off = [
        (text, title, starts)
        for text, title, starts in wrapped
        if any(abs(x - title) > 1 for x in starts)
    ]
    assert off == []
