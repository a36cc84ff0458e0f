from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plancraft.api import load
from plancraft.output.html import render_html
from tests.support.coverage import html_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLANCRAFT_UPDATE_GOLDEN") == "1"


def body_of(html: str) -> str:
    """The document body: the golden file leaves out the stylesheet, which has its own checks."""
    return html[html.index("<body") :]


@pytest.fixture
def html(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return render_html(load(minimal).document())


def test_golden_html(html: str) -> None:
    golden = GOLDEN / "minimal.body.html"
    if UPDATE:
        golden.write_text(body_of(html), encoding="utf-8")
    assert body_of(html) == golden.read_text(encoding="utf-8"), (
        "rendered HTML changed; if intended, rerun with PLANCRAFT_UPDATE_GOLDEN=1 and review the diff"
    )


def test_numbers_are_in_the_text_not_only_css(html: str) -> None:
    text = html_text(html)
    for printed in (
        "第一部分",
        "一、发展基础",
        "（一）兜底保障能力大幅提升。建成养老床位10.8万张",
        "1.健全社会救助基本制度。积极推动",
        "（1）完善低保制度。提高标准",
        "专栏1：基层社会救助能力提升工程",
        "1.提升基层社会救助经办服务能力",
        "表1　“十三五”时期示例区民政设施建设情况",
    ):
        assert printed in text


def test_references_render_computed_labels(html: str) -> None:
    assert '详见<a class="xref" href="#t-facilities">表1</a>' in html
    assert (
        '见<a class="xref" href="#box-relief">专栏1</a>和<a class="xref" href="#relief-system">（一）</a>'
        in html
    )


def test_html_is_self_contained(html: str) -> None:
    assert "<style>" in html and "@page" in html
    assert not re.search(r'<link|<script|src="http', html)


def test_toc_links_to_anchors_named_by_id(html: str) -> None:
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    for ident in (
        "background",
        "foundation",
        "situation",
        "tasks",
        "relief",
        "appendix-indicators",
    ):
        assert f'href="#{ident}"' in toc
        assert f'id="{ident}"' in html


def test_indicators_render_in_place_and_in_the_appendix(html: str) -> None:
    main = html[html.index("<main>") : html.index("</main>")]
    assert "临时救助和长期照料总床位数（张）※" in main
    assert 'rowspan="3" class="group-cell">基本民生保障</td>' in main
    appendix = html[html.index('id="appendix-indicators"') :]
    assert (
        "附表" in appendix
        and "基本民生保障 · 接济救助" in appendix
        and "临时救助和长期照料总床位数※" in appendix
    )
    assert "带“※”的指标为约束性指标" in appendix


def test_raw_html_is_not_passed_through(scratch: Path) -> None:
    (scratch / "text" / "preface.md").write_text(
        "<script>alert(1)</script>\n\n正文<img src=x onerror=alert(1)>\n", encoding="utf-8"
    )
    html = render_html(load(scratch).document())
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_source_date_epoch_sets_the_document_date(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert '<meta name="dcterms.created" content="2023-11-14T22:13:20Z">' in render_html(
        load(minimal).document()
    )
