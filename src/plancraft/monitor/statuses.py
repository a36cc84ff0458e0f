"""What monitoring statuses are called (the official words) and their colours."""

from __future__ import annotations

from ..compile.progress import STATUSES
from ..i18n import N_, _
from ..report import Status

LABELS = {
    "achieved": N_("achieved early"),
    "ahead": N_("ahead of schedule"),
    "on-track": N_("on track"),
    "behind": N_("behind schedule"),
    "no-data": N_("no data"),
}
"""提前实现, 快于预期, 基本符合预期, 滞后 and 无数据 in Chinese."""
FILLS = {
    "behind": "F4A3A3",
    "no-data": "E4E4E4",
    "on-track": "DCEBF7",
    "ahead": "C8E6C9",
    "achieved": "8FD19E",
}
INKS = {
    "behind": "C0392B",
    "no-data": "888888",
    "on-track": "2E6DA4",
    "ahead": "2E7D32",
    "achieved": "1B5E20",
}
SERIOUSNESS = ("behind", "no-data", "on-track", "ahead", "achieved")
"""The order of filters and sorting: what needs attention first."""


def label(status: str) -> str:
    """The name of `status` in the current language."""
    return _(LABELS[status])


def statuses() -> dict[str, Status]:
    """Every status, most serious first, named in the current language."""
    return {key: Status(label(key), FILLS[key], INKS[key]) for key in SERIOUSNESS}


def counts_text(counted: dict[str, int]) -> str:
    """“1 achieved early, 2 on track …” in the official order, leaving out the statuses none has."""
    return _(", ").join(
        _("{count} {status}").format(count=counted[key], status=label(key))
        for key in STATUSES
        if counted.get(key)
    )
