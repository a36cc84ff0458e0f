"""The outline has a part for each role the municipal template requires."""

from __future__ import annotations

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.model import ROLES, Plan, Section
from ..resolve import walk
from .rule import rule


@rule("roles", "missing-role")
def check_roles(plan: Plan, diagnostics: Diagnostics) -> None:
    """A complete plan has parts with the roles background, requirements, tasks and safeguards."""
    if not plan.complete:
        return
    present = {item.role for item in walk(plan.outline) if isinstance(item, Section)}
    missing = [role for role in ROLES if role not in present]
    if missing:
        diagnostics.error(
            plan.meta.locate("outline"),
            _("the outline has no part with role {roles}").format(roles=", ".join(missing)),
            code="missing-role",
            hint=_(
                "the municipal template requires background, requirements, tasks and safeguards"
            ),
        )
