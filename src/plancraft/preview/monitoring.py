"""The preview's monitoring page of a plan: the monitoring report as HTML, with the reload script."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostics
from ..monitor.data import monitored
from ..monitor.report import monitoring_report
from ..report import render
from ..source.load import load_plan_data
from .page import inject, placeholder

if TYPE_CHECKING:
    from .watch import PlanState


def monitoring_page(state: PlanState) -> bytes:
    """The plan's monitoring report, made afresh from its year files; it reloads with the plan."""
    plan = load_plan_data(state.root, Diagnostics())
    if plan is None:
        return placeholder(state.slug, state.good)
    html = render(monitoring_report([monitored(plan)]), "html").decode("utf-8")
    return inject(html, state.slug, state.good)
