"""A comment round: two returned copies recorded into one round file, decided, validated, tabled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from ruamel.yaml import YAML

from plancraft.cli import main
from tests.review.test_word import _paragraph, _run, _split, _w
from tests.review.test_word_accept import plan_copy, returned

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_DATE = "2024-03-01T10:00:00Z"
LIBREOFFICE_DATE = "2024-03-04T09:12:31Z"


def inserted(
    root: etree._Element, anchor: str, before: str, words: str, author: str, date: str, number: str
) -> None:
    run, _ = _split(_paragraph(root, anchor), before)
    change = _w("ins", id=number, author=author, date=date)
    change.append(_run(words))
    run.addprevious(change)


def deleted(
    root: etree._Element, anchor: str, words: str, author: str, date: str, number: str
) -> None:
    run, text = _split(_paragraph(root, anchor), words)
    text.tag = text.tag.replace("}t", "}delText")
    change = _w("del", id=number, author=author, date=date)
    run.addprevious(change)
    change.append(run)


def replaced(
    root: etree._Element, anchor: str, words: str, by: str, authors: tuple[str, str], number: str
) -> None:
    """`words` replaced by `by` as Word stores it: a w:del and right after it a w:ins."""
    deleted(root, anchor, words, authors[0], WORD_DATE, number)
    change = _w("ins", id=number + "1", author=authors[1], date=WORD_DATE)
    change.append(_run(by))
    next(node for node in root.iter(W + "del") if node.get(W + "id") == number).addnext(change)


def commented(root: etree._Element, anchor: str, words: str, number: str) -> None:
    paragraph = _paragraph(root, anchor)
    run, _ = _split(paragraph, words)
    run.addprevious(_w("commentRangeStart", id=number))
    run.addnext(_w("commentRangeEnd", id=number))
    reference = _w("r")
    reference.append(_w("commentReference", id=number))
    paragraph.append(reference)


def comment_xml(number: str, author: str, date: str, text: str) -> str:
    return (
        f'<w:comment w:id="{number}" w:author="{author}" w:date="{date}" w:initials="X">'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"
    )


def from_finance(root: etree._Element) -> None:
    """As Word stores them: an insertion, a deletion and a comment by 张三."""
    inserted(root, "safeguards-1-p1", "学习贯彻", "认真", "张三", WORD_DATE, "101")
    deleted(root, "safeguards-2-p1", "多渠道、", "张三", WORD_DATE, "102")
    commented(root, "background-1-p1", "“十三五”期间", "0")


def from_health(root: etree._Element) -> None:
    """As LibreOffice stores them (its own ids and dates): the same insertion as 张三's, another
    insertion, a deletion and a comment by 李四."""
    inserted(root, "safeguards-1-p1", "学习贯彻", "认真", "李四", LIBREOFFICE_DATE, "0")
    inserted(root, "requirements-1-p1", "坚持以习近平", "始终", "李四", LIBREOFFICE_DATE, "1")
    deleted(root, "safeguards-3-p1", "坚持党管人才，", "李四", LIBREOFFICE_DATE, "2")
    commented(root, "preface-p1", "全面建设社会主义现代化", "3")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return plan_copy(tmp_path, "mentougou")


def record(plan: Path, name: str, edit, comments: str, unit: str, *extra: str) -> None:
    copy = returned(plan, edit, comments)
    target = copy.with_name(f"{name}.docx")
    copy.rename(target)
    done = CliRunner().invoke(
        main,
        ["review", str(target), str(plan), "--record", "征求意见", "--unit", unit, *extra],
    )
    assert done.exit_code == 0, done.output


@pytest.fixture
def round_file(plan: Path) -> Path:
    record(
        plan,
        "finance",
        from_finance,
        comment_xml("0", "张三", WORD_DATE, "请补充数据来源"),
        "区财政局",
    )
    record(
        plan,
        "health",
        from_health,
        comment_xml("3", "李四", LIBREOFFICE_DATE, "建议写明服务对象"),
        "区卫健委",
    )
    return plan / "reviews" / "征求意见.yaml"


def items(path: Path) -> list[dict]:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))["items"]


def test_two_returned_copies_make_one_round_of_six_items(round_file: Path) -> None:
    found = items(round_file)
    assert len(found) == 6
    assert (
        sorted(item["kind"] for item in found)
        == ["comment"] * 2 + ["deletion"] * 2 + ["insertion"] * 2
    )
    shared = next(item for item in found if item["text"] == "认真")
    assert [(r["unit"], r["author"]) for r in shared["reviewers"]] == [
        ("区财政局", "张三"),
        ("区卫健委", "李四"),
    ]
    assert shared["place"] == "第四部分 一、"
    assert shared["target"] == "safeguards-1-p1"
    comment = next(item for item in found if item["text"] == "请补充数据来源")
    assert comment["quoted"] == "“十三五”期间"
    assert comment["place"] == "第一部分 一、"
    assert comment["reviewers"][0]["date"] == "2024-03-01"
    assert comment["reviewers"][0]["ref"] == "0"
    assert next(item for item in found if item["text"] == "建议写明服务对象")["place"] == "前言"
    assert {item["decision"] for item in found} == {"待定"}


def test_recording_a_copy_again_adds_nothing(plan: Path, round_file: Path) -> None:
    record(
        plan,
        "finance",
        from_finance,
        comment_xml("0", "张三", WORD_DATE, "请补充数据来源"),
        "区财政局",
    )
    assert len(items(round_file)) == 6
    assert len(next(item for item in items(round_file) if item["text"] == "认真")["reviewers"]) == 2


def test_validate_warns_on_undecided_and_fails_on_a_rejection_without_reason(
    plan: Path, round_file: Path
) -> None:
    done = CliRunner().invoke(main, ["validate", str(plan), "--format", "json"])
    codes = [d["code"] for d in json.loads(done.output)["diagnostics"]]
    assert codes.count("round-undecided") == 6
    text = round_file.read_text(encoding="utf-8")
    round_file.write_text(text.replace("decision: 待定", "decision: 不采纳", 1), encoding="utf-8")
    done = CliRunner().invoke(main, ["validate", str(plan)])
    assert done.exit_code == 1
    line = next(
        n for n, row in enumerate(round_file.read_text().splitlines(), 1) if "不采纳" in row
    )
    assert f"征求意见.yaml:{line}:" in done.output
    assert "not adopted without a reason" in done.output


def test_accept_records_what_it_wrote_as_adopted(plan: Path) -> None:
    record(
        plan,
        "finance",
        from_finance,
        comment_xml("0", "张三", WORD_DATE, "请补充数据来源"),
        "区财政局",
        "--accept",
        "all",
    )
    decisions = {
        item["text"]: item["decision"] for item in items(plan / "reviews" / "征求意见.yaml")
    }
    assert decisions == {"认真": "采纳", "多渠道、": "采纳", "请补充数据来源": "待定"}


DECISIONS = {
    "认真": ("采纳", ""),
    "多渠道、": ("不采纳", "多渠道投入是上位规划的提法，予以保留"),
    "请补充数据来源": ("部分采纳", "已在附表注明来源"),
    "始终": ("采纳", ""),
    "坚持党管人才，": ("不采纳", "党管人才原则须写明"),
    "建议写明服务对象": ("采纳", ""),
}


def decide(path: Path, decisions: dict[str, tuple[str, str]] = DECISIONS) -> None:
    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text(encoding="utf-8"))
    for item in data["items"]:
        item["decision"], item["reason"] = decisions[item["text"]]
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


def opinions(plan: Path, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["opinions", str(plan), *args])
    return done.exit_code, done.output


def test_opinions_counts_decisions_and_lists_the_rejected_with_reasons(
    plan: Path, round_file: Path
) -> None:
    decide(round_file)
    assert CliRunner().invoke(main, ["validate", str(plan)]).exit_code == 0
    code, output = opinions(plan, "--format", "json")
    assert code == 0, output
    assert json.loads(output)["counts"] == {"采纳": 3, "部分采纳": 1, "不采纳": 2, "待定": 0}
    code, output = opinions(plan, "--round", "征求意见", "--by", "unit")
    assert code == 0, output
    assert "区财政局" in output and "区卫健委" in output
    assert "6 comment(s): 采纳 3, 部分采纳 1, 不采纳 2, 待定 0" in output
    assert "党管人才原则须写明" in output and "多渠道投入是上位规划的提法，予以保留" in output
    code, output = opinions(plan, "--by", "section", "--lang", "zh")
    assert code == 0, output
    assert "第四部分" in output and "前言" in output


@pytest.mark.parametrize(
    "fmt", ["docx", "xlsx", "html", pytest.param("pdf", marks=pytest.mark.pdf)]
)
def test_opinions_in_every_document_format(
    plan: Path, round_file: Path, tmp_path: Path, fmt: str
) -> None:
    decide(round_file)
    out = tmp_path / f"opinions.{fmt}"
    code, output = opinions(plan, "--format", fmt, "-o", str(out))
    assert code == 0, output
    assert out.stat().st_size > 1000


def test_opinions_without_a_round_says_so(plan: Path) -> None:
    code, output = opinions(plan)
    assert code == 1
    assert "no comment round" in output


def test_a_replacement_is_one_change_item(plan: Path) -> None:
    def edit(root: etree._Element) -> None:
        replaced(root, "safeguards-1-p1", "深入", "认真", ("张三", "张三"), "201")
        replaced(root, "safeguards-3-p1", "坚持", "落实", ("张三", "王五"), "202")

    record(plan, "finance", edit, "", "区财政局")
    found = [
        (item["kind"], item.get("quoted", ""), item["text"])
        for item in items(plan / "reviews" / "征求意见.yaml")
    ]
    assert found == [
        ("change", "深入", "认真"),
        ("deletion", "", "坚持"),  # another author's insertion next to it is not its replacement
        ("insertion", "", "落实"),
    ]
