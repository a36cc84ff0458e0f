"""The parent plan (read by the loader, source/parent.py) is there, and this plan is not weaker."""

from __future__ import annotations

import difflib

from ...diagnostics import Diagnostics, display_path
from ...i18n import _
from ...source.confine import symlink_loop
from ...source.model import Plan
from ...source.parent import is_path, parent_source
from ..alignment import judge, match_indicators
from .rule import rule


@rule(
    "parent",
    "parent",
    "symlink-loop",
    "parent-id",
    "weaker-than-parent",
    "nature-weakened",
)
def check_parent(plan: Plan, diagnostics: Diagnostics) -> None:
    """The parent plan is found and loads; indicators that follow it are not weaker than it."""
    parent = plan.meta.parent
    if not parent:
        return
    if parent == plan.slug:
        diagnostics.error(
            plan.meta.locate("parent"),
            _("plan '{plan}' names itself as its parent").format(plan=parent),
            code="parent",
            hint=_("name the municipal plan, e.g. parent: beijing, or drop the line"),
        )
        return
    if symlink_loop(parent_source(plan.root, parent)):
        diagnostics.error(
            plan.meta.locate("parent"),
            _("parent plan '{plan}': {problem}").format(
                plan=parent, problem=_("a symbolic link loop")
            ),
            code="symlink-loop",
        )
        return
    upper_plan = plan.parent
    if upper_plan is None:
        return
    if not upper_plan.found:
        message = (
            _("parent plan '{plan}' is not found at {place}")
            if is_path(parent)
            else _("parent plan '{plan}' is not in {place}")
        )
        place = display_path(upper_plan.source if is_path(parent) else plan.root.parent)
        diagnostics.warning(
            plan.meta.locate("parent"), message.format(plan=parent, place=place), code="parent"
        )
        return
    if plan.indicators is None:
        return
    errors = [problem for problem in upper_plan.problems if problem.severity.value == "error"]
    if errors:
        first = errors[0]
        diagnostics.warning(
            plan.meta.locate("parent"),
            _("the parent plan's indicators do not load, so none are compared ({problem})").format(
                problem=f"{first.location}: {first.message}"
            ),
            code="parent",
            hint=_("run plancraft validate on the parent plan"),
        )
        return
    if upper_plan.indicators is not None and not upper_plan.indicators.indicators:
        return
    uppers = upper_plan.indicators.indicators if upper_plan.indicators else []
    known = {upper.id for upper in uppers}
    for indicator in plan.indicators.indicators:
        if indicator.parent_id and indicator.parent_id not in known:
            close = difflib.get_close_matches(indicator.parent_id, sorted(known), n=1)
            message = _("{id}: the parent plan has no indicator '{parent_id}'")
            diagnostics.warning(
                indicator.locate("parent_id"),
                message.format(id=indicator.id, parent_id=indicator.parent_id),
                code="parent-id",
                hint=_("did you mean '{id}'?").format(id=close[0]) if close else "",
            )
    for match in match_indicators(plan.indicators.indicators, uppers):
        verdict, indicator, upper = judge(match), match.indicator, match.upper
        if upper is None or not verdict.compared:
            continue
        if verdict.target_change == "weaker" and indicator.target and upper.target:
            diagnostics.warning(
                indicator.locate("target"),
                _(
                    "{id}: target {target} is weaker than the parent "
                    "plan's {parent_target} for {name}"
                ).format(
                    id=indicator.id,
                    target=indicator.target.text,
                    parent_target=upper.target.text,
                    name=upper.name,
                ),
                code="weaker-than-parent",
                hint=_("{parent} sets {target}").format(parent=parent, target=upper.target.text),
            )
        if verdict.nature_change == "weakened" and not indicator.nature_reason:
            named = "" if upper.name == indicator.name else f" ({upper.name})"
            diagnostics.warning(
                indicator.locate("nature"),
                _("{id}: {name} is {nature} here but {parent_nature} in the parent plan").format(
                    id=indicator.id,
                    name=indicator.name,
                    nature=indicator.nature,
                    parent_nature=upper.nature,
                )
                + named,
                code="nature-weakened",
                hint=_("if that is meant, record why with nature_reason, or set compare: false"),
            )
