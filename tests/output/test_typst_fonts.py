"""Fonts for the Typst engine: cmap coverage read without fontTools, and a build given only each
role's first family when it prints every character (narrow.py), with the same PDF as all fonts."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from plancraft.compile.pipeline import compile_plan
from plancraft.output.build import build_plan
from plancraft.output.formats import registered, writer
from plancraft.output.typst.cmap import CmapError, missing
from plancraft.output.typst.compiler import KeptCompiler
from plancraft.output.typst.data import document_data
from plancraft.output.typst.fonts import typst_fonts
from plancraft.output.typst.narrow import FontListing, narrowed_fonts
from tests.conftest import FIXTURE_PLANS, PLANS

PROBE = [chr(code) for code in range(0x20, 0x30000) if not 0xD800 <= code < 0xE000]
"""Every code point of the planes a plan prints from, surrogates left out."""


def face(family: str) -> tuple[Path, int]:
    """The first face fontconfig lists for `family` (installed by scripts/setup.sh)."""
    faces = FontListing().faces()
    assert faces is not None and family.casefold() in faces, f"{family} is not installed"
    return faces[family.casefold()][0]


def printed_text(slug: str) -> str:
    """The document data of a seed plan as the compiler checks it."""
    data = document_data(compile_plan(PLANS / slug).document(), {}, {}, [])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "family", ["FandolFang", "FandolSong", "Noto Serif CJK SC", "DejaVu Sans Mono", "LXGW WenKai"]
)
def test_cmap_coverage_is_fonttools(family: str) -> None:
    """Format 4 (DejaVu), format 12 (Fandol, LXGW) and a face inside a collection (Noto's .ttc)."""
    path, index = face(family)
    mapped = set(TTFont(path, fontNumber=index).getBestCmap())
    assert {char for char in PROBE if ord(char) not in mapped} == missing(path, index, PROBE)


def test_cmap_refuses_what_is_not_a_font(tmp_path: Path) -> None:
    (tmp_path / "x.otf").write_bytes(b"OTTO" + bytes(8))
    with pytest.raises(CmapError):
        missing(tmp_path / "x.otf", 0, "字")


def test_a_plan_its_first_families_print_gets_only_those(tmp_path: Path) -> None:
    fonts = narrowed_fonts(tmp_path / "fonts", printed_text("beijing"))
    assert fonts is not None
    families = set(fonts.families())
    assert {"FandolFang R", "FandolSong", "FandolHei", "FandolKai"} <= families
    assert not any(family.startswith(("Noto", "LXGW")) for family in families)


@pytest.mark.parametrize(("slug", "character"), [("tongzhou", "²"), ("zhushan", "㎡")])
def test_a_character_the_first_families_lack_gets_all_fonts(
    tmp_path: Path, slug: str, character: str
) -> None:
    """tongzhou prints ², zhushan ㎡: Fandol has neither, Noto Serif CJK SC prints them."""
    assert character in printed_text(slug)
    assert narrowed_fonts(tmp_path / "fonts", printed_text(slug)) is None
    assert narrowed_fonts(tmp_path / "fonts", printed_text("beijing") + character) is None


def test_inline_code_gets_all_fonts() -> None:
    """Code prints in the mono role, whose CJK family (Noto Sans Mono CJK) is not a first family."""
    with KeptCompiler(narrow=True) as compiler:
        everything = compiler._chosen_fonts({"doc": {"node": "code", "text": "x"}})
        assert any(name.startswith("Noto") for name in everything.families())
    with KeptCompiler(narrow=True) as compiler:
        narrowed = compiler._chosen_fonts({"doc": {"node": "text", "text": "x"}})
        assert not any(name.startswith("Noto") for name in narrowed.families())


@pytest.mark.pdf
def test_narrowed_fonts_give_the_same_pdf(tmp_path: Path) -> None:
    """beijing built with its first families only and with every font: the same bytes."""
    document = compile_plan(PLANS / "beijing").document()
    with KeptCompiler(narrow=True) as narrow:
        narrowed = narrow.compile(document)
        assert (narrow.folder / "fonts").is_dir()
    with KeptCompiler() as every:
        assert narrowed == every.compile(document)
    (tmp_path / "b.pdf").write_bytes(narrowed)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "b.pdf")], capture_output=True, text=True)
    assert "Fandol" in fonts.stdout and "Noto" not in fonts.stdout


def test_an_svg_gets_all_fonts() -> None:
    """An SVG's text prints in the families it names, which the coverage check does not read."""
    svg = {"node": "image", "data_url": "data:image/svg+xml;base64,PHN2Zy8+", "bytes": [60]}
    with KeptCompiler(narrow=True) as compiler:
        everything = compiler._chosen_fonts({"doc": svg})
        assert any(name.startswith("Noto") for name in everything.families())


def test_fc_list_started_early_lists_the_same_faces_and_an_unread_one_is_ended() -> None:
    early = FontListing()
    assert early.faces() == FontListing().faces() and early.faces() is early.faces()
    unread = FontListing()
    unread.close()
    assert unread._process is not None and unread._process.returncode is not None


def test_a_compile_leaves_no_fc_list_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compile starts fc-list before it makes the data, and reaps it whatever the fonts."""
    started: list[FontListing] = []

    def spy() -> FontListing:
        started.append(FontListing())
        return started[-1]

    monkeypatch.setattr("plancraft.output.typst.compiler.FontListing", spy)
    document = compile_plan(FIXTURE_PLANS / "minimal").document()
    with KeptCompiler(narrow=True) as compiler:
        compiler.compile(document)
        assert (compiler.folder / "fonts").is_dir()
    assert len(started) == 1 and started[0]._process.returncode == 0
    # Fonts chosen without the listing (inline code, an SVG): it is ended all the same.
    monkeypatch.setattr(KeptCompiler, "_chosen_fonts", lambda self, data, listing: typst_fonts())
    with KeptCompiler(narrow=True) as compiler:
        compiler.compile(document)
    assert len(started) == 2 and started[1]._process.returncode is not None


@pytest.fixture
def listings() -> Iterator[list[FontListing]]:
    """The fc-list listings Typst builds start before their plans load, while the test runs."""
    started: list[FontListing] = []

    def prepare() -> FontListing:
        started.append(FontListing())
        return started[-1]

    with registered(replace(writer("pdf-typst"), prepare=prepare)):
        yield started


def test_a_build_starts_fc_list_before_the_plan_loads_and_the_writer_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listings: list[FontListing]
) -> None:
    monkeypatch.setattr(
        "plancraft.output.typst.compiler.FontListing", lambda: pytest.fail("a second fc-list")
    )
    events: list[str] = []
    read = FontListing.faces
    monkeypatch.setattr(FontListing, "faces", lambda self: events.append("read") or read(self))
    result = build_plan(
        FIXTURE_PLANS / "minimal",
        tmp_path,
        ("pdf",),
        pdf_engine="typst",
        hook=lambda plan, stage, seconds: events.append(f"{stage} {len(listings)}"),
    )
    assert result.ok and len(listings) == 1 and listings[0]._process.returncode == 0
    # Started before the plan loaded (one listing when the load ended), read by the writer.
    assert events == ["fingerprint 0", "load 1", "assemble 1", "read", "pdf-typst 1"]


def test_a_plan_that_does_not_load_ends_its_fc_list(
    tmp_path: Path, listings: list[FontListing]
) -> None:
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    (root / "plan.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert not build_plan(root, tmp_path / "out", ("pdf",), pdf_engine="typst").ok
    assert len(listings) == 1 and not listings[0]._read
    assert listings[0]._process.returncode is not None
