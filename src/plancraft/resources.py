"""The package's own files: the JSON Schemas and the HTML templates, read with importlib.resources."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

SCHEMA_NAMES = ("plan", "indicators", "table", "monitoring", "round")


def package_files() -> Traversable:
    """The root of the installed package."""
    return resources.files("plancraft")


def schema_text(name: str) -> str:
    """The JSON Schema `name` (plan, indicators, table or monitoring) as text."""
    return (package_files() / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")


def template_text(name: str) -> str:
    """A bundled template or stylesheet as text."""
    return (package_files() / "templates" / name).read_text(encoding="utf-8")


def schemas_folder() -> Path:
    """Where the installed schemas are on disk, for editors' `$schema` lines."""
    return Path(str(package_files() / "schemas"))


def templates_folder() -> Path:
    """Where the installed templates are on disk: the only other folder the PDF stage may read."""
    return Path(str(package_files() / "templates"))
