"""Where each id prints in the PDF: the page numbers the .docx's table of contents is filled with."""

from __future__ import annotations

from io import BytesIO


def printed_pages(pdf: bytes) -> dict[str, int]:
    """Id → the number printed on its page: the PDF's named destinations, pages counted from 1 on the
    first page as the PDF's footers count them (templates/plan.css, counter(page) never reset)."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document:
        names = document.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return {}
        index: dict[object, int] = {
            page.objgen: number for number, page in enumerate(document.pages, 1)
        }
        found: dict[str, int] = {}
        for name, target in pikepdf.NameTree(names.Dests).items():
            array = target.get("/D") if isinstance(target, pikepdf.Dictionary) else target
            if isinstance(array, pikepdf.Array) and len(array) and array[0].objgen in index:
                found[str(name)] = index[array[0].objgen]
        return found
