"""assemble: the options readers of the tree may pass."""

from __future__ import annotations

from plancraft.api import load
from plancraft.compile import document as doc
from plancraft.compile.assemble import assemble
from tests.conftest import PLANS


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
