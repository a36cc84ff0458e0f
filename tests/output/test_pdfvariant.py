"""PDF/A and PDF/UA builds: identification, metadata, embedded sources, bookmarks, the cache key."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from plancraft.cli import main
from plancraft.output.build import build_plan
from plancraft.output.cache import input_keys
from tests.conftest import FIXTURE_PLANS, edit

pytestmark = pytest.mark.pdf  # every test lays out a PDF/A or tagged PDF

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfa")
    result = build_plan(
        FIXTURE_PLANS / "minimal", out, ("pdf",), settings={"pdf_variant": "pdf/a-3b"}
    )
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / "minimal.pdf"


def metadata(pdf: pikepdf.Pdf) -> dict:
    with pdf.open_metadata() as xmp:
        return {key: xmp[key] for key in xmp}


def assert_identifies_the_plan(pdf: pikepdf.Pdf, part: str, conformance: str) -> None:
    """The PDF/A part and conformance, the minimal plan's Dublin Core, language and output intent."""
    found = metadata(pdf)
    assert (found[f"{PDFAID}part"], found[f"{PDFAID}conformance"]) == (part, conformance)
    assert found[f"{DC}title"] == "示例区“十四五”时期民政事业发展规划"
    assert found[f"{DC}creator"] == ["示例区民政局"]
    assert found[f"{DC}publisher"] == {"示例区民政局"}
    assert found[f"{DC}identifier"] == "示民发〔2023〕1号"
    assert found[f"{DC}language"] == {"zh-CN"}
    assert str(pdf.Root.Lang) == "zh-CN"
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent


def test_pdfa3b_identifies_itself_with_the_plans_metadata(archived: Path) -> None:
    with pikepdf.open(archived) as pdf:
        assert_identifies_the_plan(pdf, "3", "B")


def test_pdfa3b_carries_the_plans_sources(archived: Path) -> None:
    plan = FIXTURE_PLANS / "minimal"
    with pikepdf.open(archived) as pdf:
        names = sorted(pdf.attachments)
        assert names == sorted(
            path.relative_to(plan).as_posix() for path in plan.rglob("*") if path.is_file()
        )
        for name in names:
            assert pdf.attachments[name].get_file().read_bytes() == (plan / name).read_bytes()
        assert {str(spec.AFRelationship) for spec in pdf.Root.AF} == {"/Source"}
        assert len(pdf.Root.AF) == len(names)


def test_pdfa_embeds_every_font_and_keeps_the_bookmarks(archived: Path) -> None:
    with pikepdf.open(archived) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles[:3] == ["目\u3000录", "前言", "第一部分\u3000规划背景"]
        assert titles[-1].startswith("附表")


def test_pdfa2b_embeds_no_files(tmp_path: Path) -> None:
    result = build_plan(
        FIXTURE_PLANS / "minimal", tmp_path, ("pdf",), settings={"pdf_variant": "pdf/a-2b"}
    )
    assert result.ok
    with pikepdf.open(tmp_path / "minimal.pdf") as pdf:
        assert metadata(pdf)[f"{PDFAID}part"] == "2"
        assert not pdf.attachments


def test_the_variant_is_in_the_cache_key_and_plain_is_unchanged(scratch: Path) -> None:
    plain = input_keys(scratch, ("html", "pdf"))
    asked = input_keys(scratch, ("html", "pdf"), {"pdf_variant": "pdf/a-3b"})
    assert asked["html"] == plain["html"]
    assert asked["pdf"] != plain["pdf"]


def test_plan_yaml_asks_for_a_variant_and_the_option_overrides_it(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: parts\npdf_variant: pdf/a-3b")
    runner = CliRunner()
    done = runner.invoke(main, ["build", str(scratch), "-o", "out", "--format", "pdf"])
    assert done.exit_code == 0, done.output
    with pikepdf.open("out/minimal.pdf") as pdf:
        assert metadata(pdf)[f"{PDFAID}part"] == "3"
    done = runner.invoke(
        main, ["build", str(scratch), "-o", "out", "--format", "pdf", "--pdf-variant", "plain"]
    )
    assert done.exit_code == 0, done.output
    with pikepdf.open("out/minimal.pdf") as pdf:
        assert f"{PDFAID}part" not in metadata(pdf)
        assert not pdf.attachments


def test_an_unknown_variant_in_plan_yaml_is_a_schema_error(scratch: Path) -> None:
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: parts\npdf_variant: pdf/x-4")
    done = CliRunner().invoke(main, ["validate", str(scratch)])
    assert done.exit_code == 1
    assert "plan.yaml:" in done.output and "pdf_variant" in done.output
