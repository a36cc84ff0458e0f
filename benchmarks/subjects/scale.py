"""9. Scaling: the largest plan with its tasks part repeated 1, 2, 4 and 8 times."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import (
    BIG_PLAN,
    BenchmarkError,
    Results,
    Scratch,
    interleaved,
    page_count,
    plancraft,
    run_once,
)

SCALES = (1, 2, 4, 8)


ID_DEF_RE = re.compile(r"\{#([a-z][a-z0-9-]*)")


def rename_ids(markdown: str, suffix: str) -> str:
    """Give every id defined in `markdown` (and references to it) a suffix, so a copy can sit beside the original."""
    defined = set(ID_DEF_RE.findall(markdown))
    renamed = ID_DEF_RE.sub(lambda m: "{#" + m.group(1) + suffix, markdown)
    return re.sub(
        r"\[@([a-z][a-z0-9-]*)\]",
        lambda m: f"[@{m.group(1)}{suffix}]" if m.group(1) in defined else m.group(0),
        renamed,
    )


def outline_entry(plan_yaml: str, ident: str) -> str:
    """The text of the top-level outline entry with this id, up to the next entry or the end of the outline."""
    match = re.search(
        rf"^([ ]*)- id: {re.escape(ident)}\n(?:\1[ ]{{2}}.*\n)*", plan_yaml, re.MULTILINE
    )
    if not match:
        raise BenchmarkError(
            f"no outline entry '{ident}' in plan.yaml; the scaling benchmark needs one"
        )
    return match.group(0)


def make_scaled_plan(source: Path, target: Path, factor: int) -> None:
    """Copy a plan, repeating its tasks part (text and outline entry, with fresh ids) `factor` times."""
    shutil.copytree(source, target)
    plan_yaml = (target / "plan.yaml").read_text(encoding="utf-8")
    entry = outline_entry(plan_yaml, "tasks")
    text_file = re.search(r"^\s*file:\s*(\S+)", entry, re.MULTILINE).group(1)
    markdown = (target / text_file).read_text(encoding="utf-8")
    copies = []
    for number in range(2, factor + 1):
        suffix = f"-copy{number}"
        copy_file = text_file.replace(".md", f"{suffix}.md")
        (target / copy_file).write_text(rename_ids(markdown, suffix), encoding="utf-8")
        copy = entry.replace("id: tasks\n", f"id: tasks{suffix}\n").replace(
            f"file: {text_file}", f"file: {copy_file}"
        )
        copies.append(
            re.sub(r"^(\s*title: .*)$", rf"\1（续{number}）", copy, count=1, flags=re.MULTILINE)
        )
    (target / "plan.yaml").write_text(
        plan_yaml.replace(entry, entry + "".join(copies)), encoding="utf-8"
    )


def markdown_chars(plan_dir: Path) -> int:
    """How many characters of Markdown a plan has."""
    return sum(len(path.read_text(encoding="utf-8")) for path in plan_dir.glob("text/*.md"))


def scaled_build(folder: Path, slug: str, outputs: list[Path]) -> Callable[[], list[str]]:
    """A maker of cold PDF build commands for one scaled plan, remembering each output folder."""

    def command() -> list[str]:
        outputs.append(Path(tempfile.mkdtemp(prefix="out-", dir=folder)))
        return plancraft(
            "build",
            Path("plans") / slug,
            "-o",
            outputs[-1],
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--force",
        )

    return command


def measure_scaling(scratch: Scratch, repeat: int, results: Results) -> None:
    """9. Cold PDF builds of the largest plan with its tasks repeated 1, 2, 4 and 8 times."""
    folder = scratch.root / "scaled"
    slugs = {factor: f"{BIG_PLAN}-x{factor}" for factor in SCALES}
    for factor, slug in slugs.items():
        make_scaled_plan(scratch.root / scratch.plan(BIG_PLAN), folder / "plans" / slug, factor)
    check = run_once(
        plancraft("validate", *(Path("plans") / slug for slug in slugs.values())), folder
    )
    if check.returncode != 0:
        raise BenchmarkError(
            f"the synthetic plans do not validate (exit {check.returncode}):\n{check.output}"
        )
    outputs: dict[int, list[Path]] = {factor: [] for factor in SCALES}
    commands = {
        f"9 PDF build, {factor}x tasks": scaled_build(folder, slug, outputs[factor])
        for factor, slug in slugs.items()
    }
    for factor, stats in zip(SCALES, interleaved(repeat, folder, commands).values()):
        pages = page_count(outputs[factor][-1] / f"{slugs[factor]}.pdf")
        results.scaling.append(
            (factor, markdown_chars(folder / "plans" / slugs[factor]), pages, stats)
        )
    base, top = results.scaling[0][3].median, results.scaling[-1][3].median
    results.values["scale_8x"] = top / base
