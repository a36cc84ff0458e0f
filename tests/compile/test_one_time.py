"""Checks run at one time: `validate` and `build` report the same diagnostics for the same plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from tests.compile.test_fit import LANDSCAPE, with_wide_tables
from tests.conftest import FIXTURE_PLANS, PLANS, edit


def _printed(lines: str) -> set[str]:
    """The diagnostic lines of a command's output (file:line:col: severity: message (hint))."""
    return {line for line in lines.splitlines() if ": warning: " in line or ": error: " in line}


def _same_from_validate_and_build(root: Path, out: Path) -> set[str]:
    """The diagnostics validate and build print for plan `root`, asserted equal; returned."""
    runner = CliRunner()
    validated = runner.invoke(cli.main, ["validate", str(root)])
    built = runner.invoke(
        cli.main, ["build", "--format", "html,docx", "-o", str(out), "--force", str(root)]
    )
    assert built.exit_code == validated.exit_code, (built.output, validated.output)
    assert _printed(built.stderr) == _printed(validated.stdout)
    return _printed(validated.stdout)


@pytest.mark.pdf  # the .docx's 目录 takes its page numbers from the PDF's layout
@pytest.mark.parametrize("slug", sorted(path.name for path in PLANS.iterdir()))
def test_the_five_plans(slug: str, tmp_path: Path) -> None:
    _same_from_validate_and_build(PLANS / slug, tmp_path / "out")


def _landscape_plan(tmp_path: Path, variant: str) -> Path:
    """The minimal plan with the landscape fixtures placed in it, in one of four ways."""
    root = tmp_path / "plans" / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", root)
    if variant == "boxed":
        shutil.copy(LANDSCAPE / "t-districts.yaml", root / "tables" / "t-districts.yaml")
        edit(
            root / "text" / "tasks.md",
            "整合社会救助资源。\n",
            "整合社会救助资源。\n\n{{table t-districts}}\n",
        )
        return root
    with_wide_tables(root)
    if variant in ("kept-portrait", "too-wide-for-landscape"):
        edit(root / "tables" / "t-districts.yaml", "unit:", "landscape: false\nunit:")
    if variant == "too-wide-for-landscape":
        districts = root / "tables" / "t-districts.yaml"
        text = districts.read_text(encoding="utf-8").replace("landscape: false\n", "")
        for row in (
            "[序号, 指标, ",
            "[1, 养老机构床位数, ",
            "[2, 养老照料中心数量, ",
            "[3, 社区养老服务驿站数量, ",
        ):
            filler = ", ".join(["延庆区" if row.startswith("[序号") else "1234"] * 12)
            text = text.replace(row, row + filler + ", ")
        districts.write_text(text, encoding="utf-8")
    return root


@pytest.mark.pdf  # the .docx lays out the PDF for its 目录
@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("fits", 0),
        ("kept-portrait", 1),
        ("too-wide-for-landscape", 1),
        ("boxed", 1),
    ],
)
def test_the_landscape_fixtures(tmp_path: Path, variant: str, expected: int) -> None:
    root = _landscape_plan(tmp_path, variant)
    printed = _same_from_validate_and_build(root, tmp_path / "out")
    assert len([line for line in printed if "needs about" in line]) == expected, printed
