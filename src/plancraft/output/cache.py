"""Incremental builds: an output is rebuilt only when something it is made from has changed."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .. import __version__, i18n
from ..diagnostics import Diagnostic, Location, Severity
from ..files import write_atomic
from ..source.confine import Refused, read_confined
from ..source.dates import build_date
from ..source.parent import parent_indicators_file

CACHE_DIR = ".plancraft-cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/etc/fonts",
)
PARENT_RE = re.compile(r"^parent:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def _hash_tree(digest: hashlib._Hash, root: Path, label: str) -> None:
    """Feed every file under `root` (path and content) into `digest`, in a stable order."""
    if root.is_file():
        files = [root]
    else:
        files = sorted(
            path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts
        )
    for path in files:
        digest.update(f"{label}/{path.relative_to(root) if path != root else path.name}\0".encode())
        digest.update(_content_digest(path))


def _content_digest(path: Path) -> bytes:
    """The sha256 of a regular file's content, of a symlink's target text (never followed: what it
    names inside the plan is hashed on its own), or of nothing for a pipe or device."""
    if path.is_symlink():
        return hashlib.sha256(os.readlink(path).encode()).digest()
    if not path.is_file():
        return hashlib.sha256(b"").digest()
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _hash_fonts(digest: hashlib._Hash) -> None:
    """Feed the installed font files and fontconfig settings (name, size, modification time) into `digest`."""
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
                digest.update(f"{current}/{name}:{seen}\0".encode())


def _pdf_toolchain() -> str:
    """The versions of the libraries that lay out and write the PDF, and the fontconfig setup."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2"):
        try:
            parts.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}=none")
    return ";".join(parts) + "\0"


def _docx_toolchain() -> str:
    """The versions of the libraries that write the .docx package."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"python-docx={version('python-docx')};lxml={version('lxml')}\0"
    except PackageNotFoundError:
        return "python-docx=none\0"


def input_keys(root: Path, formats: tuple[str, ...]) -> dict[str, str]:
    """For each format, a digest of everything that output of plan `root` is made from."""
    digest = hashlib.sha256(f"plancraft {__version__}\0".encode())
    digest.update(f"date={build_date(root)}\0".encode())
    digest.update(
        f"lang={i18n.language()}\0".encode()
    )  # warnings are recorded in the language they were asked in

    _hash_tree(digest, root, "plan")
    plan_yaml = root / "plan.yaml"
    try:
        parent = PARENT_RE.search(read_confined(plan_yaml, root).decode("utf-8", errors="replace"))
    except Refused:
        parent = None
    parent_file = parent_indicators_file(root, parent.group(1)) if parent else None
    if parent_file is not None and parent_file.is_file():
        _hash_tree(digest, parent_file, "parent")
    _hash_tree(digest, PACKAGE_DIR, "code")  # the code, the templates and the schemas
    keys = {}
    for fmt in formats:
        own = digest.copy()
        own.update(f"format={fmt}\0".encode())
        if fmt == "pdf":
            own.update(_pdf_toolchain().encode())
            _hash_fonts(own)
        if fmt == "docx":
            own.update(_docx_toolchain().encode())
        keys[fmt] = own.hexdigest()
    return keys


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class BuildCache:
    """What was last built into an output folder, from which inputs, with which warnings."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / CACHE_DIR

    def _entry_path(self, slug: str, fmt: str) -> Path:
        return self.folder / f"{slug}.{fmt}.json"

    def lookup(self, slug: str, fmt: str, key: str, output: Path) -> list[Diagnostic] | None:
        """The recorded warnings when `output` is up to date with `key`, else None."""
        try:
            entry = json.loads(self._entry_path(slug, fmt).read_text(encoding="utf-8"))
            if entry["key"] != key or entry["output"] != _file_hash(output):
                return None
            return [_diagnostic(item) for item in entry["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def record(
        self, slug: str, fmt: str, key: str, output: Path, diagnostics: list[Diagnostic]
    ) -> None:
        """Remember that `output` was built from `key` with these warnings."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {
            "key": key,
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
