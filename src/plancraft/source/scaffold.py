"""`plancraft new`: a plan folder laid out like the municipal template, with placeholders to fill in."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..files import folder_draft, publish_folder
from ..i18n import _
from ..resources import schemas_folder
from .parent import read_plan_data
from .yamlwrite import yaml_text

PLACEHOLDER = "【待填写】"  # checks.PLACEHOLDER_RE finds these and todo()'s
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class ScaffoldError(Exception):
    """The plan folder cannot be created as asked."""


def todo(what: str) -> str:
    """A placeholder naming what is to be written, e.g. 【待填写：发展基础】."""
    return f"【待填写：{what}】"


def _read_parent(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parent's plan.yaml and indicators.yaml as data, read by the same hardened loader as validate."""
    diagnostics = Diagnostics()
    found = read_plan_data(root, diagnostics)
    if diagnostics.errors:
        raise ScaffoldError(
            _("cannot read the parent plan: {problem}").format(problem=diagnostics.sorted()[0])
        )
    return found


def _outline() -> list[dict[str, Any]]:
    return [
        {
            "id": "background",
            "title": "规划背景",
            "role": "background",
            "file": "text/background.md",
        },
        {
            "id": "requirements",
            "title": "总体要求",
            "role": "requirements",
            "file": "text/requirements.md",
        },
        {"id": "tasks", "title": "主要任务", "role": "tasks", "file": "text/tasks.md"},
        {
            "id": "safeguards",
            "title": "保障措施",
            "role": "safeguards",
            "file": "text/safeguards.md",
        },
    ]


TEXTS = {
    "preface.md": f"{todo('前言：规划的依据、范围和期限')}\n",
    "background.md": (
        f"# 发展基础 {{#foundation}}\n\n{todo('“十三五”时期取得的成绩')}\n\n"
        f"# 面临形势 {{#situation}}\n\n{todo('“十四五”时期面临的机遇和挑战')}\n"
    ),
    "requirements.md": (
        f"# 指导思想 {{#guiding-ideology}}\n\n{todo('指导思想')}\n\n"
        f"# 基本原则 {{#principles}}\n\n{todo('基本原则')}\n\n"
        f"# 发展目标 {{#goals}}\n\n{todo('到规划期末的发展目标')}，主要指标见[@indicators]。\n\n"
        "{{indicators}}\n"
    ),
    "tasks.md": f"# {todo('第一项任务')} {{#task-1}}\n\n{todo('任务内容')}\n",
    "safeguards.md": (
        f"# 加强组织领导 {{#leadership}}\n\n{todo('组织保障')}\n\n"
        f"# 强化监督评估 {{#evaluation}}\n\n{todo('监测评估')}\n"
    ),
}


def _indicators(parent: dict[str, Any], place: str) -> dict[str, Any]:
    """The indicator table: the parent's rows with their targets to fill in, or one placeholder row."""
    if not parent:
        return {
            "title": f"“十四五”时期{todo('地区')}民政事业发展主要指标",
            "baseline_year": 2020,
            "target_year": 2025,
            "columns": ["domain", "seq", "name", "baseline", "target", "nature"],
            "labels": {"domain": "领域", "seq": "序号", "name": "指标", "nature": "指标属性"},
            "indicators": [
                {
                    "id": "ind-01",
                    "domain": todo("领域"),
                    "name": todo("指标名称"),
                    "unit": "%",
                    "baseline": PLACEHOLDER,
                    "target": PLACEHOLDER,
                    "nature": "预期性",
                }
            ],
        }
    data: dict[str, Any] = {
        key: parent[key]
        for key in (
            "title",
            "baseline_year",
            "target_year",
            "columns",
            "labels",
            "binding_mark",
            "notes",
        )
        if key in parent
    }
    if place and isinstance(data.get("title"), str):
        data["title"] = data["title"].replace(place, todo("地区"))
    rows = []
    for row in parent.get("indicators") or []:
        if not isinstance(row, dict):
            continue
        copied = {
            key: row[key] for key in ("id", "domain", "subdomain", "name", "unit") if key in row
        }
        if "baseline" in row:
            copied["baseline"] = PLACEHOLDER
        copied["target"] = todo(f"上级规划 {row.get('target', '—')}")
        copied["nature"] = row.get("nature", "预期性")
        rows.append(copied)
    data["indicators"] = rows
    return data


def _place(parent_plan: dict[str, Any]) -> str:
    """The parent's place (北京市 of 北京市民政局), a placeholder in the copied titles."""
    issuer = str(parent_plan.get("issuer", ""))
    return issuer[: -len("民政局")] if issuer.endswith("民政局") else ""


def scaffold_indicators(parent: Path | None = None) -> dict[str, Any]:
    """The indicator table `new` writes: the parent's rows to fill in, or one placeholder row."""
    parent_plan, parent_indicators = _read_parent(parent) if parent else ({}, {})
    return _indicators(parent_indicators, _place(parent_plan))


def find_schema_dir(target: Path) -> Path:
    """The nearest `schema/` folder above `target` holding the plan schema, else plancraft's own."""
    for folder in target.resolve().parents:
        if (folder / "schema" / "plan.schema.json").is_file():
            return folder / "schema"
    return schemas_folder()


def new_plan(
    target: Path, title: str = "", parent: Path | None = None, numbering: str = "parts"
) -> list[Path]:
    """Create the plan folder `target` and return the files written; refuses an existing non-empty folder."""
    slug = target.name
    if not SLUG_RE.match(slug):
        raise ScaffoldError(
            _(
                "'{slug}' is not a plan name: use lower-case letters, digits and '-', e.g. haidian"
            ).format(slug=slug)
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(_("{path} already exists and is not empty").format(path=target))

    parent_plan, parent_indicators = _read_parent(parent) if parent else ({}, {})
    place = _place(parent_plan)
    plan: dict[str, Any] = {
        "title": title or f"{todo('地区')}“十四五”时期民政事业发展规划",
        "issuer": todo("发文单位"),
    }
    period = parent_plan.get("period") if isinstance(parent_plan.get("period"), dict) else None
    plan["period"] = period or {"start": 2021, "end": 2025, "outlook": 2035}
    if parent:
        plan["parent"] = parent.name
    plan["numbering"] = numbering
    plan["preface"] = {"title": "前言", "file": "text/preface.md"}
    plan["outline"] = _outline()
    schema_ref = Path(os.path.relpath(find_schema_dir(target), target.resolve())).as_posix()
    files = {
        "plan.yaml": yaml_text(plan, "plan.schema.json", schema_ref),
        "indicators.yaml": yaml_text(
            _indicators(parent_indicators, place), "indicators.schema.json", schema_ref
        ),
    }
    files |= {f"text/{name}": text for name, text in TEXTS.items()}
    with folder_draft(target) as draft:
        for name, text in files.items():
            (draft / name).parent.mkdir(parents=True, exist_ok=True)
            (draft / name).write_text(text, encoding="utf-8")
        publish_folder(draft, target)
    return [target / name for name in files]
