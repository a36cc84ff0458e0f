"""The diff, indicators, review and monitor reports against golden files captured before the report layer.

Regenerate on purpose with `PLANCRAFT_GOLDEN=write pytest tests/report/test_golden.py`, and say why
in the commit message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.report.goldens import GOLDEN, REPORTS


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_matches_its_golden_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = REPORTS[name](tmp_path)
    golden = GOLDEN / name
    if os.environ.get("PLANCRAFT_GOLDEN") == "write":
        golden.write_bytes(made)
    assert made == golden.read_bytes()
