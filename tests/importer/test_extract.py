"""plancraft extract: a PDF/A-3's sources give back the plan; hostile PDFs are refused, writing nothing."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from plancraft.cli import main
from plancraft.importer import extract as extract_module
from plancraft.importer.extract import ExtractRefused, extract_plan, safe_name
from plancraft.limits import Limit
from plancraft.output.build import build_plan
from tests.conftest import PLANS


def pdf_with(tmp_path: Path, files: list[tuple[str, bytes]], **options: object) -> Path:
    """A one-page PDF embedding `files` as /Source associated files, built by hand as an attacker would."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    names = pikepdf.Array()
    for name, data in sorted(files):
        packed = zlib.compress(data) if options.get("flate", True) else data
        stream = pikepdf.Stream(pdf, packed)
        if options.get("flate", True):
            stream.Filter = pikepdf.Name.FlateDecode
        checksum = options.get("checksum", hashlib.md5(data).digest())
        stream.Params = pikepdf.Dictionary(Size=len(data), CheckSum=pikepdf.String(checksum))
        spec = pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec,
            F=pikepdf.String(name),
            UF=pikepdf.String(name),
            EF=pikepdf.Dictionary(F=pdf.make_indirect(stream)),
            AFRelationship=pikepdf.Name(options.get("relationship", "/Source")),
        )
        names.extend([pikepdf.String(name), pdf.make_indirect(spec)])
    pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=names))
    path = tmp_path / "made.pdf"
    pdf.save(path)
    return path


@pytest.mark.slow
@pytest.mark.pdf
def test_a_pdfa3b_gives_back_a_plan_that_builds_to_the_same_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = tmp_path / "built"
    result = build_plan(
        PLANS / "beijing", built, ("html", "pdf"), settings={"pdf_variant": "pdf/a-3b"}
    )
    assert result.ok
    target = tmp_path / "extracted" / "beijing"
    done = CliRunner().invoke(main, ["extract", str(built / "beijing.pdf"), "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "indicators.yaml",
        "plan.yaml",
        "text/background.md",
        "text/requirements.md",
        "text/safeguards.md",
        "text/tasks.md",
    ]
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0
    again = build_plan(target, tmp_path / "again", ("html",))
    assert again.ok
    assert (tmp_path / "again" / "beijing.html").read_bytes() == (
        built / "beijing.html"
    ).read_bytes()


def test_it_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    made = pdf_with(tmp_path, [("plan.yaml", b"title: x\n")])
    target = tmp_path / "plan"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    done = CliRunner().invoke(main, ["extract", str(made), "-o", str(target)])
    assert done.exit_code == 1
    assert "not empty" in done.output
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "/etc/passwd",
        "text/../../x",
        "a//b",
        "./plan.yaml",
        "C:\\x",
        "text\\x.md",
        "a\nb",
        "",
    ],
)
def test_a_name_that_is_not_a_plain_relative_path_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExtractRefused):
        safe_name(name)
    made = pdf_with(tmp_path, [("plan.yaml", b"title: x\n"), (name, b"owned")])
    with pytest.raises(ExtractRefused):
        extract_plan(made, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "x").exists()


def test_plain_relative_names_pass() -> None:
    assert safe_name("text/tasks.md") == "text/tasks.md"
    assert safe_name("images/图1.png") == "images/图1.png"


def test_a_file_that_unpacks_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_module, "ATTACHMENT_BYTES", Limit("attachment-bytes", 1000))
    made = pdf_with(tmp_path, [("plan.yaml", b"\0" * 100_000)])
    with pytest.raises(ExtractRefused, match="attachment-bytes"):
        extract_plan(made, tmp_path / "out")


def test_too_many_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "ATTACHMENTS", Limit("attachments", 2))
    made = pdf_with(tmp_path, [(f"text/{n}.md", b"x") for n in range(3)])
    with pytest.raises(ExtractRefused, match="attachments"):
        extract_plan(made, tmp_path / "out")


def test_a_file_that_does_not_match_its_checksum_is_refused(tmp_path: Path) -> None:
    made = pdf_with(tmp_path, [("plan.yaml", b"title: x\n")], checksum=b"\0" * 16)
    with pytest.raises(ExtractRefused, match="checksum"):
        extract_plan(made, tmp_path / "out")


def test_files_not_marked_as_sources_are_not_taken(tmp_path: Path) -> None:
    made = pdf_with(tmp_path, [("plan.yaml", b"title: x\n")], relationship="/Data")
    with pytest.raises(ExtractRefused, match="no plan sources"):
        extract_plan(made, tmp_path / "out")


def test_not_a_pdf_is_refused_without_a_traceback(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"not a pdf at all")
    done = CliRunner().invoke(main, ["extract", str(fake), "-o", str(tmp_path / "out")])
    assert done.exit_code == 1
    assert "not a readable PDF" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
