"""The reports the golden files hold: diff, indicators and review, each made through its command."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from plancraft.cli import main
from plancraft.compile.pipeline import compile_plan
from plancraft.output.docx import write_docx
from tests.conftest import FIXTURE_PLANS, PLANS, PROJECT, edit

GOLDEN = Path(__file__).resolve().parent / "golden"
MONITORING = PROJECT / "tests" / "fixtures" / "monitoring"
"""Test year files (made-up values): the plans themselves carry none."""
ROOT_MARK = "<PROJECT>"


def _run(*args: str) -> bytes:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def diff_repo(root: Path) -> Path:
    """A git repository of plans/minimal with a second commit that changes one thing of each kind."""
    plan = root / "plans" / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "test@example.com")
    _git(root, "config", "user.name", "test")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first")
    edit(plan / "indicators.yaml", 'target: "≥1600"', 'target: "≥1800"')
    edit(plan / "indicators.yaml", "nature: 约束性", "nature: 预期性")
    edit(plan / "text" / "background.md", "民政事业取得长足进步。", "民政事业取得显著进步。")
    edit(
        plan / "text" / "tasks.md",
        "# 完善社会救助体系 {#relief}",
        "# 新的一项任务 {#new-task}\n\n新任务的内容。\n\n# 完善社会救助体系 {#relief}",
    )
    edit(plan / "tables" / "t-facilities.yaml", "养老照料中心, 0, 9", "养老照料中心, 0, 11")
    edit(plan / "plan.yaml", "issuer: 示例区民政局", "issuer: 示例区民政局（修订）")
    _git(root, "commit", "-qam", "second")
    return root


def diff_report(fmt: str) -> Callable[[Path], bytes]:
    def make(root: Path) -> bytes:
        diff_repo(root)
        return _run("diff", "HEAD~1", "HEAD", "--format", fmt)

    return make


def indicators_report(fmt: str) -> Callable[[Path], bytes]:
    def make(root: Path) -> bytes:
        slugs = ("beijing", "chaoyang", "mentougou", "tongzhou", "zhushan")
        paths = [str(PLANS / slug) for slug in slugs]
        return _run("indicators", *paths, "--format", fmt).replace(
            str(PROJECT).encode(), ROOT_MARK.encode()
        )

    return make


def returned_docx(root: Path) -> None:
    """plans/beijing and returned.docx (tests/review/test_word.py's edits) under `root`."""
    from tests.review.test_word import returned_file

    plan = root / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", plan)
    (root / "returned.docx").write_bytes(returned_file(write_docx(compile_plan(plan).document())))


def review_report(fmt: str) -> Callable[[Path], bytes]:
    def make(root: Path) -> bytes:
        returned_docx(root)
        return _run("review", "returned.docx", "plans/beijing", "--format", fmt)

    return make


def monitored_plans(root: Path) -> list[str]:
    """Copies of beijing, chaoyang and mentougou with the test year files of tests/fixtures."""
    slugs = ("beijing", "chaoyang", "mentougou")
    for slug in slugs:
        shutil.copytree(PLANS / slug, root / "plans" / slug)
        shutil.copytree(MONITORING / slug, root / "plans" / slug / "monitoring")
    return [f"plans/{slug}" for slug in slugs]


def monitor_report(fmt: str) -> Callable[[Path], bytes]:
    def make(root: Path) -> bytes:
        return _run("monitor", *monitored_plans(root), "--format", fmt)

    return make


DIFF = {"json": "json", "text": "txt", "html": "html"}
INDICATORS = {"json": "json", "text": "txt", "csv": "csv", "html": "html"}
REVIEW = {"json": "json", "text": "txt", "html": "html"}
MONITOR = {"json": "json", "text": "txt", "csv": "csv", "html": "html"}
REPORTS: dict[str, Callable[[Path], bytes]] = {
    **{f"diff.{ext}": diff_report(fmt) for fmt, ext in DIFF.items()},
    **{f"indicators.{ext}": indicators_report(fmt) for fmt, ext in INDICATORS.items()},
    **{f"review.{ext}": review_report(fmt) for fmt, ext in REVIEW.items()},
    **{f"monitor.{ext}": monitor_report(fmt) for fmt, ext in MONITOR.items()},
}
"""Golden file name → how to make that report in an empty working folder."""
