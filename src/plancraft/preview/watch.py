"""The previewed plans in memory, reloaded in process when their sources change (watchfiles)."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from ..compile.document import Document
from ..compile.pipeline import compile_plan
from ..diagnostics import Diagnostic, Location
from ..i18n import _
from ..output.html import render_html
from ..output.pdfengine import DEFAULT_ENGINE, declared_engine
from ..resources import templates_folder
from ..source.model import Plan
from .page import inject, placeholder
from .stable import settled, snapshot
from .typstpdf import Printed, TypstPdfs

WATCH_STEP_MS = 10
"""watchfiles yields a batch once no new change came for this long (half-written files are `stable`'s job)."""
WATCH_DEBOUNCE_MS = 1600
BURST_WINDOW = 0.25
"""A change during a rebuild or this soon after it belongs to a burst (formatter, checkout)."""
BURST_QUIET = 0.3
"""A burst is over once no change came for this long: then the plan is rebuilt once more."""
BURST_LIMIT = 2.0
"""However long a burst goes on, the page is rebuilt at least this often."""
READY_TRIES, READY_WAIT = 100, 0.05

ReloadHook = Callable[["PlanState", float], None]
"""Called as hook(state, seconds) after each reload of a plan."""


@dataclass
class PlanState:
    """One previewed plan: its last good rendering and what its sources say now."""

    root: Path
    slug: str
    title: str = ""
    page: bytes = b""
    """The last good rendering with the reload script, or a placeholder until there is one."""
    good: int = 0
    """The version of `page`: open tabs showing an older one fetch this one."""
    version: int = 0
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    parent: Path | None = None
    """The parent plan's folder, watched for `parent_files`."""
    parent_files: frozenset[Path] = frozenset()
    """The files the parent plan is read from (source/parent.py)."""
    document: Document | None = None
    """The document tree of the last good rendering (the Typst engine prints it)."""

    @property
    def status(self) -> str:
        """ok, or how many errors and warnings the sources have now."""
        if not self.errors and not self.warnings:
            return _("ok")
        parts = [_("{count} error(s)").format(count=len(self.errors))] if self.errors else []
        parts += [_("{count} warning(s)").format(count=len(self.warnings))] if self.warnings else []
        return _(", ").join(parts)

    def summary(self) -> dict:
        """What open tabs are told: the version to show and the problems to lay over it."""
        return {
            "slug": self.slug,
            "version": self.version,
            "good": self.good,
            "status": self.status,
            "errors": [_problem(d) for d in self.errors],
            "warnings": len(self.warnings),
        }


@dataclass
class Rendering:
    """One compile of a plan, not shown yet: its HTML when it has no errors, its diagnostics."""

    html: str | None
    plan: Plan | None
    document: Document | None
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    seconds: float


def _problem(diagnostic: Diagnostic) -> dict:
    return {
        "location": str(diagnostic.location),
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


class Preview:
    """The served plans, kept up to date by a watcher thread and a rebuild thread."""

    def __init__(
        self, roots: Iterable[Path], hook: ReloadHook | None = None, pdf_engine: str | None = None
    ) -> None:
        self.plans: dict[str, PlanState] = {}
        for root in roots:
            root = Path(root).resolve()
            if root.name in self.plans:
                raise ValueError(
                    _("two plans are named {name}: {first} and {second}").format(
                        name=root.name, first=self.plans[root.name].root, second=root
                    )
                )
            self.plans[root.name] = PlanState(root, root.name)
        self.hook = hook
        self.pdf_engine = pdf_engine
        """The engine of every plan's PDF (serve --pdf-engine); None: each plan's own."""
        self.typst = TypstPdfs(self.plans)
        self.templates = templates_folder().resolve()
        self.generation = 0
        self.changed = threading.Condition()
        """Notified whenever a plan's state changes (SSE streams wait on it)."""
        self._pending = threading.Condition()
        self._dirty: set[str] = set()
        self._touched: set[Path] = set()
        """The files changed since the last rebuild began: a page is shown once they are written."""
        self._last_change = 0.0
        self._stopped = threading.Event()
        self._restart = threading.Event()
        self._threads: list[threading.Thread] = []
        self._probe: Path | None = None
        """A private folder written to at start until the watcher reports it: then it watches."""
        self._ready = threading.Event()

    @property
    def stopped(self) -> bool:
        """Whether the preview is shutting down."""
        return self._stopped.is_set()

    def load_all(self) -> None:
        """Load and render every plan once, before serving."""
        for slug in self.plans:
            self.reload(slug)

    def reload(self, slug: str) -> None:
        """Compile and render one plan, keeping the last good rendering when it now has errors."""
        self.show(slug, self.render(slug))
        self.print_ahead(slug)

    def engine(self, slug: str) -> str:
        """The engine of the plan's PDF: serve's --pdf-engine, else plan.yaml's, else the default."""
        return self.pdf_engine or declared_engine(self.plans[slug].root) or DEFAULT_ENGINE

    def typst_pdf(self, slug: str) -> Printed | None:
        """The Typst PDF of the plan's last good rendering (compiled now unless it was), or None
        before the plan has one."""
        state = self.plans[slug]
        with self.changed:
            document, version = state.document, state.good
        return None if document is None else self.typst.pdf(slug, version, document)

    def print_ahead(self, slug: str) -> None:
        """Recompile the plan's Typst PDF now, so that it is ready when asked for."""
        if self.engine(slug) == "typst" and not self.stopped:
            self.typst_pdf(slug)

    def render(self, slug: str) -> Rendering:
        """Compile and render one plan; nothing is shown yet."""
        state = self.plans[slug]
        start = time.perf_counter()
        try:
            loaded = compile_plan(state.root)
            document = loaded.document() if loaded.ok else None
            html = render_html(document) if document is not None else None
            return Rendering(
                html,
                loaded.plan,
                document,
                loaded.diagnostics.errors,
                loaded.diagnostics.warnings,
                time.perf_counter() - start,
            )
        except Exception as exc:  # noqa: BLE001 - shown on the page, the preview goes on
            error = Diagnostic(
                Location(str(state.root)),
                _("internal error: {error}").format(error=f"{type(exc).__name__}: {exc}"),
                hint=_("this is a bug in plancraft; the page shows the last good rendering"),
            )
            return Rendering(None, None, None, [error], [], time.perf_counter() - start)

    def show(self, slug: str, rendering: Rendering) -> None:
        """Make `rendering` the plan's state and tell the open tabs."""
        state = self.plans[slug]
        with self.changed:
            state.version += 1
            state.errors = sorted(rendering.errors, key=_order)
            state.warnings = sorted(rendering.warnings, key=_order)
            plan = rendering.plan
            if plan is not None:
                state.title = plan.meta.title
                state.parent = plan.parent.root.resolve() if plan.parent else None
                state.parent_files = frozenset(
                    path.resolve() for path in (plan.parent.files if plan.parent else ())
                )
            if rendering.html is not None:
                state.good = state.version
                state.document = rendering.document
                state.page = inject(rendering.html, slug, state.good)
            elif not state.page:
                state.good = state.version
                state.page = placeholder(slug, state.good)
            self.generation += 1
            self.changed.notify_all()
        if self.hook:
            self.hook(state, rendering.seconds)

    def wait(self, generation: int, timeout: float) -> int:
        """Wait until the state is newer than `generation` (or the timeout); return it then."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation or self.stopped, timeout)
            return self.generation

    def watch_paths(self) -> list[Path]:
        """The folders to watch: each plan, each parent plan, the package's templates."""
        folders = {state.root for state in self.plans.values()} | {self.templates}
        folders |= {
            state.parent for state in self.plans.values() if state.parent and state.parent.is_dir()
        }
        return sorted(
            path for path in folders if not any(other in path.parents for other in folders)
        )

    def affected(self, paths: Iterable[Path]) -> set[str]:
        """The plans a change to `paths` concerns."""
        slugs: set[str] = set()
        for path in paths:
            if path == self.templates or self.templates in path.parents:
                return set(self.plans)
            for state in self.plans.values():
                if state.root in path.parents or path == state.root:
                    slugs.add(state.slug)
                elif path in state.parent_files:
                    slugs.add(state.slug)
        return slugs

    def changed_files(self, paths: Iterable[Path]) -> None:
        """Note changed files; the rebuild thread takes it from there."""
        paths = list(paths)
        if self._probe and any(self._probe in path.parents for path in paths):
            self._ready.set()
        slugs = self.affected(paths)
        if not slugs:
            return
        with self._pending:
            self._dirty |= slugs
            self._touched.update(paths)
            self._last_change = time.monotonic()
            self._pending.notify_all()

    def start(self) -> None:
        """Start watching and rebuilding in the background; return once the watcher sees changes."""
        self._probe = Path(tempfile.mkdtemp(prefix="plancraft-preview-")).resolve()
        for target, name in (
            (self._watch, "plancraft-watch"),
            (self._rebuild, "plancraft-rebuild"),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        for _try in range(READY_TRIES):  # a save made before the watcher watches would be missed
            (self._probe / "probe").write_bytes(b"")
            if self._ready.wait(READY_WAIT):
                return

    def stop(self) -> None:
        """Stop the threads and wake everyone waiting for a change."""
        self._stopped.set()
        with self._pending:
            self._pending.notify_all()
        with self.changed:
            self.changed.notify_all()
        for thread in self._threads:
            thread.join(timeout=5)
        self.typst.close()
        if self._probe:
            shutil.rmtree(self._probe, ignore_errors=True)

    def _watch(self) -> None:
        stop = _Either(self._stopped, self._restart)
        while not self.stopped:
            self._restart.clear()
            paths = [path for path in self.watch_paths() if path.exists()]
            paths += [self._probe] if self._probe else []
            try:
                for changes in watchfiles.watch(
                    *paths,
                    stop_event=stop,
                    step=WATCH_STEP_MS,
                    debounce=WATCH_DEBOUNCE_MS,
                    raise_interrupt=False,
                ):
                    self.changed_files(Path(name) for _, name in changes)
            except OSError:  # a watched folder went away: watch what is there now
                self.changed_files(paths)
                self._stopped.wait(BURST_QUIET)

    def _rebuild(self) -> None:
        last_end = float("-inf")
        unshown: float | None = None
        """When the first change not shown yet came (a file kept changing while it was read)."""
        while True:
            with self._pending:
                self._pending.wait_for(lambda: bool(self._dirty) or self.stopped)
                if self.stopped:
                    return
                if time.monotonic() - last_end < BURST_WINDOW:
                    self._settle()
                slugs, self._dirty = self._dirty, set()
                files, self._touched = self._touched, set()
            unshown = unshown or time.monotonic()
            paths = self.watch_paths()
            before = snapshot(files)
            renderings = {slug: self.render(slug) for slug in sorted(slugs)}
            if not settled(before, self._stopped.wait) and not self._overdue(unshown):
                self._again(slugs, files)
            else:
                for slug, rendering in renderings.items():
                    self.show(slug, rendering)
                for slug in renderings:
                    self.print_ahead(slug)
                unshown = None
            last_end = time.monotonic()
            if self.watch_paths() != paths:
                self._restart.set()

    def _overdue(self, since: float) -> bool:
        """Whether changes have waited too long to be shown, even though the files keep changing."""
        return time.monotonic() - since >= BURST_LIMIT

    def _again(self, slugs: set[str], files: set[Path]) -> None:
        """The files changed while they were read: rebuild once they stop, as in a burst."""
        with self._pending:
            self._dirty |= slugs
            self._touched |= files
            self._last_change = time.monotonic()

    def _settle(self) -> None:
        """Within a burst of changes, wait (holding `_pending`) until the changes stop."""
        begun = time.monotonic()
        while not self.stopped:
            now = time.monotonic()
            left = min(self._last_change + BURST_QUIET - now, begun + BURST_LIMIT - now)
            if left <= 0:
                return
            self._pending.wait(left)


class _Either:
    """Set when either of two events is: how the watcher is told to stop or to watch others."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


def _order(diagnostic: Diagnostic) -> tuple:
    return diagnostic.location.path, diagnostic.location.line, diagnostic.location.col
