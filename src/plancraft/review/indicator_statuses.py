"""What indicator statuses and matches are called in reports, and their colours."""

from __future__ import annotations

from ..compile.alignment import STATUSES
from ..i18n import N_, _
from ..report import Status
from ..source.model import Indicator

LABELS = {
    "weaker": N_("below the parent"),
    "nature-weakened": N_("binding→expected"),
    "unit-differs": N_("unit differs"),
    "not-adopted": N_("not adopted"),
    "stronger": N_("above the parent"),
    "nature-strengthened": N_("expected→binding"),
    "aligned": N_("same as the parent"),
    "adopted": N_("adopted, not compared"),
    "district-only": N_("district only"),
}
"""What each status is called in reports, in the reader's language."""

MATCHES = {
    "parent_id": N_("by parent_id"),
    "name": N_("same name"),
    "normalised": N_("same name, normalised"),
    "similar": N_("similar name"),
    "none": N_("unmatched"),
}
"""How a district indicator was matched to the parent's, in the reader's language."""

# Cell fill and a darker ink of the same hue for each status.
FILLS = {
    "weaker": "F4A3A3",
    "nature-weakened": "F8C98A",
    "unit-differs": "F5E08C",
    "not-adopted": "DDDDDD",
    "stronger": "9FD8A8",
    "nature-strengthened": "C5B8E6",
    "aligned": "D4EDD0",
    "adopted": "E3ECF5",
    "district-only": "BFD9F2",
}
INKS = {
    "weaker": "C0392B",
    "nature-weakened": "D35400",
    "unit-differs": "9A7D0A",
    "not-adopted": "888888",
    "stronger": "1E8449",
    "nature-strengthened": "6C3483",
    "aligned": "52905A",
    "adopted": "5D7896",
    "district-only": "2471A3",
}


def label(status: str) -> str:
    """The name of `status` in the current language."""
    return _(LABELS[status])


def matched(how: str) -> str:
    """How a match was made, in the current language."""
    return _(MATCHES[how]) if how in MATCHES else how


def statuses() -> dict[str, Status]:
    """Every status in order of seriousness, named in the current language."""
    return {status: Status(label(status), FILLS[status], INKS[status]) for status in STATUSES}


def target_text(indicator: Indicator) -> str:
    """An indicator's target with its unit, unless the target already names it."""
    target = indicator.target
    if target is None or target.value is None:
        return target.text if target is not None else "—"
    unit = indicator.unit if indicator.unit not in target.text else ""
    return target.text + unit
