"""Reports for spreadsheets and tools: the first sheet shown in CSV, a header of column keys."""

from __future__ import annotations

import csv
import io

from .cells import csv_text
from .model import Report


def render(report: Report) -> bytes:
    """One line per row; text that would start a formula is prefixed with '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    sheets = report.sheets_in("csv")
    if sheets:
        columns = sheets[0].columns_in("csv")
        writer.writerow([column.key for column in columns])
        for row in sheets[0].rows():
            writer.writerow([csv_text(row.cell(column.key), column) for column in columns])
    return out.getvalue().encode("utf-8")
