from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from tests.conftest import PLANS, edit


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_discovers_plans_and_passes(runner: CliRunner, scratch: Path) -> None:
    result = runner.invoke(cli.main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "1 plan(s): 0 error(s)" in result.output


def test_validate_reports_every_error_with_location_and_exits_1(
    runner: CliRunner, scratch: Path
) -> None:
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    edit(scratch / "text" / "background.md", "# 面临形势", "# 二、面临形势")
    result = runner.invoke(cli.main, ["validate", str(scratch)])
    assert result.exit_code == 1
    assert "plans/minimal/plan.yaml:23:11: error:" in result.output
    assert "plans/minimal/text/background.md:10:1: error:" in result.output
    assert "Traceback" not in result.output


def test_validate_json_and_github_formats(runner: CliRunner, scratch: Path) -> None:
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    result = runner.invoke(cli.main, ["validate", "--format", "github"])
    assert result.output.startswith("::error file=plans/minimal/plan.yaml,line=23,col=11::")
    result = runner.invoke(cli.main, ["validate", "--format", "json"])
    assert '"line": 23' in result.output and result.exit_code == 1


def test_strict_fails_on_warnings(runner: CliRunner, scratch: Path) -> None:
    edit(scratch / "text" / "preface.md", "本规划", "（一）本规划")
    assert runner.invoke(cli.main, ["validate"]).exit_code == 0
    assert runner.invoke(cli.main, ["validate", "--strict"]).exit_code == 1


def test_usage_errors_exit_2(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli.main, ["validate"]).exit_code == 2
    assert runner.invoke(cli.main, ["build", "--format", "docx"]).exit_code == 2


def test_build_html(runner: CliRunner, scratch: Path) -> None:
    result = runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert Path("out/minimal.html").is_file() and not Path("out/minimal.pdf").exists()


def test_failed_build_keeps_earlier_outputs(runner: CliRunner, scratch: Path) -> None:
    assert runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"]).exit_code == 0
    before = Path("out/minimal.html").read_bytes()
    edit(scratch / "indicators.yaml", "nature: 约束性", "nature: [")
    result = runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"])
    assert result.exit_code == 1
    assert "indicators.yaml:" in result.output and "earlier outputs kept" in result.output
    assert Path("out/minimal.html").read_bytes() == before
    assert sorted(p.name for p in Path("out").iterdir()) == [".plancraft-cache", "minimal.html"]
    assert [p.name for p in Path("out/.plancraft-cache").iterdir()] == ["minimal.html.json"]


def test_internal_errors_are_short_bug_reports(
    runner: CliRunner, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("plancraft.api.load", explode)
    result = runner.invoke(cli.main, ["validate"])
    assert result.exit_code == 3
    assert (
        "internal error (RuntimeError: boom)" in result.output and "Traceback" not in result.output
    )
    result = runner.invoke(cli.main, ["-v", "validate"])
    assert result.exit_code == 3 and "Traceback" in result.output


def test_cli_calls_the_library(
    runner: CliRunner, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    monkeypatch.setattr("plancraft.api.validate", lambda roots: calls.append(roots) or [])
    runner.invoke(cli.main, ["validate", "plans/minimal"])
    assert calls == [[Path("plans/minimal")]]


def test_outputs_are_readable_like_any_new_file(runner: CliRunner, scratch: Path) -> None:
    old = os.umask(0o022)
    try:
        assert runner.invoke(cli.main, ["build", "--format", "html", "-o", "out"]).exit_code == 0
    finally:
        os.umask(old)
    assert Path("out/minimal.html").stat().st_mode & 0o777 == 0o644


def run_without_weasyprint(args: list[str]) -> None:
    """Run plancraft with `args` in a fresh interpreter; fail if it exits non-zero or imports WeasyPrint."""
    import subprocess
    import sys

    code = (
        f"import sys; from plancraft import cli\n"
        f"try:\n    cli.main({args!r})\nexcept SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_validate_does_not_import_weasyprint(scratch: Path) -> None:
    run_without_weasyprint(["validate"])


def test_validating_the_five_plans_imports_no_heavy_library() -> None:
    """validate stays light: no layout, Word, spreadsheet, segmenter, watcher or browser library,
    on the real plans (whose long titles would need jieba if validate assembled them)."""
    import subprocess
    import sys

    heavy = [
        "weasyprint",
        "jieba",
        "docx",
        "lxml",
        "openpyxl",
        "watchfiles",
        "playwright",
        "fontTools",
    ]
    code = (
        "import os, sys; from plancraft import cli\n"
        f"os.chdir({str(PLANS.parent)!r})\n"
        "try:\n    cli.main(['validate'])\nexcept SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        f"print([name for name in {heavy!r} if name in sys.modules])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout


def test_html_only_builds_do_not_import_weasyprint(scratch: Path) -> None:
    run_without_weasyprint(["build", "--format", "html", "-o", "out", "--jobs", "1"])
    assert Path("out/minimal.html").is_file()


def test_a_typst_build_imports_no_multiprocessing_nor_the_shared_indicator_page(
    scratch: Path,
) -> None:
    """Building one plan's Typst PDF leaves out what only other builds use: the PDF worker
    (multiprocessing) and the page of plans sharing a parent."""
    import subprocess
    import sys

    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('multiprocessing', 'pickle',"
        " 'plancraft.output.pdfworker', 'plancraft.review.indicators_report') if m in sys.modules)))\n"
        "from plancraft.program import run\n"
        "sys.argv = ['plancraft', 'build', '-o', 'out', '--format', 'pdf', '--pdf-engine', 'typst', '-q']\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert Path("out/minimal.pdf").is_file()


def test_a_reader_that_goes_away_is_not_a_bug(scratch: Path) -> None:
    import subprocess
    import sys

    tasks = scratch / "text" / "tasks.md"
    many_warnings = "".join(
        f"\n第{number}章 段落\n" for number in range(2000)
    )  # more than a pipe holds
    tasks.write_text(tasks.read_text(encoding="utf-8") + many_warnings, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "plancraft.cli", "validate", "--format", "github"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(b"::warning")
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode()
    assert process.wait() == 141 and "internal error" not in stderr and "Traceback" not in stderr


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m plancraft.cli` is the program (which ends its process: run it in its own)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "plancraft.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "validate" in done.stdout


def test_every_command_module_is_in_the_registry_of_lazy_commands() -> None:
    """app.COMMANDS names each command's module: a command missing from it could not be run."""
    import importlib
    import pkgutil

    from plancraft.cli.app import COMMANDS

    for module in pkgutil.iter_modules(cli.__path__):
        if module.name != "__main__":  # the program: it runs
            importlib.import_module(f"plancraft.cli.{module.name}")
    assert set(cli.main.commands) == set(COMMANDS)
    assert all(
        cli.main.commands[name].callback.__module__ == f"plancraft.cli.{module}"
        for name, module in COMMANDS.items()
    )


def test_a_command_imports_its_own_module_only() -> None:
    import subprocess
    import sys

    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('plancraft.cli.'))))\n"
        "from plancraft.program import run\n"
        f"sys.argv = ['plancraft', 'validate', {str(PLANS / 'beijing')!r}]\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "['plancraft.cli.app', 'plancraft.cli.validate']"


def test_a_mistyped_command_gets_a_suggestion() -> None:
    """Click suggests from the commands it knows: all of them, though each is imported when used (a
    fresh process, where none is imported yet)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "plancraft.cli", "bild"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Did you mean 'build'?" in done.stderr
