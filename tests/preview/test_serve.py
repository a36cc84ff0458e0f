"""plancraft serve over real HTTP and a real file watcher: reload on save, errors, security."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from plancraft.preview import Preview
from plancraft.preview.server import host_allowed, route
from tests.conftest import edit
from tests.preview.conftest import WAIT, Served, make_plans, serve_plans


def test_index_lists_the_plans_with_their_status(unchanged: Served) -> None:
    status, headers, body = unchanged.get("/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    text = body.decode()
    assert 'href="/minimal/"' in text and 'href="/city/"' in text and 'href="/minimal.pdf"' in text
    assert "示例区“十四五”时期民政事业发展规划" in text
    assert '<td class="status ok">ok</td>' in text


def test_a_plan_page_is_the_rendered_html_with_the_reload_script(unchanged: Served) -> None:
    page = unchanged.page()
    assert "建成养老床位10.8万张" in page
    assert '<script src="/_plancraft/preview.js" data-slug="minimal"' in page
    assert page.index("preview.js") < page.rindex("</body>")
    assert unchanged.get("/minimal")[0] == 301
    for asset, kind in (("preview.js", "text/javascript"), ("preview.css", "text/css")):
        status, headers, _ = unchanged.get(f"/_plancraft/{asset}")
        assert status == 200 and headers["Content-Type"].startswith(kind)


def test_saving_markdown_serves_the_new_text(served: Served) -> None:
    edit(served.plan / "text" / "background.md", "建成养老床位10.8万张", "建成养老床位12.5万张")
    served.until(lambda: "建成养老床位12.5万张" in served.page(), "the edited text")


def test_errors_keep_the_last_good_page_and_are_reported_with_their_place(served: Served) -> None:
    good = served.state().good
    plan_yaml = served.plan / "plan.yaml"
    text = plan_yaml.read_text(encoding="utf-8")
    plan_yaml.write_text(text.replace("numbering: parts", "numbering: [parts"), encoding="utf-8")
    served.until(lambda: bool(served.state().errors), "the YAML error")
    state = served.state()
    assert state.good == good and "建成养老床位10.8万张" in served.page()
    problem = state.summary()["errors"][0]
    assert (
        problem["location"].startswith(str(plan_yaml.name)) or "plan.yaml:" in problem["location"]
    )
    assert problem["location"].count(":") >= 2 and problem["message"]
    status, _, body = served.get("/")
    assert "1 error(s)" in body.decode() or "error(s)" in body.decode()
    plan_yaml.write_text(text.replace("示例区民政局", "示例区民政局办公室"), encoding="utf-8")
    served.until(lambda: not served.state().errors and served.state().good > good, "the fixed plan")
    assert "示例区民政局办公室" in served.page()


def test_the_event_stream_reports_the_state(unchanged: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", unchanged.server.port, timeout=WAIT)
    connection.request("GET", "/_plancraft/events/minimal")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith(
        "text/event-stream"
    )
    lines = []
    while not lines or not lines[-1].startswith("data:"):
        lines.append(response.fp.readline().decode().strip())
    connection.close()
    state = json.loads(lines[-1][len("data:") :])
    assert (
        state["slug"] == "minimal"
        and state["errors"] == []
        and state["good"] == unchanged.state().good
    )


def test_an_edited_parent_plan_is_seen(served: Served) -> None:
    assert not served.state().warnings
    edit(served.parent / "indicators.yaml", 'target: "≥7"', 'target: "≥9"')
    served.until(
        lambda: any(d.code == "weaker-than-parent" for d in served.state().warnings),
        "the parent's stricter target",
    )


def test_a_file_deleted_and_recreated(served: Served) -> None:
    background = served.plan / "text" / "background.md"
    text = background.read_text(encoding="utf-8")
    background.unlink()
    served.until(lambda: bool(served.state().errors), "the missing file")
    assert "建成养老床位10.8万张" in served.page()
    background.write_text(text.replace("10.8万张", "11.1万张"), encoding="utf-8")
    served.until(
        lambda: "建成养老床位11.1万张" in served.page() and not served.state().errors,
        "the recreated file",
    )


def test_a_renamed_file(served: Served) -> None:
    tasks = served.plan / "text" / "tasks.md"
    moved = tasks.with_name("tasks-draft.md")
    tasks.rename(moved)
    served.until(lambda: bool(served.state().errors), "the missing file")
    edit(served.plan / "plan.yaml", "text/tasks.md", "text/tasks-draft.md")
    served.until(lambda: not served.state().errors, "the plan naming the new file")


def test_an_editors_atomic_save(served: Served) -> None:
    background = served.plan / "text" / "background.md"
    text = background.read_text(encoding="utf-8").replace("10.8万张", "13.3万张")
    temporary = background.with_name(".background.md.swp-1234")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, background)
    served.until(lambda: "建成养老床位13.3万张" in served.page(), "the text saved through a rename")


def test_a_burst_of_saves_gives_one_or_two_rebuilds_and_the_last_state(served: Served) -> None:
    background = served.plan / "text" / "background.md"
    text = background.read_text(encoding="utf-8")
    before = served.state().version
    for n in range(20):  # 20 saves paced over about 0.8 s, as a formatter or autosave writes
        background.write_text(text.replace("10.8万张", f"{20 + n}.5万张"), encoding="utf-8")
        time.sleep(0.04)
    served.until(lambda: "建成养老床位39.5万张" in served.page(), "the last of the saves")
    assert 1 <= served.state().version - before <= 2


def test_an_edited_template_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plancraft.output import html
    from plancraft.resources import templates_folder

    templates = tmp_path / "templates"
    shutil.copytree(templates_folder(), templates)
    monkeypatch.setattr(html, "template_text", lambda name: (templates / name).read_text("utf-8"))
    plan, _ = make_plans(tmp_path)
    preview = Preview([plan])
    preview.templates = templates
    with serve_plans([plan], tmp_path / "cache", preview) as server:
        served = Served(server, plan, plan)
        edit(templates / "plan.css", "body {", "body { outline: 3px solid #123456;")
        served.until(lambda: "#123456" in served.page(), "the edited stylesheet")


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/minimal/..%2f..%2f..%2fetc%2fpasswd",
        "/minimal/../../etc/passwd",
        "/_plancraft/../../etc/passwd",
        "/_plancraft/..%2f..%2fcli.py",
        "/minimal/%2e%2e/%2e%2e/etc/passwd",
        "/..\\..\\etc\\passwd",
        "/minimal/%00",
        "/%c0%ae%c0%ae/etc/passwd",
    ],
)
def test_paths_that_leave_are_refused(unchanged: Served, path: str) -> None:
    status, _, body = unchanged.get(path)
    assert status in (400, 404) and b"root:" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/minimal/plan.yaml",
        "/minimal/text/",
        "/minimal/text/background.md",
        "/minimal/tables/",
        "/city/indicators.yaml",
        "/plans/",
        "/_plancraft/",
        "/_plancraft/watch.py",
        "/_plancraft/assets/preview.js",
        "/elsewhere/",
        "/elsewhere.pdf",
        "/_plancraft/events/elsewhere",
    ],
)
def test_only_plan_pages_and_the_package_assets_are_served(unchanged: Served, path: str) -> None:
    status, _, body = unchanged.get(path)
    assert status == 404 and b"<a href" not in body and b"title:" not in body


def test_symlinks_out_of_a_plan_are_not_followed(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nSECRET-BYTES")
    (served.plan / "leak.png").symlink_to(secret)
    (served.plan / "text" / "outside").symlink_to("/etc")
    for path in ("/minimal/leak.png", "/minimal/text/outside/passwd", "/minimal/text/outside/"):
        status, _, body = served.get(path)
        assert status == 404 and b"root:" not in body and b"SECRET" not in body
    edit(
        served.plan / "text" / "background.md",
        "建成养老床位10.8万张",
        "建成养老床位10.9万张![图](../leak.png)",
    )
    served.until(
        lambda: "10.9万张" in served.page() or bool(served.state().errors), "the image reference"
    )
    assert "U0VDUkVU" not in served.page()  # base64 of SECRET: the image was not inlined


def test_a_markdown_file_linked_out_of_the_plan_is_never_shown(
    served: Served, tmp_path: Path
) -> None:
    """Issue 28: a text/*.md symlink to the checkout's .git/config was shown by serve."""
    secret = tmp_path / "config"
    secret.write_text("[http]\ntoken = ghp_not-for-publishing\n", encoding="utf-8")
    (served.plan / "text" / "appendix.md").symlink_to(secret)
    with (served.plan / "plan.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: appendix\n    title: 附录\n    role: extra\n    file: text/appendix.md\n"
        )
    served.until(lambda: bool(served.state().errors), "the refusal")
    assert [error.code for error in served.state().errors] == ["sandbox"]
    assert "ghp_not-for-publishing" not in served.page()
    assert all("ghp_not" not in error.message for error in served.state().errors)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.1:1",
        "localhost.evil.example:{port}",
        "",
        "[::1",
        "a b:{port}",
    ],
)
def test_requests_for_other_host_names_are_refused(unchanged: Served, host: str) -> None:
    status, _, body = unchanged.get("/minimal/", host=host.format(port=unchanged.server.port))
    assert status in (400, 421) and "建成养老床位".encode() not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_requests_for_this_address_are_served(unchanged: Served, host: str) -> None:
    assert unchanged.get("/minimal/", host=host.format(port=unchanged.server.port))[0] == 200


def test_a_request_without_a_host_header_is_refused(unchanged: Served) -> None:
    with socket.create_connection(("127.0.0.1", unchanged.server.port), timeout=WAIT) as connection:
        connection.sendall(b"GET /minimal/ HTTP/1.0\r\n\r\n")
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.0 421")


def test_the_host_check() -> None:
    assert host_allowed("localhost:8000", "127.0.0.1", 8000)
    assert host_allowed("[::1]:8000", "::1", 8000)
    assert host_allowed("192.168.1.5:8000", "0.0.0.0", 8000)
    assert host_allowed("myhost:8000", "myhost", 8000)
    assert not host_allowed("evil.example:8000", "0.0.0.0", 8000)
    assert not host_allowed("localhost:8000", "192.168.1.5", 8000)
    assert not host_allowed("127.0.0.1:8001", "127.0.0.1", 8000)
    assert not host_allowed(None, "127.0.0.1", 8000)


def test_routes() -> None:
    assert route("/") == ("index", "")
    assert route("/beijing/") == ("plan", "beijing")
    assert route("/beijing/?x=1") == ("plan", "beijing")
    assert route("/beijing.pdf") == ("pdf", "beijing")
    assert route("/beijing/monitoring") == ("monitoring", "beijing")
    assert route("/_plancraft/events/beijing") == ("events", "beijing")
    assert route("/a/../b/")[0] == "refused"


def test_responses_carry_a_strict_content_security_policy(unchanged: Served) -> None:
    _, headers, _ = unchanged.get("/minimal/")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"


@pytest.mark.pdf
def test_the_pdf_is_built_on_demand_through_the_build_cache(served: Served, tmp_path: Path) -> None:
    status, headers, body = served.get("/minimal.pdf")
    assert (
        status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    )
    assert (tmp_path / "cache" / "minimal.pdf").read_bytes() == body
    assert served.server.pdfs.build(served.plan).up_to_date  # the second ask finds it up to date


def test_a_plan_with_errors_has_no_pdf_and_says_why(served: Served) -> None:
    edit(served.plan / "plan.yaml", "numbering: parts", "numbering: [parts")
    status, _, body = served.get("/minimal.pdf")
    assert status == 422 and b"plan.yaml:" in body


def test_the_command_warns_off_loopback_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    plan, parent = make_plans(tmp_path)
    edit(parent / "plan.yaml", "numbering: parts", "numbering: [parts")  # its PDF fails fast
    command = [sys.executable, "-m", "plancraft.cli", "serve", str(plan), str(parent)]
    process = subprocess.Popen(
        [*command, "--port", "0", "--host", "0.0.0.0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        start_new_session=True,  # Ctrl-C reaches the whole process group, PDF worker included
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("serving 2 plan(s) at http://127.0.0.1:"), line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        for path, status in (("/minimal/", 200), ("/city.pdf", 422)):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
            connection.request("GET", path)
            assert connection.getresponse().status == status
            connection.close()
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, err
    assert "warning: listening on 0.0.0.0" in err and "stopped" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_the_command_refuses_a_folder_without_a_plan(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from plancraft.cli import main

    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "no plan.yaml" in result.output


def test_the_preview_process_never_imports_weasyprint(tmp_path: Path) -> None:
    plan, _ = make_plans(tmp_path)
    code = (
        "import sys\nfrom pathlib import Path\nfrom plancraft.preview import start\n"
        "server = start([Path(sys.argv[1])], port=0, cache=Path(sys.argv[2]))\n"
        "server.server_close()\nprint('weasyprint' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(plan), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_file_that_changes_while_it_is_read_is_not_shown(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plancraft.preview import watch

    background = served.plan / "text" / "background.md"
    first_part = background.read_text(encoding="utf-8").replace("10.8万张", "14.4万张")
    read_first_part, resume = threading.Event(), threading.Event()
    compile_plan = watch.compile_plan

    def compile_while_the_editor_writes(root: Path):
        loaded = compile_plan(root)
        if not read_first_part.is_set() and background.read_text(encoding="utf-8") == first_part:
            read_first_part.set()
            resume.wait(WAIT)
        return loaded

    shown: list[str] = []
    monkeypatch.setattr(watch, "compile_plan", compile_while_the_editor_writes)
    served.preview.hook = lambda state, _seconds: shown.append(state.page.decode())
    with background.open("w", encoding="utf-8") as editor:  # truncate, write, write more
        editor.write(first_part)
        editor.flush()
        assert read_first_part.wait(WAIT)
        editor.write("\n\n后半段已写入。\n")
    resume.set()
    served.until(lambda: "后半段已写入" in served.page(), "the whole file")
    assert not [page for page in shown if "14.4万张" in page and "后半段已写入" not in page]


def test_a_file_counts_as_written_once_it_kept_its_size_and_time(tmp_path: Path) -> None:
    from plancraft.preview.stable import STABLE_FOR, settled, snapshot

    saved = tmp_path / "saved.md"
    saved.write_text("一", encoding="utf-8")
    os.utime(saved, (time.time() - 60, time.time() - 60))
    assert settled(snapshot([saved]), pause=lambda seconds: pytest.fail("no wait needed"))
    saved.write_text("一二", encoding="utf-8")
    waits: list[float] = []
    assert settled(snapshot([saved, tmp_path / "gone.md"]), pause=waits.append)
    assert len(waits) == 1 and 0 < waits[0] <= STABLE_FOR
    before = snapshot([saved])
    assert not settled(before, pause=lambda _: saved.write_text("一二三", encoding="utf-8"))


def test_the_monitoring_page_follows_the_year_files(served: Served) -> None:
    status, headers, body = served.get("/minimal/monitoring")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "No monitoring year files yet" in body.decode()
    assert '<script src="/_plancraft/preview.js" data-slug="minimal"' in body.decode()
    good = served.state().good
    (served.plan / "monitoring").mkdir()
    (served.plan / "monitoring" / "2023.yaml").write_text(
        "year: 2023\nvalues:\n  temporary-beds: 1650\n", encoding="utf-8"
    )
    served.until(lambda: served.state().good > good, "the plan reloaded after the year file")
    page = served.get("/minimal/monitoring")[2].decode()
    assert "Values of 2023." in page and 'data-status="achieved"' in page
    assert f'data-good="{served.state().good}"' in page
