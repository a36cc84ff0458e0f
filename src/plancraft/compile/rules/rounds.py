"""Checks on the comment rounds (reviews/*.yaml): every item decided, a reason for each one not adopted."""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import Plan
from ...source.rounds import REJECTED, UNDECIDED
from .rule import rule


@rule("rounds", "round-undecided", "round-reason")
def check_rounds(plan: Plan, diagnostics: Diagnostics) -> None:
    """Every item of a comment round (reviews/*.yaml) is decided, and one not adopted says why."""
    for found in plan.rounds:
        for item in found.items:
            if item.decision == UNDECIDED:
                diagnostics.warning(
                    item.decision_location,
                    _("comment {number} of round {round} is not decided yet").format(
                        number=item.number, round=found.name
                    ),
                    code="round-undecided",
                    hint=_("set decision to 采纳, 部分采纳 or 不采纳"),
                )
            elif item.decision == REJECTED and not item.reason.strip():
                diagnostics.error(
                    item.decision_location,
                    _("comment {number} of round {round} is not adopted without a reason").format(
                        number=item.number, round=found.name
                    ),
                    code="round-reason",
                    hint=_("write the reason under reason: it goes into the 编制说明"),
                )
