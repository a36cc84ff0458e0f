"""How much work any input may cause: every bound plancraft sets, by name, in one place."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .i18n import _

if TYPE_CHECKING:
    import zipfile

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """A named bound; `name` is what an error message calls it."""

    name: str
    value: int

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


SOURCE_FILE_BYTES = Limit("source-file-bytes", 16 * MIB)
"""A plan's Markdown file."""
YAML_FILE_BYTES = Limit("yaml-file-bytes", 512 * 1024)
"""A plan's YAML file, the parent's too (a real one is under 10 KB; YAML is read at about 50 KB/s)."""
IMAGE_BYTES = Limit("image-bytes", 20 * MIB)
"""An image a plan embeds."""
IMPORT_FILE_BYTES = Limit("import-file-bytes", 64 * MIB)
"""The .txt or .docx given to import, and the .docx given to review."""
DOCX_MEMBERS = Limit("docx-members", 10_000)
"""Files inside a .docx archive."""
DOCX_MEMBER_BYTES = Limit("docx-member-bytes", 64 * MIB)
"""One file inside a .docx, unpacked."""
DOCX_TOTAL_BYTES = Limit("docx-total-bytes", 256 * MIB)
"""All files inside a .docx, unpacked."""
DOCX_XML_BYTES = Limit("docx-xml-bytes", 8 * MIB)
"""All XML parts of a .docx together, unpacked (beijing's export has 0.3 MB; parsed XML takes about ten
times its size in memory, so this keeps import and review under 300 MB)."""
DOCX_RATIO = Limit("docx-compression-ratio", 200)
"""How many times larger than packed a file inside a .docx may unpack (checked above 1 MiB)."""
DOCX_RATIO_FROM_BYTES = 1 * MIB
INDICATOR_ROWS = Limit("indicator-rows", 1_000)
"""Rows of an indicator table (a real plan has fewer than a hundred)."""
TABLE_ROWS = Limit("table-rows", 2_000)
"""Rows of one table under tables/."""
HEADINGS = Limit("headings", 5_000)
"""Sections and headings of one plan."""
ATTACHMENT_BYTES = Limit("attachment-bytes", 20 * MIB)
"""One source file embedded in a PDF/A-3, or taken out of one by extract (an image at most)."""
ATTACHMENTS = Limit("attachments", 2_000)
"""Files extract takes out of one PDF."""
ATTACHMENTS_TOTAL_BYTES = Limit("attachments-total-bytes", 256 * MIB)
"""All files extract takes out of one PDF, unpacked."""


class ArchiveRefused(ValueError):
    """A .docx that is not read: over a limit, encrypted, corrupt or not a Word document."""


def open_docx(data: bytes) -> zipfile.ZipFile:
    """The .docx in `data` as a zip archive, after checking its members against the DOCX_ limits
    (before anything is unpacked) and that it is a Word document; ArchiveRefused otherwise."""
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ArchiveRefused(_("not a .docx file (not a zip archive)"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError) as exc:
        raise ArchiveRefused(_("not a .docx file ({reason})").format(reason=exc)) from exc
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ArchiveRefused(_("a zip archive but not a Word document (no word/document.xml)"))
    if len(infos) > DOCX_MEMBERS.value:
        raise ArchiveRefused(
            _("the archive holds {count} files, over the limit {limit} (refused)").format(
                count=len(infos), limit=DOCX_MEMBERS
            )
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ArchiveRefused(
                _("{part} is encrypted: save the document without a password").format(
                    part=info.filename
                )
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > DOCX_MEMBER_BYTES.value or (
            info.file_size > DOCX_RATIO_FROM_BYTES and ratio > DOCX_RATIO.value
        ):
            limit = DOCX_MEMBER_BYTES if info.file_size > DOCX_MEMBER_BYTES.value else DOCX_RATIO
            raise ArchiveRefused(
                _(
                    "{part} would unpack to {size} bytes, over the limit {limit} (refused: a zip bomb)"
                ).format(part=info.filename, size=info.file_size, limit=limit)
            )
    total = sum(info.file_size for info in infos)
    if total > DOCX_TOTAL_BYTES.value:
        raise ArchiveRefused(
            _(
                "the archive would unpack to {size} bytes, over the limit {limit} (refused: a zip bomb)"
            ).format(size=total, limit=DOCX_TOTAL_BYTES)
        )
    xml = sum(info.file_size for info in infos if is_xml_part(info.filename))
    if xml > DOCX_XML_BYTES.value:
        raise ArchiveRefused(
            _(
                "the XML parts would unpack to {size} bytes, over the limit {limit} (refused)"
            ).format(size=xml, limit=DOCX_XML_BYTES)
        )
    return archive


def is_xml_part(name: str) -> bool:
    """Whether a part of a .docx is XML by its name (what DOCX_XML_BYTES counts)."""
    return name.lower().endswith((".xml", ".rels"))


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One file of a checked archive, no larger than it says; ArchiveRefused when it is corrupt."""
    return b"".join(member_chunks(archive, name))


def member_chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """One file of a checked archive, a MiB at a time, no larger than it says; ArchiveRefused when it
    is corrupt (found at the latest at its last chunk, by its CRC)."""
    import zipfile

    info = archive.getinfo(name)
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(min(MIB, info.file_size + 1 - size)):
                size += len(chunk)
                if size > info.file_size:
                    raise ArchiveRefused(
                        _("{part} is larger than the archive says (refused: a zip bomb)").format(
                            part=name
                        )
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise ArchiveRefused(
            _("{part} cannot be unpacked, the file is damaged ({reason})").format(
                part=name, reason=exc
            )
        ) from exc
