"""plancraft serve under load and against clients that misbehave: many streams, bursts, stalls, hang-ups."""

from __future__ import annotations

import selectors
import socket
import struct
import threading
import time
from pathlib import Path

import pytest

from plancraft.preview import server as preview_server
from tests.conftest import edit
from tests.preview.conftest import WAIT, Served


def request(port: int, path: str = "/") -> bytes:
    """A GET of `path` for the preview on `port`."""
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()


def many(port: int, count: int, sent: bytes, until: bytes) -> tuple[list[socket.socket], int]:
    """Open `count` connections at once and send `sent` on each: (the sockets, how many got `until`)."""
    selector = selectors.DefaultSelector()
    sockets, received = [], {}
    for _ in range(count):
        connection = socket.socket()
        connection.setblocking(False)
        connection.connect_ex(("127.0.0.1", port))
        selector.register(connection, selectors.EVENT_WRITE)
        sockets.append(connection)
        received[connection] = b""
    answered, pending, deadline = 0, set(sockets), time.monotonic() + WAIT
    while pending and time.monotonic() < deadline:
        for key, events in selector.select(0.2):
            connection = key.fileobj
            assert isinstance(connection, socket.socket)
            if events & selectors.EVENT_WRITE:
                connection.send(sent)
                selector.modify(connection, selectors.EVENT_READ)
                continue
            chunk = connection.recv(65536)
            received[connection] += chunk
            if until in received[connection] or not chunk:
                answered += until in received[connection]
                pending.discard(connection)
                selector.unregister(connection)
    selector.close()
    return sockets, answered


def hang_up(sockets: list[socket.socket]) -> None:
    """Close every connection at once, with a reset as a killed browser does."""
    for connection in sockets:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()


def closed_by_server(connection: socket.socket, trickle: bytes = b"") -> bool:
    """Whether the server closes `connection` within WAIT, sending `trickle` a byte at a time meanwhile."""
    connection.setblocking(False)
    deadline = time.monotonic() + WAIT
    selector = selectors.DefaultSelector()
    selector.register(connection, selectors.EVENT_READ)
    try:
        while time.monotonic() < deadline:
            if trickle:
                connection.send(trickle[:1])
                trickle = trickle[1:]
            if selector.select(0.1):
                while chunk := connection.recv(65536):
                    if not chunk:
                        break
                return True
    except (ConnectionError, BlockingIOError):
        return True
    finally:
        selector.close()
    return False


def raw(port: int, sent: bytes) -> tuple[int, dict[str, str]]:
    """Send `sent` as it is; the status and headers of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
        connection.sendall(sent)
        reply = b""
        while b"\r\n\r\n" not in reply and (chunk := connection.recv(65536)):
            reply += chunk
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers


def test_two_hundred_event_streams_all_get_their_first_event(unchanged: Served) -> None:
    port = unchanged.server.port
    streams, answered = many(
        port, 200, request(port, "/_plancraft/events/minimal"), b"event: state"
    )
    try:
        assert answered == 200
        assert unchanged.get("/minimal/")[0] == 200
    finally:
        hang_up(streams)


def test_the_server_answers_after_500_connections_open_and_close(unchanged: Served) -> None:
    port = unchanged.server.port
    burst, answered = many(port, 500, request(port), b"</html>")
    hang_up(burst)
    assert answered == 500
    streams, answered = many(port, 500, request(port, "/_plancraft/events/"), b"event: state")
    hang_up(streams)
    assert answered == 500
    silent = [socket.create_connection(("127.0.0.1", port), timeout=WAIT) for _ in range(100)]
    hang_up(silent)
    assert unchanged.get("/minimal/")[0] == 200


def test_silent_connections_hold_no_thread_and_are_closed(
    unchanged: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = threading.active_count()
    silent = [
        socket.create_connection(("127.0.0.1", unchanged.server.port), timeout=WAIT)
        for _ in range(300)
    ]
    try:
        assert unchanged.get("/minimal/")[0] == 200  # accepted after the silent ones
        assert threading.active_count() < threads + 50
        monkeypatch.setattr(preview_server, "READ_TIMEOUT", 0.3)
        assert all(closed_by_server(connection) for connection in silent)
    finally:
        hang_up(silent)


def test_a_stalled_half_request_is_closed_by_the_server(
    unchanged: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_server, "READ_TIMEOUT", 0.3)
    with socket.create_connection(("127.0.0.1", unchanged.server.port), timeout=WAIT) as stalled:
        stalled.sendall(b"GET /minimal/ HT")
        assert closed_by_server(stalled)
    assert unchanged.get("/minimal/")[0] == 200


def test_a_request_that_trickles_in_is_closed_at_its_deadline(
    unchanged: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_server, "HEADER_TIMEOUT", 0.5)
    with socket.create_connection(("127.0.0.1", unchanged.server.port), timeout=WAIT) as slow:
        slow.sendall(b"GET /minimal/ HTTP/1.1\r\n")
        assert closed_by_server(slow, trickle=b"X-Slow: " + b"a" * int(WAIT * 10))


@pytest.mark.parametrize(
    "sent",
    [
        b"GET /nowhere/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
        b"GET /../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
        b"GET /minimal/ HTTP/1.1\r\nHost: evil.example\r\n\r\n",
        b"POST /minimal/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n",
        b"GET /minimal/ HTTP/9.9\r\nHost: 127.0.0.1:{port}\r\n\r\n",
        b"NONSENSE\r\n\r\n",
        b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
    ],
    ids=["404", "400-path", "421", "501", "505", "400-request-line", "414"],
)
def test_error_answers_carry_the_same_headers_as_pages(unchanged: Served, sent: bytes) -> None:
    port = unchanged.server.port
    status, headers = raw(port, sent.replace(b"{port}", str(port).encode()))
    assert status >= 400
    for key, value in preview_server.SECURITY_HEADERS.items():
        assert headers.get(key) == value, (key, headers)


def test_head_of_a_pdf_answers_without_building_it(served: Served, tmp_path: Path) -> None:
    status, headers, body = served.get("/minimal.pdf", method="HEAD")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and body == b""
    assert "Content-Length" not in headers
    assert not (tmp_path / "cache" / "minimal.pdf").exists()
    edit(served.plan / "plan.yaml", "numbering: parts", "numbering: [parts")
    served.until(lambda: bool(served.state().errors), "the YAML error")
    assert served.get("/minimal.pdf", method="HEAD")[0] == 422
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("path", ["/minimal/", "/_plancraft/events/minimal", "/"])
def test_a_client_that_hangs_up_leaves_no_traceback(
    unchanged: Served, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    server = unchanged.server
    sent = request(server.port, path)
    with socket.socket() as listener:  # a reset before the request is read: the read fails
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = socket.create_connection(listener.getsockname())
        accepted, address = listener.accept()
        client.sendall(sent)
        hang_up([client])
        server.process_request_thread(accepted, address)
    client, accepted = socket.socketpair()  # a hang-up after the request is read: the answer fails
    client.sendall(sent)
    client.close()
    server.process_request_thread(accepted, ("127.0.0.1", 0))
    assert capsys.readouterr().err == ""
