"""The subjects of the benchmark, and the order in which a full run measures them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from common import Results, Scratch

from . import (
    afterwards,
    bombs,
    docx,
    engines,
    html,
    importing,
    indicators,
    jobs,
    pdf,
    preview,
    scale,
    validate,
)


@dataclass(frozen=True)
class Step:
    """One measurement of a subject; `warm`: it wants the untimed warm-up build before it."""

    subject: str
    measure: Callable[[Scratch, int, Results], None]
    warm: bool = True


STEPS = [
    Step("validate", validate.measure_validate),
    Step("indicators", indicators.measure_indicators, warm=False),
    Step("monitor", afterwards.measure_monitor, warm=False),
    Step("table", afterwards.measure_changes_table, warm=False),
    Step("html", html.measure_html_all),
    Step("pdf", pdf.measure_pdf_one),
    Step("jobs", jobs.measure_pdf_all),
    Step("html", html.measure_html_one),
    Step("scale", scale.measure_scaling),
    Step("docx", docx.measure_docx),
    Step("preview", preview.measure_preview),
    Step("import", importing.measure_import, warm=False),
    Step("engines", engines.measure_engines),
    Step("bombs", bombs.measure_bombs, warm=False),
]
SUBJECTS = list(dict.fromkeys(step.subject for step in STEPS))
