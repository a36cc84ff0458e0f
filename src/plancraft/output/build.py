"""Build: compile plans into the registered formats (output/formats.py), writing each output
atomically so nothing built is lost."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from ..diagnostics import Diagnostics
from ..files import sweep_leftovers, write_atomic
from .formats import Preparation, WriteContext, default_names, in_writing_order, writer

if TYPE_CHECKING:
    from .cache import BuildCache
    from .pdfworker import PdfWorker

StageHook = Callable[[str, str, float], None]
"""Called as hook(plan, stage, seconds) when a stage of a plan's build finishes."""


@dataclass
class BuildResult:
    """What building one plan produced and what went wrong."""

    root: Path
    outputs: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the plan built without errors."""
        return not self.diagnostics.errors


class _Stages:
    """Times the stages of one plan's build and reports each to a hook."""

    def __init__(self, result: BuildResult, hook: StageHook | None) -> None:
        self.result, self.hook = result, hook

    def run(self, stage: str, work: Callable):
        start = time.perf_counter()
        value = work()
        seconds = time.perf_counter() - start
        self.result.timings[stage] = self.result.timings.get(stage, 0.0) + seconds
        if self.hook:
            self.hook(self.result.root.name, stage, seconds)
        return value


def build_plan(
    root: Path,
    out_dir: Path,
    formats: tuple[str, ...] | None = None,
    force: bool = False,
    hook: StageHook | None = None,
    worker: PdfWorker | None = None,
    pdf_engine: str | None = None,
    settings: dict[str, str] | None = None,
) -> BuildResult:
    """Load, check and compile one plan into `out_dir` in `formats` (the registry's defaults when
    None), skipping outputs that are up to date. The PDF is written by `pdf_engine`, else by the
    engine plan.yaml names (output/pdfengine.py); `settings` are build settings for the writers
    that declare them (pdf_variant).

    A format an output is made from (the PDF a .docx takes its page numbers from) is read from its
    file when that is up to date, not made again. A writer that lays out in the PDF worker
    (`in_worker`) uses `worker` when given: it is started as soon as such an output is found out of
    date, so that it imports WeasyPrint while the plan compiles. A writer's `prepare` starts before
    the plan loads, and is closed when it is built. On errors nothing is written and earlier outputs
    stay as they were.
    """
    from ..source.dates import build_date
    from .cache import BuildCache, input_keys, records_key
    from .pdfengine import plan_formats

    root = Path(root)
    formats = plan_formats(root, formats or default_names(), pdf_engine)
    result = BuildResult(root)
    stages = _Stages(result, hook)
    cache = BuildCache(out_dir)
    settings = settings or {}
    created = build_date(root)  # once: the key and the document both hold it
    keys = stages.run(
        "fingerprint", lambda: input_keys(root, in_writing_order(formats), settings, created)
    )
    keys[CHECKED] = records_key(root)
    targets = {fmt: _target(out_dir, root, fmt) for fmt in formats}
    recorded = {
        fmt: cache.lookup(root.name, fmt, keys[fmt], targets[fmt], keys[CHECKED])
        if not force
        else None
        for fmt in formats
    }
    stale = tuple(fmt for fmt in formats if recorded[fmt] is None)
    if not stale and all(found.checked for found in recorded.values() if found):
        result.up_to_date = list(targets.values())
        result.diagnostics.items.extend(
            dict.fromkeys(d for found in recorded.values() if found for d in found.warnings)
        )
        return result
    reused = {} if force else _reusable(cache, root, out_dir, stale, keys)
    to_make = _to_make(stale, reused)
    if worker is not None and any(writer(fmt).in_worker for fmt in to_make):
        worker = _started(worker)
    else:
        worker = None
    prepared: dict[str, Preparation] = {}
    try:
        for fmt in to_make:
            prepare = writer(fmt).prepare
            if prepare is not None:
                prepared[fmt] = prepare()
        return _build(
            root,
            out_dir,
            targets,
            stale,
            to_make,
            reused,
            result,
            stages,
            cache,
            keys,
            worker,
            settings,
            created,
            prepared,
        )
    finally:
        for preparation in prepared.values():
            preparation.close()


def _target(out_dir: Path, root: Path, fmt: str) -> Path:
    """Where format `fmt` of the plan at `root` is written."""
    return out_dir / f"{root.name}.{writer(fmt).file_suffix}"


def _reusable(
    cache: BuildCache, root: Path, out_dir: Path, stale: tuple[str, ...], keys: dict[str, str]
) -> dict[str, bytes]:
    """The bytes of the formats the `stale` outputs are made from (and that are not asked for
    themselves) whose files are up to date: read, not made again."""
    found: dict[str, bytes] = {}
    pending = [used for fmt in stale for used in writer(fmt).uses if used not in stale]
    while pending:
        fmt = pending.pop()
        if fmt in found:
            continue
        target = _target(out_dir, root, fmt)
        if cache.lookup(root.name, fmt, keys[fmt], target) is not None:
            try:
                found[fmt] = target.read_bytes()
                continue
            except OSError:
                pass
        pending += [used for used in writer(fmt).uses if used not in stale]
    return found


def _to_make(stale: tuple[str, ...], reused: dict[str, bytes]) -> list[str]:
    """The writers to run, in order: the `stale` outputs and what they are made from, less what is
    `reused` and what only a reused output needed."""
    needed: set[str] = set()

    def need(fmt: str) -> None:
        if fmt in needed or fmt in reused:
            return
        needed.add(fmt)
        for used in writer(fmt).uses:
            need(used)

    for fmt in stale:
        need(fmt)
    return [fmt for fmt in in_writing_order(stale) if fmt in needed]


CHECKED = "checked"
"""The key under which a build keeps records_key: what the recorded warnings were found on."""


def _started(worker: PdfWorker) -> PdfWorker | None:
    """The worker, forked now so that it imports WeasyPrint while the plan compiles; None if it cannot be."""
    try:
        worker.start()
    except OSError:
        return None
    return worker


def _build(
    root: Path,
    out_dir: Path,
    targets: dict[str, Path],
    stale: tuple[str, ...],
    to_make: list[str],
    reused: dict[str, bytes],
    result: BuildResult,
    stages: _Stages,
    cache: BuildCache,
    keys: dict[str, str],
    worker: PdfWorker | None,
    settings: dict[str, str],
    created: str,
    prepared: dict[str, Preparation],
) -> BuildResult:
    """The `stale` outputs of one plan built by the writers `to_make` (each once, after the writers
    it uses); the `reused` outputs are given to the writers that use them as they are."""
    from ..compile.pipeline import compile_plan

    loaded = stages.run("load", lambda: compile_plan(root))
    result.diagnostics = loaded.diagnostics
    if not loaded.ok:
        return result
    plan = loaded.plan
    document = stages.run("assemble", partial(loaded.document, created))
    out_dir.mkdir(parents=True, exist_ok=True)
    warnings = loaded.diagnostics.sorted()
    context = WriteContext(
        plan.root, out_dir, result.diagnostics, worker=worker, settings=settings, prepared=prepared
    )
    context.outputs.update(reused)
    for fmt in to_make:
        made = writer(fmt)
        if not all(used in context.outputs for used in made.uses):
            continue  # what it lays out failed
        errors = len(result.diagnostics.errors)
        data = stages.run(fmt, partial(made.write, document, context))
        if len(result.diagnostics.errors) > errors:
            continue
        context.outputs[fmt] = data
        if fmt not in stale:
            continue  # made only for a writer that uses it
        write_atomic(targets[fmt], data)
        result.outputs.append(targets[fmt])
        cache.record(plan.slug, fmt, keys[fmt], targets[fmt], warnings, keys[CHECKED])
    for fmt, target in targets.items():  # up to date: only its warnings may be new (record files)
        if fmt not in stale:
            cache.record(plan.slug, fmt, keys[fmt], target, warnings, keys[CHECKED])
    result.up_to_date = [target for fmt, target in targets.items() if fmt not in stale]
    return result


def build_plans(
    roots: list[Path],
    out_dir: Path,
    formats: tuple[str, ...] | None = None,
    force: bool = False,
    jobs: int = 1,
    hook: StageHook | None = None,
    pdf_engine: str | None = None,
    settings: dict[str, str] | None = None,
) -> Iterator[BuildResult]:
    """Build several plans, `jobs` at a time in separate processes; yields each result in the order given."""
    formats = formats or default_names()
    sweep_leftovers(out_dir)  # what a killed build left
    if jobs <= 1 or len(roots) <= 1:
        from .pdfengine import with_engine

        worker = None
        # Only when a writer that may run lays out in a worker is multiprocessing imported (an
        # engine given for every plan may leave none; a .docx or OFD uses the PDF).
        if any(
            writer(fmt).in_worker
            for fmt in in_writing_order(with_engine(formats, pdf_engine or ""))
        ):
            from .pdfworker import PdfWorker, can_overlap

            worker = PdfWorker() if can_overlap() else None
        try:
            for root in roots:
                yield build_plan(root, out_dir, formats, force, hook, worker, pdf_engine, settings)
        finally:
            if worker is not None:
                worker.close()
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when it is used

    # Largest plans first, so the last plan to start is a small one and the workers finish together.
    by_size = sorted(roots, key=_source_size, reverse=True)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(roots)),
        initializer=_pool_worker,
        initargs=(i18n.language(), os.getpid()),
    ) as pool:
        futures = {
            root: pool.submit(
                build_plan, root, out_dir, formats, force, hook, None, pdf_engine, settings
            )
            for root in by_size
        }
        for root in roots:
            yield futures[root].result()


PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when the thread that made it ends."""


def _pool_worker(language: str, build: int) -> None:
    """In a worker of `build --jobs N`: speak the build's language, and end when the build process
    ends, however it ends (a killed build left its workers running, laying out PDFs into OUT)."""
    i18n.set_language(language)
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != build:  # the build ended before the signal was asked for
        os._exit(1)


def _source_size(root: Path) -> int:
    """The bytes of a plan's source files: a good guess at how long its PDF takes."""
    return sum(path.stat().st_size for path in Path(root).rglob("*") if path.is_file())


def default_jobs() -> int:
    """How many plans to build at once by default: the cores this process may use."""
    from .machine import usable_cores

    return usable_cores()
