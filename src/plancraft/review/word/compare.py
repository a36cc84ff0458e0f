"""The review itself: the returned file against a fresh export, tracked changes, comments, edits."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ...i18n import _
from ...limits import IMPORT_FILE_BYTES
from ...output.docx.ids import appendix_row_id
from ...source.confine import Refused, check_inside, read_confined
from .accept import apply_accepted
from .base import Base, read_base
from .model import (
    APPENDIX_FIELDS,
    Finding,
    PlanUnknown,
    Review,
    ReviewError,
    W,
)
from .package import parse_part, read_parts
from .units import PREFIX, Context, has_bookmarks, label_of, owner, squash, unit_text, units

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def plan_context(plan_root: Path, by_heading: bool) -> tuple[Context, str]:
    from ...compile.pipeline import compile_plan
    from ...output.docx import bookmark_name, write_docx

    loaded = compile_plan(plan_root)
    if not loaded.ok or loaded.plan is None:
        raise ReviewError(
            _("the plan at {path} does not validate; fix it first (plancraft validate)").format(
                path=plan_root
            )
        )
    document = loaded.document()
    exported = read_parts(write_docx(document), ("word/document.xml",))
    root = parse_part(exported["word/document.xml"], "word/document.xml")
    names: dict[str, str] = {}
    headings: dict[str, str] = {}
    columns: dict[str, tuple[str, ...]] = {}
    appendix_rows: dict[str, str] = {}

    def walk(blocks) -> None:
        from ...compile import document as doc

        for block in blocks:
            if isinstance(block, doc.Division):
                names[bookmark_name(block.id)] = block.id
                if not block.heading.run_in:
                    spaced = (
                        "　"
                        if block.heading.heading_kind in ("volume", "part", "chapter", "section")
                        else ""
                    )
                    headings[squash(block.heading.number + spaced + block.heading.title)] = block.id
                walk(block.blocks)
            elif isinstance(block, doc.Box):
                names[bookmark_name(block.id)] = block.id
                walk(block.blocks)
            elif isinstance(block, doc.Table):
                names[bookmark_name(block.id)] = block.id
                if block.table_kind == "indicators" and loaded.plan and loaded.plan.indicators:
                    for row in block.rows:
                        names[bookmark_name(row.id)] = row.id
                        columns[row.id] = tuple(loaded.plan.indicators.columns)

    walk(document.body)
    if document.appendix:
        headings[squash(f"附表　{document.appendix.title}")] = document.appendix.id
        for row in document.appendix.rows:
            if row.id:
                anchor = appendix_row_id(row.id)
                names[bookmark_name(anchor)] = anchor
                columns[anchor] = APPENDIX_FIELDS
                appendix_rows[anchor] = row.id
    if document.preface and document.preface.title:
        headings[squash(document.preface.title)] = document.preface.id
    found = units(root, names, headings if by_heading else None)
    for unit in found.values():
        names.setdefault(bookmark_name(unit.key[0]), unit.key[0])
    return Context(found, names, headings, columns, appendix_rows, plan_root), document.slug


def slug_of(parts: dict[str, bytes]) -> str:
    core = parts.get("docProps/core.xml")
    if not core:
        return ""
    root = parse_part(core, "docProps/core.xml")
    for element in root.iter("{http://purl.org/dc/elements/1.1/}identifier"):
        if (element.text or "").startswith("plancraft:"):
            return (element.text or "").split(":", 1)[1]
    return ""


def plan_named(slug: str, plans_dir: Path) -> Path:
    """The plan folder a file's identifier names: plans/<slug> of the current repository, for a
    plain slug only; the identifier is never taken as a path."""
    folder = plans_dir / slug
    if not SLUG_RE.fullmatch(slug) or not (folder / "plan.yaml").is_file():
        raise PlanUnknown(_("cannot tell which plan this file was exported from; give PLAN_DIR"))
    try:
        check_inside(folder, plans_dir)
    except Refused as exc:
        raise PlanUnknown(
            _("{path}: {problem}; give PLAN_DIR").format(path=folder, problem=exc.message)
        ) from exc
    return folder


def confirm_plan(root, slug: str, plan_slug: str, context: Context, accept: str) -> None:
    """Refuse a file that is not from the plan being reviewed: fewer than half of its plancraft
    bookmarks are ids of the plan, or (when accepting changes) its identifier names another plan."""
    marks = {
        mark.get(f"{W}name", "")
        for mark in root.iter(f"{W}bookmarkStart")
        if mark.get(f"{W}name", "").startswith(PREFIX)
    }
    if marks and len(marks & set(context.names)) * 2 < len(marks):
        raise ReviewError(
            _(
                "most of the file's plancraft bookmarks are not ids of the plan at {path}: "
                "it comes from another plan"
            ).format(path=context.plan_root)
        )
    if accept and slug and slug != plan_slug:
        raise ReviewError(
            _(
                "the file was exported from plan '{slug}', not '{plan}': nothing written "
                "(review it against its own plan)"
            ).format(slug=slug, plan=plan_slug)
        )


def review_file(
    path: Path, plan_root: Path | None = None, plans_dir: Path = Path("plans"), accept: str = ""
) -> Review:
    """Review the returned file at `path` against its plan; with `accept` ('all' or an author),
    write the accepted changes into the plan's sources."""
    try:
        data = read_confined(path, None, IMPORT_FILE_BYTES)
    except Refused as exc:
        raise ReviewError(_("cannot read it ({reason})").format(reason=exc.message)) from exc
    parts = read_parts(data, ("word/document.xml", "word/comments.xml", "docProps/core.xml"))
    root = parse_part(parts["word/document.xml"], "word/document.xml")
    if root.find(f"{W}body") is None:
        raise ReviewError(_("word/document.xml has no body: not a Word document"))
    slug = slug_of(parts)
    plan_root = plan_root if plan_root is not None else plan_named(slug, plans_dir)
    by_heading = not has_bookmarks(root)
    context, plan_slug = plan_context(plan_root, by_heading)
    folder = Path(os.path.realpath(plan_root)).name
    confirm_plan(root, slug, folder, context, accept)
    review = Review(str(path), plan_slug)
    if slug and slug != folder:
        review.notes.append(_("the file says it was exported from plan '{slug}'").format(slug=slug))
    if by_heading:
        review.notes.append(
            _(
                "the file carries no plancraft bookmarks: sections matched by heading text, "
                "paragraphs reported at their section"
            )
        )
    returned = units(root, context.names, context.headings if by_heading else None)
    index = {id(p): unit.key for unit in returned.values() for p in unit.paragraphs}
    tracked_changes(root, index, context, review, returned)
    if "word/comments.xml" in parts:
        comments_of(
            root,
            parse_part(parts["word/comments.xml"], "word/comments.xml"),
            index,
            context,
            review,
        )
    base = read_base(data)
    check_base(base, by_heading, context, review)
    base = None if by_heading else base
    untracked_edits(returned, context, review, base)
    if accept:
        apply_accepted(returned, context, review, accept, base)
    return review


def check_base(base: Base | None, by_heading: bool, context: Context, review: Review) -> None:
    """Say whether the copy can be compared with the text it was exported from, and whether the
    plan changed since."""
    if base is not None and by_heading:
        review.warnings.append(
            _(
                "the file lost plancraft's bookmarks, so it cannot be compared with the text it "
                "was exported from: it is compared with the plan as it is now, so if the plan "
                "changed since the export, its draft text reads as edits that undo those changes"
            )
        )
    elif base is None:
        review.warnings.append(
            _(
                "the file carries no record of the text it was exported from (an export of an "
                "older plancraft, or the record was removed): it is compared with the plan as it "
                "is now, so if the plan changed since the export, its draft text reads as edits "
                "that undo those changes"
            )
        )
    elif base.plan_changed({key: "\n".join(unit.base) for key, unit in context.units.items()}):
        review.notes.append(
            _(
                "the plan changed since the file was exported: the reviewer's edits are those "
                "against the exported text, and the plan's changes since are kept"
            )
        )


def tracked_changes(root, index, context: Context, review: Review, returned: dict) -> None:
    """Tracked insertions and deletions at their ids; a deletion the same author replaced at once
    (a w:del followed by its w:ins, as Word and LibreOffice write a replacement) is one change
    (深入 → 认真); in an indicator cell, one change of value per author (≥7 → ≥8)."""
    cells: dict[tuple[tuple[str, int], str], str] = {}
    replaced: dict[int, Finding] = {}
    for change in root.iter(f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
        if change.getparent() is not None and change.getparent().tag == f"{W}rPr":
            continue  # a paragraph mark's change, no text of its own
        text = "".join(node.text or "" for node in change.iter(f"{W}t", f"{W}delText"))
        if not text:
            continue
        key = owner(change, index)
        ident, column, where = label_of(key, context)
        author, date = change.get(f"{W}author", ""), iso_date(change.get(f"{W}date", ""))
        if column and key in returned:
            cells.setdefault((key, author), date)
            continue
        deletion = replaced.pop(id(change), None)
        if deletion is not None:
            deletion.kind, deletion.old, deletion.text = "change", deletion.text, text
            continue
        finding = Finding(
            "insertion" if change.tag in (f"{W}ins", f"{W}moveTo") else "deletion",
            ident,
            text,
            author=author,
            date=date,
            field=column,
            where=where,
            ref=change.get(f"{W}id", ""),
        )
        review.findings.append(finding)
        replacement = replacing(change) if change.tag == f"{W}del" else None
        if replacement is not None and replacement.get(f"{W}author", "") == author:
            replaced[id(replacement)] = finding
    for (key, author), date in cells.items():
        ident, column, where = label_of(key, context)
        paragraphs = returned[key].paragraphs
        old = "\n".join(text for text in (unit_text(p, None) for p in paragraphs) if text)
        new = "\n".join(text for text in (unit_text(p, set(), author) for p in paragraphs) if text)
        review.findings.append(Finding("change", ident, new, old, author, date, column, where))


def replacing(deletion):
    """The w:ins that directly follows a w:del (bookmarks and empty runs between them aside), or None."""
    following = deletion.getnext()
    while following is not None and not any(
        node.text for node in following.iter(f"{W}t", f"{W}delText")
    ):
        if following.tag not in (f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}r"):
            return None
        following = following.getnext()
    return following if following is not None and following.tag == f"{W}ins" else None


def iso_date(value: str) -> str:
    """A change's or comment's date, or "" for none (LibreOffice writes 0-00-00T00:00:00Z)."""
    return value if re.match(r"[1-9]\d{3}-\d\d-\d\d", value) else ""


def comments_of(root, comments, index, context: Context, review: Review) -> None:
    anchored: dict[str, list[str]] = {}
    owners: dict[str, tuple[str, int]] = {}
    open_ids: set[str] = set()
    for node in root.iter(
        f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t", f"{W}commentReference"
    ):
        number = node.get(f"{W}id", "")
        if node.tag == f"{W}commentRangeStart":
            open_ids.add(number)
            anchored.setdefault(number, [])
            owners[number] = owner(node, index)
        elif node.tag == f"{W}commentRangeEnd":
            open_ids.discard(number)
        elif node.tag == f"{W}commentReference":
            owners.setdefault(number, owner(node, index))
        else:
            for number in open_ids:
                anchored[number].append(node.text or "")
    for comment in comments.iter(f"{W}comment"):
        number = comment.get(f"{W}id", "")
        text = "\n".join(unit_text(p, None) for p in comment.iter(f"{W}p"))
        ident, column, where = label_of(owners.get(number, ("cover", -1)), context)
        review.findings.append(
            Finding(
                "comment",
                ident,
                text,
                "".join(anchored.get(number, [])),
                comment.get(f"{W}author", ""),
                iso_date(comment.get(f"{W}date", "")),
                column,
                where,
                number,
            )
        )


def untracked_edits(returned: dict, context: Context, review: Review, base: Base | None) -> None:
    """Units whose text the reviewer changed without tracking: an edit, or a conflict when the plan
    changed the same unit since the export (with a base; without one, every difference from the
    plan as it is now is an edit)."""
    for key in list(context.units) + [k for k in returned if k not in context.units]:
        before = "\n".join(context.units[key].base) if key in context.units else ""
        after = "\n".join(returned[key].base) if key in returned else ""
        if before == after or (base is not None and not base.changed(key, after)):
            continue
        kind = "conflict" if base is not None and base.changed(key, before) else "edit"
        ident, column, where = label_of(key, context)
        review.findings.append(Finding(kind, ident, after, before, field=column, where=where))


# Accepting changes into the sources --------------------------------------------------------------
