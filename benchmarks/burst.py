"""A burst of connections to `plancraft serve`, made by its own process so it does not share the timing
client's interpreter: `python burst.py PORT COUNT PATH`.

Opens COUNT connections at once and sends a GET of PATH on each; prints `sent` once every request is out,
then reads the answers and prints `answered N SECONDS`: N the connections answered in full within WAIT
seconds (for an event stream: its first event), SECONDS from the first connect to the last answer. Then
waits for a line on stdin, resets every connection at once, as a killed browser does, and prints `closed`.
"""

from __future__ import annotations

import selectors
import socket
import struct
import sys
import time

WAIT = 30.0


def burst(port: int, count: int, path: str) -> None:
    """Make the burst, report, hold the connections until told, then reset them all."""
    sent = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    until = b"event: state" if "/_plancraft/events" in path else None
    selector = selectors.DefaultSelector()
    sockets, received = [], {}
    for _ in range(count):
        connection = socket.socket()
        connection.setblocking(False)
        connection.connect_ex(("127.0.0.1", port))
        selector.register(connection, selectors.EVENT_WRITE)
        sockets.append(connection)
        received[connection] = b""
    waiting_to_send, pending = set(sockets), set(sockets)
    start = time.monotonic()
    answered, deadline, last = 0, start + WAIT, start
    while pending and time.monotonic() < deadline:
        for key, events in selector.select(0.2):
            connection = key.fileobj
            assert isinstance(connection, socket.socket)
            if events & selectors.EVENT_WRITE:
                connection.send(sent)
                selector.modify(connection, selectors.EVENT_READ)
                waiting_to_send.discard(connection)
                if not waiting_to_send:
                    print("sent", flush=True)
                continue
            try:
                chunk = connection.recv(1 << 20)
            except OSError:
                chunk = b""
            received[connection] += chunk
            got = received[connection]
            if until is not None and until in got or until is None and not chunk:
                answered += got.startswith(b"HTTP/1.0 200")
                last = time.monotonic()
            if not chunk or until is not None and until in got:
                pending.discard(connection)
                selector.unregister(connection)
                received[connection] = b""
    selector.close()
    print(f"answered {answered} {last - start:.3f}", flush=True)
    sys.stdin.readline()
    for connection in sockets:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    print("closed", flush=True)


if __name__ == "__main__":
    burst(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
