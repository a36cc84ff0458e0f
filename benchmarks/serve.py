"""Live-preview latency: save a Markdown file of a plan under `plancraft serve`, time what follows.

10a save → updated HTML served: from the end of the file write to the moment a GET returns the new
    text (the client waits on the preview's event stream, then fetches the page).
10b save → browser repainted: from the end of the file write to the first animation frame, after the
    page took the new rendering in, whose DOM holds the new text (headless chromium, playwright).
10c save → updated PDF served, under `serve --pdf-engine typst`: from the end of the file write to a
    GET of the PDF that returns after the page took the new rendering in (the PDF's text is checked
    for the new text afterwards, outside the clock).
10d a GET of the plan page while 200 event streams are open;
10e the same GET sent right after a burst of 500 `GET /` (made by another process, burst.py) is sent;
10f the same GET after the streams and both bursts (1,200 connections) were reset at once;
10g the same GET sent right after a burst of 500 GETs of the plan page itself (~150 KB each).
Each GET is timed from connect to the last byte of the answer. The server's CPU time for each burst
(from /proc, the answers and the GET) is given too: unlike the GET's wall time, it does not grow with
what else runs on the machine.

Run alone as `.venv/bin/python benchmarks/serve.py [--repeat N] [PLANS_DIR]`; run.py runs it too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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


BURST = 500
STREAMS = 200


class Burst:
    """burst.py in a subprocess: COUNT connections to the preview, held until `close`."""

    def __init__(self, port: int, count: int, path: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).parent / "burst.py"), str(port), str(count), path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def said(self, word: str) -> list[str]:
        """Wait for the line starting with `word`; its other words."""
        assert self.process.stdout is not None
        while line := self.process.stdout.readline():
            if line.startswith(word):
                return line.split()[1:]
        raise RuntimeError(f"burst.py stopped before saying {word!r}")

    def close(self) -> None:
        """Reset every connection; returns once they are."""
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        self.said("closed")
        self.process.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_get(preview: Preview) -> float:
    """Seconds for one GET of the plan page, connect to last byte."""
    start = time.perf_counter()
    if preview.slug.encode() not in preview.get(f"/{preview.slug}/"):
        raise RuntimeError("the plan page did not come back")
    return time.perf_counter() - start


def measure_under_load(preview: Preview, rounds: int) -> dict[str, list[float]]:
    """10d to 10g: a GET of the plan page with streams open, during two bursts, after the hang-up;
    and how long each burst took to be answered in full (seen by burst.py)."""
    keys = (
        "streams",
        "burst",
        "pages",
        "after",
        "burst_all",
        "pages_all",
        "burst_cpu",
        "pages_cpu",
    )
    times: dict[str, list[float]] = {key: [] for key in keys}
    for _ in range(rounds):
        streams = Burst(preview.port, STREAMS, f"/_plancraft/events/{preview.slug}")
        if int(streams.said("answered")[0]) != STREAMS:
            raise RuntimeError("not every event stream got its first event")
        times["streams"].append(timed_get(preview))
        held = [streams]
        for key, path in (("burst", "/"), ("pages", f"/{preview.slug}/")):
            cpu = cpu_seconds(preview.process.pid)
            burst = Burst(preview.port, BURST, path)
            burst.said("sent")
            times[key].append(timed_get(preview))
            answered, seconds = burst.said("answered")
            times[f"{key}_cpu"].append(cpu_seconds(preview.process.pid) - cpu)
            if int(answered) != BURST:
                raise RuntimeError(f"only {answered} of {BURST} GETs of {path} were answered")
            times[f"{key}_all"].append(float(seconds))
            held.append(burst)
        for connections in held:
            connections.close()
        times["after"].append(timed_get(preview))
        time.sleep(SETTLE)
    return times


def last_markdown(plan_dir: Path) -> Path:
    """The plan's last Markdown file, where the new text is appended."""
    return sorted((plan_dir / "text").glob("*.md"))[-1]


def measure(
    plans: Path, repeat: int, slug: str = PLAN
) -> tuple[list[float], list[float] | None, dict[str, list[float]]]:
    """Both latencies on a copy of `plans` (the repaint is None when chromium is not installed), then
    the GETs under load."""
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
            loaded = measure_under_load(preview, max(repeat // 3, 5))
        finally:
            preview.stop()
    return served, painted, loaded


def main(argv: list[str] | None = None) -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="?", type=Path, default=PROJECT / "plans")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    served, painted, loaded = measure(args.plans, args.repeat)
    pdf = measure_typst_pdf(args.plans, args.repeat)
    for label, times in (
        ("10a save → HTML served", served),
        ("10b save → browser repainted", painted),
        ("10c save → Typst PDF served", pdf),
        (f"10d GET with {STREAMS} event streams open", loaded["streams"]),
        (f"10e GET during a burst of {BURST} GET /", loaded["burst"]),
        ("10f GET after they all hung up", loaded["after"]),
        (f"10g GET during a burst of {BURST} page loads", loaded["pages"]),
        (f"burst of {BURST} GET / answered in", loaded["burst_all"]),
        (f"burst of {BURST} page loads answered in", loaded["pages_all"]),
        (f"server CPU for a burst of {BURST} GET /", loaded["burst_cpu"]),
        (f"server CPU for a burst of {BURST} page loads", loaded["pages_cpu"]),
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
