"""Accepted connections wait here, without a thread of their own, until their request has arrived.

One thread watches them all. A request whose answer is already in memory (a page, the index, an error) is
answered here, its bytes sent as the client takes them; only the others (event streams, PDFs) get a thread.
So a burst of page loads costs no thread starts, and a request that comes in during a burst is answered
in the same round as the burst's, not after it.
"""

from __future__ import annotations

import queue
import selectors
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .connections import SWEEP_EVERY

Address = tuple[str, int]
Dispatch = Callable[[socket.socket, Address], None]
Answer = Callable[[bytes, Address], "tuple[bytes, ...] | None"]
"""The whole answer (in parts) to a request whose head is given, or None when it needs a thread."""
HEAD_GUESS = 4096
"""Bytes looked at first: a browser's request head fits."""
HEAD_LIMIT = 65536
"""Bytes of a request head looked at here; a longer head goes to a thread (which refuses it)."""


@dataclass
class _Sending:
    """An answer on its way out: what is left to send."""

    left: list[memoryview]


class WaitingRoom:
    """One thread watches every connection until its request is in: it answers it or hands it on."""

    def __init__(
        self,
        dispatch: Dispatch,
        drop: Callable[[socket.socket], None],
        patience: Callable[[], float],
        answer: Answer | None = None,
        send_patience: Callable[[], float] | None = None,
    ) -> None:
        self._dispatch, self._drop, self._patience = dispatch, drop, patience
        self._answer = answer or (lambda head, address: None)
        self._send_patience = send_patience or patience
        self._arrived: queue.SimpleQueue[tuple[socket.socket, Address]] = queue.SimpleQueue()
        self._bell, self._door = socket.socketpair()
        self._bell.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._door, selectors.EVENT_READ)
        self._since: dict[socket.socket, tuple[float, Callable[[], float]]] = {}
        """When each connection began to wait (for its request, or for the client to take the answer)."""
        self._next_sweep = 0.0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="plancraft-waiting", daemon=True)
        self._thread.start()

    def enter(self, connection: socket.socket, address: Address) -> None:
        """Let `connection` wait until its request is in (called by the accepting thread)."""
        self._arrived.put((connection, address))
        try:
            self._bell.send(b"\0")
        except BlockingIOError:  # the door already has rings to read
            pass

    def close(self, patience: float = 5.0) -> None:
        """Stop watching and drop the connections still waiting or being answered."""
        self._closed.set()
        self._bell.send(b"\0")
        self._thread.join(timeout=patience)

    def _run(self) -> None:
        try:
            while not self._closed.is_set():
                ready = self._selector.select(SWEEP_EVERY)
                if any(key.fileobj is self._door for key, _events in ready):
                    self._let_in()
                sending = []
                for key, _events in ready:  # requests first: a new one is not queued behind answers
                    if isinstance(key.data, _Sending):
                        sending.append(key)
                    elif key.fileobj is not self._door:
                        self._leave(key.fileobj, key.data)  # type: ignore[arg-type]
                for key in sending:
                    if self._selector.get_map().get(key.fileobj) is key:
                        self._send(key.fileobj, key.data)  # type: ignore[arg-type]
                self._send_away()
        finally:
            for connection in list(self._since):
                self._forget(connection)
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
            self._since[connection] = (time.monotonic(), self._patience)

    def _leave(self, connection: socket.socket, address: Address) -> None:
        """A connection that spoke is answered here or gets a thread; one that hung up is closed."""
        try:
            head = connection.recv(HEAD_GUESS, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            if len(head) == HEAD_GUESS:
                head = connection.recv(HEAD_LIMIT, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return
        except OSError:
            head = b""
        if not head:
            self._forget(connection)
            return
        end = head.find(b"\r\n\r\n") + 4
        whole = end == len(head)  # else a part (read on in a thread), or more than a head
        reply = self._answer(head, address) if whole else None
        self._selector.unregister(connection)
        del self._since[connection]
        if reply is None:
            self._dispatch(connection, address)
            return
        connection.recv(end)
        sending = _Sending([memoryview(part) for part in reply])
        self._selector.register(connection, selectors.EVENT_WRITE, sending)
        self._since[connection] = (time.monotonic(), self._send_patience)
        self._send(connection, sending)

    def _send(self, connection: socket.socket, sending: _Sending) -> None:
        """Send what the client takes now; close the connection once the answer is out."""
        try:
            sent = connection.sendmsg(sending.left, (), socket.MSG_DONTWAIT)
        except BlockingIOError:
            return
        except OSError:
            self._forget(connection)
            return
        while sending.left and sent >= len(sending.left[0]):
            sent -= len(sending.left.pop(0))
        if sending.left:
            sending.left[0] = sending.left[0][sent:]
        else:
            self._forget(connection)

    def _forget(self, connection: socket.socket) -> None:
        """Stop watching `connection` and close it."""
        self._selector.unregister(connection)
        del self._since[connection]
        self._drop(connection)

    def _send_away(self) -> None:
        """Close the connections that said nothing, or took nothing, for longer than allowed."""
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY
        patience = {self._patience: self._patience(), self._send_patience: self._send_patience()}
        for connection, (since, allowed) in list(self._since.items()):
            if now - since > patience[allowed]:
                self._forget(connection)
