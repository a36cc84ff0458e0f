from __future__ import annotations

from tests.support.coverage import coverage, html_text, seed_pieces

SEED = "第一部分  规划背景\n\n一、发展基础\n（一）兜底保障能力大幅提升。建成养老床位10.8万张。\n\t1\t床位数(张)\t825\n"


def test_typed_numbers_and_residue_are_ignored() -> None:
    pieces = [
        text for _, text in seed_pieces("[bookmark: _Toc1]第2部分 总体要求\n5、 统筹发展与安全")
    ]
    assert pieces == ["总体要求", "统筹发展与安全"]


def test_full_text_is_covered() -> None:
    html = (
        "<h2>第一部分　规划背景</h2><h3>一、发展基础</h3><p>（一）兜底保障能力大幅提升。建成养老床位10.8万张。</p>"
        "<td>1</td><td>床位数（张）</td><td>825</td>"
    )
    assert coverage(SEED, html_text(html)).ratio == 1.0


def test_missing_text_is_listed_with_its_seed_line() -> None:
    result = coverage(SEED, html_text("<p>规划背景 发展基础 1 床位数（张） 825</p>"))
    assert result.ratio < 0.7
    assert result.missing == [(4, "兜底保障能力大幅提升。建成养老床位10.8万张。")]


def test_styles_are_not_text() -> None:
    assert html_text("<head><style>p{}</style></head><body><p>正文</p></body>") == "正文"


def test_repairs_apply_to_the_seed() -> None:
    assert coverage("亚洲通:民政局", "门头沟区民政局", {"亚洲通:": "门头沟区"}).ratio == 1.0
