"""11 and 12. Word: the export of the largest plan and the review of a returned copy."""

from __future__ import annotations

from pathlib import Path

from common import BIG_PLAN, Results, Scratch, plancraft, repeat_runs

RETURNED_EDIT = (
    b'<w:ins w:id="9001" w:author="bench" w:date="2024-01-01T00:00:00Z">'
    b"<w:r><w:t>\xe8\xaf\x95</w:t></w:r></w:ins></w:p>"
)


def returned_docx(export: Path, target: Path) -> None:
    """The export as a reviewer might return it: one tracked insertion added to the first paragraph."""
    import zipfile

    with (
        zipfile.ZipFile(export) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:p>", RETURNED_EDIT, 1)
            out.writestr(info, data)


def measure_docx(scratch: Scratch, repeat: int, results: Results) -> None:
    """11 and 12. Word export of the largest plan, cold; review of a returned copy of it."""
    exports: list[Path] = []

    def export() -> list[str]:
        exports.append(scratch.fresh())
        return plancraft(
            "build",
            scratch.plan(BIG_PLAN),
            "-o",
            exports[-1],
            "--format",
            "docx",
            "--jobs",
            "1",
            "--force",
        )

    built = repeat_runs(f"11 .docx export, {BIG_PLAN}, cold", repeat, export, scratch.root)
    returned = scratch.root / scratch.fresh("review") / f"{BIG_PLAN}-returned.docx"
    returned_docx(scratch.root / exports[-1] / f"{BIG_PLAN}.docx", returned)
    reviewed = repeat_runs(
        f"12 review of a returned {BIG_PLAN} .docx",
        repeat,
        lambda: plancraft("review", returned, scratch.plan(BIG_PLAN)),
        scratch.root,
    )
    reviewed.note = "1 finding" if "1 finding" in reviewed.runs[-1].output else "FINDINGS DIFFER"
    results.rows += [built, reviewed]
    results.values.update(docx=built.median, review_docx=reviewed.median)
