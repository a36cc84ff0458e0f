"""The library API: load, validate and build plans. The CLI is a thin shell over these."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_plan
from .diagnostics import Diagnostics
from .load import load_plan
from .model import Plan
from .resolve import resolve

PLANS_DIR = Path("plans")


@dataclass
class LoadedPlan:
    """A plan after load, resolve and checks, with everything found wrong."""

    root: Path
    plan: Plan | None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @property
    def ok(self) -> bool:
        """Whether the plan can be built: it loaded and has no errors."""
        return self.plan is not None and self.plan.complete and not self.diagnostics.errors


def discover(plans_dir: Path = PLANS_DIR) -> list[Path]:
    """Every plan folder (one holding plan.yaml) under `plans_dir`, sorted by name."""
    if not plans_dir.is_dir():
        return []
    return sorted(path.parent for path in plans_dir.glob("*/plan.yaml"))


def load(root: Path) -> LoadedPlan:
    """Load, resolve and check one plan folder."""
    diagnostics = Diagnostics()
    plan = load_plan(Path(root), diagnostics)
    if plan is not None:
        resolve(plan, diagnostics)
        check_plan(plan, diagnostics)
    return LoadedPlan(Path(root), plan, diagnostics)


def validate(roots: list[Path]) -> list[LoadedPlan]:
    """Load and check each plan folder."""
    return [load(root) for root in roots]
