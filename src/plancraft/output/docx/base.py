"""The export's base: a digest of each unit's text as exported, kept in a custom XML part, so a
returned copy is compared with the text it was exported from, not with the plan as it is now."""

from __future__ import annotations

import base64
import hashlib

from lxml import etree

from .ids import bookmark_name
from .units import units, unname
from .wordml import escape_xml

BASE_NS = "urn:plancraft:export-base:1"
BASE_PART = "/customXml/item1.xml"
PROPS_PART = "/customXml/itemProps1.xml"
ITEM_ID = "{5B0C6F3E-2D4A-4C8E-9F17-6A2E3D1B7C50}"
"""The custom XML part's fixed id (Word asks for one; a fixed one keeps the bytes reproducible)."""
COVER = "cover"
"""The unit of what comes before the first bookmark (notice, cover)."""

Key = tuple[str, int]


def digest(text: str) -> str:
    """Eight characters that tell one text from another (48 bits of SHA-256)."""
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode("utf-8")).digest()[:6]).decode()


def record_key(key: Key) -> Key:
    """The key a unit has in the record: its id as the file's bookmark spells it, and its column."""
    anchor, column = key
    return (anchor if anchor == COVER else unname(bookmark_name(anchor)), column)


def base_digests(root: etree._Element) -> dict[Key, str]:
    """The digest of the text (before tracked changes) of each unit of a document body that has
    text; a unit left out had none."""
    return {
        key: digest("\n".join(unit.base))
        for key, unit in units(root, {}, None).items()
        if unit.base
    }


def plan_digest(digests: dict[Key, str]) -> str:
    """One digest of the whole exported text: equal when no unit changed."""
    return digest(
        "\n".join(f"{key[0]}\t{key[1]}\t{value}" for key, value in sorted(digests.items()))
    )


def base_xml(digests: dict[Key, str]) -> bytes:
    """The custom XML part: the plan's digest and one <u> per unit with text, in document order."""
    rows = "".join(
        f'<u id="{escape_xml(anchor)}"'
        + (f' c="{column}"' if column >= 0 else "")
        + f' d="{value}"/>'
        for (anchor, column), value in digests.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<base xmlns="{BASE_NS}" plan="{plan_digest(digests)}">{rows}</base>'
    ).encode()


def props_xml() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{ITEM_ID}" xmlns:ds="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{BASE_NS}"/>'
        "</ds:schemaRefs></ds:datastoreItem>"
    ).encode()


def add_base(package) -> None:
    """Record the base of the document `package` holds (python-docx) as a custom XML part."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = package.part
    item = Part(PackURI(BASE_PART), "application/xml", base_xml(base_digests(package.element)))
    props = Part(PackURI(PROPS_PART), CONTENT_TYPE.OFC_CUSTOM_XML_PROPERTIES, props_xml())
    item.relate_to(props, RELATIONSHIP_TYPE.CUSTOM_XML_PROPS)
    main.relate_to(item, RELATIONSHIP_TYPE.CUSTOM_XML)
