"""plancraft serve in a real browser (Debian chromium, driven by playwright): reload, overlay."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import edit
from tests.preview.conftest import WAIT, Served, make_plans, serve_plans

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WAIT_MS = WAIT * 1000

sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # `make test` installs it (scripts/setup.sh --test)
    pytest.skip("Debian's chromium is not installed: run `make test`", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    plan, parent = make_plans(tmp_path)
    with serve_plans([plan, parent], tmp_path / "cache") as server:
        yield Served(server, plan, parent)


@pytest.fixture
def page(browser, served: Served) -> Iterator:
    page = browser.new_page(viewport={"width": 1000, "height": 500})
    page.goto(f"http://127.0.0.1:{served.server.port}/minimal/")
    page.locator("#plancraft-badge", has_text="live").wait_for(timeout=WAIT_MS)
    yield page
    page.close()


def test_a_saved_markdown_file_appears_without_a_manual_reload(page, served: Served) -> None:
    expect = sync_api.expect
    expect(page.locator("body")).to_contain_text("建成养老床位10.8万张")
    page.evaluate("window.scrollTo(0, 600)")
    page.wait_for_function("window.scrollY >= 600", timeout=WAIT_MS)
    edit(served.plan / "text" / "background.md", "建成养老床位10.8万张", "建成养老床位12.5万张")
    expect(page.locator("body")).to_contain_text("建成养老床位12.5万张", timeout=WAIT_MS)
    page.wait_for_function("window.scrollY >= 590", timeout=WAIT_MS)  # the scroll is kept


def test_broken_yaml_shows_the_overlay_and_the_fix_takes_it_away(page, served: Served) -> None:
    expect = sync_api.expect
    overlay = page.locator("#plancraft-overlay")
    expect(overlay).to_be_hidden()
    plan_yaml = served.plan / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    plan_yaml.write_text(text.replace("numbering: parts", "numbering: [parts"), encoding="utf-8")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("1 error")
    expect(overlay.locator(".location")).to_contain_text("plan.yaml:")
    expect(overlay.locator(".message")).not_to_be_empty()
    expect(page.locator("body")).to_contain_text("建成养老床位10.8万张")  # the last good page stays
    plan_yaml.write_text(text.replace("示例区民政局", "示例区民政局（修订）"), encoding="utf-8")
    expect(overlay).to_be_hidden(timeout=WAIT_MS)
    expect(page.locator("body")).to_contain_text("示例区民政局（修订）", timeout=WAIT_MS)


def test_a_plan_that_never_rendered_shows_why_not_a_blank_page(browser, tmp_path: Path) -> None:
    expect = sync_api.expect
    plan, _ = make_plans(tmp_path)
    edit(plan / "plan.yaml", "numbering: parts", "numbering: [parts")
    with serve_plans([plan], tmp_path / "cache") as server:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/minimal/")
        expect(page.locator(".plancraft-waiting")).to_contain_text("not rendered yet")
        expect(page.locator("#plancraft-overlay")).to_be_visible(timeout=WAIT_MS)
        edit(plan / "plan.yaml", "numbering: [parts", "numbering: parts")
        expect(page.locator("body")).to_contain_text("建成养老床位10.8万张", timeout=WAIT_MS)
        page.close()


def test_the_index_follows_the_status_of_the_plans(browser, served: Served) -> None:
    expect = sync_api.expect
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{served.server.port}/")
    page.locator("#plancraft-badge", has_text="live").wait_for(timeout=WAIT_MS)
    expect(page.locator("td.status.ok")).to_have_count(2)
    edit(served.plan / "plan.yaml", "numbering: parts", "numbering: [parts")
    expect(page.locator("td.status.error")).to_have_count(1, timeout=WAIT_MS)
    page.close()
