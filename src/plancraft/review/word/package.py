"""Reading a returned .docx defensively: size limits before unzipping, XML without entities."""

from __future__ import annotations

import re

from lxml import etree

from ...i18n import _
from ...limits import ArchiveRefused, open_docx, read_member
from .model import ReviewError


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
    """The named parts of a .docx, after checking it is a zip within the DOCX_ limits and a Word document."""
    try:
        with open_docx(data) as archive:
            present = set(archive.namelist())
            return {name: read_member(archive, name) for name in names if name in present}
    except ArchiveRefused as exc:
        raise ReviewError(str(exc)) from exc


# Units: the text of each id ---------------------------------------------------------------------


CUSTOM_XML = re.compile(r"customXml/item\d+\.xml")


def custom_xml_parts(data: bytes) -> dict[str, bytes]:
    """The custom XML parts (customXml/itemN.xml) of a .docx already checked by read_parts."""
    try:
        with open_docx(data) as archive:
            return {
                name: read_member(archive, name)
                for name in sorted(archive.namelist())
                if CUSTOM_XML.fullmatch(name)
            }
    except ArchiveRefused as exc:
        raise ReviewError(str(exc)) from exc
