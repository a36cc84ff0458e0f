"""14. Both PDF engines on every plan: WeasyPrint (the default) against `--pdf-engine typst`."""

from __future__ import annotations

from pathlib import Path

from common import BIG_PLAN, PLANS, Results, Scratch, Stats, interleaved, page_count, plancraft

ENGINES = ("weasyprint", "typst")


def measure_engines(scratch: Scratch, repeat: int, results: Results) -> None:
    """14. Cold PDF build of each plan with each engine, interleaved, and the speedup of Typst."""
    for slug in sorted(path.name for path in PLANS.iterdir() if (path / "plan.yaml").is_file()):
        weasy, typst = measure_plan(scratch, repeat, slug)
        results.rows += [weasy, typst]
        if slug == BIG_PLAN:
            results.values["typst_speedup"] = weasy.median / typst.median


def measure_plan(scratch: Scratch, repeat: int, slug: str) -> tuple[Stats, Stats]:
    """One plan's cold PDF build with each engine, one of each per round; the notes give pages."""
    outputs: dict[str, list[Path]] = {engine: [] for engine in ENGINES}

    def build(engine: str) -> list[str]:
        outputs[engine].append(scratch.fresh())
        return plancraft(
            "build",
            scratch.plan(slug),
            "-o",
            outputs[engine][-1],
            "--format",
            "pdf",
            "--pdf-engine",
            engine,
            "--jobs",
            "1",
            "--force",
        )

    commands = {
        f"14 PDF build, {slug}, {engine}": (lambda engine=engine: build(engine))
        for engine in ENGINES
    }
    weasy, typst = interleaved(repeat, scratch.root, commands).values()
    pages = {
        engine: page_count(scratch.root / outputs[engine][-1] / f"{slug}.pdf") for engine in ENGINES
    }
    weasy.note = f"{pages['weasyprint']} pages; CPU {weasy.cpu_median:.2f} s"
    typst.note = (
        f"{pages['typst']} pages; CPU {typst.cpu_median:.2f} s; {weasy.median / typst.median:.1f}x"
        f" faster (CPU {weasy.cpu_median / typst.cpu_median:.1f}x)"
    )
    return weasy, typst
