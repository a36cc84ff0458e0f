"""What each column of a main-indicator table holds, read from the meaning of its header text."""

from __future__ import annotations

import re

YEAR_RE = re.compile(r"(20[0-9]{2})\s*年?")
GROUP_WORDS = ("领域", "类别", "板块", "一级指标", "分类", "方面")
NATURE_WORDS = ("属性", "性质", "指标类型")
UNIT_WORDS = ("单位", "计量单位")
SEQ_WORDS = ("序号", "编号")
NOTE_WORDS = ("备注", "说明")
TARGET_WORDS = ("目标", "预期值", "规划值", "指标值")
BASELINE_WORDS = ("现状", "完成", "基期", "基数", "基准", "实际")
NAME_WORDS = ("指标", "名称", "项目", "内容")
EVIDENCE = {"nature", "unit", "baseline"}
"""Besides a name and a target, an indicator table has at least one of these."""


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _years(names: list[str]) -> list[int]:
    return sorted({int(m.group(1)) for name in names if (m := YEAR_RE.search(name))})


def column_field(name: str, latest_year: int | None, before_name: bool) -> str | None:
    """The indicator field a header names (None: a column an indicator table does not have)."""
    key = _key(name)
    year = YEAR_RE.search(key)
    if key in SEQ_WORDS:
        return "seq"
    if any(word in key for word in NATURE_WORDS):
        return "nature"
    if key in UNIT_WORDS:
        return "unit"
    if key in NOTE_WORDS:
        return "note"
    if before_name and (not key or any(word in key for word in GROUP_WORDS)):
        return "group"
    if any(word in key for word in BASELINE_WORDS):
        return "baseline"
    if any(word in key for word in TARGET_WORDS):
        return "target"
    if year:
        return "target" if int(year.group(1)) == latest_year else "baseline"
    if not key or any(word in key for word in NAME_WORDS):
        return "name"
    return None


def indicator_fields(names: list[str]) -> list[str] | None:
    """The field of each column, or None unless the table reads as a main-indicator table.

    It must have one name column, one target column and a nature, unit or baseline column; columns
    before the name that name a group (领域, 类别, 板块, 一级指标 or an empty header) are its domain and
    subdomain. 序号 may be missing.
    """
    keys = [_key(name) for name in names]
    years = _years(keys)
    latest = years[-1] if years else None
    name_at = next(
        (
            i
            for i, key in enumerate(keys)
            if key
            and not any(word in key for word in GROUP_WORDS + NATURE_WORDS)
            and column_field(key, latest, False) == "name"
        ),
        None,
    )
    if name_at is None:
        after = keys.index("序号") + 1 if "序号" in keys else 0
        name_at = next((i for i, key in enumerate(keys) if i >= after and not key), None)
    if name_at is None:
        return None
    fields: list[str] = []
    for index, key in enumerate(keys):
        field = "name" if index == name_at else column_field(key, latest, index < name_at)
        if field is None or (field == "name" and index != name_at):
            return None
        if field == "group":
            field = "domain" if "domain" not in fields else "subdomain"
        fields.append(field)
    if fields.count("target") != 1 or len(set(fields)) != len(fields):
        return None
    if not EVIDENCE & set(fields) and "seq" not in fields:
        return None
    return fields
