"""The 印发通知 ends with the issuer's signature and the date it was written."""

from __future__ import annotations

import re

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.markdown import plain_text
from ...source.model import Plan, Prose
from ..resolve import walk
from .rule import rule

NUMERALS = "0-9〇零一二三四五六七八九十"
DATE_LINE_RE = re.compile(
    rf"^\s*[{NUMERALS}]{{4}}\s*年\s*[{NUMERALS}]{{1,2}}\s*月\s*[{NUMERALS}]{{1,3}}\s*日\s*$"
)


@rule("notice", "notice-unsigned")
def check_notice(plan: Plan, diagnostics: Diagnostics) -> None:
    """A notice has a signature paragraph ({.signature}) and a date line (2023年6月13日)."""
    blocks = [item for item in walk(plan.notice) if isinstance(item, Prose)]
    if not blocks:
        return
    lines = [
        (line, "signature" in block.classes)
        for block in blocks
        for line in plain_text(block.tokens).splitlines()
    ]
    dated = any(DATE_LINE_RE.match(line) for line, _signature in lines)
    signed = any(signature and not DATE_LINE_RE.match(line) for line, signature in lines)
    if signed and dated:
        return
    if not signed and not dated:
        message = _("the notice ends without the issuer's signature and the date")
    elif not signed:
        message = _("the notice ends without the issuer's signature")
    else:
        message = _("the notice ends without the date it was written")
    diagnostics.warning(
        blocks[-1].location,
        message,
        code="notice-unsigned",
        hint=_(
            "end it with the issuer and the date, each a {.signature} paragraph, as the original"
        ),
    )
