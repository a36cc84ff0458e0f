"""The JSON renderer: the report's machine form as it is, else every sheet's rows."""

from __future__ import annotations

import json

from plancraft.report import render
from tests.report.sample import sample


def test_without_a_machine_form_the_rows_are_given_by_column_key() -> None:
    data = json.loads(render(sample(), "json"))
    [sheet] = data["sheets"]
    assert sheet["columns"] == ["name", "delta", "status", "change"]
    assert sheet["rows"][0] == {"name": "beds", "delta": -3, "status": "worse", "change": None}


def test_a_machine_form_is_written_exactly() -> None:
    report = sample()
    report.data = {"b": 1, "a": ["é"]}
    assert render(report, "json") == '{\n  "b": 1,\n  "a": [\n    "é"\n  ]\n}\n'.encode()
