"""Hostile .docx files, made from a real export: `python bombs.py EXPORT FOLDER XML_LIMIT`.

Run in a process of its own by subjects/bombs.py, so that the memory it takes to make them does not count
in the peak of the measured commands (a child's max RSS starts from its parent's). Prints one line per
file: its name, a tab, what it is. Standard library only.
"""

from __future__ import annotations

import os
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024


def _parts(export: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(export) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _zipped(
    path: Path,
    parts: dict[str, bytes],
    big: dict[str, Callable[[], bytes]] | None = None,
    zip64: bool = False,
) -> Path:
    """`parts` deflated into `path`, then each of `big`: a name and chunks of its content, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
        for name, chunks in (big or {}).items():
            with package.open(name, "w", force_zip64=zip64) as member:
                while chunk := chunks():
                    member.write(chunk)
    return path


def _chunks(total: int, chunk: bytes) -> Callable[[], bytes]:
    """A source of `chunk` repeated until `total` bytes were given, then b''."""
    left = [total]

    def next_chunk() -> bytes:
        size = min(left[0], len(chunk))
        left[0] -= size
        return chunk[:size]

    return next_chunk


def _lying(path: Path, part: str, claimed: int) -> Path:
    """The zip at `path` with `part`'s unpacked size given as `claimed` in both of its headers."""
    data = bytearray(path.read_bytes())
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from(
                "<H", data, at + (26 if signature == b"PK\x03\x04" else 28)
            )[0]
            if data[at + name_at : at + name_at + length] == part.encode():
                struct.pack_into("<I", data, at + size_at, claimed)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _paragraphs(total: int) -> bytes:
    """`total` bytes of plain Word paragraphs, each with its own number, ending the body."""
    lines, size, number = [], 0, 0
    while size < total:
        line = f"<w:p><w:r><w:t>第{number}段：推动高质量发展，扎实推进共同富裕。</w:t></w:r></w:p>".encode()
        lines.append(line)
        size += len(line)
        number += 1
    return b"".join(lines)


def make_bombs(parts: dict[str, bytes], folder: Path, xml_limit: int) -> dict[str, Path]:
    """The hostile files, made into `folder` (`xml_limit`: plancraft's docx-xml-bytes)."""
    folder.mkdir(exist_ok=True)
    document = parts["word/document.xml"]
    xml_room = xml_limit - sum(
        len(data) for name, data in parts.items() if name.endswith((".xml", ".rels"))
    )
    body_end = document.rindex(b"<w:sectPr")
    noise = os.urandom(16 * 1024)

    def grown(extra: int) -> bytes:
        return document[:body_end] + _paragraphs(extra) + document[body_end:]

    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9)
        )
        + b"]>"
        + document[document.index(b"<w:document") :].replace(b"<w:t>", b"<w:t>&j;", 1)
    )
    makers: dict[str, Callable[[Path], Path]] = {
        "image of 3 GiB of zeros (3 MB file)": lambda path: _zipped(
            path, parts, {"word/media/image9.png": _chunks(3 * 1024 * MIB, bytes(MIB))}, zip64=True
        ),
        "image that says 1 KiB and unpacks to 1 GiB": lambda path: _lying(
            _zipped(path, parts, {"word/media/image9.png": _chunks(1024 * MIB, bytes(MIB))}),
            "word/media/image9.png",
            1024,
        ),
        "document.xml of 60 MiB": lambda path: _zipped(
            path, parts | {"word/document.xml": grown(60 * MIB)}
        ),
        "document.xml as large as docx-xml-bytes lets through": lambda path: _zipped(
            path, parts | {"word/document.xml": grown(xml_room - 4096)}
        ),
        "4 images of 60 MiB each, 240 MiB in all (under every limit)": lambda path: _zipped(
            path,
            parts,
            {f"word/media/big{n}.bin": _chunks(60 * MIB, noise) for n in range(4)},
        ),
        "10,001 files in the archive": lambda path: _zipped(
            path, parts | {f"word/media/x{n}.bin": b"x" for n in range(10_001)}
        ),
        "document.xml with nested entities (a billion laughs)": lambda path: _zipped(
            path, parts | {"word/document.xml": laughs}
        ),
    }
    made = {}
    for number, (label, make) in enumerate(makers.items()):
        path = folder / f"bomb{number}.docx"
        make(path)
        made[label] = path
    return made


def main(export: Path, folder: Path, xml_limit: int) -> None:
    """Make the files; say which is which."""
    with zipfile.ZipFile(export) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    for label, path in make_bombs(parts, folder, xml_limit).items():
        print(f"{path.name}\t{label}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
