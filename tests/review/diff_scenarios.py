"""Edits to the minimal plan whose diffs are kept as golden JSON (tests/review/golden/diff-scenarios.json)."""

from __future__ import annotations

Edit = tuple[str, str, str]
"""A file of the plan, the text to find and the text to put in its place."""

BACKGROUND = "text/background.md"
TASKS = "text/tasks.md"
REQUIREMENTS = "text/requirements.md"
SAFEGUARDS = "text/safeguards.md"
TABLE = "tables/t-facilities.yaml"
INDICATORS = "indicators.yaml"

LIST = "\n\n- 第一项：完善低保。\n- 第二项：健全特困供养。\n"
LINK = "\n\n详见[民政部网站](https://www.mca.gov.cn)的*有关*说明和`代码`。\n"

SCENARIOS: dict[str, tuple[list[Edit], list[Edit]]] = {
    "inserted-section": (
        [],
        [
            (
                TASKS,
                "# 完善社会救助体系 {#relief}",
                "# 新的一项任务 {#new-task}\n\n新任务的内容。\n\n# 完善社会救助体系 {#relief}",
            )
        ],
    ),
    "inserted-part": (
        [],
        [
            (
                "plan.yaml",
                "  - id: tasks\n",
                "  - id: extra\n    title: 新增部分\n    file: text/extra.md\n  - id: tasks\n",
            )
        ],
    ),
    "moved-section": (
        [],
        [
            (BACKGROUND, "# 面临形势 {#situation}\n\n形势复杂。\n", ""),
            (
                BACKGROUND,
                "# 发展基础 {#foundation}",
                "# 面临形势 {#situation}\n\n形势复杂。\n\n# 发展基础 {#foundation}",
            ),
        ],
    ),
    "moved-under-another-parent": (
        [],
        [
            (BACKGROUND, "# 面临形势 {#situation}\n\n形势复杂。\n", ""),
            (
                REQUIREMENTS,
                "# 发展目标 {#goals}",
                "# 面临形势 {#situation}\n\n形势复杂。\n\n# 发展目标 {#goals}",
            ),
        ],
    ),
    "retitled-section": (
        [],
        [(BACKGROUND, "# 面临形势 {#situation}", "# 面临的新形势 {#situation}")],
    ),
    "removed-section": ([], [(BACKGROUND, "# 面临形势 {#situation}\n\n形势复杂。\n", "")]),
    "paragraph-edited-mid-sentence": (
        [],
        [(BACKGROUND, "民政事业取得长足进步。", "民政事业取得了显著的进步。")],
    ),
    "paragraph-added-and-removed": (
        [],
        [
            (BACKGROUND, "形势复杂。", "形势复杂。\n\n新增的一段话。"),
            (REQUIREMENTS, "坚持以人民为中心。\n", ""),
        ],
    ),
    "run-in-lead-edited": (
        [],
        [(TASKS, "积极推动开展社会救助地方立法。", "积极推动开展社会救助地方立法工作。")],
    ),
    "box-item-edited": ([], [(TASKS, "整合社会救助资源。", "整合各类社会救助资源。")]),
    "preface-edited": ([], [("text/preface.md", "规划期为2021—2025年", "规划期为2021年至2025年")]),
    "bold-removed": ([], [(SAFEGUARDS, "**加强党的领导。**", "加强党的领导。")]),
    "bold-added": ([], [(BACKGROUND, "形势复杂。", "**形势复杂。**")]),
    "bold-added-and-text-edited": (
        [],
        [(BACKGROUND, "民政事业取得长足进步。", "**民政事业**取得显著进步。")],
    ),
    "reference-renumbered": (
        [],
        [
            (
                BACKGROUND,
                "# 发展基础 {#foundation}",
                "# 新的基础 {#new-foundation}\n\n内容。\n\n# 发展基础 {#foundation}",
            ),
            (
                "plan.yaml",
                "  - id: requirements\n",
                "  - id: extra\n    title: 新增部分\n    file: text/extra.md\n  - id: requirements\n",
            ),
        ],
    ),
    "reference-retargeted": (
        [],
        [(TASKS, "见[@box-relief]和[@relief-system]。", "见[@box-relief]和[@relief]。")],
    ),
    "reference-paragraph-edited": (
        [],
        [(TASKS, "见[@box-relief]和[@relief-system]。", "详见[@box-relief]和[@relief-system]。")],
    ),
    "list-item-edited": (
        [(TASKS, "提高标准。", "提高标准。" + LIST)],
        [(TASKS, "提高标准。" + LIST, "提高标准。" + LIST.replace("完善低保", "完善最低生活保障"))],
    ),
    "link-paragraph-edited": (
        [(BACKGROUND, "形势复杂。", "形势复杂。" + LINK)],
        [(BACKGROUND, "形势复杂。" + LINK, "形势复杂。" + LINK.replace("详见", "具体见"))],
    ),
    "table-cell-changed": (
        [],
        [(TABLE, "[街道乡镇级, 1, 养老照料中心, 0, 9]", "[街道乡镇级, 1, 养老照料中心, 0, 12]")],
    ),
    "table-row-added": (
        [],
        [
            (
                TABLE,
                "  - [街道乡镇级, 1, 养老照料中心, 0, 9]\n",
                "  - [街道乡镇级, 1, 养老照料中心, 0, 9]\n  - [街道乡镇级, 2, 社区服务站, 3, 8]\n",
            )
        ],
    ),
    "table-retitled": (
        [],
        [
            (
                TABLE,
                "title: “十三五”时期示例区民政设施建设情况",
                "title: “十三五”时期示例区民政设施建设完成情况",
            )
        ],
    ),
    "indicator-target-changed": ([], [(INDICATORS, 'target: "≥1600"', 'target: "≥1800"')]),
    "indicator-fields-changed": (
        [],
        [
            (INDICATORS, "name: 每千名常住人口养老床位数", "name: 每千名户籍老年人养老床位数"),
            (INDICATORS, "baseline: 4.8", "baseline: 5.1"),
        ],
    ),
    "metadata-changed": (
        [],
        [
            ("plan.yaml", "doc_number: 示民发〔2023〕1号", "doc_number: 示民发〔2023〕2号"),
            ("plan.yaml", "written: 2023-06-13", "written: 2023-06-20"),
        ],
    ),
}
"""Each scenario: edits making the old version from the minimal plan, then edits making the new one from that."""

NEW_FILES = {"text/extra.md": "# 新增内容 {#extra-item}\n\n新增部分的内容。\n"}
"""Files a scenario's plan.yaml may name, written into every copy."""
