"""Answers the preview has in memory, as http.server would write them, and the request heads they answer."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus

PROTOCOL = "HTTP/1.0"
"""As http.server's default: one request per connection, closed after the answer."""
SERVER = "plancraft-preview "
"""http.server's Server header for the preview's handler (its version, then an empty Python version)."""
METHODS = {"GET", "HEAD"}
VERSIONS = {"HTTP/1.0", "HTTP/1.1"}
MAX_HEADERS = 100
"""http.server's limit; a request with more goes to a thread, which refuses it."""


@dataclass
class Reply:
    """An answer whose body is known without waiting for anything."""

    status: int
    data: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self, common: dict[str, str], body: bool) -> tuple[bytes, ...]:
        """The whole answer, head and body (not joined: the body is not copied): the status line,
        Server and Date, `common`, the type, length and own headers."""
        lines = [
            f"{PROTOCOL} {self.status} {HTTPStatus(self.status).phrase}",
            f"Server: {SERVER}",
            f"Date: {formatdate(usegmt=True)}",
            *(f"{key}: {value}" for key, value in common.items()),
            f"Content-Type: {self.content_type}",
            f"Content-Length: {len(self.data)}",
            *(f"{key}: {value}" for key, value in self.headers.items()),
        ]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")
        return (head, self.data) if body and self.data else (head,)


@dataclass(frozen=True)
class Request:
    """A GET or HEAD whose head has arrived in full."""

    line: str
    method: str
    target: str
    headers: dict[str, str]
    """Lower-case names; the first of a repeated header, as http.server reads it."""


def parse_head(head: bytes) -> Request | None:
    """The request in a complete head ending in a blank line; None for anything but a plain GET or HEAD
    (which a thread then reads with http.server, to answer or refuse as it does)."""
    lines = head.decode("iso-8859-1").split("\r\n")
    if len(lines) < 3 or lines[-2:] != ["", ""] or len(lines) - 3 > MAX_HEADERS:
        return None
    words = lines[0].split()
    if len(words) != 3 or words[0] not in METHODS or words[2] not in VERSIONS:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:-2]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            return None
        headers.setdefault(name.lower(), value.strip())
    if "content-length" in headers or "transfer-encoding" in headers:
        return None
    return Request(lines[0], words[0], words[1], headers)


def log_line(client: str, request: Request, status: int) -> None:
    """The line http.server logs for an answer, on stderr."""
    when = time.strftime("%d/%b/%Y %H:%M:%S")
    sys.stderr.write(f'{client} - - [{when}] "{request.line}" {status} -\n')
