"""The preview's Typst PDF: a kept compiler per plan, recompiled on save, serving the last good rendering."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.cli.app import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.typst.compiler import KeptCompiler
from plancraft.preview import Preview
from tests.conftest import edit
from tests.preview.conftest import Served, make_plans, serve_plans


def text_of(pdf: bytes, tmp_path: Path) -> str:
    """What pdftotext reads from `pdf`, without whitespace."""
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", str(path), "-"]
    return "".join(
        subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    )


def producer(pdf: bytes) -> bool:
    """Whether Typst made `pdf`."""
    return b"Typst" in pdf


@pytest.fixture
def typst_served(tmp_path: Path) -> Iterator[Served]:
    """plans/minimal and its parent served with `serve --pdf-engine typst`."""
    plan, parent = make_plans(tmp_path)
    preview = Preview([plan, parent], pdf_engine="typst")
    with serve_plans([plan, parent], tmp_path / "cache", preview) as server:
        yield Served(server, plan, parent)


def test_a_kept_compiler_compiles_again_after_an_edit(tmp_path: Path) -> None:
    """The template is a file, not bytes: typst-py 0.15.2 fails the second compile of bytes."""
    document = compile_plan(make_plans(tmp_path)[0]).document()
    with KeptCompiler() as compiler:
        first = compiler.compile(document)
        document.title = document.title + "改"
        document.cover.title_lines = ["改过的封面标题"]
        second = compiler.compile(document)
        third = compiler.compile(document)
        folder = compiler.folder
    assert "改过的封面标题" not in text_of(first, tmp_path)
    assert "改过的封面标题" in text_of(second, tmp_path) and third == second
    assert not folder.exists()


def test_a_save_recompiles_the_pdf_in_the_kept_compiler(
    typst_served: Served, tmp_path: Path
) -> None:
    status, headers, first = typst_served.get("/minimal.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and producer(first)
    assert "民政事业取得长足进步" in text_of(first, tmp_path)
    assert not (tmp_path / "cache" / "minimal.pdf").exists()  # no build, no worker
    compiler = typst_served.preview.typst._compilers["minimal"]

    edit(typst_served.plan / "text" / "background.md", "取得长足进步", "取得历史性成就")
    typst_served.until(lambda: "历史性成就" in typst_served.page(), "the page to change")
    status, _, second = typst_served.get("/minimal.pdf")
    assert status == 200 and "民政事业取得历史性成就" in text_of(second, tmp_path)
    assert typst_served.preview.typst._compilers["minimal"] is compiler


def test_the_pdf_is_compiled_on_save_before_it_is_asked_for(typst_served: Served) -> None:
    preview = typst_served.preview
    printed = preview.typst._printed["minimal"]  # compiled when the plan was loaded
    assert printed.version == typst_served.state().good and producer(printed.pdf)

    edit(typst_served.plan / "text" / "background.md", "取得长足进步", "取得新进展")
    typst_served.until(lambda: "新进展" in typst_served.page(), "the page to change")
    typst_served.until(
        lambda: preview.typst._printed["minimal"].version == typst_served.state().good,
        "the PDF to be recompiled",
    )


def test_a_plan_with_errors_keeps_no_pdf_and_says_why(typst_served: Served) -> None:
    edit(typst_served.plan / "plan.yaml", "numbering: parts", "numbering: [parts")
    typst_served.until(lambda: bool(typst_served.state().errors), "the error to be seen")
    status, _, body = typst_served.get("/minimal.pdf")
    assert status == 422 and b"plan.yaml:" in body


def test_the_plan_setting_chooses_typst_for_the_preview(tmp_path: Path) -> None:
    plan, parent = make_plans(tmp_path)
    edit(plan / "plan.yaml", "numbering: parts", "numbering: parts\npdf_engine: typst")
    with serve_plans([plan, parent], tmp_path / "cache") as server:
        served = Served(server, plan, parent)
        assert served.preview.engine("minimal") == "typst"
        assert served.preview.engine("city") == "weasyprint"
        status, _, body = served.get("/minimal.pdf")
    assert status == 200 and producer(body)


def test_serve_takes_the_engine_option() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--pdf-engine [weasyprint|typst]" in result.output


def test_each_version_is_compiled_once_and_a_failure_is_the_pdfs_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plancraft.preview import typstpdf

    compiled: list[object] = []

    class Counting:
        def compile(self, document: object) -> bytes:
            compiled.append(document)
            if document == "broken":
                raise OSError("disk full")
            return b"%PDF-" + str(document).encode()

        def close(self) -> None:
            pass

    monkeypatch.setattr(typstpdf, "KeptCompiler", Counting)
    pdfs = typstpdf.TypstPdfs(["minimal"])
    first = pdfs.pdf("minimal", 1, "one")  # type: ignore[arg-type]
    assert pdfs.pdf("minimal", 1, "one") is first  # type: ignore[arg-type]
    assert pdfs.pdf("minimal", 2, "two").pdf == b"%PDF-two"  # type: ignore[arg-type]
    assert pdfs.pdf("minimal", 1, "one").pdf == b"%PDF-two"  # type: ignore[arg-type]
    broken = pdfs.pdf("minimal", 3, "broken")  # type: ignore[arg-type]
    assert broken.pdf == b"" and broken.error == "OSError: disk full"
    assert compiled == ["one", "two", "broken"]
    pdfs.close()
