"""The skeleton of a 中期评估 or 总结评估 report: generated counts, completion table and warnings,
with placeholders for the prose the drafter writes; a document tree for the usual writers."""

from __future__ import annotations

import os

from .. import __version__, i18n
from ..compile import document as doc
from ..compile.fit import landscape
from ..compile.monitoring import Assessment, base_year, number_text, target_year
from ..compile.numbering import label as number_label
from ..compile.progress import DEFAULT_TOLERANCE, STATUSES
from ..compile.titles import title_lines
from .data import Monitored
from .report import target_text
from .statuses import label

TITLES = {"midterm": "《{title}》实施情况中期评估报告", "final": "《{title}》实施情况总结评估报告"}
"""The report is a Chinese document whatever the reader's language, as plans are."""
NEXT_STEPS = {"midterm": "下一步工作", "final": "经验与建议"}
TO_WRITE = {
    "progress": "【待填写：规划实施的总体进展，主要任务、重大工程和改革举措的推进情况】",
    "warning": "【待填写：原因分析和拟采取的措施】",
    "problems": "【待填写：规划实施中存在的主要问题】",
    "midterm": "【待填写：规划后半期的工作考虑和措施建议】",
    "final": "【待填写：经验总结和对下一期规划编制的建议】",
}


def evaluation_document(found: Monitored, kind: str) -> doc.Document:
    """The evaluation report of `found` as a document tree, in Chinese (it is a 公文)."""
    with i18n.speaking("zh"):
        return _document(found, kind)


def write_evaluation(found: Monitored, kind: str, fmt: str) -> bytes:
    """The evaluation report's bytes as docx, pdf or html."""
    document = evaluation_document(found, kind)
    if fmt == "docx":
        from ..output.docx import write_docx

        return write_docx(document)
    from ..output.html import render_html

    if fmt == "html":
        return render_html(document).encode("utf-8")
    from ..report.pdf import document_pdf

    return document_pdf(document)


def _document(found: Monitored, kind: str) -> doc.Document:
    plan = found.plan
    title = TITLES[kind].format(title=plan.meta.title)
    sections: list[tuple[str, list[doc.Block]]] = [
        ("总体进展", _progress(found)),
        ("主要指标完成情况", _completion(found)),
        ("约束性指标预警", _warnings(found)),
        ("存在问题", [_placeholder("problems")]),
        (NEXT_STEPS[kind], [_placeholder(kind)]),
    ]
    body: list[doc.Block] = [
        doc.Division(
            f"part-{number}",
            doc.Heading(number_label("cn", 1, number), heading, "cn", 1),
            blocks,
        )
        for number, (heading, blocks) in enumerate(sections, start=1)
    ]
    return doc.Document(
        slug=f"{plan.slug}-{kind}",
        title=title,
        issuer=plan.meta.issuer,
        period=(plan.meta.period_start, plan.meta.period_end),
        numbering="cn",
        created=_created(),
        generator=f"plancraft {__version__}",
        notice=None,
        cover=doc.Cover(title, plan.meta.issuer, "", [], title_lines(title)),
        toc=[
            doc.TocEntry(f"part-{number}", number_label("cn", 1, number), heading, 1, "cn")
            for number, (heading, _blocks) in enumerate(sections, start=1)
        ],
        preface=None,
        body=body,
        appendix=None,
    )


def _created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    import datetime as dt

    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _paragraph(text: str) -> doc.Paragraph:
    return doc.Paragraph([doc.Text(text)])


def _placeholder(key: str) -> doc.Paragraph:
    return _paragraph(TO_WRITE[key])


def _progress(found: Monitored) -> list[doc.Block]:
    rows = found.rows
    binding = [row for row in rows if row.indicator.binding]
    if found.year is None:
        counted = f"规划确定的{len(rows)}项主要指标尚无监测数据。"
    else:
        counts = "，".join(
            f"{label(key)}{found.counts()[key]}项" for key in STATUSES if found.counts().get(key)
        )
        behind = sum(row.status == "behind" for row in binding)
        counted = (
            f"规划确定的{len(rows)}项主要指标中，截至{found.year}年，{counts}。"
            f"{len(binding)}项约束性指标中，{'滞后' + str(behind) + '项' if behind else '无滞后'}。"
        )
    return [_paragraph(counted), _placeholder("progress")]


def _completion(found: Monitored) -> list[doc.Block]:
    plan, year = found.plan, found.year
    heads = [
        "序号",
        "指标",
        "单位",
        "属性",
        f"{base_year(plan) or ''}年基期值",
        f"{target_year(plan) or ''}年目标值",
        f"{year or ''}年实际值",
        f"{year or ''}年预期进度值",
        "评估结论",
    ]
    header = [doc.Row([doc.Cell([doc.Text(head)]) for head in heads])]
    rows = [
        doc.Row(_completion_cells(index, row), id=row.indicator.id)
        for index, row in enumerate(found.rows, start=1)
    ]
    tolerance = number_text(100 * (plan.meta.tolerance or DEFAULT_TOLERANCE))
    note = (
        "注：带“※”的为约束性指标。评估结论按基期值、目标值和已过年份计算预期进度，实际值与预期进度"
        f"相差不超过目标跨度的±{tolerance}%为基本符合预期。"
    )
    table = doc.Table(
        "completion",
        "主要指标完成情况表",
        header,
        rows,
        number="表1",
        notes=[[doc.Text(note)]],
    )
    table.landscape = landscape(table)
    return [table]


def _completion_cells(index: int, row: Assessment) -> list[doc.Cell]:
    indicator, entry = row.indicator, row.entry
    value = ""
    if entry is not None:
        value = "部门评估" if row.assessed else number_text(entry.value)
    texts = [
        (str(index), "center"),
        (indicator.name + ("※" if indicator.binding else ""), ""),
        (indicator.unit, "center"),
        (indicator.nature, "center"),
        (indicator.baseline.text if indicator.baseline else "—", "center"),
        (indicator.target.text if indicator.target else "—", "center"),
        (value or "—", "center"),
        (number_text(row.progress.expected), "center"),
        (label(row.status), "center"),
    ]
    return [doc.Cell([doc.Text(text)], align=align) for text, align in texts]


def _warnings(found: Monitored) -> list[doc.Block]:
    if not found.warnings:
        return [_paragraph("约束性指标均未滞后于预期进度。")]
    blocks: list[doc.Block] = []
    for row in found.warnings:
        indicator = row.indicator
        value = number_text(row.entry.value if row.entry else None)
        blocks.append(
            _paragraph(
                f"{indicator.name}：{row.year}年为{value}{indicator.unit}，按预期进度应达到"
                f"{number_text(row.progress.expected)}{indicator.unit}，"
                f"{target_year(found.plan)}年目标为{target_text(indicator)}，滞后于预期进度。"
            )
        )
        blocks.append(_placeholder("warning"))
    return blocks
