"""An OFD package (GB/T 33190-2016): the XML files and fonts of one document, zipped.

    OFD.xml                      DocBody: DocInfo (DocID, title, author, dates, creator), DocRoot
    Doc_0/Document.xml           CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes), Pages, Outlines
    Doc_0/PublicRes.xml          Fonts, each with its embedded file under Doc_0/Res/
    Doc_0/DocumentRes.xml        MultiMedias: the images, each with its file under Doc_0/Res/
    Doc_0/Pages/Page_N/Content.xml   one Body layer of TextObjects, PathObjects and ImageObjects

Everything is in millimetres from the page's top left; numbers are written with three decimals.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from .images import Image, PlacedImage
from .layout import Font, Page, Shape, TextRun

NAMESPACE = "http://www.ofdspec.org/2016"
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Bookmark:
    """An outline entry: its title, the page (0-based) and height (mm) it goes to, its children."""

    title: str
    page: int
    top: float
    children: list[Bookmark] = field(default_factory=list)


@dataclass
class DocInfo:
    doc_id: str
    """32 hexadecimal characters."""
    title: str
    author: str
    subject: str
    creation_date: str
    """YYYY-MM-DD, or empty."""
    creator: str
    creator_version: str
    keywords: list[str] = field(default_factory=list)
    custom: dict[str, str] = field(default_factory=dict)


def number(value: float) -> str:
    """A length as OFD writes it: at most three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Ids:
    """Object identifiers, unique in the document (ST_ID), counted from 1."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def package(
    pages: list[Page],
    fonts: list[Font],
    images: list[Image],
    outline: list[Bookmark],
    info: DocInfo,
) -> bytes:
    """The .ofd file's bytes: the same bytes for the same input (fixed zip times, sorted names)."""
    ids = _Ids()
    resource_ids = {key: ids.next() for key in [*(f.key for f in fonts), *(i.key for i in images)]}
    page_ids = [ids.next() for _ in pages]
    files: dict[str, bytes] = {"OFD.xml": _ofd_xml(info)}
    for index, page in enumerate(pages):
        files[f"Doc_0/Pages/Page_{index}/Content.xml"] = _content(page, resource_ids, ids, pages[0])
    for font in fonts:
        files[f"Doc_0/Res/font_{resource_ids[font.key]}.{font.suffix}"] = font.data
    for image in images:
        files[f"Doc_0/Res/image_{resource_ids[image.key]}.{image.suffix}"] = image.data
    files["Doc_0/PublicRes.xml"] = _public_res(fonts, resource_ids)
    files["Doc_0/DocumentRes.xml"] = _document_res(images, resource_ids)
    files["Doc_0/Document.xml"] = _document(pages, page_ids, outline, ids)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["OFD.xml", *sorted(name for name in files if name != "OFD.xml")]:
            entry = zipfile.ZipInfo(name, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, files[name])
    return out.getvalue()


def _xml(root: str, attributes: str, body: str) -> bytes:
    return (
        f'{HEADER}<ofd:{root} xmlns:ofd="{NAMESPACE}"{attributes}>{body}</ofd:{root}>\n'
    ).encode()


def _element(name: str, text: str) -> str:
    return f"<ofd:{name}>{escape(text)}</ofd:{name}>" if text else ""


def _ofd_xml(info: DocInfo) -> bytes:
    keywords = "".join(_element("Keyword", keyword) for keyword in info.keywords)
    custom = "".join(
        f"<ofd:CustomData Name={quoteattr(name)}>{escape(value)}</ofd:CustomData>"
        for name, value in info.custom.items()
        if value
    )
    doc_info = (
        _element("DocID", info.doc_id)
        + _element("Title", info.title)
        + _element("Author", info.author)
        + _element("Subject", info.subject)
        + _element("CreationDate", info.creation_date)
        + _element("ModDate", info.creation_date)
        + (f"<ofd:Keywords>{keywords}</ofd:Keywords>" if keywords else "")
        + _element("Creator", info.creator)
        + _element("CreatorVersion", info.creator_version)
        + (f"<ofd:CustomDatas>{custom}</ofd:CustomDatas>" if custom else "")
    )
    body = (
        f"<ofd:DocBody><ofd:DocInfo>{doc_info}</ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
    )
    return _xml("OFD", ' Version="1.0" DocType="OFD"', body)


def _box(width: float, height: float) -> str:
    return f"0 0 {number(width)} {number(height)}"


def _document(pages: list[Page], page_ids: list[int], outline: list[Bookmark], ids: _Ids) -> bytes:
    first = pages[0]
    page_list = "".join(
        f'<ofd:Page ID="{page_id}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
        for index, page_id in enumerate(page_ids)
    )
    outlines = "".join(_bookmark(mark, page_ids) for mark in outline)
    body = (
        "<ofd:CommonData>"
        f"<ofd:MaxUnitID>{ids.last}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>{_box(first.width, first.height)}</ofd:PhysicalBox>"
        "</ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        "</ofd:CommonData>"
        f"<ofd:Pages>{page_list}</ofd:Pages>"
        + (f"<ofd:Outlines>{outlines}</ofd:Outlines>" if outlines else "")
    )
    return _xml("Document", "", body)


def _bookmark(mark: Bookmark, page_ids: list[int]) -> str:
    page_id = page_ids[min(max(mark.page, 0), len(page_ids) - 1)]
    action = (
        '<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto>'
        f'<ofd:Dest Type="XYZ" PageID="{page_id}" Left="0" Top="{number(mark.top)}" Zoom="0"/>'
        "</ofd:Goto></ofd:Action></ofd:Actions>"
    )
    children = "".join(_bookmark(child, page_ids) for child in mark.children)
    return f"<ofd:OutlineElem Title={quoteattr(mark.title)}>{action}{children}</ofd:OutlineElem>"


def _public_res(fonts: list[Font], font_ids: dict[str, int]) -> bytes:
    entries = "".join(
        f'<ofd:Font ID="{font_ids[font.key]}" FontName={quoteattr(font.name)} '
        f"FamilyName={quoteattr(font.family)}>"
        f"<ofd:FontFile>font_{font_ids[font.key]}.{font.suffix}</ofd:FontFile></ofd:Font>"
        for font in fonts
    )
    return _xml("Res", ' BaseLoc="Res"', f"<ofd:Fonts>{entries}</ofd:Fonts>")


def _document_res(images: list[Image], resource_ids: dict[str, int]) -> bytes:
    entries = "".join(
        f'<ofd:MultiMedia ID="{resource_ids[image.key]}" Type="Image" Format="{image.format}">'
        f"<ofd:MediaFile>image_{resource_ids[image.key]}.{image.suffix}</ofd:MediaFile>"
        "</ofd:MultiMedia>"
        for image in images
    )
    body = f"<ofd:MultiMedias>{entries}</ofd:MultiMedias>" if entries else ""
    return _xml("Res", ' BaseLoc="Res"', body)


def _content(page: Page, resource_ids: dict[str, int], ids: _Ids, first: Page) -> bytes:
    objects = "".join(
        _text(item, resource_ids, ids)
        if isinstance(item, TextRun)
        else _image(item, resource_ids, ids)
        if isinstance(item, PlacedImage)
        else _path(item, ids)
        for item in page.items
    )
    area = ""
    if (page.width, page.height) != (first.width, first.height):
        area = f"<ofd:Area><ofd:PhysicalBox>{_box(page.width, page.height)}</ofd:PhysicalBox></ofd:Area>"
    layer = f'<ofd:Layer ID="{ids.next()}" Type="Body">{objects}</ofd:Layer>'
    return _xml("Page", "", f"{area}<ofd:Content>{layer}</ofd:Content>")


def _color(name: str, rgb: tuple[int, int, int]) -> str:
    return f'<ofd:{name} Value="{rgb[0]} {rgb[1]} {rgb[2]}"/>' if rgb != (0, 0, 0) else ""


def _text(run: TextRun, font_ids: dict[str, int], ids: _Ids) -> str:
    """One TextObject: a boundary around the run, the characters with their advances, and a
    CGTransform wherever the font's cmap would draw another glyph than the PDF did."""
    glyphs = [glyph for glyph in run.glyphs if glyph.text]
    while glyphs and glyphs[0].text.isspace():
        glyphs.pop(0)  # readers strip a TextCode's leading blanks and would shift what follows
    if not glyphs:
        return ""
    left = min(glyph.x for glyph in glyphs)
    right = max(glyph.x + glyph.advance for glyph in glyphs)
    baseline = glyphs[0].y
    top = baseline - run.size
    boundary = f"{number(left)} {number(top)} {number(right - left)} {number(run.size * 1.25)}"
    text = "".join(glyph.text for glyph in glyphs)
    deltas = " ".join(number(b.x - a.x) for a, b in zip(glyphs, glyphs[1:]))
    delta_y = _delta_y(glyphs)
    transforms = "".join(_transforms(run.font, glyphs))
    code = (
        f'<ofd:TextCode X="{number(glyphs[0].x - left)}" Y="{number(baseline - top)}"'
        + (f' DeltaX="{deltas}"' if deltas else "")
        + (f' DeltaY="{delta_y}"' if delta_y else "")
        + f">{escape(text)}</ofd:TextCode>"
    )
    return (
        f'<ofd:TextObject ID="{ids.next()}" Boundary="{boundary}" Font="{font_ids[run.font.key]}" '
        f'Size="{number(run.size)}">{_color("FillColor", run.color)}{transforms}{code}</ofd:TextObject>'
    )


def _delta_y(glyphs: list) -> str:
    steps = [b.y - a.y for a, b in zip(glyphs, glyphs[1:])]
    return " ".join(number(step) for step in steps) if any(abs(s) > 0.001 for s in steps) else ""


def _transforms(font: Font, glyphs: list) -> Iterator[str]:
    position = 0
    for glyph in glyphs:
        drawn = font.cmap.get(ord(glyph.text[0])) if len(glyph.text) == 1 else None
        if drawn != glyph.gid:
            yield (
                f'<ofd:CGTransform CodePosition="{position}" CodeCount="{len(glyph.text)}" '
                f'GlyphCount="1"><ofd:Glyphs>{glyph.gid}</ofd:Glyphs></ofd:CGTransform>'
            )
        position += len(glyph.text)


def _path(shape: Shape, ids: _Ids) -> str:
    points = [
        step[index : index + 2]
        for segment in shape.segments
        for step in segment
        for index in range(0, len(step), 2)
    ]
    left, top = min(x for x, _ in points), min(y for _, y in points)
    right, bottom = max(x for x, _ in points), max(y for _, y in points)
    pad = shape.line_width / 2 if shape.stroke else 0.0
    left, top, right, bottom = left - pad, top - pad, right + pad, bottom + pad
    data = []
    for segment in shape.segments:
        closed = len(segment) > 2 and segment[0] == segment[-1]
        drawn = segment[:-1] if closed else segment
        for index, step in enumerate(drawn):
            command = "M" if index == 0 else "L" if len(step) == 2 else "B"
            shifted = (value - (top if axis % 2 else left) for axis, value in enumerate(step))
            data.append(" ".join([command, *map(number, shifted)]))
        if closed:
            data.append("C")
    boundary = f"{number(left)} {number(top)} {number(right - left)} {number(bottom - top)}"
    attributes = (
        f'ID="{ids.next()}" Boundary="{boundary}" LineWidth="{number(shape.line_width)}" '
        f'Stroke="{"true" if shape.stroke else "false"}" Fill="{"true" if shape.fill else "false"}"'
    )
    colors = ""
    if shape.fill:
        colors += f'<ofd:FillColor Value="{" ".join(map(str, shape.fill))}"/>'
    if shape.stroke:
        colors += f'<ofd:StrokeColor Value="{" ".join(map(str, shape.stroke))}"/>'
    return (
        f"<ofd:PathObject {attributes}>{colors}"
        f"<ofd:AbbreviatedData>{' '.join(data)}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _image(placed: PlacedImage, resource_ids: dict[str, int], ids: _Ids) -> str:
    """An ImageObject: its Boundary around the placed unit square, and the CTM within it."""
    a, b, c, d, e, f = placed.ctm
    corners = [(e, f), (a + e, b + f), (c + e, d + f), (a + c + e, b + d + f)]
    left, top = min(x for x, _ in corners), min(y for _, y in corners)
    right, bottom = max(x for x, _ in corners), max(y for _, y in corners)
    boundary = f"{number(left)} {number(top)} {number(right - left)} {number(bottom - top)}"
    ctm = " ".join(number(value) for value in (a, b, c, d, e - left, f - top))
    return (
        f'<ofd:ImageObject ID="{ids.next()}" Boundary="{boundary}" CTM="{ctm}" '
        f'ResourceID="{resource_ids[placed.image.key]}"/>'
    )
