"""Reading a returned .docx defensively: size limits before unzipping, XML without entities."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ...i18n import _
from .model import (
    MAX_PART,
    MAX_RATIO,
    MAX_TOTAL,
    ReviewError,
)


def xml_parser() -> etree.XMLParser:
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
        return etree.fromstring(data, xml_parser())
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
