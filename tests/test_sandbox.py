"""A plan can reach only its own files: every way of reading /etc/passwd is refused with a located error."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.api import load
from plancraft.diagnostics import Diagnostics
from plancraft.output.html import render_html
from plancraft.output.pdf import sandboxed_fetcher, write_pdf
from tests.conftest import edit

SECRET = "root:x:0:0"


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


ESCAPES = {
    "absolute": "![a](/etc/passwd)",
    "dot-dot": "![a](../../../../../../../../etc/passwd)",
    "encoded-dot-dot": "![a](%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd)",
    "file-url-host": "![a](file://localhost/etc/passwd)",
    "http": "![a](http://127.0.0.1:9/secret.png)",
    "protocol-relative": "![a](//example.com/x.png)",
    "symlink": "![a](figures/link.png)",
    "symlinked-folder": "![a](outside/passwd)",
    "not-an-image": "![a](text/tasks.md)",
    "data-html": "![a](data:text/html;base64,PHNjcmlwdD4=)",
}


@pytest.fixture
def hostile(scratch: Path) -> Path:
    """The scratch plan with one paragraph per escape attempt, each on its own line of tasks.md."""
    (scratch / "figures").mkdir()
    (scratch / "figures" / "link.png").symlink_to("/etc/passwd")
    (scratch / "outside").symlink_to("/etc")
    lines = "\n\n".join(f"图{index}：{text}" for index, text in enumerate(ESCAPES.values()))
    (scratch / "text" / "tasks.md").write_text(
        (scratch / "text" / "tasks.md").read_text(encoding="utf-8") + "\n\n" + lines + "\n",
        encoding="utf-8",
    )
    return scratch


def test_every_escape_is_a_located_error(hostile: Path) -> None:
    errors = [d for d in load(hostile).diagnostics.errors if d.code == "sandbox"]
    lines = (hostile / "text" / "tasks.md").read_text(encoding="utf-8").splitlines()
    for index, name in enumerate(ESCAPES):
        line = next(
            number for number, content in enumerate(lines, 1) if content.startswith(f"图{index}：")
        )
        found = [d for d in errors if d.location.line == line]
        assert len(found) == 1, (name, [str(d) for d in errors])
        assert (
            found[0].location.shown_path == "plans/minimal/text/tasks.md"
            and "refused" in found[0].message
        )
    result = CliRunner().invoke(cli.main, ["build", "-o", "out"])
    assert result.exit_code == 1 and "refused" in result.output
    assert not Path("out/minimal.html").exists() and not Path("out/minimal.pdf").exists()


def test_refused_images_never_reach_the_html(hostile: Path) -> None:
    html = render_html(load(hostile).document())
    assert SECRET not in html and "<img" not in html
    assert html.count('class="image-refused"') == 8


@pytest.mark.pdf
def test_an_image_inside_the_plan_is_embedded(scratch: Path, tmp_path: Path) -> None:
    (scratch / "figures").mkdir()
    (scratch / "figures" / "图1.png").write_bytes(tiny_png())
    edit(scratch / "text" / "tasks.md", "\n", "\n![示意图](figures/图1.png)\n")
    loaded = load(scratch)
    assert loaded.ok, [str(d) for d in loaded.diagnostics]
    html = render_html(loaded.document())
    assert '<img src="data:image/png;base64,' in html and 'alt="示意图"' in html
    assert write_pdf(html, tmp_path / "out.pdf", scratch, Diagnostics())


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd">',
        '<img src="/etc/passwd">',
        '<img src="../../../../../../etc/passwd">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<style>@import url("file:///etc/passwd");</style>',
        '<style>@font-face { font-family: x; src: url("/etc/passwd"); } body { font-family: x; }</style>',
        '<object data="file:///etc/passwd"></object>',
        '<embed src="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png">',
        '<img src="figures/link.png">',
    ],
)
@pytest.mark.pdf
def test_the_pdf_stage_refuses_anything_outside_even_if_checks_were_bypassed(
    hostile: Path, tmp_path: Path, markup: str
) -> None:
    diagnostics = Diagnostics()
    html = f"<html><head></head><body><p>正文</p>{markup}</body></html>"
    target = tmp_path / "out.pdf"
    ok = write_pdf(html, target, hostile, diagnostics)
    assert SECRET.encode() not in target.read_bytes()
    assert not ok and [d.code for d in diagnostics.errors] == ["sandbox"]
    assert "outside the plan" in diagnostics.errors[0].message


@pytest.mark.pdf
def test_iframes_are_not_loaded_at_all(scratch: Path, tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    html = '<html><body><p>正文</p><iframe src="file:///etc/passwd"></iframe></body></html>'
    assert write_pdf(html, tmp_path / "out.pdf", scratch, diagnostics) and not diagnostics.items
    assert SECRET.encode() not in (tmp_path / "out.pdf").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:///etc/../etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.com/",
        "ftp://example.com/x",
        "file:///proc/self/environ",
    ],
)
def test_fetcher_refuses(scratch: Path, url: str) -> None:
    refused: list[str] = []
    fetcher = sandboxed_fetcher([scratch], refused)
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert refused == [url]


def test_fetcher_serves_files_inside_and_data_urls(scratch: Path) -> None:
    refused: list[str] = []
    fetcher = sandboxed_fetcher([scratch], refused)
    inside = (scratch / "plan.yaml").resolve().as_uri()
    assert fetcher.fetch(inside) is not None and fetcher.fetch("data:text/plain,hi") is not None
    escaped = "file://" + str(scratch) + "/../../../../../../etc/passwd"
    with pytest.raises(ValueError):
        fetcher.fetch(escaped)
    assert refused == [escaped]
