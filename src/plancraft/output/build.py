"""Build: compile plans to HTML and PDF, writing each output atomically so nothing built is lost."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import i18n
from ..diagnostics import Diagnostic, Diagnostics
from ..files import sweep_leftovers, temporary_beside, write_atomic

if TYPE_CHECKING:
    from .cache import BuildCache
    from .pdfworker import PdfWorker

FORMATS = ("html", "pdf")
"""What `build` writes by default."""
ALL_FORMATS = ("html", "pdf", "docx")

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
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    hook: StageHook | None = None,
    worker: PdfWorker | None = None,
) -> BuildResult:
    """Load, check and compile one plan into `out_dir`, skipping outputs that are up to date.

    A PDF is laid out in `worker` when given (`pdfworker`: it imports WeasyPrint while the plan
    compiles), else in this process. On errors nothing is written and earlier outputs stay as they were.
    """
    from .cache import BuildCache, input_keys

    root = Path(root)
    result = BuildResult(root)
    stages = _Stages(result, hook)
    cache = BuildCache(out_dir)
    keys = stages.run("fingerprint", lambda: input_keys(root, formats))
    targets = {fmt: out_dir / f"{root.name}.{fmt}" for fmt in formats}
    recorded = {
        fmt: cache.lookup(root.name, fmt, keys[fmt], targets[fmt]) if not force else None
        for fmt in formats
    }
    if all(found is not None for found in recorded.values()):
        result.up_to_date = list(targets.values())
        result.diagnostics.items.extend(
            dict.fromkeys(d for found in recorded.values() for d in found or [])
        )
        return result
    if "pdf" not in formats or recorded["pdf"] is not None:
        worker = None
    elif worker is not None:
        worker = _started(worker)
    return _build(root, out_dir, formats, result, stages, cache, keys, recorded, worker)


def _started(worker: PdfWorker) -> PdfWorker | None:
    """The worker, forked now so that it imports WeasyPrint while the plan compiles; None if it cannot be."""
    try:
        worker.start()
    except OSError:
        return None
    return worker


def _write_pdf(
    html: str,
    target: Path,
    plan_root: Path,
    result: BuildResult,
    stages: _Stages,
    worker: PdfWorker | None,
) -> bool:
    """Write the PDF through a temporary file, in the worker when there is one; False when it failed."""
    from .pdf import write_pdf

    make = worker.write_pdf if worker is not None else write_pdf
    with temporary_beside(target) as temporary:
        if not stages.run("pdf", lambda: make(html, temporary, plan_root, result.diagnostics)):
            return False
        os.replace(temporary, target)
    return True


def _build(
    root: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    result: BuildResult,
    stages: _Stages,
    cache: BuildCache,
    keys: dict[str, str],
    recorded: dict[str, list[Diagnostic] | None],
    worker: PdfWorker | None,
) -> BuildResult:
    """The outputs of one plan that are not up to date (`recorded[fmt]` is None), built."""
    from ..compile.pipeline import compile_plan

    loaded = stages.run("load", lambda: compile_plan(root))
    result.diagnostics = loaded.diagnostics
    if not loaded.ok:
        return result
    plan = loaded.plan
    document = stages.run("assemble", loaded.document)
    html = ""
    if {"html", "pdf"} & set(formats):
        from .html import render_html

        html = stages.run("html", lambda: render_html(document))
    out_dir.mkdir(parents=True, exist_ok=True)
    warnings = loaded.diagnostics.sorted()
    for fmt in formats:
        target = out_dir / f"{plan.slug}.{fmt}"
        if recorded[fmt] is not None:
            result.up_to_date.append(target)
            continue
        if fmt == "html":
            write_atomic(target, html.encode("utf-8"))
        elif fmt == "docx":
            from .docx import write_docx

            write_atomic(target, stages.run("docx", lambda: write_docx(document)))
        elif not _write_pdf(html, target, plan.root, result, stages, worker):
            continue
        result.outputs.append(target)
        cache.record(plan.slug, fmt, keys[fmt], target, warnings)
    return result


def build_plans(
    roots: list[Path],
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    jobs: int = 1,
    hook: StageHook | None = None,
) -> Iterator[BuildResult]:
    """Build several plans, `jobs` at a time in separate processes; yields each result in the order given."""
    sweep_leftovers(out_dir)  # what a killed build left
    if jobs <= 1 or len(roots) <= 1:
        from .pdfworker import PdfWorker, can_overlap

        worker = PdfWorker() if "pdf" in formats and can_overlap() else None
        try:
            for root in roots:
                yield build_plan(root, out_dir, formats, force, hook, worker)
        finally:
            if worker is not None:
                worker.close()
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when it is used

    # Largest plans first, so the last plan to start is a small one and the workers finish together.
    by_size = sorted(roots, key=_source_size, reverse=True)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(roots)),
        initializer=i18n.set_language,
        initargs=(i18n.language(),),
    ) as pool:
        futures = {
            root: pool.submit(build_plan, root, out_dir, formats, force, hook) for root in by_size
        }
        for root in roots:
            yield futures[root].result()


def _source_size(root: Path) -> int:
    """The bytes of a plan's source files: a good guess at how long its PDF takes."""
    return sum(path.stat().st_size for path in Path(root).rglob("*") if path.is_file())


def default_jobs() -> int:
    """How many plans to build at once by default: the cores this process may use."""
    from .pdfworker import usable_cores

    return usable_cores()
