"""Take a plan back out of a PDF/A-3 that carries its sources (`build --pdf-variant pdf/a-3b`).

The PDF is untrusted input (docs/security.md): only embedded files marked /AFRelationship /Source
are taken, each under a plain relative name, checked against its MD5 checksum when it has one, and
within the limits on count and size (limits.py) while it is unpacked. Nothing is written unless
every file passes, and then all at once into a new or empty folder.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from ..files import folder_draft, publish_folder
from ..i18n import _
from ..limits import ATTACHMENT_BYTES, ATTACHMENTS, ATTACHMENTS_TOTAL_BYTES, IMPORT_FILE_BYTES

SOURCE = "/Source"
NAME_PART_CHARS = 255


class ExtractRefused(ValueError):
    """A PDF, an embedded file or a target folder that extract will not use; the message says why."""


def extract_plan(pdf_path: Path, target: Path) -> list[str]:
    """Write the plan sources embedded in `pdf_path` into `target` (absent or an empty folder);
    the relative paths written, sorted. ExtractRefused when anything is wrong, with nothing written."""
    _check_target(target)
    files = embedded_sources(pdf_path)
    with folder_draft(target) as draft:
        for name, data in files.items():
            path = draft.joinpath(*PurePosixPath(name).parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            except (FileExistsError, NotADirectoryError, IsADirectoryError) as exc:
                raise ExtractRefused(
                    _("{name} clashes with another embedded file").format(name=name)
                ) from exc
        publish_folder(draft, target)
    return sorted(files)


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise ExtractRefused(
            _("{path} is a symbolic link; give the folder itself").format(path=target)
        )
    if target.exists() and not target.is_dir():
        raise ExtractRefused(_("{path} exists and is not a folder").format(path=target))
    if target.is_dir() and any(target.iterdir()):
        raise ExtractRefused(
            _("{path} is not empty: extract writes only into a new or empty folder").format(
                path=target
            )
        )


def embedded_sources(pdf_path: Path) -> dict[str, bytes]:
    """The files a PDF/A-3 carries as its sources, by relative path; ExtractRefused otherwise."""
    import pikepdf

    size = pdf_path.stat().st_size
    if size > IMPORT_FILE_BYTES.value:
        raise ExtractRefused(
            _("{path} is {size} bytes, over the limit {limit}").format(
                path=pdf_path, size=size, limit=IMPORT_FILE_BYTES
            )
        )
    try:
        pdf = pikepdf.open(pdf_path)
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        raise ExtractRefused(
            _("{path} is not a readable PDF ({reason})").format(path=pdf_path, reason=exc)
        ) from exc
    with pdf:
        specs = [spec for spec in pdf.attachments.values() if _relationship(spec.obj) == SOURCE]
        if not specs:
            raise ExtractRefused(
                _(
                    "{path} carries no plan sources (build it with --pdf-variant pdf/a-3b to "
                    "embed them)"
                ).format(path=pdf_path)
            )
        if len(specs) > ATTACHMENTS.value:
            raise ExtractRefused(
                _("{path} embeds {count} files, over the limit {limit}").format(
                    path=pdf_path, count=len(specs), limit=ATTACHMENTS
                )
            )
        files: dict[str, bytes] = {}
        total = 0
        for spec in specs:
            name = safe_name(spec.filename)
            if name in files:
                raise ExtractRefused(_("{name} is embedded twice").format(name=name))
            files[name] = _unpacked(name, spec.obj.EF.F)
            total += len(files[name])
            if total > ATTACHMENTS_TOTAL_BYTES.value:
                raise ExtractRefused(
                    _("the embedded files unpack to more than the limit {limit}").format(
                        limit=ATTACHMENTS_TOTAL_BYTES
                    )
                )
        return files


def _relationship(spec: Any) -> str:
    return str(spec.get("/AFRelationship", ""))


def safe_name(name: str) -> str:
    """`name` when it is a plain relative path (no root, no .., no backslash or control characters);
    ExtractRefused otherwise."""
    path = PurePosixPath(name)
    bad = (
        not name
        or path.is_absolute()
        or "\\" in name
        or ":" in name
        or any(ord(char) < 32 or ord(char) == 127 for char in name)
        or any(part in ("", ".", "..") for part in name.split("/"))
        or any(len(part.encode("utf-8")) > NAME_PART_CHARS for part in path.parts)
    )
    if bad:
        raise ExtractRefused(
            _("refused the embedded file {name!r}: not a plain relative path").format(name=name)
        )
    return path.as_posix()


def _unpacked(name: str, stream: Any) -> bytes:
    """An embedded file's bytes, unpacked no further than the limit and checked against its MD5."""
    import pikepdf

    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters else []
    raw = stream.read_raw_bytes()
    if filters == [pikepdf.Name.FlateDecode] and "/DecodeParms" not in stream:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, ATTACHMENT_BYTES.value + 1)
        except zlib.error as exc:
            raise ExtractRefused(
                _("{name} is damaged ({reason})").format(name=name, reason=exc)
            ) from exc
    elif not filters:
        data = raw
    else:
        raise ExtractRefused(
            _("{name} is packed in a way extract does not read ({filters})").format(
                name=name, filters=", ".join(str(found) for found in filters)
            )
        )
    if len(data) > ATTACHMENT_BYTES.value:
        raise ExtractRefused(
            _("{name} unpacks to more than the limit {limit}").format(
                name=name, limit=ATTACHMENT_BYTES
            )
        )
    params = stream.get("/Params")
    checksum = params.get("/CheckSum") if params is not None else None
    if checksum is not None:
        if hashlib.md5(data, usedforsecurity=False).digest() != bytes(checksum):
            raise ExtractRefused(_("{name} does not match its checksum").format(name=name))
    return data
