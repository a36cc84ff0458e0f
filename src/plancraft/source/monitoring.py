"""Monitoring year files, `plans/<slug>/monitoring/<year>.yaml`: the values an indicator reached."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .model import MonitoringYear, YearValue
from .yamlfile import YamlFile, plain

MONITORING_DIR = "monitoring"
NUMBER_RE = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*[%％]?\s*$")
"""A value written as text that is still a number: "46.2", "66%"."""


def year_files(root: Path) -> list[Path]:
    """The year files of the plan folder `root`, in name order."""
    folder = Path(root) / MONITORING_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def read_year(document: YamlFile) -> MonitoringYear:
    """The model of a schema-valid year file."""
    data = plain(document.data)
    year = MonitoringYear(data["year"], document.path, document.locate(["year"]))
    for key, entry in data["values"].items():
        fields: dict[str, Any] = entry if isinstance(entry, dict) else {"value": entry}
        written = fields.get("value")
        year.values[key] = YearValue(
            id=key,
            location=document.locate(["values", key], at_key=True),
            written=written,
            value=number(written),
            provisional=fields.get("status") == "provisional",
            source=fields.get("source", ""),
            note=fields.get("note", ""),
            assessed=fields.get("assessed", ""),
            value_location=document.locate(
                ["values", key, "value"] if isinstance(entry, dict) else ["values", key]
            ),
        )
    return year


def number(written: Any) -> float | None:
    """The number a value is: 1650, 46.2, "46.2", "66%"; None for anything else."""
    if isinstance(written, bool) or written is None:
        return None
    if isinstance(written, (int, float)):
        return float(written)
    match = NUMBER_RE.match(str(written))
    return float(match.group(1)) if match else None
