"""Plan periods: names ↔ years, the printed forms, and no period word or year typed anywhere else in src/."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from plancraft.source import periods
from plancraft.source.periods import Period, PeriodError
from tests.conftest import PROJECT

SOURCE = PROJECT / "src" / "plancraft"
PERIOD_WORD_RE = re.compile(r"十三五|十四五|十五五|十六五")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
ALLOWED = {
    # The earliest timestamp a ZIP entry (so a .docx part) can carry; no plan's year.
    ("output/docx/package.py", "1980"),
    ("output/ofd/package.py", "1980"),
    # The OFD namespace URI (GB/T 33190-2016): the year is part of the name readers look for.
    ("output/ofd/package.py", "2016"),
    # OOXML namespace URIs: the year is part of the name Word looks for.
    ("output/docx/body.py", "2006"),
    ("output/docx/styles.py", "2006"),
    ("output/docx/package.py", "2006"),
    ("output/docx/base.py", "2006"),
    ("output/docx/notice.py", "2010"),  # the Word 2010 text box (wps) namespace of the 版记
    ("importer/docxsource.py", "2006"),
    ("source/yamlfast.py", "2002"),  # the YAML tag URIs (tag:yaml.org,2002:str)
    ("review/word/package.py", "2006"),
    ("review/word/model.py", "2006"),
    ("review/word/accept.py", "2006"),
    ("review/word/compare.py", "2006"),
    # A count of table rows (limits.TABLE_ROWS), not a year.
    ("limits.py", "2000"),
    # How to write --period, in the help and the message refusing a wrong one; never printed in a plan.
    ("cli/new.py", "十五五"),
    ("cli/new.py", "2026"),
    ("cli/new.py", "2030"),
    # The YAML 1.1 tag URI (tag:yaml.org,2002:str).
    ("source/yamlfile.py", "2002"),
}


@pytest.mark.parametrize(
    "text, start, end, name",
    [
        ("十四五", 2021, 2025, "十四五"),
        ("十五五", 2026, 2030, "十五五"),
        ("“十五五”", 2026, 2030, "十五五"),
        ("十六五", 2031, 2035, "十六五"),
        ("十三五", 2016, 2020, "十三五"),
        ("2026-2030", 2026, 2030, "十五五"),
        ("2026—2030年", 2026, 2030, "十五五"),
        ("2022-2035", 2022, 2035, "2022—2035年"),
    ],
)
def test_a_period_is_named_or_given_by_its_years(
    text: str, start: int, end: int, name: str
) -> None:
    period = periods.parse(text)
    assert (period.start, period.end, period.name) == (start, end, name)


@pytest.mark.parametrize("text", ["十", "二五", "2030-2026", "next", "2026"])
def test_what_names_no_period_is_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        periods.parse(text)


def test_printed_forms_derive_from_the_years() -> None:
    fifteenth = periods.parse("十五五")
    assert fifteenth.phrase == "“十五五”时期"
    assert (fifteenth.base_year, fifteenth.end, fifteenth.outlook) == (2025, 2030, 2035)
    assert fifteenth.shifted(-1) == Period(2021, 2025, 2035)
    assert periods.parse("十六五").outlook == 2050 and periods.parse("十三五").outlook is None
    assert periods.parse("2022-2035").phrase == "2022—2035年"
    assert periods.current(dt.date(2026, 12, 1)) == fifteenth
    assert periods.current(dt.date(2025, 12, 31)).name == "十四五"


@pytest.mark.parametrize(
    "text, years",
    [
        ("北京市“十五五”时期消防事业发展规划", (2026, 2030)),
        ("珠山区民政事业发展“十四五”规划", (2021, 2025)),
        ("某市国土空间总体规划（2022—2035年）", (2022, 2035)),
        ("某区养老服务发展规划（2021-2025年）", (2021, 2025)),
        ("某区民政事业发展规划", None),
        ("中华人民共和国国民经济和社会发展第十个五年计划纲要", (2001, 2005)),
        ("中华人民共和国国民经济和社会发展十年规划和第八个五年计划纲要", (1991, 1995)),
    ],
)
def test_the_period_a_document_states(text: str, years: tuple[int, int] | None) -> None:
    found = periods.stated(text)
    assert (found and (found.start, found.end)) == years


def test_a_title_carried_into_the_next_period() -> None:
    old, new = periods.parse("十四五"), periods.parse("十五五")
    assert periods.renamed("北京市“十四五”时期民政事业发展规划", old, new) == (
        "北京市“十五五”时期民政事业发展规划"
    )
    assert periods.renamed("某规划（2021-2025年）", old, new) == "某规划（2026—2030年）"
    assert periods.renamed("某区“十四五”时期规划", old, periods.parse("2026-2035")) == (
        "某区2026—2035年规划"
    )


def _python_literals(path: Path) -> list[tuple[int, str]]:
    """String and number constants of a module, without docstrings and other bare string statements."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in bare:
            if isinstance(node.value, str) or type(node.value) is int:
                found.append((node.lineno, str(node.value)))
    return found


def _template_text(path: Path) -> list[tuple[int, str]]:
    """A template's lines with its comments (/* */, {# #}) blanked."""
    text = re.sub(
        r"/\*.*?\*/|\{#.*?#\}",
        lambda m: "\n" * m.group(0).count("\n"),
        path.read_text(encoding="utf-8"),
        flags=re.S,
    )
    return list(enumerate(text.splitlines(), start=1))


def test_no_period_word_or_year_is_typed_outside_the_period_module() -> None:
    """Every printed 十四五 or 2025 derives from the plan's period; docstrings and comments may cite them."""
    found = []
    for path in sorted(SOURCE.rglob("*")):
        shown = path.relative_to(SOURCE).as_posix()
        if path.suffix == ".py" and shown != "source/periods.py":
            literals = _python_literals(path)
        elif path.suffix in (".j2", ".css", ".html", ".js"):
            literals = _template_text(path)
        else:
            continue
        for line, text in literals:
            words = PERIOD_WORD_RE.findall(text) + YEAR_RE.findall(text)
            found += [f"{shown}:{line}: {word}" for word in words if (shown, word) not in ALLOWED]
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan is not blind: a typed period word and a typed year are found, a docstring's are not."""
    module = tmp_path / "m.py"
    module.write_text('"""十四五 2025."""\nTITLE = "“十四五”时期"\nYEAR = 2025\n', encoding="utf-8")
    assert _python_literals(module) == [(2, "“十四五”时期"), (3, "2025")]
