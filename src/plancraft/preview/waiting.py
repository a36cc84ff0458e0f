"""Accepted connections wait here, without a thread of their own, until their request starts to arrive."""

from __future__ import annotations

import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable

from .connections import SWEEP_EVERY

Address = tuple[str, int]
Dispatch = Callable[[socket.socket, Address], None]


class WaitingRoom:
    """One thread watches every silent connection: a thread per connection starts only once it speaks."""

    def __init__(
        self,
        dispatch: Dispatch,
        drop: Callable[[socket.socket], None],
        patience: Callable[[], float],
    ) -> None:
        self._dispatch, self._drop, self._patience = dispatch, drop, patience
        self._arrived: queue.SimpleQueue[tuple[socket.socket, Address]] = queue.SimpleQueue()
        self._bell, self._door = socket.socketpair()
        self._bell.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._door, selectors.EVENT_READ)
        self._since: dict[socket.socket, float] = {}
        self._next_sweep = 0.0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="plancraft-waiting", daemon=True)
        self._thread.start()

    def enter(self, connection: socket.socket, address: Address) -> None:
        """Let `connection` wait until it has something to read (called by the accepting thread)."""
        self._arrived.put((connection, address))
        try:
            self._bell.send(b"\0")
        except BlockingIOError:  # the door already has rings to read
            pass

    def close(self, patience: float = 5.0) -> None:
        """Stop watching and drop the connections still waiting."""
        self._closed.set()
        self._bell.send(b"\0")
        self._thread.join(timeout=patience)

    def _run(self) -> None:
        try:
            while not self._closed.is_set():
                for key, _events in self._selector.select(SWEEP_EVERY):
                    if key.fileobj is self._door:
                        self._let_in()
                    else:
                        self._leave(key.fileobj, key.data)  # type: ignore[arg-type]
                self._send_away()
        finally:
            for connection in list(self._since):
                self._selector.unregister(connection)
                self._drop(connection)
            self._selector.close()
            self._bell.close()
            self._door.close()

    def _let_in(self) -> None:
        try:
            self._door.recv(4096)
        except BlockingIOError:
            pass
        while not self._arrived.empty():
            connection, address = self._arrived.get()
            self._selector.register(connection, selectors.EVENT_READ, address)
            self._since[connection] = time.monotonic()

    def _leave(self, connection: socket.socket, address: Address) -> None:
        """A connection that spoke gets a thread; one that hung up is closed here."""
        self._selector.unregister(connection)
        del self._since[connection]
        try:
            spoke = connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
        except OSError:
            spoke = False
        if spoke:
            self._dispatch(connection, address)
        else:
            self._drop(connection)

    def _send_away(self) -> None:
        """Close the connections that have said nothing for longer than the server's patience."""
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep, patience = now + SWEEP_EVERY, self._patience()
        for connection in [c for c, since in self._since.items() if now - since > patience]:
            self._selector.unregister(connection)
            del self._since[connection]
            self._drop(connection)
