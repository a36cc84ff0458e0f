"""assemble: the options readers of the tree may pass."""

from __future__ import annotations

from pathlib import Path

from plancraft.api import load
from plancraft.compile import document as doc
from plancraft.compile.assemble import assemble
from tests.conftest import PLANS, edit


def test_titles_stay_whole_when_not_broken_into_lines() -> None:
    plan = load(PLANS / "tongzhou").plan
    assert plan is not None
    broken, whole = assemble(plan), assemble(plan, break_titles=False)
    assert len(broken.cover.title_lines) > 1 and whole.cover.title_lines == [plan.meta.title]
    assert broken.notice is not None and whole.notice is not None
    assert any(isinstance(run, doc.LineBreak) for run in _title(broken.notice).runs)
    assert not any(isinstance(run, doc.LineBreak) for run in _title(whole.notice).runs)
    assert whole.body == broken.body


def _title(notice: doc.Notice) -> doc.Paragraph:
    return next(
        block
        for block in notice.blocks
        if isinstance(block, doc.Paragraph) and "center" in block.classes
    )


def test_cover_metadata_is_printed_only_when_asked() -> None:
    """mentougou has a 发文字号, dates and 文件有效性 but does not ask for them on its cover."""
    plan = load(PLANS / "mentougou").plan
    assert plan is not None and plan.meta.doc_number and plan.meta.validity
    assert assemble(plan).cover.docinfo == []
    plan.meta.cover_metadata = True
    assert assemble(plan).cover.docinfo == [
        ("发文单位：", "北京市门头沟区民政局"),
        ("发文字号：", "门民发〔2023〕76号"),
        ("成文日期：", "2023年6月13日"),
        ("发布日期：", "2023年6月13日"),
        ("实施日期：", "2023年6月13日"),
        ("文件有效性：", "有效"),
    ]


def test_cover_metadata_switch_is_read_from_plan_yaml(scratch: Path) -> None:
    assert load(scratch).document().cover.docinfo == []
    edit(scratch / "plan.yaml", "period:", "cover_metadata: true\nperiod:")
    assert load(scratch).document().cover.docinfo == [
        ("发文单位：", "示例区民政局"),
        ("发文字号：", "示民发〔2023〕1号"),
        ("成文日期：", "2023年6月13日"),
    ]
