"""Limits on the preview's connections: how long a request may take to arrive, which errors are a client leaving."""

from __future__ import annotations

import socket
import threading
import time

SWEEP_EVERY = 0.25
"""Seconds between two looks for overdue requests (not once per accepted connection)."""


def client_left(error: BaseException | None) -> bool:
    """Whether `error` only says the client went away or stalled: not worth a traceback."""
    return isinstance(error, (ConnectionError, TimeoutError))


class RequestDeadlines:
    """Connections whose request line and headers must have arrived by a time; overdue ones are shut."""

    def __init__(self) -> None:
        self._due: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._next_sweep = 0.0

    def start(self, connection: socket.socket, seconds: float) -> None:
        """The request on `connection` must be read within `seconds` from now."""
        with self._lock:
            self._due[connection] = time.monotonic() + seconds

    def end(self, connection: socket.socket) -> None:
        """The request on `connection` has been read (or the connection is done)."""
        with self._lock:
            self._due.pop(connection, None)

    def sweep(self) -> None:
        """Shut the connections whose request is overdue: their reading thread sees the end and stops."""
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY
        with self._lock:
            overdue = [connection for connection, due in self._due.items() if due <= now]
            for connection in overdue:
                del self._due[connection]
        for connection in overdue:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
