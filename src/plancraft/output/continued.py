"""Continued on the next page: a split 专栏 is labelled （续）, a split table repeats its merged cells.

Runs on the laid-out pages before drawing, like the justify pass, and adds only copies of boxes
WeasyPrint has already laid out:

- a 专栏 (`aside.box`) split across pages is closed and reopened by `box-decoration-break: clone`
  (plan.css), whose repeated top padding leaves a line free on each continuation; its hidden label
  (the `::before` box, 专栏N（续）) is copied into that line, where the title sits on the first page;
- a merged cell (`rowspan`: 领域, 子领域) whose rows run onto the next page prints there only as an
  empty column; its text is copied into the rows it spans on each page, centred on them, and on the
  page where it starts it is centred on the rows that page holds; the rule under the page's last row
  is drawn across the merged columns too, so the table is closed at the foot.
"""

from __future__ import annotations

from typing import Any

from .boxtree import walk

BOX_CLASS = "box"


def continue_document(document: Any) -> int:
    """Label split 专栏 and fill split merged cells in a rendered WeasyPrint document; returns how many
    continuations were added."""
    pages = [page._page_box for page in document.pages]
    return _label_boxes(pages) + _repeat_merged_cells(pages) + _close_split_tables(pages)


# 专栏 -------------------------------------------------------------------------------------------------


def _label_boxes(pages: list[Any]) -> int:
    fragments: dict[Any, list[Any]] = {}
    for page in pages:
        for box in walk(page):
            if _is_feature_box(box):
                fragments.setdefault(box.element, []).append(box)
    added = 0
    for first, *rest in fragments.values():
        label, title = _label(first), _title_line(first)
        if label is None or title is None:
            continue
        for fragment in rest:
            copy = _visible_copy(label)
            copy.translate(
                fragment.padding_box_x() - first.padding_box_x(),
                fragment.padding_box_y()
                + title.position_y
                - first.padding_box_y()
                - label.position_y,
            )
            fragment.children = [copy, *fragment.children]
            added += 1
    return added


def _is_feature_box(box: Any) -> bool:
    element = getattr(box, "element", None)
    return (
        element is not None
        and getattr(box, "element_tag", None) == "aside"
        and BOX_CLASS in (element.get("class") or "").split()
    )


def _label(fragment: Any) -> Any | None:
    """The laid-out hidden 专栏N（续） label (the aside's ::before box) of a box's first fragment."""
    for child in fragment.children:
        if getattr(child, "element_tag", None) == "aside::before":
            return getattr(child, "_box", child)
    return None


def _title_line(fragment: Any) -> Any | None:
    """The first line of the 专栏's title in its first fragment."""
    from weasyprint.formatting_structure import boxes

    for child in fragment.children:
        if getattr(child, "element_tag", None) == "p":
            return next((line for line in child.children if isinstance(line, boxes.LineBox)), None)
    return None


def _visible_copy(box: Any) -> Any:
    """A deep copy of a hidden box, drawn in the normal flow."""
    copy = box.deepcopy()
    for part in walk(copy):
        part.style = part.style.copy()
        part.style["visibility"] = "visible"
        part.style["position"] = "static"
    return copy


# Merged cells -----------------------------------------------------------------------------------------


def _repeat_merged_cells(pages: list[Any]) -> int:
    from weasyprint.formatting_structure import boxes

    spanning: dict[Any, list[tuple[Any, Any, int, int]]] = {}
    """Per row group element: merged cells seen so far as (cell, its row, first and last row index)."""
    added = 0
    for page in pages:
        for group in walk(page):
            if not isinstance(group, boxes.TableRowGroupBox) or group.element is None:
                continue
            rows = [row for row in group.children if isinstance(row, boxes.TableRowBox)]
            if not rows:
                continue
            known = spanning.setdefault(group.element, [])
            for row in rows:
                for cell in row.children:
                    if cell.rowspan > 1:
                        known.append((cell, row, row.index, row.index + cell.rowspan - 1))
            added += _fill(rows, known)
    return added


def _fill(rows: list[Any], known: list[tuple[Any, Any, int, int]]) -> int:
    """Centre each merged cell on the rows of this page it spans; copy it here when it started earlier."""
    added = 0
    placed = {id(cell) for row in rows for cell in row.children}
    first, last = rows[0].index, rows[-1].index
    for cell, row, start, end in known:
        if end < first or start > last or (start >= first and end <= last):
            continue
        spanned = [row for row in rows if start <= row.index <= end]
        top, bottom = spanned[0].position_y, spanned[-1].position_y + spanned[-1].height
        if id(cell) in placed:
            _centre(cell, top, bottom)
            continue
        copy = cell.deepcopy()
        copy.translate(spanned[0].position_x - row.position_x, top - cell.position_y)
        _centre(copy, top, bottom)
        spanned[0].children = [*spanned[0].children, copy]
        added += 1
    return added


def _centre(cell: Any, top: float, bottom: float) -> None:
    """Move a cell's lines so that they are centred between `top` and `bottom`."""
    lines = [child for child in cell.children]
    if not lines:
        return
    content_top = min(line.position_y for line in lines)
    content_bottom = max(line.position_y + line.height for line in lines)
    shift = (top + bottom - content_top - content_bottom) / 2
    for line in lines:
        line.translate(0, shift)


def _close_split_tables(pages: list[Any]) -> int:
    """Draw the bottom rule of a table that continues on the next page under its merged cells too."""
    from weasyprint.formatting_structure import boxes

    fragments: dict[Any, list[Any]] = {}
    for page in pages:
        for box in walk(page):
            if isinstance(box, boxes.TableBox) and box.element is not None:
                if box.style["border_collapse"] == "collapse":
                    fragments.setdefault(box.element, []).append(box)
    closed = 0
    for split in fragments.values():
        for table in split[:-1]:
            closed += _close(table)
    return closed


def _close(table: Any) -> int:
    """Give a table fragment its own border grid whose bottom line has no gap; 1 if one was filled."""
    vertical, horizontal = table.collapsed_border_grid
    groups = table.children
    header = len(groups[0].children) if groups and groups[0].is_header else 0
    height = sum(len(group.children) for group in groups)
    offset = table.skipped_rows - header if table.skipped_rows else 0
    index = height + offset
    if not 0 <= index < len(horizontal):
        return 0
    line = horizontal[index]
    drawn = max(line, key=lambda entry: entry[1][1])
    if drawn[1][1] == 0 or all(entry[1][1] for entry in line):
        return 0
    horizontal = list(horizontal)
    horizontal[index] = [entry if entry[1][1] else drawn for entry in line]
    table.collapsed_border_grid = (vertical, horizontal)
    return 1
