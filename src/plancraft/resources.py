"""Where the bundled templates and schemas live."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def resource_dir(name: str) -> Path:
    """The `templates` or `schema` folder: inside the package when installed, else the project root."""
    for candidate in (PACKAGE_DIR / name, PROJECT_DIR / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"plancraft's {name}/ folder is missing")


def templates_dir() -> Path:
    """The Jinja2 templates and the stylesheet."""
    return resource_dir("templates")


def schema_dir() -> Path:
    """The JSON Schemas."""
    return resource_dir("schema")
