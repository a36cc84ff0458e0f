"""The parent plan (e.g. the municipal plan a district follows): resolved and read here, and only here.

`parent:` in plan.yaml names a plan folder beside this one (a slug), or, when it holds a /, a path
relative to the plan folder: another repository's plan folder or a provincial indicators.yaml.
Loading a plan (`compile_plan`: `load_plan`, then `with_parent`) reads its parent into a
`ParentPlan` (source/model.py) that the checks, the indicator report and the preview take as data;
the build cache hashes the same files (`parent_files`); `plancraft new` and the importer scaffold
from the same folder (`read_plan_data`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..limits import YAML_FILE_BYTES
from .confine import Refused, read_confined, symlink_loop
from .model import INDICATORS_FILE, PLAN_FILE, ParentPlan, Plan
from .yamlfile import load_yaml, plain

MAX_CACHED = 8
YAML_SUFFIXES = (".yaml", ".yml")
_cache: dict[tuple[str, tuple[str, ...]], ParentPlan] = {}


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


def declared_parent(plan_root: Path, diagnostics: Diagnostics | None = None) -> str:
    """The `parent:` of plan folder `plan_root` as written, read with the plan loader's YAML reader
    ('' when it names none or plan.yaml does not load; its problems go to `diagnostics`)."""
    path = Path(plan_root) / PLAN_FILE
    try:
        if b"parent" not in read_confined(path, plan_root, YAML_FILE_BYTES):
            return ""  # no such key: skip the YAML parse (the build cache asks on every build)
    except Refused:
        pass  # load_yaml reports it
    found = diagnostics if diagnostics is not None else Diagnostics()
    document = load_yaml(path, found, plan_root) if path.is_file() else None
    data = plain(document.data) if document is not None else None
    return str(data.get("parent") or "") if isinstance(data, dict) else ""


def parent_files(plan_root: Path) -> tuple[Path, ...]:
    """The files the parent of plan `plan_root` is read from, whether they are there or not: what
    a build of it depends on."""
    parent = declared_parent(plan_root)
    if not parent or parent == Path(plan_root).name:
        return ()
    return _files(parent_source(plan_root, parent))


def with_parent(plan: Plan) -> Plan:
    """`plan` with `Plan.parent` read, when it names a parent other than itself."""
    parent = plan.meta.parent
    if parent and parent != plan.slug and not symlink_loop(parent_source(plan.root, parent)):
        plan.parent = read_parent(plan.root, plan.meta.parent)
    return plan


def read_parent(plan_root: Path, parent: str) -> ParentPlan:
    """The parent plan named by `parent:` in the plan folder `plan_root`."""
    return read_plan_at(parent_source(plan_root, parent), parent)


def read_plan_at(source: Path, name: str = "") -> ParentPlan:
    """The title and indicator table of a plan folder or an indicators file `source`; read once
    per content of its files, however many plans (and reloads of the preview) ask."""
    source = Path(source)
    files = _files(source)
    key = (str(source.resolve()), tuple(_digest(path) for path in files))
    if key not in _cache:
        if len(_cache) >= MAX_CACHED:
            _cache.pop(next(iter(_cache)))
        _cache[key] = _read(source, files)
    return dataclasses.replace(_cache[key], name=name or str(source))


def _files(source: Path) -> tuple[Path, ...]:
    """The files a parent at `source` is read from, whether they are there or not."""
    if source.suffix in YAML_SUFFIXES:
        return (source,)
    return (source / PLAN_FILE, source / INDICATORS_FILE)


def _digest(path: Path) -> str:
    """The content hash of `path`, or what keeps the place of an absent or unreadable one."""
    try:
        return hashlib.sha256(read_confined(path, path.parent, YAML_FILE_BYTES)).hexdigest()
    except Refused as refused:
        return "absent" if refused.code == "file-missing" else "refused"


def _read(source: Path, files: tuple[Path, ...]) -> ParentPlan:
    from .load import load_indicators  # not at import: the build cache needs only `parent_files`

    is_file = source.suffix in YAML_SUFFIXES
    folder = source.parent if is_file else source
    indicators_file = source if is_file else source / INDICATORS_FILE
    found = source.is_file() if is_file else (source / PLAN_FILE).is_file()
    title = ""
    if not is_file and found:
        document = load_yaml(source / PLAN_FILE, Diagnostics(), source)
        data = plain(document.data) if document is not None else None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            title = data["title"]
    problems = Diagnostics()
    table = (
        load_indicators(folder, problems, indicators_file)
        if os.path.lexists(indicators_file)
        else None
    )
    return ParentPlan(
        "", source, found, title, table, indicators_file, files, tuple(problems.items)
    )


def read_plan_data(root: Path, diagnostics: Diagnostics) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parent's plan.yaml and indicators.yaml as plain data ({} for a file that is absent or
    unreadable), for `plancraft new --parent` and `import --parent` to scaffold from."""
    found = []
    for name in (PLAN_FILE, INDICATORS_FILE):
        path = root / name
        document = load_yaml(path, diagnostics, root) if path.is_file() else None
        data = plain(document.data) if document is not None else None
        found.append(data if isinstance(data, dict) else {})
    return found[0], found[1]
