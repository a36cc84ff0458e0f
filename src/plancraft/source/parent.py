"""The parent plan (e.g. the municipal plan a district follows), read through the same hardened loader."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..limits import YAML_FILE_BYTES
from .confine import Refused, read_confined
from .load import INDICATORS_FILE, PLAN_FILE, load_indicators
from .model import Indicator
from .yamlfile import load_yaml, plain

_indicator_cache: dict[str, list[Indicator]] = {}
MAX_CACHED = 8
YAML_SUFFIXES = (".yaml", ".yml")


def is_path(parent: str) -> bool:
    """Whether `parent:` is a path (it holds a /) rather than the slug of a plan beside this one."""
    return "/" in parent


def parent_source(plan_root: Path, parent: str) -> Path:
    """What `parent:` names: a slug is the plan folder beside `plan_root`; a path (relative to
    `plan_root`, or absolute) is another repository's plan folder or a provincial plan's
    indicators.yaml."""
    if is_path(parent):
        return Path(plan_root) / Path(parent).expanduser()
    return Path(plan_root).parent / parent


def parent_root(plan_root: Path, parent: str) -> Path:
    """The folder of the parent plan named by `parent` (for an indicators file, its folder)."""
    source = parent_source(plan_root, parent)
    return source.parent if source.suffix in YAML_SUFFIXES else source


def parent_indicators_file(plan_root: Path, parent: str) -> Path:
    """The indicators.yaml of the parent plan named by `parent`."""
    source = parent_source(plan_root, parent)
    return source if source.suffix in YAML_SUFFIXES else source / INDICATORS_FILE


def parent_found(plan_root: Path, parent: str) -> bool:
    """Whether the parent named by `parent` is there: a folder with plan.yaml, or the file."""
    source = parent_source(plan_root, parent)
    return source.is_file() if source.suffix in YAML_SUFFIXES else (source / PLAN_FILE).is_file()


def read_plan_data(root: Path, diagnostics: Diagnostics) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parent's plan.yaml and indicators.yaml as plain data ({} for a file that is absent or unreadable)."""
    found = []
    for name in (PLAN_FILE, INDICATORS_FILE):
        path = root / name
        document = load_yaml(path, diagnostics, root) if path.is_file() else None
        data = plain(document.data) if document is not None else None
        found.append(data if isinstance(data, dict) else {})
    return found[0], found[1]


def parent_indicators(path: Path) -> list[Indicator]:
    """The indicators of the parent's indicators file `path` ([] when it does not load); parsed
    once per content of the file, however many plans ask."""
    path = Path(path)
    try:
        key = hashlib.sha256(read_confined(path, path.parent, YAML_FILE_BYTES)).hexdigest() + str(
            path.resolve()
        )
    except Refused:
        return []
    if key not in _indicator_cache:
        table = load_indicators(path.parent, Diagnostics(), path)
        if len(_indicator_cache) >= MAX_CACHED:
            _indicator_cache.pop(next(iter(_indicator_cache)))
        _indicator_cache[key] = list(table.indicators) if table else []
    return _indicator_cache[key]
