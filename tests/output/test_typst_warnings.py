"""Typst's warnings reach the build's diagnostics (the PDF is still written)."""

from __future__ import annotations

import pytest

from plancraft.compile.pipeline import compile_plan
from plancraft.diagnostics import Diagnostics
from plancraft.output.typst import compiler as typst_compiler
from plancraft.output.typst.compiler import KeptCompiler
from tests.conftest import FIXTURE_PLANS

WARNING_TEMPLATE = '#let data = json("data.json")\n#text(font: "No Such Family")[规划]\n'


@pytest.mark.pdf
def test_a_typst_warning_is_a_located_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typst_compiler, "template_text", lambda name: WARNING_TEMPLATE)
    diagnostics = Diagnostics()
    plan = FIXTURE_PLANS / "minimal"
    with KeptCompiler() as compiler:
        pdf = compiler.compile(compile_plan(plan).document(), diagnostics, str(plan))
    assert pdf.startswith(b"%PDF")
    found = [d for d in diagnostics.items if d.code == "typst-warning"]
    assert len(found) == 1
    assert "no such family" in found[0].message.casefold()
    assert found[0].location.path.endswith("minimal")
