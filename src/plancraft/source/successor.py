"""`plancraft new --from`: the next period's plan started from the current one, its text to be written anew."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..i18n import _
from .load import PLAN_FILE, load_plan_data
from .parent import read_plan_data
from .periods import Period, from_data, renamed
from .scaffold import ScaffoldError, check_target, todo, write_plan
from .textfile import read_text

PLAN_KEYS = ("numbering", "toc_depth", "public", "appendix", "cover_metadata")
"""plan.yaml keys the successor keeps; dates, 文号, notice and cover lines belong to the old plan."""
ROW_KEYS = ("id", "domain", "subdomain", "name", "unit")
TABLE_KEYS = ("numbered", "columns", "binding_mark", "landscape")
HEADING_RE = re.compile(r"^(#{1,6}\s|:::)")
PLACEMENT_RE = re.compile(r"^\{\{\s*([^}\s]+)\s*\}\}\s*$")
MARKUP_RE = re.compile(r"\[@[^\]]*\]|!\[[^\]]*\]\([^)]*\)|\*\*|__|[*_`]|^\s*(?:[-+*]|\d+[.)])\s+")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = "。！？；"
QUOTE_MAX = 40


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph as plain text, shortened to a quote (【】 left out)."""
    plain = MARKUP_RE.sub("", LINK_RE.sub(r"\1", text)).replace("【", "").replace("】", "").strip()
    end = min((plain.find(mark) for mark in SENTENCE_END if mark in plain), default=len(plain))
    sentence = plain[: end + 1] if end < len(plain) else plain
    return sentence if len(sentence) <= QUOTE_MAX else sentence[:QUOTE_MAX] + "……"


def part_placeholder(old_text: str) -> str:
    """【待填写：…】 quoting the old part's first sentence."""
    quote = first_sentence(old_text)
    return todo(f"新规划内容；原规划此处首句：{quote}" if quote else "新规划内容")


def skeleton(markdown: str, old: Period, new: Period) -> str:
    """The Markdown with its headings, 专栏 fences and indicator table kept, each text a placeholder."""
    out: list[str] = []
    waiting = False
    for line in markdown.splitlines():
        placement = PLACEMENT_RE.match(line.strip())
        if HEADING_RE.match(line):
            out.append(renamed(line, old, new))
            waiting = False
        elif placement:
            if placement.group(1) == "indicators":
                out.append(line)
            waiting = False
        elif not line.strip():
            if out and out[-1].strip():
                out.append("")
        elif not waiting:
            out.append(part_placeholder(line))
            waiting = True
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def _outline(entries: Any, old: Period, new: Period, files: list[str]) -> list[dict[str, Any]]:
    """The outline's entries with ids, roles and files kept, titles carried into the new period."""
    carried = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        kept = {key: entry[key] for key in ("id", "title", "role", "file") if key in entry}
        if isinstance(kept.get("title"), str):
            kept["title"] = renamed(kept["title"], old, new)
        if isinstance(kept.get("file"), str):
            files.append(kept["file"])
        if entry.get("sections"):
            kept["sections"] = _outline(entry["sections"], old, new, files)
        carried.append(kept)
    return carried


def carried_row(
    row: dict[str, Any], old: Period, new: Period, recorded: tuple[int, Any] | None = None
) -> dict[str, Any]:
    """An indicator row for the new period: the last value the old plan's monitoring recorded (else
    its target) as the baseline to confirm, a new target."""
    copied = {key: row[key] for key in ROW_KEYS if key in row}
    target = row.get("target", "—")
    if recorded is not None:
        year, value = recorded
        known = f"原规划{year}年监测值 {value}（{old.end}年目标 {target}）"
    else:
        known = f"原规划{old.end}年目标 {target}，尚无监测数据"
    copied["baseline"] = todo(f"{new.base_year}年基数；{known}，请以实际值替换")
    copied["target"] = todo(f"{new.end}年目标")
    copied["nature"] = row.get("nature", "预期性")
    return copied


def recorded_values(root: Path) -> dict[str, tuple[int, Any]]:
    """Each indicator's last value in the monitoring year files of the plan at `root`, with its year."""
    plan = load_plan_data(root, Diagnostics())
    found: dict[str, tuple[int, Any]] = {}
    for year in sorted(plan.monitoring if plan else [], key=lambda each: each.year):
        for ident, value in year.values.items():
            if value.written is not None:
                found[ident] = (year.year, value.written)
    return found


def carried_indicators(
    table: dict[str, Any], old: Period, new: Period, recorded: dict[str, tuple[int, Any]]
) -> dict[str, Any]:
    """The indicator table of the new period: the same rows by id, years and column heads from it."""
    data: dict[str, Any] = {"title": renamed(str(table.get("title", "主要指标")), old, new)}
    data |= {"baseline_year": new.base_year, "target_year": new.end}
    data |= {key: table[key] for key in TABLE_KEYS if key in table}
    columns = list(data.get("columns") or ["seq", "name", "unit", "baseline", "target", "nature"])
    if "baseline" not in columns:
        columns.insert(columns.index("target") if "target" in columns else len(columns), "baseline")
    data["columns"] = columns
    labels = table.get("labels")
    if isinstance(labels, dict):
        data["labels"] = {k: v for k, v in labels.items() if k not in ("baseline", "target")}
    if isinstance(table.get("notes"), list):
        data["notes"] = [renamed(str(note), old, new) for note in table["notes"]]
    rows = table.get("indicators") or []
    data["indicators"] = [
        carried_row(row, old, new, recorded.get(str(row.get("id"))))
        for row in rows
        if isinstance(row, dict)
    ]
    return data


def predecessor_ref(target: Path, old_root: Path) -> str:
    """How plan.yaml names the old plan: its folder name beside the new one, else a relative path."""
    if old_root.resolve().parent == target.resolve().parent:
        return old_root.resolve().name
    return Path(os.path.relpath(old_root.resolve(), target.resolve())).as_posix()


def _read_part(root: Path, relative: str) -> str:
    """A Markdown file of the old plan, confined to its folder ('' when absent or outside)."""
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        return ""
    return read_text(path, Diagnostics()) or "" if path.is_file() else ""


def read_predecessor(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The old plan's plan.yaml and indicators.yaml as data, read by the same hardened loader as validate."""
    if not (root / PLAN_FILE).is_file():
        raise ScaffoldError(_("no plan at {path}").format(path=root))
    diagnostics = Diagnostics()
    found = read_plan_data(root, diagnostics)
    if diagnostics.errors:
        raise ScaffoldError(
            _("cannot read the plan to start from: {problem}").format(
                problem=diagnostics.sorted()[0]
            )
        )
    return found


def successor_plan(
    target: Path,
    predecessor: Path,
    *,
    period: Period | None = None,
    parent: Path | None = None,
    title: str = "",
    issuer: str = "",
    numbering: str | None = None,
) -> list[Path]:
    """Create `target` as the next period's plan of `predecessor` and return the files written."""
    check_target(target)
    old_plan, old_table = read_predecessor(predecessor)
    old = from_data(old_plan.get("period"))
    if old is None:
        raise ScaffoldError(
            _("{path} states no period (start and end); pass --period").format(
                path=predecessor / PLAN_FILE
            )
        )
    new = period or old.shifted(1)
    files: list[str] = []
    plan: dict[str, Any] = {
        "title": title or renamed(str(old_plan.get("title", "")), old, new) or todo("规划标题"),
        "issuer": issuer or old_plan.get("issuer") or todo("发文单位"),
        "period": new.as_data(),
        "predecessor": predecessor_ref(target, predecessor),
    }
    if parent:
        plan["parent"] = parent.name
    plan |= {key: old_plan[key] for key in PLAN_KEYS if key in old_plan}
    if numbering:
        plan["numbering"] = numbering
    preface = old_plan.get("preface")
    if isinstance(preface, dict) and isinstance(preface.get("file"), str):
        plan["preface"] = {key: preface[key] for key in ("title", "file") if key in preface}
        files.append(preface["file"])
    plan["outline"] = _outline(old_plan.get("outline"), old, new, files)
    written: dict[str, Any] = {"plan.yaml": plan}
    if old_table:
        recorded = recorded_values(predecessor)
        written["indicators.yaml"] = carried_indicators(old_table, old, new, recorded)
    for relative in files:
        written[relative] = skeleton(_read_part(predecessor, relative), old, new)
    return write_plan(target, written)
