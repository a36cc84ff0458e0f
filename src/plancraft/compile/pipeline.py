"""The compile pipeline for one plan folder: load the sources, resolve ids and numbers, run the checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..source.load import load_plan
from ..source.model import Plan
from ..source.parent import with_parent
from .assemble import assemble
from .document import Document
from .resolve import resolve
from .rules import check_plan


@dataclass
class LoadedPlan:
    """A plan after load, resolve and checks, with everything found wrong."""

    root: Path
    plan: Plan | None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    assembled: Document | None = None
    """The document tree, made on first use."""

    @property
    def ok(self) -> bool:
        """Whether the plan can be built: it loaded and has no errors."""
        return self.plan is not None and self.plan.complete and not self.diagnostics.errors

    def document(self, created: str | None = None) -> Document:
        """The document tree every writer reads (build gives writers only plans without errors);
        `created`: the document date, when the caller has it already (build_date)."""
        if self.plan is None:
            raise ValueError(f"{self.root} did not load; it has no document")
        if self.assembled is None:
            self.assembled = assemble(self.plan, created=created)
        return self.assembled


def compile_plan(root: Path) -> LoadedPlan:
    """Load, resolve and check one plan folder: every check runs here, so `validate` and `build`
    report the same."""
    diagnostics = Diagnostics()
    plan = load_plan(Path(root), diagnostics)
    if plan is not None:
        with_parent(plan)
        resolve(plan, diagnostics)
        check_plan(plan, diagnostics)
    return LoadedPlan(Path(root), plan, diagnostics)
