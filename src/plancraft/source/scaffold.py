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
from . import periods
from .parent import read_plan_data
from .periods import Period, from_data, renamed
from .yamlwrite import yaml_text

PLACEHOLDER = "【待填写】"  # checks.PLACEHOLDER_RE finds these and todo()'s
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")
PLACE_RE = re.compile(
    r"^(?:(?:(?![委局厅])[\u4e00-\u9fff]){1,7}?(?:省|自治区|市|自治州|盟|地区|县|区|旗))+"
)


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


def texts(period: Period) -> dict[str, str]:
    """The Markdown files of the template, their placeholders naming the period."""
    return {
        "preface.md": f"{todo('前言：规划的依据、范围和期限')}\n",
        "background.md": (
            f"# 发展基础 {{#foundation}}\n\n{todo('上一规划期取得的成绩')}\n\n"
            f"# 面临形势 {{#situation}}\n\n{todo(period.phrase + '面临的机遇和挑战')}\n"
        ),
        "requirements.md": (
            f"# 指导思想 {{#guiding-ideology}}\n\n{todo('指导思想')}\n\n"
            f"# 基本原则 {{#principles}}\n\n{todo('基本原则')}\n\n"
            f"# 发展目标 {{#goals}}\n\n{todo(f'到{period.end}年的发展目标')}，主要指标见[@indicators]。\n\n"
            "{{indicators}}\n"
        ),
        "tasks.md": f"# {todo('第一项任务')} {{#task-1}}\n\n{todo('任务内容')}\n",
        "safeguards.md": (
            f"# 加强组织领导 {{#leadership}}\n\n{todo('组织保障')}\n\n"
            f"# 强化监督评估 {{#evaluation}}\n\n{todo('监测评估')}\n"
        ),
    }


def _field(domain: str) -> str:
    """消防事业 for --domain 消防, else a placeholder naming the field."""
    return f"{domain}事业" if domain else todo("领域")


def plan_title(period: Period, place: str = "", domain: str = "") -> str:
    """北京市海淀区“十五五”时期消防事业发展规划, or …发展规划（2022—2035年） for other years."""
    where = place or todo("地区")
    if period.ordinal:
        return f"{where}{period.phrase}{_field(domain)}发展规划"
    return f"{where}{_field(domain)}发展规划（{period.years}）"


def _indicators(
    parent_plan: dict[str, Any],
    parent: dict[str, Any],
    period: Period,
    place: str = "",
    domain: str = "",
) -> dict[str, Any]:
    """The indicator table: the parent's rows with their targets to fill in, or one placeholder row."""
    if not parent:
        return {
            "title": f"{period.phrase}{place or todo('地区')}{_field(domain)}发展主要指标",
            "baseline_year": period.base_year,
            "target_year": period.end,
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
    if isinstance(data.get("title"), str):
        theirs = place_of(str(parent_plan.get("issuer", "")))
        title = data["title"].replace(theirs, place or todo("地区")) if theirs else data["title"]
        data["title"] = renamed(title, from_data(parent_plan.get("period")) or period, period)
    if "baseline_year" in data:
        data["baseline_year"] = period.base_year
    if "target_year" in data:
        data["target_year"] = period.end
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


def place_of(issuer: str) -> str:
    """The place an issuer belongs to: 北京市 of 北京市民政局, 北京市海淀区 of 北京市海淀区消防救援支队."""
    match = PLACE_RE.match(issuer)
    return match.group(0) if match else ""


def scaffold_indicators(parent: Path | None = None, period: Period | None = None) -> dict[str, Any]:
    """The indicator table `new` writes: the parent's rows to fill in, or one placeholder row."""
    parent_plan, parent_indicators = _read_parent(parent) if parent else ({}, {})
    chosen = period or from_data(parent_plan.get("period")) or periods.current()
    return _indicators(parent_plan, parent_indicators, chosen)


def find_schema_dir(target: Path) -> Path:
    """The nearest `schema/` folder above `target` holding the plan schema, else plancraft's own."""
    for folder in target.resolve().parents:
        if (folder / "schema" / "plan.schema.json").is_file():
            return folder / "schema"
    return schemas_folder()


def new_plan(
    target: Path,
    title: str = "",
    parent: Path | None = None,
    numbering: str = "parts",
    *,
    issuer: str = "",
    domain: str = "",
    period: Period | None = None,
) -> list[Path]:
    """Create the plan folder `target` and return the files written; refuses an existing non-empty folder."""
    check_target(target)
    parent_plan, parent_indicators = _read_parent(parent) if parent else ({}, {})
    chosen = period or from_data(parent_plan.get("period")) or periods.current()
    place = place_of(issuer)
    plan: dict[str, Any] = {
        "title": title or plan_title(chosen, place, domain),
        "issuer": issuer or todo("发文单位"),
        "period": chosen.as_data(),
    }
    if parent:
        plan["parent"] = parent.name
    plan["numbering"] = numbering
    plan["preface"] = {"title": "前言", "file": "text/preface.md"}
    plan["outline"] = _outline()
    indicators = _indicators(parent_plan, parent_indicators, chosen, place, domain)
    files = {"plan.yaml": plan, "indicators.yaml": indicators} | {
        f"text/{name}": text for name, text in texts(chosen).items()
    }
    return write_plan(target, files)


def check_target(target: Path) -> None:
    """Refuse a folder name that is no plan name, or a folder that exists and is not empty."""
    if not SLUG_RE.match(target.name):
        raise ScaffoldError(
            _(
                "'{slug}' is not a plan name: use lower-case letters, digits and '-', e.g. haidian"
            ).format(slug=target.name)
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(_("{path} already exists and is not empty").format(path=target))


def write_plan(target: Path, files: dict[str, Any]) -> list[Path]:
    """Write the plan folder at once: YAML files from data (with the editor schema line), text as is."""
    schema_ref = Path(os.path.relpath(find_schema_dir(target), target.resolve())).as_posix()
    with folder_draft(target) as draft:
        for name, content in files.items():
            if not isinstance(content, str):
                content = yaml_text(content, f"{Path(name).stem}.schema.json", schema_ref)
            (draft / name).parent.mkdir(parents=True, exist_ok=True)
            (draft / name).write_text(content, encoding="utf-8")
        publish_folder(draft, target)
    return [target / name for name in files]
