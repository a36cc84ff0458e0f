"""The markers' guard (tests/support/markers.py), run on a small inner test session."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT

pytest_plugins = ["pytester"]

INNER = """
import subprocess

import pytest

from plancraft.diagnostics import Diagnostics
from plancraft.output.pdf import write_pdf


def lay_out(folder):
    assert write_pdf("<p>正文</p>", folder / "x.pdf", folder, Diagnostics())


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    lay_out(tmp_path_factory.mktemp("pdf"))


@pytest.mark.pdf
def test_marked_pdf(laid_out):
    pass


def test_unmarked_user_of_a_module_fixture_that_laid_out_a_pdf(laid_out):
    pass


def test_unmarked_pdf(tmp_path):
    lay_out(tmp_path)


@pytest.mark.browser
def test_marked_browser(chromium):
    subprocess.run([chromium], check=True)


def test_unmarked_browser(chromium):
    subprocess.run([chromium], check=True)


def test_plain():
    pass
"""


@pytest.mark.pdf
def test_unmarked_tests_that_lay_out_a_pdf_or_start_chromium_fail(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = pytester.path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    pytester.makeconftest(
        "import pytest\nfrom tests.conftest import *  # noqa: F403\n\n"
        f"@pytest.fixture\ndef chromium():\n    return {str(fake)!r}\n"
    )
    pytester.makeini("[pytest]\nmarkers =\n    pdf\n    browser\naddopts = --strict-markers\n")
    pytester.makepyfile(test_inner=INNER)
    monkeypatch.setenv("PYTHONPATH", str(PROJECT))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*_ test_unmarked_user_of_a_module_fixture_that_laid_out_a_pdf _*",
            "mark it @pytest.mark.pdf: it lays out a PDF with WeasyPrint*",
            "*_ test_unmarked_pdf _*",
            "mark it @pytest.mark.pdf: it lays out a PDF with WeasyPrint*",
            "*_ test_unmarked_browser _*",
            "mark it @pytest.mark.browser: it starts Chromium*",
        ]
    )
