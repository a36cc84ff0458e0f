"""A redline: the whole plan at the new version, its prose, headings, table cells and cover carrying
the changes since the old one as revisions (tracked changes in Word, underlined and struck in HTML
and PDF)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from ..compile import document as doc
from ..compile.assemble import assemble
from ..source.model import Plan
from .diff import pair_paragraphs
from .outline import Paragraph, paragraph
from .redline_tables import mark_tables
from .revise import own_blocks, owners, revised

AUTHOR = "plancraft"
COVER_LINES = ("title", "issuer", "date")
"""The plan's metadata the cover prints, marked where they changed."""
Place = tuple[list[doc.Block], doc.Paragraph]
"""A paragraph and the list of blocks holding it."""


def redline_document(old: Plan, new: Plan, author: str = AUTHOR) -> doc.Document:
    """The document of `new` with the changes from `old` as revisions by `author`, dated now
    (SOURCE_DATE_EPOCH when set)."""
    old_document, new_document = assemble(old), assemble(new)
    date = _now()
    before = dict(owners(old_document))
    leads = dict(_leads(old_document.body))
    for ident, blocks in owners(new_document):
        _mark_prose(before.get(ident, []), blocks, author, date)
    for ident, heading in _leads(new_document.body):
        a, b = paragraph(leads[ident].lead if ident in leads else []), paragraph(heading.lead)
        if a.keys != b.keys:
            heading.lead = revised(a, b, author, date)
    mark_tables(old_document, new_document, author, date)
    titles = dict(_headings(old_document.body))
    for ident, heading in _headings(new_document.body):
        if ident in titles and titles[ident].title != heading.title:
            heading.revised = revised(
                Paragraph.of(titles[ident].title), Paragraph.of(heading.title), author, date
            )
    named = dict(_named(old_document))
    for ident, thing in _named(new_document):
        if ident in named and named[ident].title != thing.title:
            thing.revised = revised(
                Paragraph.of(named[ident].title), Paragraph.of(thing.title), author, date
            )
    _put_back_removed(old_document, new_document, author, date)
    for name in COVER_LINES:
        was, now = getattr(old_document.cover, name), getattr(new_document.cover, name)
        if was != now:
            new_document.cover.revised[name] = revised(
                Paragraph.of(was), Paragraph.of(now), author, date
            )
    return new_document


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(tz=dt.UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _leads(blocks: list[doc.Block]) -> Iterator[tuple[str, doc.Heading]]:
    """(id, heading) of every run-in heading with the text it runs into."""
    for block in blocks:
        if isinstance(block, doc.Division | doc.Box):
            if isinstance(block, doc.Division) and block.heading.run_in and block.heading.lead:
                yield block.id, block.heading
            yield from _leads(block.blocks)


def _headings(blocks: list[doc.Block]) -> Iterator[tuple[str, doc.Heading]]:
    """(id, heading) of every division."""
    for block in blocks:
        if isinstance(block, doc.Division):
            yield block.id, block.heading
        if isinstance(block, doc.Division | doc.Box):
            yield from _headings(block.blocks)


def _named(document: doc.Document) -> Iterator[tuple[str, doc.Box | doc.Table]]:
    """(id, box or table) of every 专栏 and every table with an id and a title."""
    for _owner, blocks in owners(document):
        for block in own_blocks(blocks):
            if isinstance(block, doc.Box) or (isinstance(block, doc.Table) and block.id):
                yield block.id, block


def _paragraphs(blocks: list[doc.Block]) -> list[Place]:
    """The paragraphs a division or box holds itself (in lists and quotes too, not in its children)."""
    found: list[Place] = []
    for block in blocks:
        if isinstance(block, doc.Paragraph):
            found.append((blocks, block))
        elif isinstance(block, doc.ListBlock):
            for item in block.items:
                found += _paragraphs(item)
        elif isinstance(block, doc.Quote):
            found += _paragraphs(block.blocks)
    return found


def _mark_prose(old: list[doc.Block], new: list[doc.Block], author: str, date: str) -> None:
    old_places, new_places = _paragraphs(old), _paragraphs(new)
    old_keys = [paragraph(p.runs) for _blocks, p in old_places]
    new_keys = [paragraph(p.runs) for _blocks, p in new_places]
    where = {id(key): place for key, place in zip(new_keys, new_places, strict=True)}
    last: Place | None = None
    for a, b in pair_paragraphs(old_keys, new_keys):
        if b is not None:
            last = where[id(b)]
            if a is None or a.keys != b.keys:
                last[1].runs = revised(a or Paragraph.of(""), b, author, date)
        elif a is not None:
            deleted = doc.Paragraph(revised(a, Paragraph.of(""), author, date))
            blocks, anchor = last if last else (new, None)
            at = blocks.index(anchor) + 1 if anchor is not None else _first_prose(blocks)
            blocks.insert(at, deleted)
            last = (blocks, deleted)


def _put_back_removed(old: doc.Document, new: doc.Document, author: str, date: str) -> None:
    """Each division or 专栏 removed since `old`, its heading and prose as deleted paragraphs where it
    stood: after the last of its former siblings still there, or before the first child."""
    kept = {ident for ident, _blocks in owners(new)}
    places = {ident: blocks for ident, blocks in owners(new)}
    containers = [("", old.body, new.body)] + [
        (ident, blocks, places[ident]) for ident, blocks in owners(old) if ident in places
    ]
    for _owner, before, after in containers:
        anchor: doc.Block | None = None
        for block in before:
            if not isinstance(block, doc.Division | doc.Box):
                continue
            if block.id in kept:
                anchor = next(
                    (
                        b
                        for b in after
                        if isinstance(b, doc.Division | doc.Box) and b.id == block.id
                    ),
                    anchor,
                )
                continue
            at = (
                next(i for i, b in enumerate(after) if b is anchor) + 1
                if anchor is not None
                else _first_prose(after)
            )
            deleted = [
                doc.Paragraph([doc.Revision("-", runs, author, date)])
                for runs in _removed_text(block)
                if runs
            ]
            after[at:at] = deleted
            anchor = deleted[-1] if deleted else anchor


def _removed_text(block: doc.Division | doc.Box) -> Iterator[list[doc.Inline]]:
    """The runs of a removed division or 专栏: its heading, then its prose and its children's."""
    if isinstance(block, doc.Division):
        heading = block.heading
        spaced = "　" if heading.heading_kind in doc.SPACED_KINDS else ""
        title: list[doc.Inline] = [doc.Text(heading.number + spaced + heading.title)]
        yield title + heading.lead if heading.run_in else title
    else:
        yield [doc.Text(f"{block.number}：{block.title}" if block.number else block.title)]
    for child in own_blocks(block.blocks):
        if isinstance(child, doc.Paragraph):
            yield child.runs
        elif isinstance(child, doc.Division | doc.Box):
            yield from _removed_text(child)


def _first_prose(blocks: list[doc.Block]) -> int:
    return next(
        (i for i, block in enumerate(blocks) if isinstance(block, doc.Division | doc.Box)),
        len(blocks),
    )


def write_redline(document: doc.Document, fmt: str) -> bytes:
    """The redline as .docx (tracked changes), PDF or HTML (underlined and struck)."""
    if fmt == "docx":
        from ..output.docx import write_docx

        return write_docx(document)
    from ..output.html import render_html

    if fmt == "html":
        return render_html(document).encode("utf-8")
    from ..report.pdf import document_pdf

    return document_pdf(document)
