"""The redline: the plan at REV_B with the changes since REV_A as Word tracked changes."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from plancraft.cli import main
from tests.review.test_changes_table import repo  # noqa: F401 - the two commits, as a fixture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def redline(out: Path, *args: str) -> None:
    done = CliRunner().invoke(
        main,
        ["diff", "HEAD~1", "HEAD", "--redline", "-o", str(out), *args, "--", "plans/mentougou"],
    )
    assert done.exit_code == 0, done.output


def tracked(path: Path) -> list[tuple[str, str, str, str]]:
    """(ins or del, text, author, date) of each tracked change in a .docx."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [
        (
            change.tag[len(W) :],
            "".join(node.text or "" for node in change.iter(W + "t", W + "delText")),
            change.get(W + "author"),
            change.get(W + "date"),
        )
        for change in root.iter(W + "ins", W + "del")
    ]


@pytest.mark.usefixtures("repo")
def test_the_redline_carries_every_change_as_a_tracked_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "redline.docx"
    redline(out)
    changes = tracked(out)
    assert {(author, date) for _kind, _text, author, date in changes} == {
        ("plancraft", "2023-11-14T22:13:20Z")
    }
    found = [(kind, text) for kind, text, _author, _date in changes]
    assert ("del", "深入") in found and ("ins", "认真") in found  # a paragraph
    assert ("ins", "始终") in found
    assert ("del", "5") in found and ("ins", "6") in found  # the indicator target ≥50 → ≥60
    assert ("ins", "围绕民生保障，明确年度重点工作。") in found  # the new part's paragraph
    assert found.count(("del", "温馨")) == 3  # the replacement, in run-in paragraphs
    assert ("del", "。") in found and ("ins", "；") in found


@pytest.mark.slow
@pytest.mark.usefixtures("repo")
def test_libreoffice_lists_every_tracked_change(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    redline(out)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path / "lo"),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    fodt = (tmp_path / "lo" / "redline.fodt").read_text(encoding="utf-8")
    regions = re.findall(
        r"<text:changed-region[^>]*>\s*<text:(insertion|deletion)>.*?<dc:creator>([^<]*)</dc:creator>",
        fodt,
        re.S,
    )
    changes = tracked(out)
    assert len(regions) == len(changes) > 10
    assert sorted(kind[:3] for kind, _author in regions) == sorted(kind for kind, *_ in changes)
    assert {author for _kind, author in regions} == {"plancraft"}


@pytest.mark.usefixtures("repo")
def test_the_html_redline_underlines_and_strikes(tmp_path: Path) -> None:
    out = tmp_path / "redline.html"
    redline(out, "--format", "html")
    html = out.read_text(encoding="utf-8")
    assert "<ins>认真</ins>" in html and "<del>深入</del>" in html


@pytest.mark.usefixtures("repo")
def test_the_redline_is_not_a_table(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        main, ["diff", "HEAD~1", "HEAD", "--redline", "--table", "--", "plans/mentougou"]
    )
    assert done.exit_code == 2
