"""Review a returned .docx: tracked changes, comments and untracked edits per plan id; accept them.

The file is read defensively (a zip bomb or an XML entity expansion is refused before it costs
anything). Its paragraphs are attributed to ids through the pc_ bookmarks the Word writer put in;
a file without them falls back to matching headings by text. Untracked edits are found by exporting
the plan again and comparing the two files unit by unit (paragraph block, heading, indicator cell).
"""

from __future__ import annotations

import difflib
import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lxml import etree

from .. import i18n
from ..i18n import N_, _, ngettext
from ..output.docx.ids import PREFIX, appendix_row_id
from ..output.docx.styles import W_NS

W = f"{{{W_NS}}}"
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
APPENDIX_FIELDS = ("seq", "name", "unit", "baseline", "target", "nature")
YAML_FIELDS = {"baseline", "target", "unit", "nature"}


class ReviewError(Exception):
    """A returned file that cannot be reviewed: the message says why."""


class PlanUnknown(ReviewError):
    """The file does not say which plan it came from and none was given."""


@dataclass
class Finding:
    """One thing a reviewer did, at a plan id."""

    kind: str
    """insertion, deletion, comment or edit (an untracked change)."""
    id: str
    text: str
    """What was inserted or deleted, the comment, or the new text."""
    old: str = ""
    """For an edit the plan's text; for a comment the text it is anchored on."""
    author: str = ""
    date: str = ""
    field: str = ""
    """For an indicator cell: the column (target, baseline …)."""
    where: str = ""
    """附表 for a row of the appendix table."""


@dataclass
class Review:
    """Everything found in one returned file."""

    source: str
    slug: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    """Accepted changes written to the sources, one line each."""
    kept: list[str] = field(default_factory=list)
    """Accepted changes that could not be placed in the sources, one line each."""


# Reading the file safely -------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
    )


def parse_part(data: bytes, name: str) -> etree._Element:
    """One XML part, refusing DTDs and entity declarations (how entity expansion attacks come)."""
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise ReviewError(
            _(
                "{part} declares a DTD or XML entities, which a Word file never does "
                "(refused: entity expansion)"
            ).format(part=name)
        )
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ReviewError(
            _("{part} is not well-formed XML ({reason})").format(part=name, reason=exc)
        ) from exc


def read_parts(data: bytes, names: tuple[str, ...]) -> dict[str, bytes]:
    """The named parts of a .docx, after checking it is a zip of sane size and a Word document."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReviewError(_("not a .docx file (not a zip archive)"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReviewError(_("not a .docx file ({reason})").format(reason=exc)) from exc
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        if "[Content_Types].xml" not in infos or "word/document.xml" not in infos:
            raise ReviewError(_("a zip archive but not a Word document (no word/document.xml)"))
        total = sum(info.file_size for info in infos.values())
        for info in infos.values():
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                raise ReviewError(
                    _("{part} would unpack to {size} bytes (refused: a zip bomb)").format(
                        part=info.filename, size=info.file_size
                    )
                )
        if total > MAX_TOTAL:
            raise ReviewError(
                _("the archive would unpack to {size} bytes (refused: a zip bomb)").format(
                    size=total
                )
            )
        parts = {}
        for name in names:
            if name in infos:
                with archive.open(infos[name]) as stream:
                    content = stream.read(infos[name].file_size + 1)
                if len(content) > infos[name].file_size:
                    raise ReviewError(
                        _("{part} is larger than the archive says (refused: a zip bomb)").format(
                            part=name
                        )
                    )
                parts[name] = content
        return parts


# Units: the text of each id ---------------------------------------------------------------------


@dataclass
class Unit:
    """The text at one id: a paragraph block, heading, or one cell of an indicator row."""

    key: tuple[str, int]
    """(id, column); column is -1 outside an indicator row."""
    base: list[str] = field(default_factory=list)
    """Paragraph texts before tracked changes."""
    paragraphs: list[etree._Element] = field(default_factory=list)


def _text(element: etree._Element, accept: set[str] | None, who: str = "all") -> str:
    """Text of a paragraph: accept=None gives the text before tracked changes; else after accepting
    the changes by `who` ('all' or an author)."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        change = next(
            (a for a in node.iterancestors(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")),
            None,
        )
        inserted = change is not None and change.tag in (f"{W}ins", f"{W}moveTo")
        deleted = change is not None and not inserted
        mine = change is not None and (who == "all" or change.get(f"{W}author", "") == who)
        if accept is None:
            keep = not inserted
        else:
            keep = (inserted and mine) or (deleted and not mine) or change is None
        if keep:
            if node.tag in (f"{W}t", f"{W}delText"):
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
    return "".join(parts)


def _row_mark(paragraph: etree._Element) -> tuple[str, int] | None:
    """(bookmark, column) for a paragraph in a row of a many-row table whose first cell starts a
    pc_ bookmark: an indicator row."""
    cell = next(paragraph.iterancestors(f"{W}tc"), None)
    if cell is None:
        return None
    row = cell.getparent()
    table = row.getparent()
    if len(table.findall(f"{W}tr")) < 2:
        return None
    cells = row.findall(f"{W}tc")
    for mark in cells[0].iter(f"{W}bookmarkStart"):
        name = mark.get(f"{W}name", "")
        if name.startswith(PREFIX):
            column = 0
            for other in cells:
                if other is cell:
                    break
                span = other.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(f"{W}val", "1")) if span is not None else 1
            return name, column
    return None


def units(root: etree._Element, names: dict[str, str], headings: dict[str, str] | None) -> dict:
    """The units of a document body, in order. With `headings` (text → id), bookmarks are ignored
    and paragraphs belong to the last heading seen."""
    found: dict[tuple[str, int], Unit] = {}
    current = "cover"
    body = root.find(f"{W}body")
    for paragraph in body.iter(f"{W}p"):
        text = _text(paragraph, None)
        key: tuple[str, int]
        if headings is not None:
            current = headings.get(_squash(text), current)
            key = (current, -1)
        else:
            row = _row_mark(paragraph)
            if row is not None:
                key = (names.get(row[0], _unname(row[0])), row[1])
            else:
                for mark in paragraph.iter(f"{W}bookmarkStart"):
                    name = mark.get(f"{W}name", "")
                    if name.startswith(PREFIX):
                        current = names.get(name, _unname(name))
                key = (current, -1)
        unit = found.setdefault(key, Unit(key))
        if text:  # empty paragraphs (spacing, a section break) are not text a reviewer wrote
            unit.base.append(text)
        unit.paragraphs.append(paragraph)
    return found


def _unname(name: str) -> str:
    return name[len(PREFIX) :].replace("_", "-")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def has_bookmarks(root: etree._Element) -> bool:
    """Whether the file still carries plancraft's bookmarks."""
    return any(
        mark.get(f"{W}name", "").startswith(PREFIX) for mark in root.iter(f"{W}bookmarkStart")
    )


def _owner(element: etree._Element, index: dict[int, tuple[str, int]]) -> tuple[str, int]:
    """The unit an element belongs to: its paragraph's, or the next paragraph's when it sits between
    paragraphs (a comment range Word starts before a table, say)."""
    paragraph = element if element.tag == f"{W}p" else next(element.iterancestors(f"{W}p"), None)
    following = element
    while paragraph is None and following is not None:
        following = following.getnext()
        if following is not None:
            paragraph = next(following.iter(f"{W}p"), None)
    return index.get(id(paragraph), ("cover", -1)) if paragraph is not None else ("cover", -1)


# The review --------------------------------------------------------------------------------------


@dataclass
class _Context:
    """A plan exported again, for comparing: its units and what its ids and columns mean."""

    units: dict[tuple[str, int], Unit]
    names: dict[str, str]
    headings: dict[str, str]
    columns: dict[str, tuple[str, ...]]
    """Per row id, the field of each grid column."""
    appendix_rows: dict[str, str]
    """Appendix row id → indicator id."""
    plan_root: Path


def _plan_context(plan_root: Path, by_heading: bool) -> tuple[_Context, str]:
    from ..compile.pipeline import compile_plan
    from ..output.docx import bookmark_name, write_docx

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
        from ..compile import document as doc

        for block in blocks:
            if isinstance(block, doc.Division):
                names[bookmark_name(block.id)] = block.id
                if not block.heading.run_in:
                    spaced = (
                        "　" if block.heading.heading_kind in ("part", "chapter", "section") else ""
                    )
                    headings[_squash(block.heading.number + spaced + block.heading.title)] = (
                        block.id
                    )
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
        headings[_squash(f"附表　{document.appendix.title}")] = document.appendix.id
        for row in document.appendix.rows:
            if row.id:
                anchor = appendix_row_id(row.id)
                names[bookmark_name(anchor)] = anchor
                columns[anchor] = APPENDIX_FIELDS
                appendix_rows[anchor] = row.id
    if document.preface and document.preface.title:
        headings[_squash(document.preface.title)] = document.preface.id
    found = units(root, names, headings if by_heading else None)
    for unit in found.values():
        names.setdefault(bookmark_name(unit.key[0]), unit.key[0])
    return _Context(found, names, headings, columns, appendix_rows, plan_root), document.slug


def _slug(parts: dict[str, bytes]) -> str:
    core = parts.get("docProps/core.xml")
    if not core:
        return ""
    root = parse_part(core, "docProps/core.xml")
    for element in root.iter("{http://purl.org/dc/elements/1.1/}identifier"):
        if (element.text or "").startswith("plancraft:"):
            return (element.text or "").split(":", 1)[1]
    return ""


def review_file(
    path: Path, plan_root: Path | None = None, plans_dir: Path = Path("plans"), accept: str = ""
) -> Review:
    """Review the returned file at `path` against its plan; with `accept` ('all' or an author),
    write the accepted changes into the plan's sources."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReviewError(_("cannot read it ({reason})").format(reason=exc.strerror)) from exc
    parts = read_parts(data, ("word/document.xml", "word/comments.xml", "docProps/core.xml"))
    root = parse_part(parts["word/document.xml"], "word/document.xml")
    if root.find(f"{W}body") is None:
        raise ReviewError(_("word/document.xml has no body: not a Word document"))
    slug = _slug(parts)
    if plan_root is None:
        if not slug or not (plans_dir / slug / "plan.yaml").is_file():
            raise PlanUnknown(
                _("cannot tell which plan this file was exported from; give PLAN_DIR")
            )
        plan_root = plans_dir / slug
    by_heading = not has_bookmarks(root)
    context, plan_slug = _plan_context(plan_root, by_heading)
    review = Review(str(path), plan_slug)
    if by_heading:
        review.notes.append(
            _(
                "the file carries no plancraft bookmarks: sections matched by heading text, "
                "paragraphs reported at their section"
            )
        )
    returned = units(root, context.names, context.headings if by_heading else None)
    index = {id(p): unit.key for unit in returned.values() for p in unit.paragraphs}
    _tracked(root, index, context, review)
    if "word/comments.xml" in parts:
        _comments(
            root,
            parse_part(parts["word/comments.xml"], "word/comments.xml"),
            index,
            context,
            review,
        )
    _untracked(returned, context, review)
    if accept:
        _accept(returned, context, review, accept)
    return review


def _label(key: tuple[str, int], context: _Context) -> tuple[str, str, str]:
    """(id, field, where) for a unit key."""
    anchor, column = key
    where = "附表" if anchor in context.appendix_rows else ""
    ident = context.appendix_rows.get(anchor, anchor)
    fields = context.columns.get(anchor, ())
    return ident, fields[column] if 0 <= column < len(fields) else "", where


def _tracked(root, index, context: _Context, review: Review) -> None:
    for change in root.iter(f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
        if change.getparent() is not None and change.getparent().tag == f"{W}rPr":
            continue  # a paragraph mark's change, no text of its own
        text = "".join(node.text or "" for node in change.iter(f"{W}t", f"{W}delText"))
        if not text:
            continue
        ident, column, where = _label(_owner(change, index), context)
        review.findings.append(
            Finding(
                "insertion" if change.tag in (f"{W}ins", f"{W}moveTo") else "deletion",
                ident,
                text,
                author=change.get(f"{W}author", ""),
                date=change.get(f"{W}date", ""),
                field=column,
                where=where,
            )
        )


def _comments(root, comments, index, context: _Context, review: Review) -> None:
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
            owners[number] = _owner(node, index)
        elif node.tag == f"{W}commentRangeEnd":
            open_ids.discard(number)
        elif node.tag == f"{W}commentReference":
            owners.setdefault(number, _owner(node, index))
        else:
            for number in open_ids:
                anchored[number].append(node.text or "")
    for comment in comments.iter(f"{W}comment"):
        number = comment.get(f"{W}id", "")
        text = "\n".join(_text(p, None) for p in comment.iter(f"{W}p"))
        ident, column, where = _label(owners.get(number, ("cover", -1)), context)
        review.findings.append(
            Finding(
                "comment",
                ident,
                text,
                "".join(anchored.get(number, [])),
                comment.get(f"{W}author", ""),
                comment.get(f"{W}date", ""),
                column,
                where,
            )
        )


def _untracked(returned: dict, context: _Context, review: Review) -> None:
    for key in list(context.units) + [k for k in returned if k not in context.units]:
        before = "\n".join(context.units[key].base) if key in context.units else ""
        after = "\n".join(returned[key].base) if key in returned else ""
        if before != after:
            ident, column, where = _label(key, context)
            review.findings.append(Finding("edit", ident, after, before, field=column, where=where))


# Accepting changes into the sources --------------------------------------------------------------


def _accept(returned: dict, context: _Context, review: Review, who: str) -> None:
    from ..files import write_atomic

    sources = {
        path: path.read_text(encoding="utf-8") for path in sorted(context.plan_root.rglob("*.md"))
    }
    edits: dict[Path, list[tuple[int, int, str]]] = {}
    indicator_edits: list[tuple[str, str, str, str]] = []
    for key, unit in returned.items():
        expected = context.units.get(key)
        if expected is None:
            continue
        old = "\n".join(expected.base) if who == "all" else "\n".join(unit.base)
        new = "\n".join(text for text in (_text(p, set(), who) for p in unit.paragraphs) if text)
        if old == new:
            continue
        ident, column, where = _label(key, context)
        if column:
            if column in YAML_FIELDS:
                indicator_edits.append((ident, column, "\n".join(expected.base), new))
            else:
                review.kept.append(
                    _(
                        "{id} {field}: {value} (only baseline, target, unit and nature are written "
                        "back)"
                    ).format(id=ident, field=column, value=repr(new))
                )
            continue
        placed = _place(old, new, sources)
        if placed is None:
            review.kept.append(
                _("{id}: {old} → {new} (not found once in the Markdown sources)").format(
                    id=ident, old=repr(old), new=repr(new)
                )
            )
            continue
        for path, start, end, text in placed:
            edits.setdefault(path, []).append((start, end, text))
        pieces = ", ".join(_piece(was, now) for _start, _end, was, now in _pieces(old, new))
        review.applied.append(f"{ident}: {pieces}")
    changed: dict[Path, str] = {}
    for path, spans in edits.items():
        text = sources[path]
        last = len(text) + 1
        for start, end, replacement in sorted(spans, reverse=True):
            if end > last:
                continue
            text = text[:start] + replacement + text[end:]
            last = start
        changed[path] = text
    if indicator_edits:
        yaml_path = context.plan_root / "indicators.yaml"
        text = yaml_path.read_text(encoding="utf-8")
        for ident, column, old, new in indicator_edits:
            updated = _set_indicator(text, ident, column, new)
            if updated is None:
                review.kept.append(
                    _("{id} {field}: {old} → {new} (no such field in {file})").format(
                        id=ident, field=column, old=repr(old), new=repr(new), file=yaml_path.name
                    )
                )
                continue
            text = updated
            review.applied.append(f"{ident} {column}: {old} → {new}")
        changed[yaml_path] = text
    for path, text in changed.items():
        write_atomic(path, text.encode("utf-8"))


def _pieces(old: str, new: str) -> list[tuple[int, int, str, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (i1, i2, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _piece(old: str, new: str) -> str:
    if not old:
        return f"inserted {new!r}"
    if not new:
        return f"deleted {old!r}"
    return f"{old!r} → {new!r}"


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "…")


def _place(old: str, new: str, sources: dict[Path, str]) -> list[tuple[Path, int, int, str]] | None:
    """Where each differing piece of `old` sits in the Markdown sources, found once with a little
    context either side; None when a piece cannot be placed."""
    placed = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for width in (16, 10, 6, 3, 1, 0):
            if width == 0 and i1 == i2:
                break
            left, right = old[max(0, i1 - width) : i1], old[i2 : i2 + width]
            needle = left + old[i1:i2] + right
            hits = [
                (path, match.start())
                for path, text in sources.items()
                for match in re.finditer(re.escape(needle), text)
            ]
            if len(hits) == 1:
                path, at = hits[0]
                start = at + len(left)
                placed.append((path, start, start + (i2 - i1), new[j1:j2]))
                break
        else:
            return None
    return placed


def _set_indicator(text: str, ident: str, column: str, value: str) -> str | None:
    """indicators.yaml with `column` of indicator `ident` set to `value`, the rest untouched."""
    from ..source.yamlwrite import Number, scalar

    lines = text.split("\n")
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.match(rf"^\s*-\s+id:\s*['\"]?{re.escape(ident)}['\"]?\s*$", line)
        ),
        None,
    )
    if start is None:
        return None
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if re.match(r"^\s*-\s", line) or (line.strip() and len(line) - len(line.lstrip()) < indent):
            break
        match = re.match(rf"^(\s*{column}:\s*)(.*?)(\s+#.*)?$", line)
        if match:
            if match.group(2).startswith('"') and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                written = json.dumps(value, ensure_ascii=False)
            else:
                written = scalar(Number(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value)
            lines[index] = match.group(1) + written + (match.group(3) or "")
            return "\n".join(lines)
    return None


# Reports -----------------------------------------------------------------------------------------


def as_text(review: Review) -> str:
    """The review for a terminal, one finding a line, grouped by id."""
    lines = [
        ngettext(
            "{file}: {count} finding against plan {plan}",
            "{file}: {count} findings against plan {plan}",
            len(review.findings),
        ).format(file=review.source, count=len(review.findings), plan=review.slug)
    ]
    lines += [_("note: {note}").format(note=note) for note in review.notes]
    for finding in review.findings:
        at = (
            finding.id
            + (f" {finding.field}" if finding.field else "")
            + (f" ({finding.where})" if finding.where else "")
        )
        who = " ".join(part for part in (finding.author, finding.date) if part)
        who = _(" by {author}").format(author=who) if who else ""
        if finding.kind == "edit":
            lines.append(
                "  "
                + _("{at}: untracked edit {old} → {new}").format(
                    at=at, old=_short(finding.old), new=_short(finding.text)
                )
            )
        elif finding.kind == "comment":
            lines.append(
                "  "
                + _("{at}: comment{by} on {anchor}: {text}").format(
                    at=at, by=who, anchor=_short(finding.old), text=finding.text
                )
            )
        else:
            lines.append(
                "  "
                + _("{at}: tracked {kind}{by}: {text}").format(
                    at=at, kind=_kind(finding.kind), by=who, text=_short(finding.text)
                )
            )
    lines += [_("accepted: {change}").format(change=line) for line in review.applied]
    lines += [_("kept: {change}").format(change=line) for line in review.kept]
    return "\n".join(lines)


HTML_COLUMNS = (
    N_("id"),
    N_("field"),
    N_("kind"),
    N_("author"),
    N_("date"),
    N_("before or anchor"),
    N_("after or text"),
)
KINDS = {
    "insertion": N_("insertion"),
    "deletion": N_("deletion"),
    "moved-to": N_("moved-to"),
    "moved-from": N_("moved-from"),
    "comment": N_("comment"),
    "edit": N_("edit"),
}


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def as_json(review: Review) -> str:
    """The review as JSON for tools."""
    return json.dumps(asdict(review), ensure_ascii=False, indent=2)


def as_html(review: Review) -> str:
    """The review as a small HTML page."""
    from html import escape

    rows = "".join(
        f'<tr class="{escape(f.kind)}"><td>{escape(f.id)}</td>'
        f"<td>{escape(f.field)}{escape(f.where)}</td><td>{escape(_kind(f.kind))}</td>"
        f"<td>{escape(f.author)}</td><td>{escape(f.date)}</td>"
        f"<td><del>{escape(f.old)}</del></td><td><ins>{escape(f.text)}</ins></td></tr>"
        for f in review.findings
    )
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in review.notes)
    style = (
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;"
        "vertical-align:top}del{color:#a00}ins{color:#070}"
    )
    head = "".join(f"<th>{escape(_(name))}</th>" for name in HTML_COLUMNS)
    title = escape(review.source)
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    heading = _("Review of {file}").format(file=review.source)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title><style>{style}</style>"
        f"</head><body>"
        f"<h1>{title} · {escape(review.slug)}</h1>{notes}<table><tr>{head}</tr>{rows}</table>"
        f"</body></html>\n"
    )
