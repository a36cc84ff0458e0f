"""PDF/A and PDF/UA with the Typst engine: identification, the plan's metadata, embedded sources,
tags, and the variant in the cache key (as tests/output/test_pdfvariant.py for WeasyPrint)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from plancraft.limits import Limit
from plancraft.output.build import build_plan
from plancraft.output.cache import input_keys
from plancraft.output.pdfvariant import VARIANTS
from plancraft.output.typst.variant import STANDARDS, mime_type
from tests.conftest import FIXTURE_PLANS
from tests.output.test_pdfvariant import DC, PDFAID, assert_identifies_the_plan, metadata

PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
PLAN = FIXTURE_PLANS / "minimal"


@pytest.fixture(scope="module")
def typst_variant(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The minimal plan's Typst PDF in a variant, built once per variant."""
    built: dict[str, Path] = {}

    def get(variant: str) -> Path:
        if variant not in built:
            out = tmp_path_factory.mktemp("typst-" + variant.replace("/", "-"))
            result = build_plan(
                PLAN, out, ("pdf",), pdf_engine="typst", settings={"pdf_variant": variant}
            )
            assert result.ok, [str(d) for d in result.diagnostics]
            built[variant] = out / "minimal.pdf"
        return built[variant]

    return get


def test_every_variant_has_a_typst_standard() -> None:
    assert set(STANDARDS) == set(VARIANTS)


@pytest.mark.parametrize(
    ("variant", "part", "conformance"),
    [("pdf/a-2b", "2", "B"), ("pdf/a-3b", "3", "B"), ("pdf/a-3a", "3", "A")],
)
def test_pdfa_identifies_itself_with_the_plans_metadata(
    typst_variant: Callable[[str], Path], variant: str, part: str, conformance: str
) -> None:
    with pikepdf.open(typst_variant(variant)) as pdf:
        assert_identifies_the_plan(pdf, part, conformance)
        assert ("/StructTreeRoot" in pdf.Root) == (conformance == "A")


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/a-3a"])
def test_pdfa3_carries_the_plans_sources(
    typst_variant: Callable[[str], Path], variant: str
) -> None:
    with pikepdf.open(typst_variant(variant)) as pdf:
        names = sorted(pdf.attachments)
        assert names == sorted(
            path.relative_to(PLAN).as_posix() for path in PLAN.rglob("*") if path.is_file()
        )
        for name in names:
            attached = pdf.attachments[name].get_file()
            assert attached.read_bytes() == (PLAN / name).read_bytes()
            assert str(attached.obj.Subtype) == "/" + mime_type(name)
        assert {str(spec.AFRelationship) for spec in pdf.Root.AF} == {"/Source"}
        assert len(pdf.Root.AF) == len(names)


@pytest.mark.parametrize("variant", ["pdf/a-2b", "pdf/ua-1"])
def test_variants_without_sources_embed_no_files(
    typst_variant: Callable[[str], Path], variant: str
) -> None:
    with pikepdf.open(typst_variant(variant)) as pdf:
        assert not pdf.attachments


def test_pdfua_is_tagged_and_identified(typst_variant: Callable[[str], Path]) -> None:
    with pikepdf.open(typst_variant("pdf/ua-1")) as pdf:
        assert metadata(pdf)[f"{PDFUAID}part"] == "1"
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        assert metadata(pdf)[f"{DC}identifier"] == "示民发〔2023〕1号"


def test_a_plain_typst_pdf_claims_no_standard(tmp_path: Path) -> None:
    assert build_plan(PLAN, tmp_path, ("pdf",), pdf_engine="typst").ok
    with pikepdf.open(tmp_path / "minimal.pdf") as pdf:
        assert f"{PDFAID}part" not in metadata(pdf) and not pdf.attachments
        assert "/StructTreeRoot" not in pdf.Root


def test_the_variant_is_in_the_typst_cache_key() -> None:
    plain = input_keys(PLAN, ("pdf-typst",))
    asked = input_keys(PLAN, ("pdf-typst",), {"pdf_variant": "pdf/a-3b"})
    assert asked["pdf-typst"] != plain["pdf-typst"]


def test_a_source_it_cannot_embed_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "plancraft.output.pdfvariant.ATTACHMENT_BYTES", Limit("attachment-bytes", 100)
    )
    result = build_plan(
        PLAN, tmp_path, ("pdf",), pdf_engine="typst", settings={"pdf_variant": "pdf/a-3b"}
    )
    assert not result.ok and not (tmp_path / "minimal.pdf").exists()
    assert any(
        str(d.location).endswith("plan.yaml") and "PDF/A" in d.message
        for d in result.diagnostics.errors
    )


def test_extract_takes_the_plan_back_out_of_a_typst_pdfa3b(
    typst_variant: Callable[[str], Path], tmp_path: Path
) -> None:
    from plancraft.importer.extract import extract_plan

    written = extract_plan(typst_variant("pdf/a-3b"), tmp_path / "back")
    assert sorted(written) == sorted(
        path.relative_to(PLAN).as_posix() for path in PLAN.rglob("*") if path.is_file()
    )
    for name in written:
        assert (tmp_path / "back" / name).read_bytes() == (PLAN / name).read_bytes()
