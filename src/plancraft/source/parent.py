"""The parent plan (e.g. the municipal plan a district follows), read through the same hardened loader."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from .load import INDICATORS_FILE, PLAN_FILE, load_indicators
from .model import Indicator
from .yamlfile import load_yaml, plain

_indicator_cache: dict[str, dict[str, Indicator]] = {}
MAX_CACHED = 8


def parent_root(plan_root: Path, parent: str) -> Path:
    """The folder of the parent plan named `parent` beside the plan at `plan_root`."""
    return Path(plan_root).parent / parent


def read_plan_data(root: Path, diagnostics: Diagnostics) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parent's plan.yaml and indicators.yaml as plain data ({} for a file that is absent or unreadable)."""
    found = []
    for name in (PLAN_FILE, INDICATORS_FILE):
        path = root / name
        document = load_yaml(path, diagnostics) if path.is_file() else None
        data = plain(document.data) if document is not None else None
        found.append(data if isinstance(data, dict) else {})
    return found[0], found[1]


def indicators_by_name(root: Path) -> dict[str, Indicator]:
    """The parent's indicators by name; parsed once per content of its indicators.yaml, however many ask."""
    path = root / INDICATORS_FILE
    try:
        key = hashlib.sha256(path.read_bytes()).hexdigest() + str(path.resolve())
    except OSError:
        return {}
    if key not in _indicator_cache:
        table = load_indicators(root, Diagnostics())
        if len(_indicator_cache) >= MAX_CACHED:
            _indicator_cache.pop(next(iter(_indicator_cache)))
        _indicator_cache[key] = {row.name: row for row in table.indicators} if table else {}
    return _indicator_cache[key]
