"""The check registry: every rule named once, every code it emits declared, the docs' list current."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from plancraft.compile.rules import RULES, Rule, rules_table

RULES_DIR = Path(__file__).resolve().parents[2] / "src" / "plancraft" / "compile" / "rules"
ARCHITECTURE = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def emitted_codes(path: Path) -> set[str]:
    """The literal `code="…"` arguments in a module's source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        keyword.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "code"
        and isinstance(keyword.value, ast.Constant)
        and isinstance(keyword.value.value, str)
    }


def rules_of(module_name: str) -> list[Rule]:
    """The rules a module of compile/rules/ defines (not those it imports)."""
    name = f"plancraft.compile.rules.{module_name}"
    module = importlib.import_module(name)
    return [
        value
        for value in vars(module).values()
        if isinstance(value, Rule) and value.check.__module__ == name
    ]


def test_rule_names_are_unique_and_every_rule_declares_codes() -> None:
    names = [each.name for each in RULES]
    assert len(names) == len(set(names))
    assert all(each.codes and each.description for each in RULES)


@pytest.mark.parametrize(
    "path",
    sorted(path for path in RULES_DIR.glob("*.py") if path.stem != "__init__"),
    ids=lambda path: path.stem,
)
def test_every_code_a_module_emits_is_declared_by_its_rules(path: Path) -> None:
    """A module's rules declare the codes it writes as code="…" (its own or through the shared text
    helpers it imports), no more, no fewer."""
    emitted = emitted_codes(path)
    if path.stem in ("text", "rule"):  # helpers, used by the rules that import them
        assert emitted <= {code for each in RULES for code in each.codes}
        return
    if "from .text import check_hidden" in path.read_text(encoding="utf-8"):
        emitted |= emitted_codes(RULES_DIR / "text.py")
    declared = {code for each in rules_of(path.stem) for code in each.codes}
    assert emitted == declared, path.name


def test_every_rule_module_is_registered() -> None:
    registered = {each.check.__module__ for each in RULES}
    defined = {
        f"plancraft.compile.rules.{path.stem}"
        for path in RULES_DIR.glob("*.py")
        if path.stem != "__init__" and rules_of(path.stem)
    }
    assert defined == registered
    for path in RULES_DIR.glob("*.py"):
        if path.stem != "__init__":
            assert set(rules_of(path.stem)) <= set(RULES), path.name


def test_the_architecture_doc_lists_every_rule() -> None:
    """docs/architecture.md holds the table `rules_table()` prints (regenerate it from there)."""
    assert rules_table() in ARCHITECTURE.read_text(encoding="utf-8")
