"""Build: compile plans to HTML and PDF, writing each output atomically so nothing built is lost."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .api import LoadedPlan, load
from .diagnostics import Diagnostics
from .render import render_html

FORMATS = ("html", "pdf")


@dataclass
class BuildResult:
    """What building one plan produced and what went wrong."""

    root: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @property
    def ok(self) -> bool:
        """Whether the plan built without errors."""
        return not self.diagnostics.errors


def build_plan(root: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> BuildResult:
    """Load, check and compile one plan into `out_dir`; on errors nothing is written."""
    loaded: LoadedPlan = load(root)
    result = BuildResult(Path(root), diagnostics=loaded.diagnostics)
    if not loaded.ok:
        return result
    plan = loaded.plan
    html = render_html(plan)
    out_dir.mkdir(parents=True, exist_ok=True)
    if "html" in formats:
        target = out_dir / f"{plan.slug}.html"
        write_atomic(target, html.encode("utf-8"))
        result.outputs.append(target)
    if "pdf" in formats:
        from .pdf import write_pdf

        target = out_dir / f"{plan.slug}.pdf"
        with _temporary(target) as temporary:
            if write_pdf(html, temporary, plan.root, result.diagnostics):
                os.replace(temporary, target)
                result.outputs.append(target)
    return result


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file and a rename."""
    with _temporary(target) as temporary:
        temporary.write_bytes(data)
        os.replace(temporary, target)


def _umask() -> int:
    """The process umask, so outputs get the same mode as any other new file."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _temporary:
    """A temporary file beside `target`, removed unless it was renamed into place."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        os.close(handle)
        self.path = Path(name)
        self.path.chmod(0o666 & ~_umask())
        return self.path

    def __exit__(self, *exc_info: object) -> None:
        self.path.unlink(missing_ok=True)

