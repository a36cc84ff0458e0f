"""Which engine writes the `pdf` output: WeasyPrint (the default) or Typst (docs/typst.md).

An engine is a registered format writing the same .pdf file; `build --pdf-engine` or plan.yaml's
`pdf_engine:` swaps the `pdf` of a format list for the engine's format, so the engine enters the
cache key as any format does.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..limits import YAML_FILE_BYTES
from ..source.confine import Refused, read_confined
from ..source.model import PLAN_FILE
from ..source.yamlfile import load_yaml, plain

ENGINES: dict[str, str] = {"weasyprint": "pdf", "typst": "pdf-typst"}
"""Each PDF engine and the format that is it."""
DEFAULT_ENGINE = "weasyprint"


def declared_engine(plan_root: Path) -> str:
    """The `pdf_engine:` of plan folder `plan_root` ('' when it names none or plan.yaml does not
    load: the load reports that)."""
    path = Path(plan_root) / PLAN_FILE
    try:
        if b"pdf_engine" not in read_confined(path, plan_root, YAML_FILE_BYTES):
            return ""
    except (Refused, OSError):
        return ""
    document = load_yaml(path, Diagnostics(), plan_root)
    data = plain(document.data) if document is not None else None
    found = data.get("pdf_engine") if isinstance(data, dict) else None
    return found if found in ENGINES else ""


def with_engine(formats: tuple[str, ...], engine: str) -> tuple[str, ...]:
    """`formats` with any engine's PDF format replaced by `engine`'s ('' leaves them as given)."""
    if not engine:
        return formats
    chosen = ENGINES[engine]
    pdfs = set(ENGINES.values())
    return tuple(dict.fromkeys(chosen if fmt in pdfs else fmt for fmt in formats))


def plan_formats(plan_root: Path, formats: tuple[str, ...], engine: str | None) -> tuple[str, ...]:
    """The formats to build for one plan: the engine given (the command line's) or else the plan's."""
    return with_engine(formats, engine or declared_engine(plan_root))
