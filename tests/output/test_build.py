"""Incremental and parallel builds, and the build command's output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import plancraft
from plancraft import cli
from plancraft.output.build import build_plan, build_plans
from plancraft.output.cache import input_keys
from tests.conftest import PLANS, TESTS, edit

PACKAGE = Path(plancraft.__file__).resolve().parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def build_html(root: Path, out: Path, force: bool = False):
    """Build only the HTML of one plan."""
    return build_plan(root, out, ("html",), force=force)


def test_second_build_is_skipped_and_replays_warnings(scratch: Path, tmp_path: Path) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "（一）本规划")
    first = build_html(scratch, tmp_path / "out")
    assert first.outputs == [tmp_path / "out" / "minimal.html"] and first.diagnostics.warnings
    second = build_html(scratch, tmp_path / "out")
    assert second.outputs == [] and second.up_to_date == first.outputs
    assert second.diagnostics.warnings == first.diagnostics.warnings
    assert "load" not in second.timings


def test_replayed_warnings_are_shown_relative_to_the_folder_of_the_rebuild(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "（一）本规划")
    first = [str(d) for d in build_html(scratch, tmp_path / "out").diagnostics.warnings]
    assert first and all(text.startswith("plans/minimal/text/preface.md:") for text in first)
    monkeypatch.chdir(scratch)
    replayed = [str(d) for d in build_html(scratch, tmp_path / "out").diagnostics.warnings]
    assert replayed == [text.removeprefix("plans/minimal/") for text in first]


@pytest.mark.parametrize(
    "change", ["text", "yaml", "force", "output-edited", "output-deleted", "epoch"]
)
def test_rebuilds_when_an_input_or_the_output_changed(
    scratch: Path, tmp_path: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_html(scratch, out)
    if change == "text":
        edit(scratch / "text" / "background.md", "面临形势", "面临的形势")
    elif change == "yaml":
        edit(scratch / "indicators.yaml", "nature: 约束性", "nature: 预期性")
    elif change == "output-edited":
        (out / "minimal.html").write_text("tampered", encoding="utf-8")
    elif change == "output-deleted":
        (out / "minimal.html").unlink()
    elif change == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = build_html(scratch, out, force=change == "force")
    assert result.outputs == [out / "minimal.html"], change
    assert "tampered" not in (out / "minimal.html").read_text(encoding="utf-8")


def test_touching_a_file_without_changing_it_rebuilds_nothing(
    scratch: Path, tmp_path: Path
) -> None:
    build_html(scratch, tmp_path / "out")
    (scratch / "plan.yaml").touch()
    assert build_html(scratch, tmp_path / "out").outputs == []


def test_the_key_covers_templates_code_and_the_parent_indicators(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = input_keys(scratch, ("html",))["html"]
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr("plancraft.output.cache.PACKAGE_DIR", package)
    assert input_keys(scratch, ("html",))["html"] == before
    (package / "templates" / "plan.css").write_text("body {}", encoding="utf-8")
    assert input_keys(scratch, ("html",))["html"] != before
    monkeypatch.undo()
    edit(scratch / "plan.yaml", "title:", "parent: city\ntitle:")
    with_parent = input_keys(scratch, ("html",))["html"]
    city = scratch.parent / "city"
    city.mkdir()
    (city / "indicators.yaml").write_text("title: x\n", encoding="utf-8")
    assert input_keys(scratch, ("html",))["html"] != with_parent
    assert input_keys(scratch, ("pdf",))["pdf"] != input_keys(scratch, ("html",))["html"]


def test_a_build_reads_the_document_date_once(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key and the document take the same date: git is asked once a build, not twice."""
    from plancraft.source import dates

    asked: list[Path] = []
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(dates, "last_commit_time", lambda root: asked.append(root) or "1700000000")
    result = build_html(scratch, tmp_path / "out")
    assert result.ok and len(asked) == 1
    assert "2023-11-14T22:13:20Z" in (tmp_path / "out" / "minimal.html").read_text(encoding="utf-8")


def test_a_failed_build_records_nothing(scratch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_html(scratch, out)
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    assert not build_html(scratch, out).ok
    edit(scratch / "plan.yaml", "role: task", "role: tasks")
    assert build_html(scratch, out).outputs == []
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    assert not build_html(scratch, out).ok, "a broken plan must not pass as up to date"


def test_parallel_builds_equal_serial_builds(scratch: Path, tmp_path: Path) -> None:
    second = scratch.parent / "second"
    second.mkdir()
    for path in scratch.rglob("*"):
        target = second / path.relative_to(scratch)
        target.mkdir(exist_ok=True) if path.is_dir() else target.write_bytes(path.read_bytes())
    roots = [scratch, second]
    serial = list(build_plans(roots, tmp_path / "serial", ("html",), jobs=1))
    parallel = list(build_plans(roots, tmp_path / "parallel", ("html",), jobs=2))
    assert [r.root for r in parallel] == roots and all(r.ok for r in parallel + serial)
    for name in ("minimal.html", "second.html"):
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes()


def test_build_reports_up_to_date_and_stages(runner: CliRunner, scratch: Path) -> None:
    result = runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"])
    assert result.exit_code == 0 and "built plans/minimal: out/minimal.html" in result.output
    result = runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"])
    assert "up to date: out/minimal.html" in result.output
    result = runner.invoke(cli.main, ["build", "--format", "html", "-o", "out", "--force", "-v"])
    assert "building 1 plan(s)" in result.output and "minimal: load" in result.output
    assert "minimal: html" in result.output


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_and_verbose_work_before_and_after_the_subcommand(
    runner: CliRunner, scratch: Path, where: str
) -> None:
    args = ["build", "--format", "html", "-o", "out"]
    quiet = ["-q", *args] if where == "before" else [*args, "-q"]
    result = runner.invoke(cli.main, quiet)
    assert result.exit_code == 0 and result.output == ""
    verbose = ["-v", "validate"] if where == "before" else ["validate", "--verbose"]
    assert runner.invoke(cli.main, verbose).exit_code == 0


def test_verbose_after_the_subcommand_shows_tracebacks(
    runner: CliRunner, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("plancraft.api.load", explode)
    result = runner.invoke(cli.main, ["validate", "-v"])
    assert result.exit_code == 3 and "Traceback" in result.output


def test_jobs_must_be_positive(runner: CliRunner, scratch: Path) -> None:
    assert runner.invoke(cli.main, ["build", "--jobs", "0"]).exit_code == 2


@pytest.mark.pdf
def test_a_record_file_is_checked_again_but_rebuilds_no_html_or_docx(tmp_path: Path) -> None:
    """Monitoring years and review rounds are plan sources, but html and docx do not print them: an
    edit there rebuilt both (the key hashed the whole plan folder). They are checked again instead, so
    the warnings are current and a broken record file still fails the build; the PDF, which can embed
    every source (PDF/A-3), keeps them in its key."""
    root = tmp_path / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", root)
    year = root / "monitoring" / "2023.yaml"
    year.parent.mkdir()
    shutil.copy(TESTS / "fixtures" / "monitoring" / "beijing" / "2023.yaml", year)
    out, formats = tmp_path / "out", ("html", "docx")
    first = build_plan(root, out, formats)
    made = {path: path.read_bytes() for path in first.outputs}
    assert len(made) == 2 and "constraint-behind" in {d.code for d in first.diagnostics}
    keys = input_keys(root, ("html", "docx", "pdf"))
    edit(year, "ind-05: {value: 1020,", "ind-05: {value: 1200,")
    assert input_keys(root, ("html", "docx", "pdf")) | {"pdf": keys["pdf"]} == keys
    assert input_keys(root, ("pdf",))["pdf"] != keys["pdf"]
    for _ in range(2):  # checked again, then up to date with the new warnings
        again = build_plan(root, out, formats)
        assert again.outputs == [] and sorted(again.up_to_date) == sorted(made)
        assert "constraint-behind" not in {d.code for d in again.diagnostics}
    edit(year, "ind-05: {value: 1200,", "ind-05: {value: 1200张,")
    broken = build_plan(root, out, formats)
    assert broken.diagnostics.errors and broken.outputs == []
    assert {path: path.read_bytes() for path in made} == made


def docx_parts(path: Path) -> dict[str, bytes]:
    """Every part of a .docx by name."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.pdf
def test_a_docx_after_the_pdf_reads_the_pdf_instead_of_laying_it_out(tmp_path: Path) -> None:
    """The .docx takes its 目录's page numbers from the PDF: an up-to-date PDF in the folder is read,
    not laid out again, and gives the same .docx; a PDF changed since is not trusted (and left alone):
    it is laid out again, from the HTML file, which is up to date."""
    root = tmp_path / "plans" / "minimal"
    shutil.copytree(TESTS / "fixtures" / "plans" / "minimal", root)
    out = tmp_path / "out"
    assert build_plan(root, out, ("html", "pdf")).ok
    stages: list[str] = []
    after = build_plan(root, out, ("docx",), hook=lambda plan, stage, seconds: stages.append(stage))
    assert after.ok and after.outputs == [out / "minimal.docx"]
    assert "docx" in stages and "pdf" not in stages and "html" not in stages
    cold = build_plan(root, tmp_path / "cold", ("docx",))
    assert docx_parts(out / "minimal.docx") == docx_parts(tmp_path / "cold" / "minimal.docx")

    (out / "minimal.pdf").write_bytes(b"%PDF-1.7 changed by hand")
    (out / "minimal.docx").unlink()
    stages.clear()
    again = build_plan(root, out, ("docx",), hook=lambda plan, stage, seconds: stages.append(stage))
    assert again.ok and "pdf" in stages and "html" not in stages  # laid out from the HTML file
    assert (out / "minimal.pdf").read_bytes() == b"%PDF-1.7 changed by hand"
    assert docx_parts(out / "minimal.docx") == docx_parts(tmp_path / "cold" / "minimal.docx")
    assert cold.ok


@pytest.mark.pdf
def test_a_docx_only_build_lays_its_pdf_out_in_the_worker(tmp_path: Path) -> None:
    """The PDF a .docx is made from is laid out in the forked worker, as an asked-for PDF is."""
    from plancraft.output.pdfworker import PdfWorker

    root = tmp_path / "plans" / "minimal"
    shutil.copytree(TESTS / "fixtures" / "plans" / "minimal", root)
    worker = PdfWorker()
    try:
        assert build_plan(root, tmp_path / "out", ("docx",), worker=worker).ok
        assert worker._used
    finally:
        worker.close()
