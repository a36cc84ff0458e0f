"""13. `plancraft import` of a 60,000-character plan: a text extraction, a Word file and a PDF.

The text is beijing's source (sources/beijing-municipal.txt) with its tasks part repeated as further
parts until it holds 60,000 characters; the Word file and the PDF are plancraft's own builds of beijing
with its tasks part doubled (measurement 9's 2x plan, about 60,000 characters of Markdown). Each import
writes a fresh folder and validates the draft, as a user's import does.
"""

from __future__ import annotations

from pathlib import Path

from common import BIG_PLAN, PROJECT, Results, Scratch, interleaved, plancraft, run_checked

from .scale import make_scaled_plan

SOURCE = PROJECT / "sources" / "beijing-municipal.txt"
CHARS = 60_000
PART_NUMBERS = "一二三四五六七八九十"


def long_text(target: Path) -> int:
    """beijing's source with its 第三部分 (tasks) repeated as new parts, cut at an 一、 heading once the
    text holds CHARS characters; its length."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("第三部分"))
    end = next(i for i, line in enumerate(lines) if line.startswith("第四部分"))
    head, tasks, tail = lines[:end], lines[start:end], lines[end:]
    size = sum(len(line) + 1 for line in head + tail)
    number = 3
    while size < CHARS:
        number += 1
        for index, line in enumerate(tasks):
            if index and size >= CHARS and line.startswith(tuple(f"{n}、" for n in PART_NUMBERS)):
                break
            if not index:
                line = line.replace("第三部分", f"第{PART_NUMBERS[number - 1]}部分")
            head.append(line)
            size += len(line) + 1
    tail[0] = tail[0].replace("第四部分", f"第{PART_NUMBERS[number]}部分")
    text = "\n".join(head + tail) + "\n"
    target.write_text(text, encoding="utf-8")
    return len(text)


def measure_import(scratch: Scratch, repeat: int, results: Results) -> None:
    """13. Import of the text, the Word file and the PDF, each into a fresh folder, startup included."""
    folder = scratch.root / "import"
    folder.mkdir()
    chars = long_text(folder / "long.txt")
    make_scaled_plan(scratch.root / scratch.plan(BIG_PLAN), folder / "plans" / "long", 2)
    built = scratch.fresh("import-build")
    run_checked(
        plancraft("build", folder / "plans" / "long", "-o", built, "--format", "docx,pdf"),
        scratch.root,
    )
    sources = {
        f"13a import, text extraction, {chars} chars": folder / "long.txt",
        "13b import, Word file of a ~60,000-char plan": scratch.root / built / "long.docx",
        "13c import, PDF of a ~60,000-char plan": scratch.root / built / "long.pdf",
    }
    stats = interleaved(
        repeat,
        scratch.root,
        {
            label: (
                lambda source=source: plancraft("import", source, "-o", scratch.fresh("imp") / "p")
            )
            for label, source in sources.items()
        },
    )
    results.rows += list(stats.values())
    found = list(stats.values())
    results.values["import_text"] = found[0].median
    results.values["import_docx"] = found[1].median
    results.values["import_pdf"] = found[2].median
