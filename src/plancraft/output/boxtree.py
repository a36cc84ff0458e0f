"""WeasyPrint's laid-out boxes, walked: what the PDF passes (continued, imprint, leaders) look through."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk(box: Any) -> Iterator[Any]:
    """A box and all its descendants, parents first, in document order."""
    stack = [box]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(getattr(current, "children", None) or []))
