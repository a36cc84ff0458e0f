"""Incremental builds: an output is rebuilt only when something it is made from has changed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import __version__, i18n
from ..diagnostics import Diagnostic, Location, Severity
from ..files import write_atomic
from ..source.dates import build_date
from ..source.monitoring import MONITORING_DIR
from ..source.parent import parent_files
from ..source.rounds import ROUNDS_DIR
from .formats import writer

CACHE_DIR = ".plancraft-cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/etc/fonts",
)


PYCACHE = "__pycache__"
RECORDS = (MONITORING_DIR, ROUNDS_DIR)
"""The plan's folders of records (monitoring years, review rounds): checked by every build, but part of
an output only when its writer says so (`Writer.records`)."""


def _hash_tree(digest: hashlib._Hash, root: Path, label: str, skip: tuple[str, ...] = ()) -> None:
    """Feed every file under `root` (path and content) into `digest`, in a stable order (by path
    parts, as paths sort); files under the top-level folders `skip` and any __pycache__ are left out."""
    if root.is_file():
        digest.update(f"{label}/{root.name}\0".encode())
        digest.update(hashlib.sha256(root.read_bytes()).digest())
        return
    for parts in sorted(_tree_files(str(root), skip)):
        digest.update(f"{label}/{'/'.join(parts)}\0".encode())
        with open(os.path.join(root, *parts), "rb") as file:
            digest.update(hashlib.sha256(file.read()).digest())


def _tree_files(root: str, skip: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The files under `root` (links to files too, not into linked folders) as path parts."""
    found = []
    for current, folders, files in os.walk(root):
        relative = () if current == root else tuple(os.path.relpath(current, root).split(os.sep))
        folders[:] = [
            name for name in folders if name != PYCACHE and not (not relative and name in skip)
        ]
        for name in files:
            skipped = name == PYCACHE or (not relative and name in skip)
            if not skipped and os.path.isfile(os.path.join(current, name)):
                found.append((*relative, name))
    return found


def _font_lines() -> list[bytes]:
    """The installed font files and fontconfig settings (name, size, modification time), a line
    each, in a stable order: what a writer that declares `fonts` feeds into its key."""
    lines = []
    for folder in FONT_DIRS:
        base = Path(folder).expanduser()
        if not base.is_dir():
            continue
        for current, _dirs, files in sorted(os.walk(base)):
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(current, name))
                    seen = f"{stat.st_size}:{stat.st_mtime_ns}"
                except OSError:
                    seen = "unreadable"
                lines.append(f"{current}/{name}:{seen}\0".encode())
    return lines


@cache
def _versions(libraries: tuple[str, ...]) -> str:
    """The versions of `libraries` (distribution names), 'none' for those missing; looked up once
    per process, which keeps using the versions it imported."""
    installed = _dist_info_versions()
    parts = []
    for package in libraries:
        found = installed.get(_normalised(package)) or _metadata_version(package)
        parts.append(f"{package}={found or 'none'}")
    return ";".join(parts) + "\0"


def _normalised(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _dist_info_versions() -> dict[str, str]:
    """Each distribution's version as its `.dist-info` folder on sys.path names it (the first one
    found wins, as for imports): a listing of each folder, without importing importlib.metadata."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name.removesuffix(".dist-info").partition("-")
                found.setdefault(_normalised(dist), version)
    return found


def _metadata_version(package: str) -> str | None:
    """The version importlib.metadata gives (an egg-info install, say), or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def input_keys(
    root: Path,
    formats: tuple[str, ...],
    settings: dict[str, str] | None = None,
    created: str | None = None,
) -> dict[str, str]:
    """For each format, a digest of everything that output of plan `root` is made from: the plan,
    its parent's files (source/parent.py), the package, the document date (`created` when the
    caller has it: build_date), and what the format's writer declares (among it the build
    `settings` it reads)."""
    digest = hashlib.sha256(f"plancraft {__version__}\0".encode())
    digest.update(f"date={build_date(root) if created is None else created}\0".encode())
    digest.update(
        f"lang={i18n.language()}\0".encode()
    )  # warnings are recorded in the language they were asked in

    _hash_tree(digest, root, "plan", skip=RECORDS)
    records = records_key(root)
    for path in parent_files(root):
        if path.is_file():
            _hash_tree(digest, path, "parent")
        else:
            digest.update(f"parent/{path.name}:absent\0".encode())
    _hash_tree(digest, PACKAGE_DIR, "code")  # the code, the templates and the schemas
    fonts = _font_lines() if any(writer(fmt).fonts for fmt in formats) else []  # walked once
    keys = {}
    for fmt in formats:
        declared = writer(fmt)
        own = digest.copy()
        own.update(f"format={fmt}\0".encode())
        if declared.records:
            own.update(f"records={records}\0".encode())
        own.update(_versions(declared.libraries).encode())
        if declared.fonts:
            for line in fonts:
                own.update(line)
        for name in declared.settings:
            own.update(f"setting {name}={(settings or {}).get(name, '')}\0".encode())
        if declared.fingerprint is not None:
            declared.fingerprint(own)
        keys[fmt] = own.hexdigest()
    return keys


def records_key(root: Path) -> str:
    """A digest of the plan's record files (RECORDS): what a build checks but html and docx leave out."""
    digest = hashlib.sha256()
    for name in RECORDS:
        if (root / name).exists():
            _hash_tree(digest, root / name, name)
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Recorded:
    """An up-to-date output's recorded warnings, and whether they are those of the record files now."""

    warnings: list[Diagnostic]
    checked: bool


class BuildCache:
    """What was last built into an output folder, from which inputs, with which warnings."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / CACHE_DIR

    def _entry_path(self, slug: str, fmt: str) -> Path:
        return self.folder / f"{slug}.{fmt}.json"

    def lookup(
        self, slug: str, fmt: str, key: str, output: Path, checked: str = ""
    ) -> Recorded | None:
        """What was recorded when `output` is up to date with `key`, else None; `checked` says
        whether its warnings were found on the record files as they are now (`checked`)."""
        try:
            entry = json.loads(self._entry_path(slug, fmt).read_text(encoding="utf-8"))
            if entry["key"] != key or entry["output"] != _file_hash(output):
                return None
            warnings = [_diagnostic(item) for item in entry["diagnostics"]]
            return Recorded(warnings, entry.get("checked", "") == checked)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def record(
        self,
        slug: str,
        fmt: str,
        key: str,
        output: Path,
        diagnostics: list[Diagnostic],
        checked: str = "",
    ) -> None:
        """Remember that `output` was built from `key` with these warnings, found when the record
        files were as `checked` says (records_key)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {
            "key": key,
            "checked": checked,
            "output": _file_hash(output),
            "diagnostics": [_record(d) for d in diagnostics],
        }
        write_atomic(
            self._entry_path(slug, fmt),
            json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"),
        )


def _record(diagnostic: Diagnostic) -> dict:
    """A diagnostic's JSON form for the cache, keeping its absolute path."""
    return diagnostic.as_dict() | {"file": diagnostic.location.path}


def _diagnostic(item: dict) -> Diagnostic:
    """Rebuild a diagnostic from its JSON form."""
    return Diagnostic(
        Location(item["file"], item["line"], item["column"]),
        item["message"],
        Severity(item["severity"]),
        item["code"],
        item["hint"],
    )
