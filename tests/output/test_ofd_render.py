"""A third-party OFD renderer draws plancraft's OFD pages as poppler draws the PDF's: ofd.js 0.2.6 (npm,
installed by `scripts/setup.sh --test` into .venv/ofdjs) renders tongzhou's notice page and a page with
a table in headless chromium; the ink of each screenshot lies where poppler inks the same PDF page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from plancraft.output.build import build_plan
from tests.conftest import PLANS, PROJECT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BUNDLE = PROJECT / ".venv" / "ofdjs" / "package" / "lib" / "ofd.umd.min.js"
PX_PER_MM = 5
PAGE_PX = (210 * PX_PER_MM, 297 * PX_PER_MM)
NOTICE, TABLE = 0, 8  # tongzhou: the 通知 with the red 发文机关标志, and page 9 with 表1
INK = 160  # grey level under which a pixel is ink (the red 发文机关标志 included)
NEAR_PX = 2  # 0.4 mm: anti-aliasing and hinting differ between the two rasterizers
ORIGIN = "http://ofdjs.test"

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.pdf, pytest.mark.browser]

PAGE = b"""<!doctype html><meta charset="utf-8"><style>body { margin: 0 }</style>
<script src="/ofd.js"></script><div id="page"></div>"""

RENDER = """async (scale) => {
  const data = await (await fetch('/plan.ofd')).arrayBuffer();
  const docs = await new Promise((ok, fail) => ofd.parseOfdDocument({ofd: data, success: ok, fail}));
  ofd.setPageScale(scale);
  window.pages = ofd.renderOfdByScale(docs[0]);
  return window.pages.length;
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("ofdjs")
    result = build_plan(PLANS / "tongzhou", out, ("pdf", "ofd"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / "tongzhou.pdf", out / "tongzhou.ofd"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def ofdjs(browser: Any) -> Callable[[bytes, tuple[int, ...]], dict[int, Any]]:
    """ofd.js's rendering of the given pages (0-based) of an OFD, as pictures of PAGE_PX."""
    assert BUNDLE.is_file(), f"{BUNDLE} is missing: run `scripts/setup.sh --test`"
    from PIL import Image

    def render(ofd: bytes, indexes: tuple[int, ...]) -> dict[int, Any]:
        files = {"/": (PAGE, "text/html"), "/ofd.js": (BUNDLE.read_bytes(), "text/javascript")}
        files["/plan.ofd"] = (ofd, "application/ofd")
        page = browser.new_page(viewport={"width": PAGE_PX[0], "height": PAGE_PX[1]})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        def serve(route: Any) -> None:
            body, kind = files[route.request.url.removeprefix(ORIGIN)]
            route.fulfill(body=body, content_type=kind)

        page.route(f"{ORIGIN}/**", serve)
        try:
            page.goto(f"{ORIGIN}/")
            assert page.evaluate(RENDER, PX_PER_MM) > max(indexes)
            pictures = {}
            for index in indexes:
                page.evaluate(
                    "(i) => document.getElementById('page').replaceChildren(window.pages[i])", index
                )
                page.evaluate("document.fonts.ready")
                shot = page.locator("#page > div").screenshot()
                pictures[index] = Image.open(io.BytesIO(shot)).convert("RGB")
            assert not errors, errors
            return pictures
        finally:
            page.close()

    return render


def poppler(pdf: Path, index: int) -> Any:
    """Page `index` (0-based) of a PDF as pdftoppm renders it at PAGE_PX."""
    from PIL import Image

    page = str(index + 1)
    size = ["-scale-to-x", str(PAGE_PX[0]), "-scale-to-y", str(PAGE_PX[1])]
    done = subprocess.run(
        ["pdftoppm", *size, "-png", "-f", page, "-l", page, pdf],
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(done.stdout)).convert("RGB")


def ink(picture: Any) -> Any:
    """The inked pixels of a picture: 255 where ink is, 0 elsewhere."""
    return picture.convert("L").point(lambda level: 255 if level < INK else 0)


def inked(mask: Any) -> int:
    return mask.histogram()[255]


def near(mask: Any, other: Any) -> float:
    """The share of `mask`'s ink that lies within NEAR_PX of `other`'s ink."""
    from PIL import ImageChops, ImageFilter

    grown = other.filter(ImageFilter.MaxFilter(2 * NEAR_PX + 1))
    return inked(ImageChops.darker(mask, grown)) / max(inked(mask), 1)


def ink_boxes(mask: Any) -> list[tuple[int, int, int, int]]:
    """The ink box of each run of inked rows: a text line, or a table from its top to its bottom rule."""
    width, height = mask.size
    rows = [mask.crop((0, y, width, y + 1)).getbbox() is not None for y in range(height)]
    boxes, start = [], None
    for y, row in enumerate([*rows, False]):
        if row and start is None:
            start = y
        elif not row and start is not None:
            left, _, right, _ = mask.crop((0, start, width, y)).getbbox()
            boxes.append((left, start, right, y))
            start = None
    return boxes


def differences(drawn: Any, printed: Any) -> list[str]:
    """How ofd.js's picture of a page differs from poppler's picture of the PDF page, beyond tolerance."""
    ours, theirs = ink(drawn), ink(printed)
    found = []
    ratio = inked(ours) / max(inked(theirs), 1)
    if not 0.8 <= ratio <= 1.25:
        found.append(f"ink: {inked(ours)} pixels against the PDF's {inked(theirs)}")
    for what, mask, other in (("ofd.js", ours, theirs), ("the PDF", theirs, ours)):
        if near(mask, other) < 0.98:
            found.append(
                f"{near(mask, other):.1%} of {what}'s ink within {NEAR_PX} px of the other"
            )
    boxes, expected = ink_boxes(ours), ink_boxes(theirs)
    if len(boxes) != len(expected):
        found.append(f"{len(boxes)} ink boxes (lines, tables) against the PDF's {len(expected)}")
    found += [
        f"ink box {box} against the PDF's {want}"
        for box, want in zip(boxes, expected, strict=False)
        if max(abs(a - b) for a, b in zip(box, want, strict=True)) > 2 * NEAR_PX
    ]
    return found


@pytest.fixture(scope="module")
def pictures(
    built: tuple[Path, Path], ofdjs: Callable[[bytes, tuple[int, ...]], dict[int, Any]]
) -> dict[int, tuple[Any, Any]]:
    """ofd.js's and poppler's pictures of the notice page and of the page with 表1."""
    pdf, ofd = built
    drawn = ofdjs(ofd.read_bytes(), (NOTICE, TABLE))
    return {index: (drawn[index], poppler(pdf, index)) for index in (NOTICE, TABLE)}


@pytest.mark.parametrize("index", [NOTICE, TABLE])
def test_ofdjs_draws_the_page_as_poppler_draws_the_pdf(
    pictures: dict[int, tuple[Any, Any]], index: int
) -> None:
    drawn, printed = pictures[index]
    assert drawn.size == printed.size == PAGE_PX
    assert len(ink_boxes(ink(printed))) >= 7
    assert differences(drawn, printed) == []


def edited(ofd: Path, page: int, edit: Callable[[str], str]) -> bytes:
    """The OFD with `edit` applied to one page's Content.xml."""
    part = f"Doc_0/Pages/Page_{page}/Content.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(ofd) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def moved_text(content: str) -> str:
    """Every TextObject 1 mm further right."""

    def move(found: re.Match[str]) -> str:
        x, rest = found.group(2).split(" ", 1)
        return f'{found.group(1)}Boundary="{float(x) + 1:g} {rest}"'

    return re.sub(r'(<ofd:TextObject [^>]*?)Boundary="([^"]+)"', move, content)


def without_text(content: str) -> str:
    return re.sub(r"<ofd:TextObject .*?</ofd:TextObject>", "", content, flags=re.S)


@pytest.mark.parametrize("edit", [moved_text, without_text])
def test_the_comparison_sees_text_moved_or_left_out(
    built: tuple[Path, Path],
    ofdjs: Callable[[bytes, tuple[int, ...]], dict[int, Any]],
    edit: Callable[[str], str],
) -> None:
    pdf, ofd = built
    with zipfile.ZipFile(ofd) as archive:
        content = archive.read(f"Doc_0/Pages/Page_{TABLE}/Content.xml").decode("utf-8")
    assert edit(content) != content
    drawn = ofdjs(edited(ofd, TABLE, edit), (TABLE,))[TABLE]
    assert differences(drawn, poppler(pdf, TABLE))
