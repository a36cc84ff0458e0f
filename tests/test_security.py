"""Hostile input beyond the corpus: files outside a plan, devices, pipes and sizes, as validate,
build, review and import meet them. Each test names the reproducer it holds (issue 28)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft.cli import main
from plancraft.limits import DOCX_XML_BYTES, SOURCE_FILE_BYTES
from plancraft.review.word.accept import plan_markdown
from plancraft.source.confine import Refused, read_confined
from tests.conftest import PLANS, edit

SECRET = "token = ghp_not-for-publishing"


def run(*args: str) -> tuple[int, str]:
    """Run plancraft; exit code and everything it printed."""
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.output


def no_bug(output: str) -> None:
    """The output of a run that met hostile input: never a traceback or an 'internal error'."""
    assert "Traceback" not in output and "internal error" not in output, output


@pytest.fixture
def secret(scratch: Path) -> Path:
    """A file outside the plan, standing for the checkout's .git/config."""
    path = scratch.parent.parent / "config"
    path.write_text(f"[http]\n{SECRET}\n", encoding="utf-8")
    return path


def add_appendix(plan: Path) -> None:
    """An outline entry naming text/appendix.md."""
    with (plan / "plan.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: appendix\n    title: 附录\n    role: extra\n    file: text/appendix.md\n"
        )


def test_a_markdown_symlink_out_of_the_plan_is_never_published(scratch: Path, secret: Path) -> None:
    """ln -s ../../../.git/config text/appendix.md plus an outline entry: validate --strict passed
    and build printed the file into every output."""
    (scratch / "text" / "appendix.md").symlink_to("../../../config")
    add_appendix(scratch)
    code, output = run("validate", "--strict")
    no_bug(output)
    assert code == 1
    assert (
        "plans/minimal/plan.yaml:32:11: error: plans/minimal/text/appendix.md: refused: the path "
        "leads outside the plan folder" in output
    )
    code, output = run("build", "-o", "out", "--format", "html,docx")
    assert code == 1 and not Path("out").exists() and SECRET not in output


def test_a_symlink_inside_the_plan_is_followed(scratch: Path) -> None:
    """Links that stay inside the plan folder are fine."""
    (scratch / "shared").mkdir()
    shutil.move(scratch / "text" / "tasks.md", scratch / "shared" / "tasks.md")
    (scratch / "text" / "tasks.md").symlink_to("../shared/tasks.md")
    code, output = run("validate", "--strict")
    assert code == 0, output


def test_a_file_over_the_size_limit_is_refused_by_name(scratch: Path) -> None:
    """A sparse file one byte over source-file-bytes is refused without being read."""
    os.truncate(scratch / "text" / "tasks.md", SOURCE_FILE_BYTES.value + 1)
    code, output = run("validate")
    no_bug(output)
    assert code == 1
    assert "plans/minimal/text/tasks.md: file is too large" in output
    assert "the limit source-file-bytes is 16777216" in output


def test_read_confined_reads_only_regular_files_inside(tmp_path: Path) -> None:
    """The rule itself: inside the folder, a regular file, within the limit."""
    root = tmp_path / "plan"
    root.mkdir()
    (root / "ok.md").write_text("正文", encoding="utf-8")
    (tmp_path / "out.md").write_text(SECRET, encoding="utf-8")
    (root / "link.md").symlink_to("../out.md")
    (root / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe.md")
    assert read_confined(root / "ok.md", root) == "正文".encode()
    codes = {}
    for name in ("link.md", "zero.md", "pipe.md", "missing.md"):
        with pytest.raises(Refused) as refused:
            read_confined(root / name, root)
        codes[name] = refused.value.code
    assert codes == {
        "link.md": "sandbox",
        "zero.md": "sandbox",
        "pipe.md": "not-a-file",
        "missing.md": "file-missing",
    }
    with pytest.raises(Refused) as refused:
        read_confined(Path("/dev/zero"), None)
    assert refused.value.code == "not-a-file"


def make_parent(scratch: Path) -> Path:
    """A parent plan beside the scratch plan, and the scratch plan naming it."""
    parent = scratch.parent / "upper"
    shutil.copytree(scratch, parent)
    edit(scratch / "plan.yaml", "numbering: parts", "numbering: parts\nparent: upper")
    return parent


def test_a_parent_indicator_table_that_is_dev_zero_does_not_hang(scratch: Path) -> None:
    """A parent indicators.yaml that is /dev/zero grew without bound."""
    parent = make_parent(scratch)
    (parent / "indicators.yaml").unlink()
    (parent / "indicators.yaml").symlink_to("/dev/zero")
    code, output = run("validate", "--strict", str(scratch))
    no_bug(output)
    assert code == 1
    assert "the parent plan's indicators do not load" in output
    assert "refused: the path leads outside the plan folder" in output


def test_the_parent_is_confined_to_its_own_folder(scratch: Path, secret: Path) -> None:
    """The parent's files are read through the parent's folder: a link out of it is refused."""
    parent = make_parent(scratch)
    (parent / "indicators.yaml").unlink()
    (parent / "indicators.yaml").symlink_to("../../config")
    code, output = run("validate", "--strict", str(scratch))
    assert code == 1 and "refused: the path leads outside the plan folder" in output
    assert SECRET not in output


def test_review_accept_reads_only_the_plans_own_markdown(scratch: Path, secret: Path) -> None:
    """--accept looked for edits in every *.md under the plan folder, following links and pipes."""
    (scratch / "text" / "leak.md").symlink_to("../../../config")
    os.mkfifo(scratch / "text" / "pipe.md")
    found = plan_markdown(scratch)
    assert scratch / "text" / "tasks.md" in found
    assert not {scratch / "text" / "leak.md", scratch / "text" / "pipe.md"} & set(found)


@pytest.mark.parametrize("command", ["import", "review"])
def test_import_and_review_refuse_a_device_or_a_pipe(scratch: Path, command: str) -> None:
    """The file given to import or review is not confined, but must be a regular file."""
    os.mkfifo("pipe.docx")
    for given in ("/dev/zero", "pipe.docx"):
        args = [command, given, "-o", "plans/new"] if command == "import" else [command, given]
        code, output = run(*args, str(scratch)) if command == "review" else run(*args)
        no_bug(output)
        assert code == 1 and "not a regular file" in output, output
    assert not Path("plans/new").exists()


def returned_docx(plan: Path, identifier: str, where: Path) -> Path:
    """The plan's .docx as a reviewer might return it: one untracked edit, and `identifier` as the
    plan it names."""
    import io
    import zipfile

    from plancraft.compile.pipeline import compile_plan
    from plancraft.output.docx import write_docx

    with zipfile.ZipFile(io.BytesIO(write_docx(compile_plan(plan).document()))) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    assert b"plancraft:minimal" in parts["docProps/core.xml"]
    assert parts["word/document.xml"].count("形势复杂".encode()) == 1
    parts["docProps/core.xml"] = parts["docProps/core.xml"].replace(
        b"plancraft:minimal", f"plancraft:{identifier}".encode()
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "形势复杂".encode(), "形势严峻".encode()
    )
    with zipfile.ZipFile(where, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return where


def snapshot(folder: Path) -> dict[Path, bytes]:
    """Every file under `folder` with its content."""
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("identifier", ["../elsewhere", "ABSOLUTE", "minimal/../../elsewhere"])
def test_review_never_takes_the_plan_folder_from_the_document(
    scratch: Path, identifier: str
) -> None:
    """review X.docx --accept all with an identifier plancraft:../elsewhere (or an absolute path)
    wrote into that folder."""
    elsewhere = scratch.parent.parent / "elsewhere"
    shutil.copytree(scratch, elsewhere)
    identifier = str(elsewhere) if identifier == "ABSOLUTE" else identifier
    returned = returned_docx(scratch, identifier, Path("returned.docx"))
    before = snapshot(elsewhere) | snapshot(scratch)
    code, output = run("review", str(returned), "--accept", "all")
    no_bug(output)
    assert code == 2 and "give PLAN_DIR" in output
    assert snapshot(elsewhere) | snapshot(scratch) == before


def test_review_finds_the_plan_by_a_plain_slug_under_plans(scratch: Path) -> None:
    """Without PLAN_DIR, plancraft:minimal names plans/minimal of the current repository."""
    returned = returned_docx(scratch, "minimal", Path("returned.docx"))
    code, output = run("review", str(returned), "--accept", "all")
    assert code == 0, output
    assert "形势严峻" in (scratch / "text" / "background.md").read_text(encoding="utf-8")


def test_review_accepts_only_into_the_plan_the_file_came_from(scratch: Path) -> None:
    """A file whose identifier names another plan is not accepted into this one; a file whose ids
    are none of the plan's is refused."""
    upper = make_parent(scratch)
    returned = returned_docx(scratch, "minimal", Path("returned.docx"))
    before = snapshot(upper)
    code, output = run("review", str(returned), str(upper), "--accept", "all")
    assert code == 1 and "exported from plan 'minimal', not 'upper'" in output, output
    assert snapshot(upper) == before
    code, output = run("review", str(returned), str(upper))
    assert code == 0 and "exported from plan 'minimal'" in output
    other = scratch.parent / "beijing"
    shutil.copytree(PLANS / "beijing", other)
    code, output = run("review", str(returned), str(other))
    no_bug(output)
    assert code == 1 and "comes from another plan" in output, output


SOURCE_TXT = Path(__file__).resolve().parent.parent / "sources" / "chaoyang.txt"


def tree(folder: Path) -> dict[str, bytes | str]:
    """Everything under `folder` (hidden entries too): file contents, link targets, folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[name] = "dir"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


@pytest.mark.parametrize(
    "target, message",
    [
        ("plans", "plans is not empty and not a plan folder (no plan.yaml)"),
        (".", ". is the working folder or holds it"),
        ("plans/link", "plans/link is a symbolic link"),
        ("plans/minimal/plan.yaml", "is a file"),
    ],
)
def test_import_force_never_replaces_what_is_not_a_plan(
    scratch: Path, target: str, message: str
) -> None:
    """import --force -o plans replaced every plan with one draft; -o . or a symlinked target exited
    3 and left debris."""
    shutil.copytree(scratch, scratch.parent / "other")
    (scratch.parent / "link").symlink_to("minimal")
    before = tree(Path.cwd())
    code, output = run("import", str(SOURCE_TXT), "-o", target, "--force")
    no_bug(output)
    assert code == 2 and message in output, output
    assert tree(Path.cwd()) == before


def test_import_force_keeps_a_plan_when_the_draft_does_not_validate(scratch: Path) -> None:
    """A draft with errors replaced a good plan."""
    before = tree(scratch.parent)
    code, output = run(
        "import", str(SOURCE_TXT), "-o", str(scratch), "--force", "--title", "朝阳\u200b规划"
    )
    no_bug(output)
    assert code == 1
    assert "plans/minimal: error: the imported draft does not validate (1 error(s)" in output
    assert "U+200B" in output and "left as it was" in output
    assert tree(scratch.parent) == before
    code, output = run("import", str(SOURCE_TXT), "-o", str(scratch), "--force")
    assert code == 0, output
    assert "示例区" not in (scratch / "plan.yaml").read_text(encoding="utf-8")
    assert tree(scratch.parent) != before and not list(scratch.parent.glob(".*"))


def dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess
    import sys

    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(process.stdout)


def test_leftovers_of_killed_runs_are_cleaned_at_the_next_run(scratch: Path) -> None:
    """A killed import left .slug.* folders in plans/, a killed build .x.pdf.*.tmp files in dist/;
    the next run removes those whose process is gone, and never a running one's."""
    dead, alive = dead_pid(), os.getpid()
    plans, dist = scratch.parent, Path("dist")
    dist.mkdir()
    stale = [
        plans / f".demo.{dead}-abcd1234",
        plans / f".minimal.old.{dead}-abcd1234",
        dist / f".minimal.pdf.{dead}-abcd1234.tmp",
        dist / f".other.html.{dead}-abcd1234.tmp",
    ]
    running = [plans / f".demo.{alive}-abcd1234", dist / f".minimal.pdf.{alive}-abcd1234.tmp"]
    for path in stale + running:
        if path.suffix == ".tmp":
            path.write_bytes(b"half a pdf")
        else:
            path.mkdir()
            (path / "plan.yaml").write_text("title: half\n", encoding="utf-8")
    code, output = run("import", str(SOURCE_TXT), "-o", "plans/demo")
    assert code == 0, output
    code, output = run("build", "-o", "dist", "--format", "html")
    assert code == 0, output
    assert [path for path in stale if path.exists()] == []
    assert all(path.exists() for path in running)


# Bounded work (issue 28, item 5) and located errors, not bugs (item 6) ---------------------------


def docx_parts(plan: Path) -> dict[str, bytes]:
    """The parts of the plan's .docx."""
    import io
    import zipfile

    from plancraft.compile.pipeline import compile_plan
    from plancraft.output.docx import write_docx

    with zipfile.ZipFile(io.BytesIO(write_docx(compile_plan(plan).document()))) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def zipped(parts: dict[str, bytes], path: Path) -> Path:
    """`parts` written as a deflated zip at `path`."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def patched(path: Path, part: str, *, flags: int = 0, crc: int | None = None) -> Path:
    """The zip at `path` with the central directory entry of `part` given extra `flags` (1:
    encrypted) or a wrong `crc`."""
    import struct

    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == part.encode():
            struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | flags)
            if crc is not None:
                struct.pack_into("<I", data, at + 16, crc)
            path.write_bytes(bytes(data))
            return path
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{part} not in {path}")


@pytest.fixture
def hostile_docx(scratch: Path) -> dict[str, Path]:
    """A .docx of the scratch plan broken each way a returned or imported file may be."""
    parts = docx_parts(scratch)
    many = parts | {f"word/media/x{n}.bin": b"x" for n in range(10_001)}
    bomb = parts | {"word/media/image1.png": bytes(16 * 1024 * 1024)}
    paragraph = "<w:p><w:r><w:t>推动高质量发展{n}</w:t></w:r></w:p>"
    grown = "".join(paragraph.format(n=n) for n in range(DOCX_XML_BYTES.value // 40)).encode()
    document = parts["word/document.xml"]
    end = document.rindex(b"<w:sectPr")
    xml = parts | {"word/document.xml": document[:end] + grown + document[end:]}
    return {
        "encrypted": patched(zipped(parts, Path("encrypted.docx")), "word/document.xml", flags=1),
        "bad-crc": patched(zipped(parts, Path("crc.docx")), "word/document.xml", crc=0x12345678),
        "members": zipped(many, Path("members.docx")),
        "bomb": zipped(bomb, Path("bomb.docx")),
        "xml": zipped(xml, Path("xml.docx")),
    }


EXPECTED = {
    "encrypted": "word/document.xml is encrypted: save the document without a password",
    "bad-crc": "word/document.xml cannot be unpacked, the file is damaged (Bad CRC-32",
    "members": "the archive holds 10",
    "bomb": "over the limit docx-compression-ratio = 200 (refused: a zip bomb)",
    "xml": f"over the limit {DOCX_XML_BYTES} (refused)",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["import", "review"])
def test_a_hostile_docx_is_a_plain_error(
    scratch: Path, hostile_docx: dict[str, Path], case: str, command: str
) -> None:
    """An encrypted or bad-CRC .docx exited 3 ('internal error … bug') in review; import had no
    zip-bomb guard (a 3 MB file with a 3 GiB image reached 6.3 GB); a document.xml of 60 MB, within
    every other limit, took import to 658 MB and review to 725 MB (benchmarks/, measurement 13)."""
    given = str(hostile_docx[case])
    before = tree(scratch.parent)
    if command == "import":
        code, output = run("import", given, "-o", "plans/new")
    else:
        code, output = run("review", given, str(scratch), "--accept", "all")
    no_bug(output)
    assert code == 1 and EXPECTED[case] in output, output
    assert tree(scratch.parent) == before


def test_a_parent_yaml_over_its_size_limit_is_not_parsed(scratch: Path) -> None:
    """A parent indicators.yaml of 100,000 rows made validate of any child take minutes."""
    parent = make_parent(scratch)
    with (parent / "indicators.yaml").open("a", encoding="utf-8") as handle:
        handle.write("#" * (512 * 1024))
    code, output = run("validate", str(scratch))
    no_bug(output)
    assert "the limit yaml-file-bytes is 524288" in output and code == 0


@pytest.mark.slow  # loads plans with thousands of rows and headings
def test_row_and_heading_counts_are_limited(scratch: Path) -> None:
    """Tables, indicator tables and headings past their limits are errors naming the limit."""
    rows = "".join(f"  - [行{n}, '1', '2']\n" for n in range(2_001))
    edit(scratch / "tables" / "t-facilities.yaml", "rows:\n", "rows:\n" + rows)
    (scratch / "text" / "safeguards.md").write_text("# 加强保障\n\n全面加强。\n\n" * 5_001)
    code, output = run("validate")
    no_bug(output)
    assert code == 1
    assert "2004 rows, over the limit table-rows = 2000" in output
    assert "the plan has 50" in output and "headings, over the limit headings = 5000" in output


@pytest.mark.parametrize(
    "error",
    [
        OSError(28, "No space left on device"),
        PermissionError(13, "Permission denied"),
    ],
    ids=["ENOSPC", "EACCES"],
)
def test_a_full_disk_or_a_refused_write_is_a_plain_error(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    """A full disk exited 3 ('internal error … this is a bug'); now a message in the reader's
    language, exit 1, and no temporary file left."""
    import plancraft.files

    def refuse(source: object, target: object) -> None:
        error.filename = str(target)
        raise error

    monkeypatch.setattr(plancraft.files.os, "replace", refuse)
    code, output = run("--lang", "zh", "build", "-o", "out", "--format", "html", "--jobs", "1")
    no_bug(output)
    reason = "设备空间已满" if error.errno == 28 else "权限不足"
    assert code == 1 and f"out/minimal.html：{reason}" in output, output
    assert [path.name for path in Path("out").iterdir()] == []
