"""Live-preview latency: save a Markdown file of a plan under `plancraft serve`, time what follows.

10a save → updated HTML served: from the end of the file write to the moment a GET returns the new
    text (the client waits on the preview's event stream, then fetches the page).
10b save → browser repainted: from the end of the file write to the first animation frame, after the
    page took the new rendering in, whose DOM holds the new text (headless chromium, playwright).
10c save → updated PDF served, under `serve --pdf-engine typst`: from the end of the file write to a
    GET of the PDF that returns after the page took the new rendering in (the PDF's text is checked
    for the new text afterwards, outside the clock).

Run alone as `.venv/bin/python benchmarks/serve.py [--repeat N] [PLANS_DIR]`; run.py runs it too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PLAN = "beijing"
SETTLE = 0.35
"""Seconds left between saves so that each is a save of its own, not part of a burst."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class Preview:
    """`plancraft serve` of one plan in a subprocess."""

    def __init__(self, plans: Path, slug: str, *options: str) -> None:
        command = [
            str(Path(sys.executable).parent / "plancraft"),
            "serve",
            str(plans / slug),
            "--port",
            "0",
            *options,
        ]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"plancraft serve did not start: {line!r}")
        self.url = line.split(" at ", 1)[1].split()[0]
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))
        self.slug = slug

    def get(self, path: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        body = connection.getresponse().read()
        connection.close()
        return body

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _markers(repeat: int, tag: str) -> list[str]:
    return [f"预览测量{tag}{n:03d}号" for n in range(repeat)]


def _write(source: Path, original: str, marker: str) -> float:
    """Save the file with `marker` at its end; the time when the write finished."""
    source.write_text(original + f"\n\n{marker}。\n", encoding="utf-8")
    return time.perf_counter()


def measure_served(preview: Preview, source: Path, repeat: int, pdf: bool = False) -> list[float]:
    """10a: seconds from save to the new text served, one per save; 10c (`pdf`): to the PDF of the
    new rendering served."""
    original = source.read_text(encoding="utf-8")
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.request("GET", f"/_plancraft/events/{preview.slug}")
    stream = connection.getresponse()

    def next_state() -> dict:
        while True:
            line = stream.fp.readline().decode()
            if not line:
                raise RuntimeError("the event stream ended")
            if line.startswith("data:"):
                return json.loads(line[len("data:") :])

    good = next_state()["good"]
    times = []
    try:
        for marker in _markers(repeat, "丙" if pdf else "甲"):
            saved = _write(source, original, marker)
            while True:
                state = next_state()
                if state["good"] != good:
                    good = state["good"]
                    if marker.encode() in preview.get(f"/{preview.slug}/"):
                        break
            printed = preview.get(f"/{preview.slug}.pdf") if pdf else b""
            times.append(time.perf_counter() - saved)
            if pdf and marker not in pdf_text(printed):
                raise RuntimeError(f"the served PDF does not hold {marker}")
            time.sleep(SETTLE)
    finally:
        connection.close()
        source.write_text(original, encoding="utf-8")
    return times


def measure_repainted(preview: Preview, source: Path, repeat: int) -> list[float]:
    """10b: seconds from save to the first frame that shows the new text, one per save."""
    from playwright.sync_api import sync_playwright

    original = source.read_text(encoding="utf-8")
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900}, bypass_csp=True)
        page.goto(f"{preview.url}{preview.slug}/")
        page.locator("#plancraft-badge", has_text="live").wait_for()
        time.sleep(SETTLE)
        try:
            for marker in _markers(repeat, "乙"):
                saved = _write(source, original, marker)
                page.wait_for_function(
                    f"document.body.innerText.includes({json.dumps(marker)})",
                    polling="raf",
                    timeout=30_000,
                )
                times.append(time.perf_counter() - saved)
                page.locator("#plancraft-badge", has_text="live").wait_for()
                time.sleep(SETTLE)
        finally:
            browser.close()
            source.write_text(original, encoding="utf-8")
    return times


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, without whitespace (pdftotext)."""
    command = ["pdftotext", "-", "-"]
    text = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()
    return "".join(text.split())


def measure_typst_pdf(plans: Path, repeat: int, slug: str = PLAN) -> list[float]:
    """10c on a copy of `plans`: save → updated PDF served by `serve --pdf-engine typst`."""
    with tempfile.TemporaryDirectory(prefix="plancraft-serve-bench-") as folder:
        copy = Path(folder) / "plans"
        shutil.copytree(plans, copy)
        preview = Preview(copy, slug, "--pdf-engine", "typst")
        try:
            preview.get(f"/{slug}.pdf")
            return measure_served(preview, last_markdown(copy / slug), repeat, pdf=True)
        finally:
            preview.stop()


def last_markdown(plan_dir: Path) -> Path:
    """The plan's last Markdown file, where the new text is appended."""
    return sorted((plan_dir / "text").glob("*.md"))[-1]


def measure(plans: Path, repeat: int, slug: str = PLAN) -> tuple[list[float], list[float] | None]:
    """Both latencies on a copy of `plans`; the repaint is None when chromium is not installed."""
    with tempfile.TemporaryDirectory(prefix="plancraft-serve-bench-") as folder:
        copy = Path(folder) / "plans"
        shutil.copytree(plans, copy)
        source = last_markdown(copy / slug)
        preview = Preview(copy, slug)
        try:
            served = measure_served(preview, source, repeat)
            painted = (
                measure_repainted(preview, source, repeat) if Path(CHROMIUM).exists() else None
            )
        finally:
            preview.stop()
    return served, painted


def main(argv: list[str] | None = None) -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="?", type=Path, default=PROJECT / "plans")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    served, painted = measure(args.plans, args.repeat)
    pdf = measure_typst_pdf(args.plans, args.repeat)
    for label, times in (
        ("10a save → HTML served", served),
        ("10b save → browser repainted", painted),
        ("10c save → Typst PDF served", pdf),
    ):
        if times is None:
            print(f"{label}: not measured (no chromium)")
            continue
        print(
            f"{label}, {PLAN}: median {statistics.median(times) * 1000:.0f} ms, "
            f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, n={len(times)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
