"""Reports for tools: the report's own machine form, or every sheet's rows by column key."""

from __future__ import annotations

import json
from typing import Any

from .model import Report


def render(report: Report) -> bytes:
    """`report.data` as it is when the report has a machine form, else {title, sheets: rows}."""
    data = report.data if report.data is not None else _rows(report)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _rows(report: Report) -> dict[str, Any]:
    return {
        "title": report.title,
        "sheets": [
            {
                "name": sheet.name,
                "columns": [column.key for column in sheet.columns_in("json")],
                "rows": [
                    {column.key: row.cell(column.key).value for column in sheet.columns_in("json")}
                    for row in sheet.rows()
                ],
            }
            for sheet in report.sheets_in("json")
        ],
    }
