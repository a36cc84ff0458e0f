"""The import pipeline: read → split front matter and body → repair → structure → write → validate."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compile.numbering import FORMATS, LEVELS
from ..compile.pipeline import LoadedPlan
from ..diagnostics import Diagnostics, Location, source_path
from ..i18n import _, ngettext
from ..source import periods
from ..source.load import PLAN_FILE
from ..source.model import ROLES
from ..source.parent import parent_root as parent_folder
from ..source.periods import Period
from ..source.scaffold import ScaffoldError, scaffold_indicators, todo
from ..source.yamlwrite import yaml_text
from .blocks import Block, Grid, Line
from .cleanup import clean_blocks
from .front import WEB_METADATA, normalise_meta_dates, read_front, take_colophon
from .meta import settle as settle_meta
from .outline import Outline, decide, parse_levels, repair_slips, typed_numbers
from .patterns import clean, heading_kind
from .structure import (
    BoxNode,
    Document,
    Node,
    Note,
    Para,
    TablePlace,
    build_body,
    is_preface_title,
    repair_breaks,
)
from .tables import indicators_data, looks_like_indicators, main_indicator_grid, table_data
from .toc import confirm_toc, number_from_toc
from .write import MarkdownWriter, write_file

ROLE_TITLES = {
    "background": "规划背景",
    "requirements": "总体要求",
    "tasks": "主要任务",
    "safeguards": "保障措施",
}

ROLE_WORDS = [
    ("background", ("背景", "发展基础", "发展环境", "发展回顾", "回顾", "成就", "形势")),
    (
        "requirements",
        (
            "总体要求",
            "指导思想",
            "总体思想",
            "指导方针",
            "指导原则",
            "基本原则",
            "发展目标",
            "主要目标",
        ),
    ),
    ("safeguards", ("保障措施", "规划实施", "实施保障", "组织实施")),
    ("tasks", ("任务",)),
]
SHORT_ROLE_WORDS = [("safeguards", ("保障机制", "保障体系", "组织保障", "组织领导"))]
"""Words naming a role only as a short title of their own (保障机制), not inside a task (健全救助保障机制)."""
SHORT_TITLE = 8
LEAD_MAX = 24


class ImportFailure(ValueError):
    """The source cannot be imported at all (unreadable, or not a plan)."""


@dataclass
class ImportResult:
    """What an import wrote and what it could not classify, each with its source line."""

    source: Path
    target: Path
    files: list[Path] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


def read_blocks(source: Path, notes: list[Note] | None = None) -> list[Block]:
    """The source's paragraphs and tables, by file type."""
    suffix = source.suffix.lower()
    if suffix == ".docx":
        from .docxsource import read_docx

        return read_docx(source, notes)
    if suffix == ".pdf":
        from .pdfsource import read_pdf

        return read_pdf(source, notes)
    if suffix in (".txt", ".md", ".markdown", ""):
        from .textsource import read_text

        return read_text(source, notes)
    raise ImportFailure(f"cannot import {suffix} files; use .txt, .md, .docx or .pdf")


def apply_replacements(blocks: list[Block], replacements: dict[str, str]) -> list[Block]:
    """Repair a mangled word everywhere (亚洲通: → 门头沟区), in text and table cells alike."""
    pairs = [
        (form, right)
        for wrong, right in replacements.items()
        for form in {wrong, clean(wrong)}
        if form
    ]

    def fix(text: str) -> str:
        for wrong, right in pairs:
            text = text.replace(wrong, right)
        return text

    for block in blocks:
        if isinstance(block, Line):
            block.text, block.bold_lead = fix(block.text), fix(block.bold_lead)
        else:
            block.caption = fix(block.caption)
            block.notes = [fix(note) for note in block.notes]
            for row in block.header + block.rows:
                for cell in row:
                    if cell is not None:
                        cell.text = fix(cell.text)
    return blocks


def import_document(
    source: Path,
    target: Path,
    *,
    title: str = "",
    parent: str = "",
    bold_leads: bool | None = None,
    replacements: dict[str, str] | None = None,
    levels: str | tuple[str, ...] = (),
    parent_root: Path | None = None,
) -> ImportResult:
    """Turn a plan document into a draft plan folder at `target`, reporting what needs a human look."""
    result = ImportResult(source, target)
    where = source_path(source)
    notes: list[Note] = []
    try:
        blocks = apply_replacements(read_blocks(source, notes), replacements or {})
    except Exception as exc:  # noqa: BLE001 - a source we cannot read is reported, never a traceback
        result.diagnostics.error(
            Location(where),
            _("cannot read {file}: {reason}").format(file=source.name, reason=exc),
            code="import-read",
        )
        return result
    cleaned = clean_blocks(blocks, notes)
    number_from_toc(cleaned, notes)
    blocks = cleaned.blocks
    try:
        stated = parse_levels(levels) if isinstance(levels, str) and levels else None
        stated = stated or (tuple(levels) if not isinstance(levels, str) and levels else None)
    except ValueError as exc:
        result.diagnostics.error(Location("--levels"), str(exc), code="import-levels")
        return result
    repair_slips(blocks, notes)
    numbers = typed_numbers(blocks)
    outline = decide(numbers, stated)
    document = Document(style=outline.style, levels=outline.kinds, notes=notes)
    body_start = _body_start(blocks, outline)
    if body_start is None and cleaned.toc:
        notes.append(
            Note(
                cleaned.toc_line,
                _(
                    "found no heading of the 目录 in the body; its text is kept as the preface: "
                    "mark the headings, or pass --levels"
                ),
                "import-outline",
            )
        )
        body_start = len(blocks)
    if body_start is None:
        result.diagnostics.error(
            Location(where),
            _(
                "found no numbered heading (第X部分, 第X章, "
                "一、 …) and no Word heading style; is this a plan?"
            ),
            code="import-structure",
        )
        return result
    if body_start < len(blocks):
        decision = _outline_note(outline, len(numbers))
        notes.append(Note(blocks[body_start].line, decision, "import-outline"))
    front, body = blocks[:body_start], blocks[body_start:]
    preface_at = next(
        (i for i, b in enumerate(front) if isinstance(b, Line) and is_preface_title(b.text)), None
    )
    if preface_at is not None:
        document.preface_title = re.sub(r"\s+", "", getattr(front[preface_at], "text", ""))
        front, body = front[:preface_at], front[preface_at + 1 :] + body
    read_front(document, [b for b in front if isinstance(b, Line)])
    settle_meta(document)
    body = take_colophon(body, document)
    normalise_meta_dates(document)
    if source.suffix.lower() != ".docx":
        body = repair_breaks(body, document.notes)
    build_body(document, body)
    confirm_toc(cleaned, [node.title for node in _nodes(document.outline)], notes)
    _assign_roles(document)
    if bold_leads if bold_leads is not None else document.style == "chapters":
        _mark_bold_leads(document)
    document.title = title or document.title
    if not document.title:
        result.diagnostics.warning(
            Location(where),
            _("found no title line; using a placeholder: pass --title"),
            code="import-title",
        )
        document.title = todo("规划标题")
    if parent and parent_root is None:
        parent_root = parent_folder(target, parent)
    _write(document, target, parent, parent_root, result)
    for note in document.notes:
        result.diagnostics.warning(Location(where, note.line), note.message, code=note.code)
    return result


def _body_start(blocks: list[Block], outline: Outline) -> int | None:
    for index, block in enumerate(blocks):
        if isinstance(block, Line):
            found = heading_kind(block.text)
            if found and found[0] == outline.kinds[0] or block.heading_level == 1:
                return index
    return None


def _outline_note(outline: Outline, count: int) -> str:
    """The levels decided (or stated), the plan numbering that prints them, and any doubt."""
    if not count and not outline.stated:
        return _(
            "no typed heading numbers: heading levels from Word heading styles and outline levels, numbered "
            "as '{style}' (--levels 章,一,（一） chooses another)"
        ).format(style=outline.style)
    how = (
        _("as --levels states")
        if outline.stated
        else ngettext(
            "decided from {count} typed number", "decided from {count} typed numbers", count
        ).format(count=count)
    )
    note = _("heading levels {levels} ({how}); plan numbering '{style}'").format(
        levels=outline.describe(), how=how, style=outline.style
    )
    printed = LEVELS[outline.style][: len(outline.kinds)]
    if printed != outline.kinds:
        shown = " › ".join(FORMATS[kind].format(cn="一", n=1) for kind in printed)
        note += _(", which prints them as {levels}").format(levels=shown)
    if outline.paragraphs:
        shown = " ".join(FORMATS[kind].format(cn="一", n=1) for kind in outline.paragraphs)
        note += _(
            "; the {levels} numbers run on across their parents: kept as numbered paragraphs, "
            "as printed"
        ).format(levels=shown)
    if outline.breaks:
        note += _(
            "; {count} numbers do not restart under their parent as these levels have it: check the "
            "outline, or pass --levels (e.g. --levels 章,一,（一）)"
        ).format(count=outline.breaks)
    return note


def _nodes(nodes: list[Node]) -> list[Node]:
    found: list[Node] = []
    for node in nodes:
        found.append(node)
        found.extend(_nodes(node.subnodes))
    return found


def _role_of(title: str) -> str | None:
    """The role a part's title names: 发展环境 and 发展回顾 are background, 保障机制 safeguards."""
    for role, words in ROLE_WORDS:
        if any(word in title for word in words):
            return role
    for role, words in SHORT_ROLE_WORDS:
        if len(title) <= SHORT_TITLE and any(word in title for word in words):
            return role
    return None


def _assign_roles(document: Document) -> None:
    """Roles from part titles; chapters without one take them from their sections, or become tasks.
    A 纲要's 篇 take none: its chapters take them, as parts would."""
    if document.style == "volumes":
        chapters = [chapter for volume in document.outline for chapter in volume.subnodes]
        for chapter in chapters:
            chapter.role = _role_of(chapter.title)
        _roles_by_place(chapters)
        _map_missing_roles(document)
        return
    for node in document.outline:
        node.role = _role_of(node.title)
        if node.role is None:
            roles = {_role_of(child.title) for child in node.subnodes} - {None}
            if roles & {"background", "requirements"}:
                for child in node.subnodes:
                    child.role = _role_of(child.title) or "extra"
    _roles_by_place(document.outline)
    _map_missing_roles(document)


def _roles_by_place(nodes: list[Node]) -> None:
    """Nodes with no role of their own or their sections' are background before the requirements, tasks
    after them or before the safeguards, else extra."""
    seen = [_held_role(node) for node in nodes]
    for index, node in enumerate(nodes):
        if seen[index] is None:
            before = [r for r in seen[:index] if r]
            after = [r for r in seen[index + 1 :] if r]
            if "safeguards" in after or before and before[-1] in ("requirements", "tasks"):
                node.role = "tasks"
            elif not before and "requirements" in after:
                node.role = "background"
            else:
                node.role = "extra"
            seen[index] = node.role


def _held_role(node: Node) -> str | None:
    """A node's role, or for a part whose sections carry roles the latest of theirs in template order."""
    if node.role:
        return node.role
    held = [child.role for child in node.subnodes if child.role in ROLES]
    return max(held, key=ROLES.index) if held else None


def _carriers(document: Document) -> list[Node]:
    """The nodes that carry roles, in order: parts, or the sections of a part whose sections carry them
    (a 纲要's chapters)."""
    nodes = (
        [chapter for volume in document.outline for chapter in volume.subnodes]
        if document.style == "volumes"
        else document.outline
    )
    found: list[Node] = []
    for node in nodes:
        roled = [child for child in node.subnodes if child.role]
        found.extend(roled if node.role is None and roled else [node])
    return found


def _map_missing_roles(document: Document) -> None:
    """A role no part is titled with goes to a part at its place in the template (the last part for the
    safeguards, the first one free for the others) that has no role or one several parts share, so a
    plan of another structure keeps its own parts and validates. Each choice is a note."""
    carriers = _carriers(document)
    if len(carriers) < len(ROLES):
        return
    missing = [role for role in ROLES if role not in {node.role for node in carriers}]
    if "tasks" in missing:
        for node in carriers:
            node.role = "tasks" if node.role in (None, "extra") else node.role
        missing = [role for role in missing if role != "tasks"]
    for role in sorted(missing, key=lambda role: role != "safeguards"):
        order = carriers[-1:] if role == "safeguards" else carriers
        counts = Counter(node.role for node in carriers)
        chosen = next((node for node in order if node.role in (None, "extra")), None) or next(
            (node for node in order if node.role in ROLES and counts[node.role] > 1), None
        )
        if chosen is None:
            continue
        chosen.role = role
        document.notes.append(
            Note(
                chosen.line,
                _(
                    "no part is titled as the {role} ({title}); '{part}' takes role {role} by its "
                    "place so that the draft validates: check the roles in plan.yaml"
                ).format(role=role, title=ROLE_TITLES[role], part=chosen.title[:20]),
                "import-partial",
            )
        )


def _mark_bold_leads(document: Document) -> None:
    """A short first sentence opening a paragraph is its bold lead (as chapter-style plans print it)."""

    def visit(items: list) -> None:
        for item in items:
            if isinstance(item, Para) and not item.bold_lead and not item.cls:
                end = item.text.find("。")
                lead = item.text[: end + 1]
                if (
                    3 < end < LEAD_MAX
                    and end < len(item.text) - 1
                    and not re.search(r"[，：；、]", lead)
                    and not lead.startswith(("——", "“"))
                ):
                    item.bold_lead = lead
            elif isinstance(item, (Node, BoxNode)):
                visit(item.children)

    for node in document.outline:
        visit(node.children)


def _grids(items: list) -> list[Grid]:
    found: list[Grid] = []
    for item in items:
        if isinstance(item, TablePlace):
            found.append(item.grid)
        elif isinstance(item, (Node, BoxNode)):
            found.extend(_grids(item.children))
    return found


def _write(
    document: Document, target: Path, parent: str, parent_root: Path | None, result: ImportResult
) -> None:
    period = document_period(document)
    grids = _grids(document.preface) + _grids(document.outline)
    indicator = main_indicator_grid(grids, period)
    placements: dict[int, str] = {}
    references: dict[int, str] = {}
    files: dict[str, str] = {}
    others = [grid for grid in grids if grid is not indicator]
    for number, grid in enumerate(others, start=1):
        if looks_like_indicators(grid):
            document.notes.append(
                Note(
                    grid.line,
                    _(
                        "table '{caption}' is titled as indicators but its columns do not read as "
                        "name, target and nature or unit; kept as a table: check it"
                    ).format(caption=grid.caption),
                    "import-indicators",
                )
            )
        table_id = f"table-{number}"
        placements[id(grid)] = f"table {table_id}"
        if grid.caption_number is not None:
            references[grid.caption_number] = table_id
        files[f"tables/{table_id}.yaml"] = yaml_text(
            table_data(grid, table_id), "table.schema.json"
        )
    if indicator is not None:
        placements[id(indicator)] = "indicators"
        if indicator.caption_number is not None:
            references[indicator.caption_number] = "indicators"
        data = indicators_data(indicator, indicator.caption_number is not None, period)
    else:
        data = {}
    unplaced = indicator is None or not data.get("indicators")
    if unplaced:
        data = _placeholder_indicators(parent_root, document.notes, period)
    files["indicators.yaml"] = yaml_text(data, "indicators.schema.json")
    writer = MarkdownWriter(placements, references)
    plan = _plan_data(document, parent, period)
    if document.notice:
        files["text/notice.md"] = writer.file(document.notice, 0, "notice")
    if document.preface:
        files["text/preface.md"] = writer.file(document.preface, 1, "preface")
    entries = _outline(document, writer, files)
    plan["outline"] = _placeholder_parts(entries, files, document.notes, unplaced)
    files = {"plan.yaml": yaml_text(plan, "plan.schema.json")} | files
    for relative, text in files.items():
        path = target / relative
        write_file(path, text)
        result.files.append(path)


QUOTED_PERIOD_RE = re.compile(r"“(十[一二三四五六七八九]五)”")


def document_period(document: Document) -> Period:
    """The years the title or preface states (“十五五”时期, 2022—2035年), else those running at its date."""
    prose = " ".join(item.text for item in document.preface[:3] if isinstance(item, Para))
    notice = " ".join(item.text for item in document.notice[:3] if isinstance(item, Para))
    stated = periods.stated(document.title) or periods.stated(notice) or periods.stated(prose)
    if stated:
        return stated
    quoted = QUOTED_PERIOD_RE.search(document.title)
    named = periods.stated(f"“{quoted.group(1)}”时期") if quoted else None
    named = named or most_named_period(document)
    if named:
        return named
    dated = document.meta.get("written") or document.meta.get("published") or ""
    year = int(dated[:4]) if dated[:4].isdigit() else None
    return periods.current(dt.date(year, 6, 1) if year else None)


def most_named_period(document: Document) -> Period | None:
    """The five-year plan the text names most (“十四五” 12 times, “十三五” 5 times → 十四五), if any."""
    texts = [item.text for item in document.preface if isinstance(item, Para)]
    for node in _nodes(document.outline)[:40]:
        texts.append(node.title)
        texts.extend(item.text for item in node.children[:6] if isinstance(item, Para))
    counts = Counter(re.findall(r"“?十([一二三四五六七八九])五”?", " ".join(texts)))
    if not counts:
        return None
    order = "一二三四五六七八九"
    name = max(counts, key=lambda found: (counts[found], order.index(found)))
    return periods.stated(f"“十{name}五”时期")


def _placeholder_indicators(
    parent_root: Path | None, notes: list[Note], period: Period
) -> dict[str, Any]:
    """The indicator table of a draft without one: the parent's rows to fill in, as in `new`."""
    if parent_root is not None:
        try:
            data = scaffold_indicators(parent_root, period)
        except ScaffoldError as exc:
            notes.append(
                Note(
                    0,
                    _("{problem}; wrote one placeholder indicator row").format(problem=exc),
                    "import-partial",
                )
            )
        else:
            if data["indicators"]:
                count = len(data["indicators"])
                notes.append(
                    Note(
                        0,
                        ngettext(
                            "found no indicator table; copied the {count} indicator row of {plan} "
                            "with its target to fill in",
                            "found no indicator table; copied the {count} indicator rows of {plan} "
                            "with their targets to fill in",
                            count,
                        ).format(count=count, plan=parent_root.name),
                        "import-partial",
                    )
                )
                return data
    notes.append(
        Note(
            0,
            _(
                "found no main-indicator table (a name column with target and nature or unit "
                "columns); wrote a placeholder row to fill in"
            ),
            "import-partial",
        )
    )
    return scaffold_indicators(None, period)


def _placeholder_parts(
    entries: list[dict[str, Any]],
    files: dict[str, str],
    notes: list[Note],
    indicators: bool = False,
) -> list[dict]:
    """A placeholder part per missing role, in the template's order, so a draft can be previewed."""
    present = {entry.get("role") for entry in entries} | {
        sub.get("role") for entry in entries for sub in entry.get("sections", [])
    }
    ids = {entry["id"] for entry in entries}
    for role in ROLES:
        if role in present:
            continue
        ident = role if role not in ids else f"{role}-todo"
        title = ROLE_TITLES[role]
        placed = "\n{{indicators}}\n" if indicators and role == "requirements" else ""
        files[f"text/{ident}.md"] = f"{todo(title + '的内容')}\n{placed}"
        entry = {"id": ident, "title": todo(title), "role": role, "file": f"text/{ident}.md"}
        later = [
            i for i, e in enumerate(entries) if e.get("role") in ROLES[ROLES.index(role) + 1 :]
        ]
        entries.insert(later[0] if later else len(entries), entry)
        notes.append(
            Note(
                0,
                _(
                    "the document has no part with role {role} ({title}); wrote the placeholder part "
                    "'{placeholder}'"
                ).format(role=role, title=title, placeholder=todo(title)),
                "import-partial",
            )
        )

    return entries


def _plan_data(document: Document, parent: str, period: Period) -> dict[str, Any]:
    meta = document.meta
    issuer = meta.get("issuer") or todo("发文单位")
    plan: dict[str, Any] = {"title": document.title, "issuer": issuer}
    for key in ("notice_header", "doc_number", "signer"):
        if meta.get(key):
            plan[key] = meta[key]
    dates = {
        key: meta[key] for key in ("written", "published", "effective", "expires") if meta.get(key)
    }
    if dates:
        plan["dates"] = dates
    if meta.get("validity"):
        plan["validity"] = meta["validity"]
    if meta.get(WEB_METADATA):
        plan["cover_metadata"] = True
    plan["period"] = period.as_data()
    if parent:
        plan["parent"] = parent
    plan["numbering"] = document.style
    if document.notice:
        plan["notice"] = "text/notice.md"
    if document.preface:
        plan["preface"] = ({"title": document.preface_title} if document.preface_title else {}) | {
            "file": "text/preface.md"
        }
    return plan


def _outline(
    document: Document, writer: MarkdownWriter, files: dict[str, str]
) -> list[dict[str, Any]]:
    """Outline entries; a top-level node whose sections carry the roles lists them as nested entries."""
    counts: dict[str, int] = {}
    for node in document.outline:
        for item in [node] + node.subnodes:
            if item.role:
                counts[item.role] = counts.get(item.role, 0) + 1
    used: dict[str, int] = {}

    def ident(role: str | None, fallback: str) -> str:
        base = role if role and role != "extra" else fallback
        used[base] = used.get(base, 0) + 1
        return base if counts.get(base, 0) <= 1 and used[base] == 1 else f"{base}-{used[base]}"

    entries = []
    unit = "chapter" if document.style.startswith("chapters") else "part"
    subunit = "section"
    if document.style == "volumes":
        unit, subunit = "volume", "chapter"
    for node in document.outline:
        entry: dict[str, Any] = {"id": ident(node.role, unit), "title": node.title}
        if node.role:
            entry["role"] = node.role
        if node.role is None and any(child.role for child in node.subnodes):
            intro = [item for item in node.children if not isinstance(item, Node)]
            if intro:
                entry["file"] = f"text/{entry['id']}.md"
                files[entry["file"]] = writer.file(intro, node.level, entry["id"])
            entry["sections"] = []
            for child in node.subnodes:
                sub = {
                    "id": ident(child.role, subunit),
                    "title": child.title,
                    "role": child.role or "extra",
                    "file": "",
                }
                sub["file"] = f"text/{sub['id']}.md"
                files[sub["file"]] = writer.file(child.children, child.level, sub["id"])
                entry["sections"].append(sub)
        else:
            entry["file"] = f"text/{entry['id']}.md"
            files[entry["file"]] = writer.file(node.children, node.level, entry["id"])
        entries.append(entry)
    return entries


def target_problem(target: Path, force: bool) -> str:
    """Why an import may not be written at `target` ('' when it may): it makes a new or empty folder,
    or with `force` replaces a plan folder; never a symlink, a file, a folder holding other things
    (plans/, the repository) or the working folder."""
    here = Path.cwd().resolve()
    if target.is_symlink():
        return _("{path} is a symbolic link; give the folder itself").format(path=target)
    if not target.exists():
        return ""
    if not target.is_dir():
        return _("{path} exists and is not a folder").format(path=target)
    if target.resolve() == here or target.resolve() in here.parents:
        return _(
            "{path} is the working folder or holds it; give a plan folder such as plans/<slug>"
        ).format(path=target)
    if not any(target.iterdir()):
        return ""
    if not (target / PLAN_FILE).is_file():
        return _(
            "{path} is not empty and not a plan folder (no plan.yaml): import replaces only a plan "
            "folder; give one such as plans/<slug>"
        ).format(path=target)
    if not force:
        return _("{path} exists and is not empty; pass --force to replace it").format(path=target)
    return ""


def import_into(
    source: Path, target: Path, **options: Any
) -> tuple[ImportResult, LoadedPlan | None]:
    """Import into a scratch folder and put the whole draft at `target` once written; then validate it.

    An existing plan at `target` is replaced only by a draft that validates; otherwise it is kept as
    it was and the result holds an error."""
    from ..compile.pipeline import compile_plan
    from ..files import folder_draft, publish_folder

    problem = target_problem(target, force=True)
    if problem:
        raise ImportFailure(problem)
    if options.get("parent") and options.get("parent_root") is None:
        options["parent_root"] = parent_folder(target, options["parent"])
    replacing = (target / PLAN_FILE).is_file()
    with folder_draft(target) as scratch:
        result = import_document(source, scratch, **options)
        if result.diagnostics.errors:
            return result, None
        if replacing:
            draft = compile_plan(scratch)
            if not draft.ok:
                _refuse_draft(draft, scratch, target, result)
                return result, None
        publish_folder(scratch, target)
    result.files = [target / path.relative_to(scratch) for path in result.files]
    return result, compile_plan(target)


def _refuse_draft(draft: LoadedPlan, scratch: Path, target: Path, result: ImportResult) -> None:
    first = draft.diagnostics.sorted()
    errors = [d for d in first if d.severity.value == "error"]
    where = Path(errors[0].location.path)
    shown = where.relative_to(scratch) if where.is_relative_to(scratch) else where.name
    result.diagnostics.error(
        Location(source_path(target)),
        _(
            "the imported draft does not validate ({count} error(s), the first: {first}); the plan "
            "here is kept as it was"
        ).format(
            count=len(errors),
            first=f"{shown}:{errors[0].location.line}: {errors[0].message}",
        ),
        code="import-invalid",
        hint=_("import into a new folder to see the draft and fix it"),
    )
