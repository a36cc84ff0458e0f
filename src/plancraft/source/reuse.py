"""The last parse of each source file, reused while the file's text is exactly the same.

A load still reads every file (the confinement rule is checked on every read); only the parse of text seen
before is skipped. The key is the text itself, not the file's size and times, so an edit is never missed,
however quickly it follows the last one. What is kept is shared by every later load: never changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

Parsed = TypeVar("Parsed")

KEPT_FILES = 256
"""How many files' parses one cache keeps (serve reloads a plan on every save)."""


class LastParses(Generic[Parsed]):
    """For each file, the text it was last parsed from and what the parse gave."""

    def __init__(self, size: int = KEPT_FILES) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[str, Parsed]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, name: str, text: str) -> Parsed | None:
        """What `name` gave when it was last parsed, if that was from exactly `text`."""
        with self._lock:
            entry = self._entries.get(name)
            if entry is None or entry[0] != text:
                return None
            self._entries.move_to_end(name)
            return entry[1]

    def put(self, name: str, text: str, parsed: Parsed) -> None:
        """Keep what `name` gave from `text`, dropping the least recently used past `size` files."""
        with self._lock:
            self._entries[name] = (text, parsed)
            self._entries.move_to_end(name)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
