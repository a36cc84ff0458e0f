"""Answers the preview has in memory are sent by the thread that watches connections, not a thread each."""

from __future__ import annotations

import re
import socket
import time

import pytest

from plancraft.preview import server as preview_server
from plancraft.preview.answers import parse_head
from tests.preview.conftest import WAIT, Served
from tests.preview.test_serve_load import request


def read_all(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    connection.settimeout(WAIT)
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def ask(port: int, *parts: bytes) -> bytes:
    """Send `parts` one after another (a pause between them), then read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
        for index, part in enumerate(parts):
            if index:
                time.sleep(0.1)
            connection.sendall(part)
        return read_all(connection)


def threaded(served: Served, sent: bytes) -> bytes:
    """The answer http.server's handler gives `sent`, in a thread of its own as before."""
    client, accepted = socket.socketpair()
    with client:
        client.sendall(sent)
        served.server.process_request_thread(accepted, ("127.0.0.1", 0))
        return read_all(client)


def without_date(answer: bytes) -> bytes:
    return re.sub(rb"\r\nDate: [^\r]*", b"", answer)


@pytest.fixture
def threads(unchanged: Served, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The requests that were given a thread of their own."""
    started: list[str] = []
    in_thread = unchanged.server._in_thread

    def recording(connection, address) -> None:
        started.append(connection.recv(4096, socket.MSG_PEEK).split(b" ")[1].decode())
        in_thread(connection, address)

    monkeypatch.setattr(unchanged.server.waiting, "_dispatch", recording)
    return started


@pytest.mark.parametrize(
    "path, host",
    [
        ("/minimal/", None),
        ("/", None),
        ("/minimal", None),
        ("/_plancraft/assets/preview.js", None),
        ("/nowhere/", None),
        ("/%2e%2e/etc/passwd", None),
        ("/minimal/", "evil.example"),
    ],
)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_an_answer_in_memory_is_sent_without_a_thread_as_http_server_writes_it(
    unchanged: Served, threads: list[str], path: str, host: str | None, method: str
) -> None:
    port = unchanged.server.port
    sent = request(port, path).replace(b"GET", method.encode(), 1)
    if host:
        sent = sent.replace(f"127.0.0.1:{port}".encode(), host.encode())
    quick = ask(port, sent)
    assert threads == []
    assert without_date(quick) == without_date(threaded(unchanged, sent))


@pytest.mark.parametrize("path", ["/_plancraft/events/minimal", "/minimal/monitoring"])
def test_event_streams_and_monitoring_pages_get_a_thread(
    unchanged: Served, threads: list[str], path: str
) -> None:
    sent = request(unchanged.server.port, path)
    with socket.create_connection(("127.0.0.1", unchanged.server.port), timeout=WAIT) as client:
        client.sendall(sent)
        assert client.recv(65536).startswith(b"HTTP/1.0 200 OK")
    assert threads == [path]


@pytest.mark.parametrize(
    "parts",
    [
        (b"GET /minimal/ HTTP/1.1\r\nHo", b"st: 127.0.0.1:{port}\r\n\r\n"),
        (b"GET /minimal/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 2\r\n\r\nab",),
        (b"GET /minimal/ HTTP/1.0\n\n",),
    ],
    ids=["in-two-parts", "with-a-body", "bare-newlines"],
)
def test_a_request_that_is_not_a_plain_head_is_read_by_http_server(
    unchanged: Served, threads: list[str], parts: tuple[bytes, ...]
) -> None:
    port = unchanged.server.port
    answer = ask(port, *(part.replace(b"{port}", str(port).encode()) for part in parts))
    assert threads == ["/minimal/"]
    assert answer.startswith(b"HTTP/1.0 ") and b"Content-Security-Policy" in answer


def test_a_large_answer_reaches_a_slow_reader_whole(served: Served) -> None:
    big = b"<html>" + "规划".encode() * 400_000 + b"</html>"
    served.state().page = big
    with socket.socket() as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(("127.0.0.1", served.server.port))
        client.sendall(request(served.server.port, "/minimal/"))
        time.sleep(0.2)  # the server meets a full buffer and must come back to it
        answer = read_all(client)
    assert answer.split(b"\r\n\r\n", 1)[1] == big


def test_a_client_that_takes_no_answer_is_dropped(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    served.state().page = b"x" * 20_000_000
    monkeypatch.setattr(preview_server, "SEND_TIMEOUT", 0.3)
    with socket.socket() as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(("127.0.0.1", served.server.port))
        client.sendall(request(served.server.port, "/minimal/"))
        deadline = time.monotonic() + WAIT
        while not served.server.waiting._since and time.monotonic() < deadline:
            time.sleep(0.02)  # until the server has the connection
        while served.server.waiting._since and time.monotonic() < deadline:
            time.sleep(0.02)  # until it gave up on it
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        answer = b""
        try:
            client.settimeout(WAIT)
            while chunk := client.recv(1 << 20):
                answer += chunk
        except ConnectionError:
            pass
    assert len(answer) < 20_000_000


@pytest.mark.parametrize(
    "head",
    [
        b"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: a\r\n\r\n",
        b"GET / HTTP/1.1\r\n Host: a\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost a\r\n\r\n",
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n",
    ],
)
def test_only_a_plain_get_or_head_is_answered_quickly(head: bytes) -> None:
    assert parse_head(head) is None


def test_the_first_of_repeated_headers_counts_as_in_http_server() -> None:
    request = parse_head(b"GET /a HTTP/1.1\r\nHost: one\r\nhost: two\r\n\r\n")
    assert request is not None and request.headers["host"] == "one" and request.target == "/a"
