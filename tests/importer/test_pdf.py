"""plancraft import FILE.pdf: a plan's own PDF comes back with its outline and indicator rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from plancraft.api import load
from plancraft.cli import main
from plancraft.importer.pdfsource import PdfLine, _joined, _runs_on
from plancraft.source.model import Section

ROOT = Path(__file__).parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "plans" / "minimal"


def _outline(items: list, depth: int = 1) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, Section):
            found.append((depth, item.title))
            found.extend(_outline(item.content, depth + 1))
    return found


def _rows(plan: object) -> list[tuple[str, str, str]]:
    indicators = plan.indicators.indicators  # type: ignore[attr-defined]
    return [(i.name, i.target.text if i.target else "", i.nature) for i in indicators]


@pytest.mark.slow
@pytest.mark.pdf
def test_a_plans_own_pdf_imports_back_with_its_outline_indicators_and_metadata(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(MINIMAL), "-o", str(tmp_path), "--format", "pdf"])
    assert built.exit_code == 0, built.output
    pdf = tmp_path / "minimal.pdf"
    target = tmp_path / "plans" / "back"
    imported = runner.invoke(main, ["import", str(pdf), "-o", str(target)])
    assert imported.exit_code == 0, imported.output
    assert "page numbers of the PDF" in imported.output
    source, back = load(MINIMAL).plan, load(target).plan
    assert _outline(back.outline) == _outline(source.outline)
    assert _rows(back) == _rows(source)
    assert (back.meta.title, back.meta.issuer) == (source.meta.title, source.meta.issuer)
    text = "".join(path.read_text(encoding="utf-8") for path in (target / "text").glob("*.md"))
    assert "— 3 —" not in text and "目录" not in text
    assert "兜底保障能力大幅提升。" in text


def test_a_scanned_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    pdf = tmp_path / "scan.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    result = CliRunner().invoke(main, ["import", str(pdf), "-o", str(tmp_path / "plans" / "x")])
    assert result.exit_code == 1
    assert "no text layer" in result.output and "scanned" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "plans" / "x").exists()


def _line(text: str, x0: float, x1: float, top: float, bold: bool = False) -> PdfLine:
    return PdfLine(1, 100 + int(top), text, x0, x1, top, top + 16, 16.0, bold)


def test_wrapped_lines_run_on_unless_indented_numbered_or_of_another_weight() -> None:
    heading = _line("第一章 全面贯彻落实新思想，开", 74, 516, 314, bold=True)
    tail = _line("启珠山民政事业高质量发展新征程", 153, 437, 343, bold=True)
    body = [
        _line("“十三五”时期，全区民政事业取得长足进步，各项", 106, 516, 401),
        _line("工作走在全市前列，基本民生保障水平持续提高。", 74, 516, 430),
        _line("（一）兜底保障能力大幅提升。", 106, 400, 459),
        _line("养老服务体系更加完善，床位持续增加，服务质量", 106, 516, 488),
        _line("持续提高。", 74, 160, 517),
    ]
    lines = [heading, tail, *body]
    assert _runs_on(heading, tail, lines)
    assert not _runs_on(tail, body[0], lines)
    assert _runs_on(body[0], body[1], lines)
    assert not _runs_on(body[1], body[2], lines)
    assert _runs_on(body[3], body[4], lines)
    assert _joined(body[0], body[1]).text.endswith("工作走在全市前列，基本民生保障水平持续提高。")
