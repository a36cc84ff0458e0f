"""Paragraphs and other blocks of text: references, hidden characters, images, typed numbers, raw HTML."""

from __future__ import annotations

import difflib
import re

from ...diagnostics import Diagnostics
from ...i18n import _
from ...source.markdown import plain_text, references
from ...source.media import image_problem
from ...source.model import Plan, Prose
from ..numbering import NUMERAL_CHARS, typed_number
from ..resolve import document_items
from .rule import rule
from .text import check_hidden, located_in_block

# Image syntax that markdown-it printed as text because it refused the URL (file:, non-image data:).
UNPARSED_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")
# A numbered thing referred to by its printed number, which drifts when the numbering changes.
TYPED_REFERENCE_RE = re.compile(
    r"表\s*[0-9]+|专栏\s*[0-9" + NUMERAL_CHARS + r"]+|第[" + NUMERAL_CHARS + r"]+(?:部分|章|节)"
)


@rule(
    "prose",
    "unknown-ref",
    "invisible-character",
    "sandbox",
    "typed-number",
    "typed-reference",
    "raw-html",
)
def check_prose(plan: Plan, diagnostics: Diagnostics) -> None:
    """Blocks of text: known references, no hidden characters, images inside, no typed numbers or HTML."""
    for item in document_items(plan):
        if not isinstance(item, Prose):
            continue
        _check_references(item, plan, diagnostics)
        text = plain_text(item.tokens)
        check_hidden(text, item.location, diagnostics)
        _check_images(item, plan, diagnostics)
        if item.tokens[0].type == "paragraph_open":
            typed = typed_number(text)
            if (
                typed
                and typed[0] in "第（(0123456789" + NUMERAL_CHARS
                and not typed.startswith("表")
            ):
                diagnostics.warning(
                    item.location,
                    _("paragraph starts with the typed number '{typed}'").format(typed=typed),
                    code="typed-number",
                    hint=_("make it a heading (with .run-in if text follows)"),
                )
        _check_typed_references(item, plan, diagnostics)
        if any(token.type in ("html_block", "html_inline") for token in item.tokens):
            diagnostics.warning(
                item.location, _("raw HTML is not allowed and is printed as text"), code="raw-html"
            )


def _check_references(item: Prose, plan: Plan, diagnostics: Diagnostics) -> None:
    for target, location in references(item.tokens, item.location.path):
        if target not in plan.labels and target not in plan.unloaded:
            close = difflib.get_close_matches(target, list(plan.labels), n=1)
            diagnostics.error(
                location,
                _("reference to unknown id '{id}'").format(id=target),
                code="unknown-ref",
                hint=_("did you mean '{id}'?").format(id=close[0]) if close else "",
            )


def _check_typed_references(item: Prose, plan: Plan, diagnostics: Diagnostics) -> None:
    """见表1, 专栏3, 第三部分 typed as text: printed numbers that go stale when the numbering changes."""
    by_label = {label: ident for ident, label in plan.labels.items()}
    for token in item.tokens:
        if token.type != "inline":
            continue
        for match in TYPED_REFERENCE_RE.finditer(token.content):
            typed = re.sub(r"\s+", "", match.group(0))
            if (
                match.start() == 0
                and item.tokens[0].type == "paragraph_open"
                and typed_number(token.content)
            ):
                continue  # a typed heading number, reported as such
            location = located_in_block(item.location, token.content[: match.start()])
            target = by_label.get(typed)
            hint = (
                _("write {reference}").format(reference=f"[@{target}]")
                if target
                else _("no {typed} exists; refer to it as [@id]").format(typed=typed)
            )
            diagnostics.warning(
                location,
                _(
                    "'{typed}' is typed as text; printed numbers change when the plan is renumbered"
                ).format(typed=typed),
                code="typed-reference",
                hint=hint,
            )


def _check_images(item: Prose, plan: Plan, diagnostics: Diagnostics) -> None:
    """Every image must be a file inside the plan folder (or a data: image); anything else is refused."""
    sources = [
        str(child.attrGet("src") or "")
        for token in item.tokens
        for child in token.children or []
        if child.type == "image"
    ]
    # markdown-it itself prints images with file: or non-image data: URLs as text; say why.
    for token in item.tokens:
        text = "".join(child.content for child in token.children or [] if child.type == "text")
        sources += UNPARSED_IMAGE_RE.findall(text)
    for src in sources:
        problem = image_problem(src, plan.root)
        if problem:
            shown = src if len(src) <= 80 else src[:77] + "..."
            diagnostics.error(
                item.location,
                _("image '{image}' refused: {problem}").format(image=shown, problem=problem),
                code="sandbox",
                hint=_("put the image in the plan folder and give its relative path"),
            )
