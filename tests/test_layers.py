"""The package tree is the pipeline: each layer imports only the layers before it, and nothing imports in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import plancraft

PACKAGE = Path(plancraft.__file__).resolve().parent
# What each layer may import, besides itself and the shared modules (SHARED below).
ALLOWED = {
    "source": set(),
    "compile": {"source"},
    "output": {"source", "compile"},
    "report": {"source", "compile", "output"},
    "review": {"source", "compile", "output", "report"},
    "monitor": {"source", "compile", "output", "report"},
    "importer": {"source", "compile"},
    "preview": {"source", "compile", "output", "report", "monitor"},
}
SHARED = {"diagnostics", "files", "limits", "resources", "i18n", "__init__"}


def _imports(path: Path) -> set[str]:
    """The plancraft modules `path` imports, as dotted names below plancraft."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(module[:-1])
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for guard in ast.walk(tree):  # imports for type hints only do not run: they cannot make a cycle
        if isinstance(guard, ast.If) and ast.unparse(guard.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            guard.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [alias.name for alias in node.names] if not node.module else [""]
            for name in names:
                found.add(
                    ".".join([*target, name] if name and _is_module([*target, name]) else target)
                    or "__init__"
                )
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("plancraft."):
            found.add(node.module.removeprefix("plancraft."))
    return found


def _is_module(parts: list[str]) -> bool:
    """Whether plancraft.<parts> is a module or package (not a name defined in one)."""
    path = PACKAGE.joinpath(*parts)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _modules() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        graph[name] = _imports(path)
    return graph


def test_each_layer_imports_only_the_layers_before_it() -> None:
    wrong = []
    for module, imported in _modules().items():
        layer = module.split(".")[0]
        if layer not in ALLOWED:
            continue
        for target in imported:
            head = target.split(".")[0]
            if head != layer and head not in SHARED and head not in ALLOWED[layer]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_in_a_cycle() -> None:
    graph = _modules()
    edges = {
        name: {target for target in targets if target in graph} for name, targets in graph.items()
    }
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                return [*trail, node, target]
            if target not in state:
                cycle = visit(target, [*trail, node])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for name in sorted(graph):
        if name not in state:
            cycle = visit(name, [])
            assert cycle is None, " -> ".join(cycle or [])
