"""The registry of output formats: a format registered outside the package builds like the others."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancraft import cli
from plancraft.compile import document as doc
from plancraft.output import formats
from plancraft.output.build import build_plan
from plancraft.output.formats import WriteContext, Writer
from tests.conftest import edit


def write_toy(document: doc.Document, context: WriteContext) -> bytes:
    """The toy format: the plan's title and how many divisions its body has."""
    divisions = [block for block in document.body if isinstance(block, doc.Division)]
    return f"{document.title}\n{len(divisions)}\n".encode()


@pytest.fixture
def toy() -> Iterator[Writer]:
    with formats.registered(Writer("toy", write_toy, suffix="toy.txt")) as writer:
        yield writer


def test_a_format_registered_in_a_test_builds_through_the_cache(toy: Writer, scratch: Path) -> None:
    runner = CliRunner()
    command = ["build", "--format", "toy", "-o", "out", "--jobs", "1"]
    first = runner.invoke(cli.main, command)
    target = Path("out/minimal.toy.txt")
    assert first.exit_code == 0, first.output
    assert f"built plans/minimal: {target}" in first.stdout
    title, count = target.read_text(encoding="utf-8").splitlines()
    assert title == "示例区“十四五”时期民政事业发展规划" and int(count) >= 4
    assert sorted(path.name for path in Path("out").iterdir()) == [".plancraft-cache", target.name]

    second = runner.invoke(cli.main, command)
    assert second.exit_code == 0 and f"up to date: {target}" in second.stdout

    edit(scratch / "plan.yaml", "民政事业发展规划", "民政事业发展规划（草案）")
    third = runner.invoke(cli.main, command)
    assert third.exit_code == 0 and "built plans/minimal" in third.stdout
    assert target.read_text(encoding="utf-8").startswith(
        "示例区“十四五”时期民政事业发展规划（草案）"
    )


def test_the_cli_knows_the_registered_formats_and_no_others(toy: Writer, scratch: Path) -> None:
    runner = CliRunner()
    assert "html,pdf,docx,pdf-typst,ofd,toy" in "".join(
        runner.invoke(cli.main, ["build", "--help"]).stdout.split()
    )
    unknown = runner.invoke(cli.main, ["build", "--format", "html,epub", "-o", "out"])
    assert unknown.exit_code == 2
    assert "epub is not one of html, pdf, docx, pdf-typst, ofd, toy, both" in unknown.stderr
    assert not Path("out").exists()


def test_an_unregistered_format_is_a_usage_error_not_a_pdf(scratch: Path) -> None:
    with formats.registered(Writer("toy", write_toy)):
        assert "toy" in formats.names()
    assert "toy" not in formats.names()
    result = CliRunner().invoke(cli.main, ["build", "--format", "toy", "-o", "out"])
    assert (
        result.exit_code == 2
        and "toy is not one of html, pdf, docx, pdf-typst, ofd, both" in result.stderr
    )
    with pytest.raises(formats.UnknownFormat):
        build_plan(scratch, Path("out"), ("toy",))


def test_both_is_the_default_set() -> None:
    assert formats.default_names() == ("html", "pdf")
    assert formats.parse_formats("both") == ("html", "pdf")
    assert formats.parse_formats(" docx , html,docx") == ("docx", "html")


def test_a_writer_that_uses_another_reads_its_output_made_once_and_unwritten(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plancraft.output import html

    renders = []
    render = html.render_html
    monkeypatch.setattr(html, "render_html", lambda document: renders.append(1) or render(document))

    def size(document: doc.Document, context: WriteContext) -> bytes:
        return str(len(context.output("html"))).encode()

    with (
        formats.registered(Writer("size", size, uses=("html",))),
        formats.registered(Writer("size2", size, uses=("html",))),
    ):
        result = build_plan(scratch, Path("out"), ("size", "size2"))
    assert result.ok and result.outputs == [Path("out/minimal.size"), Path("out/minimal.size2")]
    assert len(renders) == 1 and not Path("out/minimal.html").exists()
    assert int(Path("out/minimal.size").read_text()) > 1000 and "html" in result.timings


def test_an_error_reported_by_a_writer_writes_nothing(scratch: Path) -> None:
    def refuses(document: doc.Document, context: WriteContext) -> bytes:
        context.diagnostics.error(doc_location(context), "refused", code="sandbox")
        return b"half"

    with formats.registered(Writer("refusing", refuses)):
        result = build_plan(scratch, Path("out"), ("html", "refusing"))
    assert not result.ok and result.outputs == [Path("out/minimal.html")]
    assert not Path("out/minimal.refusing").exists()


def doc_location(context: WriteContext):
    from plancraft.diagnostics import Location

    return Location(str(context.plan_root))


def test_a_writer_registered_for_a_block_leaves_the_registry_in_its_order() -> None:
    before = formats.names()
    with formats.registered(replace(formats.writer("pdf"), default=False)):
        assert formats.names() == before and not formats.writer("pdf").default
    assert formats.names() == before and formats.writer("pdf").default
