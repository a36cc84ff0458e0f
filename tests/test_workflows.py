"""The example CI workflow and the pre-commit hooks run real plancraft commands that catch broken drafts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from ruamel.yaml import YAML

from plancraft import cli
from tests.conftest import PROJECT, edit

WORKFLOW = PROJECT / ".github" / "workflows" / "plans.yml"
HOOKS = PROJECT / ".pre-commit-hooks.yaml"


def read_yaml(path: Path):
    """A YAML file as plain data."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def plancraft_steps() -> list[list[str]]:
    """The plancraft command lines the workflow runs, without the program name."""
    steps = read_yaml(WORKFLOW)["jobs"]["plans"]["steps"]
    commands = [shlex.split(step["run"]) for step in steps if "plancraft" in step.get("run", "")]
    return [words[1:] for words in commands]


def run(words: list[str]) -> Result:
    """Run one plancraft command line in the current folder."""
    return CliRunner().invoke(cli.main, words)


def test_the_workflow_sets_up_with_the_makefile_and_checks_strictly() -> None:
    steps = read_yaml(WORKFLOW)["jobs"]["plans"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "make setup" in runs
    assert re.search(r"^setup:", (PROJECT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert any(
        words[:1] == ["validate"] and "--strict" in words and "github" in words
        for words in plancraft_steps()
    )


def test_the_workflow_passes_a_good_plan_and_builds_it(scratch: Path) -> None:
    for words in plancraft_steps():
        if words[0] == "build":
            words = [*words, "--format", "html"]
        result = run(words)
        assert result.exit_code == 0, (words, result.output)
    assert Path("dist/minimal.html").is_file()


@pytest.mark.parametrize("breakage", ["error", "placeholder"])
def test_the_workflow_annotates_a_broken_or_unfinished_draft(scratch: Path, breakage: str) -> None:
    if breakage == "error":
        edit(scratch / "plan.yaml", "role: tasks", "role: task")
    else:
        edit(scratch / "text" / "tasks.md", "\n", "\n【待填写：任务】\n")
    validate = next(words for words in plancraft_steps() if words[0] == "validate")
    result = run(validate)
    assert result.exit_code == 1
    kind = "error" if breakage == "error" else "warning"
    assert re.search(
        rf"^::{kind} file=plans/minimal/[\w/.]+,line=\d+,col=\d+::", result.output, re.MULTILINE
    )


@pytest.mark.parametrize(
    "hook_id, strict", [("plancraft-validate", False), ("plancraft-validate-strict", True)]
)
def test_pre_commit_hooks(scratch: Path, hook_id: str, strict: bool) -> None:
    hook = next(hook for hook in read_yaml(HOOKS) if hook["id"] == hook_id)
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "plans/minimal/text/tasks.md") and not re.search(
        hook["files"], "README.md"
    )
    program, *words = shlex.split(hook["entry"])
    assert program == "plancraft"
    assert run(words).exit_code == 0
    edit(scratch / "text" / "tasks.md", "\n", "\n【待填写：任务】\n")
    assert run(words).exit_code == (1 if strict else 0)
    edit(scratch / "plan.yaml", "role: tasks", "role: task")
    assert run(words).exit_code == 1


def test_the_package_installs_the_hook_entry_point() -> None:
    """The hooks run `plancraft`: the package installs it, as the program that runs the CLI."""
    import importlib
    import tomllib

    scripts = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    module, _, function = scripts["plancraft"].partition(":")
    assert (module, function) == ("plancraft.program", "run")
    assert callable(getattr(importlib.import_module(module), function))
