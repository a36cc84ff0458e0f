"""The preview's HTTP server (standard library): plan pages, PDFs on demand, reload events."""

from __future__ import annotations

import ipaddress
import json
import multiprocessing
import os
import signal
import socket
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import i18n
from ..i18n import _
from ..output.build import BuildResult, build_plan
from .answers import Reply, log_line, parse_head
from .connections import RequestDeadlines, client_left
from .page import ASSET_PREFIX, index
from .waiting import WaitingRoom
from .watch import PlanState, Preview

ASSETS = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
HEARTBEAT = 15.0
"""Seconds between keep-alive comments on an idle event stream (finds tabs that went away)."""
REQUEST_QUEUE = 1024
"""Connections the kernel holds until they are accepted (the standard library's 5 drops bursts)."""
READ_TIMEOUT = 5.0
"""Seconds a connection may stay silent while its request is read; then it is closed."""
HEADER_TIMEOUT = 10.0
"""Seconds the request line and headers may take in all, however slowly they trickle in."""
SEND_TIMEOUT = 30.0
"""Seconds one write of an answer may take (a client that stopped reading is dropped)."""
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
WILDCARDS = {"", "0.0.0.0", "::"}
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """Whether a request's Host header names this server: the defence against DNS rebinding."""
    if not header:
        return False
    try:
        parsed = urlsplit("//" + header)
        name, given_port = (parsed.hostname or "").rstrip("."), parsed.port or 80
    except ValueError:
        return False
    if given_port != port or not name:
        return False
    bound = bound.strip("[]").lower()
    if name == bound:
        return True
    if name in LOOPBACK_NAMES and (is_loopback(bound) or bound in WILDCARDS):
        return True
    if bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


def route(target: str) -> tuple[str, str]:
    """(kind, name) for a request target: kind 'refused' for a path that tries to leave."""
    path = urlsplit(target).path
    try:
        path = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return "refused", ""
    parts = path.split("/")
    if (
        not path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or any(p in (".", "..") for p in parts)
    ):
        return "refused", ""
    if path == "/":
        return "index", ""
    if path == "/favicon.ico":
        return "favicon", ""
    if path == "/_plancraft/events":
        return "events", ""
    if path.startswith("/_plancraft/events/") and len(parts) == 4:
        return "events", parts[3]
    if path.startswith(ASSET_PREFIX) and len(parts) == 3 and parts[2] in ASSETS:
        return "asset", parts[2]
    if len(parts) == 3 and parts[2] == "":
        return "plan", parts[1]
    if len(parts) == 3 and parts[2] == "monitoring":
        return "monitoring", parts[1]
    if len(parts) == 2 and parts[1].endswith(".pdf"):
        return "pdf", parts[1][: -len(".pdf")]
    if len(parts) == 2 and parts[1]:
        return "folder", parts[1]
    return "missing", ""


def default_cache() -> Path:
    """Where the preview keeps the PDFs it built: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plancraft" / "preview"


class PdfBuilder:
    """Builds PDFs one at a time in a worker process, through the build cache."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[Path, Future] = {}
        self._lock = threading.Lock()

    def build(self, root: Path) -> BuildResult:
        """Build (or find up to date) the PDF of the plan at `root`; waits for it."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_leave_ctrl_c,
                    initargs=(i18n.language(),),
                )
            future = self._running.get(root)
            if future is None or future.done():
                future = self._pool.submit(build_plan, root, self.cache, ("pdf",))
                self._running[root] = future
        try:
            return future.result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one next time
            with self._lock:
                self._pool = None
            raise

    def close(self) -> None:
        """Stop the worker, dropping builds nobody waits for any more; a build under way finishes.

        Waiting matters: after `shutdown(wait=False)` Python 3.11's exit handler for process pools
        can write to the wake-up pipe the pool's own thread has closed, printing an OSError (EBADF)
        traceback as the command stops.
        """
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _leave_ctrl_c(language: str = "en") -> None:
    """In the PDF worker: Ctrl-C is for the server, which stops the worker itself; speak the server's language."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    i18n.set_language(language)


class PreviewServer(ThreadingHTTPServer):
    """Serves the previewed plans, each request in its own thread once it starts to arrive."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = REQUEST_QUEUE

    def __init__(
        self,
        preview: Preview,
        host: str = "127.0.0.1",
        port: int = 8000,
        cache: Path | None = None,
        log: bool = False,
    ) -> None:
        if ":" in host.strip("[]"):
            self.address_family = socket.AF_INET6
        self.preview, self.host, self.log = preview, host.strip("[]"), log
        self.pdfs = PdfBuilder(cache or default_cache())
        self.deadlines = RequestDeadlines()
        super().__init__((self.host, port), _Handler)
        self.waiting = WaitingRoom(
            self._in_thread,
            self.shutdown_request,
            lambda: READ_TIMEOUT,
            answer=self.quick_answer,
            send_patience=lambda: SEND_TIMEOUT,
        )

    @property
    def port(self) -> int:
        """The port actually bound (port 0 asks for any free one)."""
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        shown = "127.0.0.1" if self.host in WILDCARDS else self.host
        return f"http://{'[' + shown + ']' if ':' in shown else shown}:{self.port}/"

    def server_activate(self) -> None:
        """Listen, without blocking on accept: a wake-up lets in every connection waiting."""
        super().server_activate()
        self.socket.setblocking(False)

    def _handle_request_noblock(self) -> None:
        """Accept every waiting connection, not one per wake-up, so a burst is let in at once."""
        for _accepted in range(REQUEST_QUEUE):
            try:
                request, client_address = self.get_request()
            except OSError:  # none left (or the client already gave up)
                return
            try:
                self.process_request(request, client_address)
            except Exception:  # noqa: BLE001 - as socketserver: report, close, go on
                self.handle_error(request, client_address)
                self.shutdown_request(request)

    def process_request(self, request, client_address) -> None:
        """Let the connection wait, threadless, until its request starts to arrive."""
        self.waiting.enter(request, client_address)

    def in_memory(self, target: str, host: str | None) -> Reply | None:
        """The answer to a GET of `target` when it needs no waiting (a page, the index, an error);
        None for event streams, PDFs and monitoring pages."""
        if not host_allowed(host, self.host, self.port):
            return Reply(
                421,
                (
                    _("unknown host: this preview answers only to the address it was started on")
                    + "\n"
                ).encode(),
            )
        kind, name = route(target)
        plans = self.preview.plans
        if kind == "refused":
            return Reply(400, (_("bad path") + "\n").encode())
        if kind == "index":
            return Reply(200, index(plans.values()), "text/html; charset=utf-8")
        if kind == "favicon":
            return Reply(204, b"")
        if kind == "asset":
            data = (resources.files(__package__) / "assets" / name).read_bytes()
            return Reply(200, data, ASSETS[name])
        if kind == "plan" and name in plans:
            return Reply(200, plans[name].page, "text/html; charset=utf-8")
        if kind == "folder" and name in plans:
            return Reply(301, b"", headers={"Location": f"/{name}/"})
        if kind in ("events", "monitoring", "pdf") and (
            name in plans or kind == "events" and not name
        ):
            return None
        return Reply(404, (_("not found") + "\n").encode())

    def quick_answer(self, head: bytes, client_address) -> tuple[bytes, ...] | None:
        """The whole answer to a request head, when it is in memory (sent without a thread)."""
        request = parse_head(head)
        if request is None:
            return None
        reply = self.in_memory(request.target, request.headers.get("host"))
        if reply is None:
            return None
        if self.log:
            log_line(client_address[0], request, reply.status)
        return reply.encode(SECURITY_HEADERS, body=request.method == "GET")

    def _in_thread(self, request, client_address) -> None:
        """A thread of its own for a connection that has spoken."""
        super().process_request(request, client_address)

    def service_actions(self) -> None:
        """Between accepts (and at least twice a second): close connections whose request is overdue."""
        self.deadlines.sweep()

    def handle_error(self, request, client_address) -> None:
        """A client that left or stalled is no error of the server's: only other errors get a traceback."""
        if not client_left(sys.exc_info()[1]):
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        """Stop listening, the watcher and the PDF worker."""
        super().server_close()
        self.waiting.close()
        self.preview.stop()
        self.pdfs.close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "plancraft-preview"
    sys_version = ""
    default_request_version = "HTTP/1.0"
    """Never HTTP/0.9: a bad request line is answered with a status line and headers like any other."""

    def handle_one_request(self) -> None:
        self.connection.settimeout(READ_TIMEOUT)
        self.server.deadlines.start(self.connection, HEADER_TIMEOUT)
        try:
            super().handle_one_request()
        finally:
            self.server.deadlines.end(self.connection)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self.server.deadlines.end(self.connection)
        self.connection.settimeout(SEND_TIMEOUT)
        return parsed

    def send_response(self, code: int, message: str | None = None) -> None:
        """The status line, then the headers every answer carries, errors of http.server's own included."""
        super().send_response(code, message)
        for key, value in SECURITY_HEADERS.items():
            self.send_header(key, value)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        if self.server.log:
            super().log_message(format, *args)

    def _answer(self, body: bool) -> None:
        reply = self.server.in_memory(self.path, self.headers.get("Host"))
        if reply is not None:
            return self._send(reply.status, reply.data, reply.content_type, body, reply.headers)
        kind, name = route(self.path)
        state = self.server.preview.plans.get(name)
        if kind == "events":
            return self._events(name) if body else self._send(200, b"", "text/event-stream", body)
        if kind == "monitoring" and state is not None:
            from .monitoring import monitoring_page

            return self._send(200, monitoring_page(state), "text/html; charset=utf-8", body)
        if kind == "pdf" and state is not None:
            return self._pdf(state, body)
        return self._send(404, (_("not found") + "\n").encode(), body=body)

    def _send(
        self,
        status: int,
        data: bytes | None,
        content_type: str = "text/plain; charset=utf-8",
        body: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer `data`; None only for HEAD when the length is not known without making it."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if data is not None:
            self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body and data:
            self.wfile.write(data)

    def _pdf(self, state: PlanState, body: bool) -> None:
        if not body:  # HEAD never builds: what a GET would answer as far as the plan's state tells
            if state.errors:
                return self._send(422, None, body=False)
            return self._send(200, None, "application/pdf", body=False)
        if self.server.preview.engine(state.slug) == "typst":
            return self._typst_pdf(state)
        try:
            result = self.server.pdfs.build(state.root)
        except RuntimeError as exc:  # the worker died, or the server is stopping
            message = f"the PDF worker stopped ({exc}); ask again\n"
            return self._send(503, message.encode(), body=body)
        target = self.server.pdfs.cache / f"{state.slug}.pdf"
        if result.ok and target.is_file():
            return self._send(200, target.read_bytes(), "application/pdf", body)
        lines = "\n".join(str(d) for d in result.diagnostics.errors) or "the PDF could not be built"
        self._send(422, f"{state.slug}.pdf was not built:\n{lines}\n".encode(), body=body)

    def _typst_pdf(self, state: PlanState) -> None:
        """The PDF from the plan's kept Typst compiler: of its last good rendering, as the page is."""
        printed = self.server.preview.typst_pdf(state.slug)
        if printed is not None and printed.pdf and not state.errors:
            return self._send(200, printed.pdf, "application/pdf")
        lines = "\n".join(str(d) for d in state.errors)
        lines = lines or (printed.error if printed else "") or "the PDF could not be built"
        self._send(422, f"{state.slug}.pdf was not built:\n{lines}\n".encode())

    def _events(self, slug: str) -> None:
        preview = self.server.preview
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"retry: 500\n\n")
        last = None
        while (
            not preview.stopped
        ):  # a tab that went away fails the next write, at the latest a ping
            generation = preview.generation
            payload = _payload(preview, slug)
            if payload != last:
                self.wfile.write(f"event: state\ndata: {payload}\n\n".encode())
                last = payload
            else:
                self.wfile.write(b": ping\n\n")
            self.wfile.flush()
            preview.wait(generation, HEARTBEAT)


def _payload(preview: Preview, slug: str) -> str:
    with preview.changed:
        if slug:
            data: object = preview.plans[slug].summary()
        else:
            data = {state.slug: [state.good, state.status] for state in preview.plans.values()}
    return json.dumps(data, ensure_ascii=False)
