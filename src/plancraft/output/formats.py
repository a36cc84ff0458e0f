"""The output formats `build` can write: one registry of writers, each declared in one line.

A writer turns the document tree into the bytes of one file. `build`, the build cache and the
CLI's `--format` read this registry; nothing else names a format. Registering imports nothing
heavy: a built-in writer's function is named by its module path and imported when it first
writes. docs/architecture.md has the recipe for adding a format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..files import temporary_beside

if TYPE_CHECKING:
    import hashlib

    from ..compile.document import Document
    from ..diagnostics import Diagnostics
    from .pdfworker import PdfWorker

DEFAULT_ALIAS = "both"
"""What `--format` accepts for the default set (html,pdf)."""


@dataclass
class WriteContext:
    """What a writer may use besides the document: the plan, where to report, and earlier outputs."""

    plan_root: Path
    """The plan folder: the only place a writer may read files from (images)."""
    out_dir: Path
    """The output folder, where `scratch_file` makes its files."""
    diagnostics: Diagnostics
    """Where a writer reports; a writer that reports an error has its output discarded."""
    outputs: dict[str, bytes] = field(default_factory=dict)
    """The bytes written so far for this plan, by format; a writer reads those it `uses`."""
    worker: PdfWorker | None = None
    """A forked PDF worker that imported WeasyPrint while the plan compiled (output/pdfworker.py)."""
    settings: dict[str, str] = field(default_factory=dict)
    """Build settings given on the command line (pdf_variant), by name; a writer reads those it declares."""
    prepared: dict[str, Any] = field(default_factory=dict)
    """What each writer's `prepare` started for this build, by format (Writer.prepare)."""

    def output(self, name: str) -> bytes:
        """The bytes writer `name` made for this plan (it must be among the writer's `uses`)."""
        return self.outputs[name]

    @contextmanager
    def scratch_file(self, suffix: str) -> Iterator[Path]:
        """A temporary file in the output folder, for a library that writes to a path; removed after."""
        with temporary_beside(self.out_dir / f"{self.plan_root.name}.{suffix}") as path:
            yield path


WriteFunction = Callable[["Document", WriteContext], bytes]


class Preparation(Protocol):
    """Work for a writer that needs no document, started before the plan loads (Writer.prepare)."""

    def close(self) -> None:
        """End the work if nobody used it, and free what it holds."""


@dataclass(frozen=True)
class Writer:
    """One output format: its name, its file suffix, how it writes and what its output depends on."""

    name: str
    write: WriteFunction
    suffix: str = ""
    """The file suffix without the dot; the name when empty."""
    default: bool = False
    """Whether `build` writes it when no --format is given."""
    uses: tuple[str, ...] = ()
    """Formats whose output this writer reads (pdf lays out html); they are made first, once."""
    libraries: tuple[str, ...] = ()
    """Distributions whose versions go into its fingerprint (e.g. weasyprint)."""
    fonts: bool = False
    """Whether the installed fonts go into its fingerprint (they change the layout)."""
    fingerprint: Callable[[hashlib._Hash], None] | None = None
    """Feeds anything else its output depends on into the cache key (the package code always is)."""
    in_worker: bool = False
    """Whether it writes through the forked PDF worker when `build` has one (pdf)."""
    settings: tuple[str, ...] = ()
    """Build settings it reads (WriteContext.settings); their values go into its fingerprint."""
    records: bool = True
    """Whether its output may hold the plan's monitoring year and review round files (a PDF/A-3 embeds
    every source file); when not, an edit of those rebuilds nothing, it is only checked again."""
    prepare: Callable[[], Preparation] | None = None
    """Called when a build is about to run this writer, before the plan loads: starts work that needs
    no document (pdf-typst: fontconfig's listing of faces, in a process of its own). What it returns
    reaches the writer as WriteContext.prepared[name]; the build closes it when the plan is built."""

    @property
    def file_suffix(self) -> str:
        """The suffix of the files it writes, without the dot."""
        return self.suffix or self.name


def lazy(target: str) -> WriteFunction:
    """A write function named as "module:function", imported on its first call."""
    attribute = target.partition(":")[2]

    def write(document: Document, context: WriteContext) -> bytes:
        function: Any = _imported(target)
        return function(document, context)

    write.__qualname__ = write.__name__ = attribute
    return write


def lazy_prepare(target: str) -> Callable[[], Preparation]:
    """A prepare function named as "module:callable", imported on its first call."""

    def prepare() -> Preparation:
        function: Any = _imported(target)
        return function()

    return prepare


def _imported(target: str) -> Any:
    """What a "module:name" target names."""
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


_writers: dict[str, Writer] = {}


class UnknownFormat(ValueError):
    """A --format list names formats nobody registered."""

    def __init__(self, unknown: list[str]) -> None:
        super().__init__(", ".join(unknown))
        self.unknown = unknown


def register(writer: Writer) -> Writer:
    """Add an output format (replacing one of the same name)."""
    _writers[writer.name] = writer
    return writer


def unregister(name: str) -> None:
    """Remove an output format."""
    _writers.pop(name, None)


@contextmanager
def registered(writer: Writer) -> Iterator[Writer]:
    """Register `writer` for the length of a `with` block (tests, plugins tried out); the registry is
    then as it was, in its order too."""
    before = dict(_writers)
    register(writer)
    try:
        yield writer
    finally:
        _writers.clear()
        _writers.update(before)


def writer(name: str) -> Writer:
    """The writer of format `name`; UnknownFormat when none is registered."""
    try:
        return _writers[name]
    except KeyError:
        raise UnknownFormat([name]) from None


def names() -> tuple[str, ...]:
    """Every registered format, in the order registered."""
    return tuple(_writers)


def default_names() -> tuple[str, ...]:
    """The formats `build` writes by default."""
    return tuple(name for name, found in _writers.items() if found.default)


def parse_formats(text: str) -> tuple[str, ...]:
    """A --format value ("html,pdf", "docx", "both") as format names; UnknownFormat when one is not."""
    if text.strip() == DEFAULT_ALIAS:
        return default_names()
    given = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [part for part in given if part not in _writers]
    if unknown or not given:
        raise UnknownFormat(unknown)
    return given


def in_writing_order(formats: tuple[str, ...]) -> tuple[str, ...]:
    """`formats` and the formats they use, each after those it uses, each once."""
    ordered: dict[str, None] = {}
    visiting: set[str] = set()

    def add(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise ValueError(f"output formats use each other in a cycle: {name}")
        visiting.add(name)
        for used in writer(name).uses:
            add(used)
        ordered[name] = None

    for name in formats:
        add(name)
    return tuple(ordered)


register(Writer("html", lazy("plancraft.output.html:write"), default=True, records=False))
register(
    Writer(
        "pdf",
        lazy("plancraft.output.pdf:write"),
        default=True,
        uses=("html",),
        libraries=("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2"),
        fonts=True,
        in_worker=True,
        settings=("pdf_variant",),
    )
)
register(
    Writer(
        "docx",
        lazy("plancraft.output.docx:write"),
        uses=("pdf",),
        libraries=(
            "python-docx",
            "lxml",
            "pikepdf",
            "weasyprint",
            "pydyf",
            "fonttools",
            "tinycss2",
            "cssselect2",
        ),
        fonts=True,
        records=False,
    )
)
register(
    Writer(
        "pdf-typst",
        lazy("plancraft.output.typst.pdf:write"),
        suffix="pdf",
        libraries=("typst", "pikepdf"),
        fonts=True,
        settings=("pdf_variant",),
        prepare=lazy_prepare("plancraft.output.typst.narrow:FontListing"),
    )
)
register(
    Writer(
        "ofd",
        lazy("plancraft.output.ofd:write"),
        uses=("pdf",),
        libraries=("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "pikepdf"),
        fonts=True,
    )
)
