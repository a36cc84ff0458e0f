"""The plan's own title and issuers from the cover, the notice, a signature or a 来源 field."""

from __future__ import annotations

import pytest

from plancraft.importer.blocks import Line
from plancraft.importer.front import read_front
from plancraft.importer.meta import settle, split_orgs, title_in_notice
from plancraft.importer.structure import Document


def _front(lines: list[str]) -> Document:
    document = Document()
    read_front(document, [Line(n, text) for n, text in enumerate(lines, start=1)])
    settle(document)
    return document


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("交通运输部科学技术部", ["交通运输部", "科学技术部"]),
        ("北京市人民政府办公厅", ["北京市人民政府办公厅"]),
        ("北京市民政局 北京市财政局", ["北京市民政局", "北京市财政局"]),
        ("中共北京市委北京市人民政府", ["中共北京市委", "北京市人民政府"]),
        ("中共中央办公厅国务院办公厅", ["中共中央办公厅", "国务院办公厅"]),
        ("本网", None),
        ("为落实规划要求", None),
    ],
)
def test_issuers_run_together_are_split(text: str, orgs: list[str] | None) -> None:
    assert split_orgs(text) == orgs


def test_the_plan_is_named_in_its_notice_title() -> None:
    assert title_in_notice("关于印发《某市“十四五”消防事业发展规划》的通知") == (
        "某市“十四五”消防事业发展规划"
    )
    assert title_in_notice("关于做好防汛工作的通知") == ""


def test_co_issuers_on_the_cover_and_a_notice_title_broken_after_guanyu() -> None:
    document = _front(
        [
            "交通运输部 科学技术部 文件",
            "交科技发[2022]31号",
            "交通运输部科学技术部关于印发",
            "《“十四五”交通领域科技创新规划》的通知",
            "各省、自治区、直辖市交通运输厅：",
            "现印发给你们，请结合实际抓好贯彻落实。",
            "2022年4月6日",
            "“十四五”交通领域科技创新规划",
        ]
    )
    assert document.title == "“十四五”交通领域科技创新规划"
    assert document.meta["issuer"] == "交通运输部 科学技术部"
    assert document.meta["doc_number"] == "交科技发〔2022〕31号"
    assert document.meta["written"] == "2022-04-06"
    assert document.notice[0].text.startswith("交通运输部科学技术部关于印发《")


def test_a_two_line_title_keeps_both_lines() -> None:
    document = _front(["北京市“十四五”时期", "民政事业发展规划", "北京市民政局", "2021年11月"])
    assert document.title == "北京市“十四五”时期民政事业发展规划"
    assert document.meta["issuer"] == "北京市民政局"
    assert not document.preface
    second = _front(["某市“十四五”时期城市更新与", "园林绿化发展规划"])
    assert second.title == "某市“十四五”时期城市更新与园林绿化发展规划"


def test_the_notice_title_is_never_the_plan_title() -> None:
    document = _front(
        [
            "某区人民政府关于印发《某区“十四五”时期文物保护规划》的通知",
            "各街道办事处：",
            "现将规划印发给你们，请认真贯彻执行。",
            "某区人民政府",
            "2021年12月30日",
        ]
    )
    assert document.title == "某区“十四五”时期文物保护规划"
    assert document.meta["issuer"] == "某区人民政府"
    assert document.meta["written"] == "2021-12-30"


def test_a_signature_or_a_source_field_gives_the_issuer() -> None:
    signed = _front(["某区消防救援支队关于印发规划的通知", "现印发。", "某区消防救援支队"])
    assert signed.meta["issuer"] == "某区消防救援支队"
    sourced = _front(["来源：某区园林绿化局", "某区“十四五”时期园林绿化发展规划"])
    assert sourced.meta["issuer"] == "某区园林绿化局"


def test_a_portal_metadata_grid_copied_as_text_is_read() -> None:
    document = _front(
        [
            "[ 索引号 ] | /2022-01537 | [ 发文字号 ] | 渝高新发〔2022〕21号 |",
            "[ 发布机构 ] | 高新区消防办公室 | [ 有效性 ] | |",
            "[ 成文日期 ] | 2022-11-08 | [ 发布日期 ] | 2022-11-08 |",
            "重庆高新区消防救援事业发展“十四五”规划",
        ]
    )
    assert document.meta["issuer"] == "高新区消防办公室"
    assert document.meta["doc_number"] == "渝高新发〔2022〕21号"
    assert document.meta["written"] == "2022-11-08"
    assert document.title == "重庆高新区消防救援事业发展“十四五”规划"
    assert not document.preface


def test_a_news_headline_names_the_plan_and_its_issuers() -> None:
    document = Document()
    read_front(document, [Line(1, "中共中央 国务院印发《交通强国建设纲要》")])
    settle(document)
    assert document.title == "交通强国建设纲要"
    assert document.meta["issuer"] == "中共中央 国务院"


def test_a_jianyi_title_line_names_its_issuer_and_the_adoption_line_its_date() -> None:
    document = _front(
        [
            "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
            "（2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）",
        ]
    )
    assert document.title.startswith("中共中央关于制定") and document.title.endswith("的建议")
    assert document.meta["issuer"] == "中共中央"
    assert document.meta["written"] == "2020-10-29"
    assert [para.text[:12] for para in document.preface] == ["（2020年10月29日"]


def test_an_approval_line_under_the_title_gives_the_date() -> None:
    document = _front(
        [
            "中华人民共和国国民经济和社会发展第十一个五年规划纲要",
            "2006年3月14日第十届全国人民代表大会第四次会议批准",
        ]
    )
    assert document.meta["written"] == "2006-03-14"
    assert not document.notes or "classify" not in document.notes[0].message


@pytest.mark.parametrize(
    ("stated", "title"),
    [
        (
            "中共中央关于制定国民经济和社会发展第十五个五年规划的建议（2025年）",
            "中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
        ),
        (
            "中共中央印发《全国干部教育培训规划（2023—2027年）》（2023年）",
            "全国干部教育培训规划（2023—2027年）",
        ),
        (
            "某区“十四五”养老服务发展规划（2021—2025年）",
            "某区“十四五”养老服务发展规划（2021—2025年）",
        ),
    ],
)
def test_a_stated_title_loses_the_year_a_site_tags_it_with(stated: str, title: str) -> None:
    document = Document()
    read_front(document, [Line(1, f"标题：{stated}")])
    settle(document)
    assert document.title == title


def test_an_yijian_title_line_and_its_bracketed_date() -> None:
    document = _front(
        ["中共中央办公厅 国务院办公厅关于加快革命老区振兴发展的意见", "（2026年2月13日）"]
    )
    assert document.title == "中共中央办公厅国务院办公厅关于加快革命老区振兴发展的意见"
    assert document.meta["issuer"] == "中共中央办公厅 国务院办公厅"
    assert document.meta["written"] == "2026-02-13" and not document.preface


def test_an_approval_line_giving_only_the_month() -> None:
    document = _front(
        [
            "中华人民共和国国民经济和社会发展十年规划和第八个五年计划纲要",
            "（1991 年 4 月第七届全国人民代表大会第四次会议批准）",
        ]
    )
    assert document.meta["written"] == "1991-04"
