"""The library API: load, validate and build plans. The CLI is a thin shell over these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compile.pipeline import LoadedPlan, compile_plan

if TYPE_CHECKING:
    from .source.model import Plan

__all__ = ["LoadedPlan", "compare_revisions", "discover", "load", "validate"]

PLANS_DIR = Path("plans")


def discover(plans_dir: Path = PLANS_DIR) -> list[Path]:
    """Every plan folder (one holding plan.yaml) under `plans_dir`, sorted by name; hidden folders
    (an import's draft being written) are not plans."""
    if not plans_dir.is_dir():
        return []
    return sorted(
        path.parent
        for path in plans_dir.glob("*/plan.yaml")
        if not path.parent.name.startswith(".")
    )


def load(root: Path) -> LoadedPlan:
    """Load, resolve and check one plan folder."""
    return compile_plan(root)


def validate(roots: list[Path]) -> list[LoadedPlan]:
    """Load and check each plan folder."""
    return [load(root) for root in roots]


def compare_revisions(
    old: str,
    new: str | None,
    plan_dirs: list[Path],
    plans_dir: Path = PLANS_DIR,
    comparer: Callable[[Plan, Plan], Any] | None = None,
) -> tuple[list[tuple[str, Any]], list]:
    """Diff each plan between git revision `old` and `new` (None: the working tree).

    Returns (slug, changes) per plan (what `comparer` makes of the two plans: by default the list of
    changes) and the diagnostics of any version that does not load.
    """
    from .review.diff import compare

    comparer = comparer or compare
    from .review.revisions import checkout_plan, plan_dirs_at, resolve_revision

    anchor = plan_dirs[0].parent if plan_dirs else plans_dir
    for revision in (old, new):
        if revision is not None:
            resolve_revision(revision, anchor if anchor.exists() else Path.cwd())
    if not plan_dirs:
        names = set(plan_dirs_at(old, plans_dir))
        names |= (
            set(plan_dirs_at(new, plans_dir))
            if new
            else {path.name for path in discover(plans_dir)}
        )
        plan_dirs = [plans_dir / name for name in sorted(names)]
    results, problems = [], []
    for plan_dir in plan_dirs:
        versions = []
        for revision in (old, new):
            if revision is None:
                versions.append(load(plan_dir) if (plan_dir / "plan.yaml").is_file() else None)
                continue
            with checkout_plan(revision, plan_dir) as folder:
                versions.append(load(folder) if folder else None)
        before, after = versions
        for version in (before, after):
            if version is not None and not version.ok:
                problems.extend(version.diagnostics.errors)
        if before is None or after is None or not before.ok or not after.ok:
            from .review.diff import Change

            if before is None and after is not None:
                results.append(
                    (
                        plan_dir.name,
                        [
                            Change(
                                "added", plan_dir.name, after.plan.meta.title if after.plan else ""
                            )
                        ],
                    )
                )
            elif after is None and before is not None:
                results.append((plan_dir.name, [Change("removed", plan_dir.name, "")]))
            continue
        if before.plan is not None and after.plan is not None:
            results.append((plan_dir.name, comparer(before.plan, after.plan)))
    return results, problems


def compare_plans(
    old_dir: Path, new_dir: Path, comparer: Callable[[Plan, Plan], Any] | None = None
) -> tuple[list[tuple[str, Any]], list]:
    """Diff two plan folders by id (a plan against the one it was started from with `new --from`)."""
    from .review.diff import compare

    comparer = comparer or compare

    before, after = load(old_dir), load(new_dir)
    problems = [*before.diagnostics.errors, *after.diagnostics.errors]
    if not (before.ok and after.ok) or before.plan is None or after.plan is None:
        return [], problems
    return [(new_dir.name, comparer(before.plan, after.plan))], problems
