"""The package's own files: the JSON Schemas, the templates and the message catalogs.

The package is installed as files (a wheel unpacked, or the source tree): the folders are handed out
as paths (schemas_folder, templates_folder), so they are read as files, without importlib.resources
(and the zip support it imports on every run).
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_NAMES = ("plan", "indicators", "table", "monitoring", "round")
PACKAGE = Path(__file__).resolve().parent


def package_files() -> Path:
    """The root of the installed package."""
    return PACKAGE


def schema_text(name: str) -> str:
    """The JSON Schema `name` (plan, indicators, table or monitoring) as text."""
    return (package_files() / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")


def template_text(name: str) -> str:
    """A bundled template or stylesheet as text."""
    return (package_files() / "templates" / name).read_text(encoding="utf-8")


def schemas_folder() -> Path:
    """Where the installed schemas are on disk, for editors' `$schema` lines."""
    return PACKAGE / "schemas"


def templates_folder() -> Path:
    """Where the installed templates are on disk: the only other folder the PDF stage may read."""
    return PACKAGE / "templates"
