"""The one rule for every file a plan reads: inside its folder, a regular file, not too large."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..i18n import _
from ..limits import SOURCE_FILE_BYTES, Limit

CHUNK = 1024 * 1024


class Refused(Exception):
    """A file the rule does not let plancraft read; `code` names the rule, the message says why."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def read_confined(path: Path, root: Path | None, limit: Limit = SOURCE_FILE_BYTES) -> bytes:
    """The bytes of `path`, which must lie inside `root` once symlinks are followed (any folder when
    `root` is None), be a regular file and hold at most `limit` bytes; Refused otherwise."""
    if root is not None:
        check_inside(path, root)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _refusal(exc) from exc
    try:
        found = os.fstat(handle)
        if stat.S_ISDIR(found.st_mode):
            raise Refused("file-missing", _("expected a file, found a directory"))
        if not stat.S_ISREG(found.st_mode):
            raise Refused(
                "not-a-file",
                _("refused: not a regular file (a device, pipe or socket)"),
                _("a plan reads only ordinary files"),
            )
        if found.st_size > limit.value:
            raise too_large(found.st_size, limit)
        chunks, size = [], 0
        while chunk := os.read(handle, CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit.value:
                raise too_large(size, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _refusal(exc) from exc
    finally:
        os.close(handle)


def check_inside(path: Path, root: Path) -> None:
    """Refused unless `path`, with every symlink followed, lies inside the folder `root`."""
    base = real_path(root)
    real = real_path(path)
    if real != base and not real.is_relative_to(base):
        raise Refused(
            "sandbox",
            _("refused: the path leads outside the plan folder"),
            _(
                "a plan reads only files inside its own folder; copy the file in instead of linking it"
            ),
        )


def real_path(path: Path) -> Path:
    """`path` with every symlink followed; Refused for a symlink loop."""
    try:
        return Path(path).resolve()
    except (
        RuntimeError
    ) as exc:  # Python 3.11 reports a loop so; later versions raise OSError(ELOOP)
        raise Refused("symlink-loop", _("a symbolic link loop")) from exc
    except OSError as exc:
        raise _refusal(exc) from exc


def symlink_loop(path: Path) -> bool:
    """Whether `path` (or a folder on the way to it) is a symbolic link loop."""
    try:
        real_path(path)
    except Refused as refused:
        return refused.code == "symlink-loop"
    return False


def too_large(size: int, limit: Limit) -> Refused:
    """The refusal of something of `size` bytes over `limit`."""
    return Refused(
        "file-too-large",
        _("file is too large ({size} bytes; the limit {limit} is {value})").format(
            size=size, limit=limit.name, value=limit.value
        ),
    )


def _refusal(exc: OSError) -> Refused:
    if exc.errno == errno.ENOENT:
        return Refused("file-missing", _("file not found"))
    if exc.errno == errno.ELOOP:
        return Refused("symlink-loop", _("a symbolic link loop"))
    if exc.errno == errno.EISDIR:
        return Refused("file-missing", _("expected a file, found a directory"))
    return Refused("file-unreadable", _("cannot read file: {reason}").format(reason=os_reason(exc)))


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the reader's language for the usual reasons."""
    reasons = {
        errno.ENOSPC: _("no space left on the device"),
        errno.EDQUOT: _("disk quota exceeded"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("operation not permitted"),
        errno.EROFS: _("read-only file system"),
        errno.ELOOP: _("a symbolic link loop"),
        errno.ENOENT: _("no such file or folder"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EISDIR: _("is a folder"),
        errno.ENAMETOOLONG: _("file name too long"),
        errno.EIO: _("input/output error"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
