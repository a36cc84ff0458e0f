"""Comment rounds, `plans/<slug>/reviews/<round>.yaml`: what reviewers sent and what was decided."""

from __future__ import annotations

from pathlib import Path

from .model import Reviewer, Round, RoundItem
from .yamlfile import YamlFile, plain

ROUNDS_DIR = "reviews"
UNDECIDED = "待定"
ADOPTED = "采纳"
PARTLY = "部分采纳"
REJECTED = "不采纳"
DECISIONS = (ADOPTED, PARTLY, REJECTED, UNDECIDED)


def round_files(root: Path) -> list[Path]:
    """The round files of the plan folder `root`, in name order."""
    folder = Path(root) / ROUNDS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def read_round(document: YamlFile) -> Round:
    """The model of a schema-valid round file, every item with where it and its decision are written."""
    data = plain(document.data)
    found = Round(data.get("round") or document.path.stem, document.path)
    for index, item in enumerate(data["items"]):
        found.items.append(
            RoundItem(
                number=item["no"],
                kind=item["kind"],
                target=item["target"],
                location=document.locate(["items", index]),
                reviewers=[Reviewer(**reviewer) for reviewer in item["reviewers"]],
                decision=item["decision"],
                decision_location=document.locate(["items", index, "decision"]),
                field=item.get("field", ""),
                place=item.get("place", ""),
                quoted=item.get("quoted", ""),
                text=item.get("text", ""),
                reason=item.get("reason", ""),
            )
        )
    return found
