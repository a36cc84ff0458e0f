"""What the preview's tests share: a served copy of the minimal plan and its parent, waits with a bound."""

from __future__ import annotations

import http.client
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from plancraft.preview import Preview, PreviewServer, start
from tests.conftest import FIXTURE_PLANS, edit

WAIT = 20.0
"""The longest any test waits for the preview to catch up (a bound, not an expected time)."""


@dataclass
class Served:
    """A running preview of plans/minimal, whose parent is plans/city, in a temporary folder."""

    server: PreviewServer
    plan: Path
    parent: Path

    @property
    def preview(self) -> Preview:
        return self.server.preview

    def get(
        self, path: str, host: str | None = None, method: str = "GET"
    ) -> tuple[int, dict[str, str], bytes]:
        """GET `path` exactly as written (not normalised), with the Host header given."""
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=WAIT)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"127.0.0.1:{self.server.port}" if host is None else host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def page(self) -> str:
        status, _, body = self.get("/minimal/")
        assert status == 200
        return body.decode()

    def until(self, condition: Callable[[], bool], what: str) -> None:
        """Wait, woken by each change of the preview's state, until `condition` holds."""
        deadline = time.monotonic() + WAIT
        while True:
            generation = self.preview.generation
            if condition():
                return
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            self.preview.wait(generation, left)

    def state(self):
        return self.preview.plans["minimal"]


@contextmanager
def serve_plans(
    roots: list[Path], cache: Path, preview: Preview | None = None
) -> Iterator[PreviewServer]:
    if preview is None:
        server = start(roots, "127.0.0.1", 0, cache=cache)
    else:
        server = PreviewServer(preview, "127.0.0.1", 0, cache)
        preview.load_all()
        preview.start()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=WAIT)


def make_plans(tmp_path: Path) -> tuple[Path, Path]:
    """plans/city (a copy of the minimal plan) and plans/minimal naming it as its parent."""
    plans = tmp_path / "plans"
    parent = plans / "city"
    plan = plans / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", parent)
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    edit(plan / "plan.yaml", "numbering: parts", "parent: city\nnumbering: parts")
    return plan, parent


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    plan, parent = make_plans(tmp_path)
    with serve_plans([plan, parent], tmp_path / "cache") as server:
        yield Served(server, plan, parent)


@pytest.fixture(scope="module")
def unchanged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One preview shared by the tests that only read from it."""
    tmp_path = tmp_path_factory.mktemp("serve")
    plan, parent = make_plans(tmp_path)
    with serve_plans([plan, parent], tmp_path / "cache") as server:
        yield Served(server, plan, parent)
