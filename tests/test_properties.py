"""Property-based tests: generated valid plans build with the right numbers; mangled plans never crash plancraft."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from plancraft.cli import main
from plancraft.compile.numbering import typed_number
from tests.conftest import FIXTURE_PLANS

ROLES = ("background", "requirements", "tasks", "safeguards")
CN = "一二三四五六七八九十"
PARTS_STYLE = {1: "第{cn}部分", 2: "{cn}、", 3: "（{cn}）", 4: "{n}.", 5: "（{n}）"}
LOCATED_ERROR = re.compile(r"^[^:\s][^:]*:\d+:\d+: error: ")
# No example database (nothing is written into the repository) and no "explain" phase, whose line tracing makes
# a failing run many times slower; a failure still prints the shrunk example that reproduces it. Each example
# works in its own temporary folder, so no function-scoped fixture is shared between examples.
QUICK = dict(
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
BUILDS = settings(max_examples=40, **QUICK)
MANGLES = settings(max_examples=150, **QUICK)


# ---- strategies for valid plans --------------------------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCTUATION = st.sampled_from("，。；：、“”")


def _untyped(text: str) -> bool:
    """Whether text does not begin with a hand-typed number (第三章, 专栏二 …), which the format forbids."""
    return typed_number(text) is None


titles = st.text(HAN, min_size=1, max_size=8).filter(_untyped)
paragraphs = st.text(st.one_of(HAN, PUNCTUATION), min_size=1, max_size=40).filter(_untyped)


@dataclass
class Node:
    """A heading with its paragraphs and subsections, as the generator writes it."""

    title: str
    paragraphs: list[str]
    children: list[Node] = field(default_factory=list)
    explicit_id: bool = False
    run_in: bool = False


def nodes(level: int) -> st.SearchStrategy[list[Node]]:
    """Sections at Markdown heading `level` (1 = `#`), nesting down to `####`."""
    children = nodes(level + 1) if level < 4 else st.just([])
    node = st.builds(
        Node,
        title=titles,
        paragraphs=st.lists(paragraphs, max_size=2),
        children=children,
        explicit_id=st.booleans(),
        run_in=st.booleans(),
    )
    return st.lists(node, max_size=3 if level == 1 else 2)


@dataclass
class Part:
    """A top-level outline node of plan.yaml with its Markdown file."""

    title: str
    role: str
    paragraphs: list[str]
    children: list[Node]


@st.composite
def parts(draw: st.DrawFn) -> list[Part]:
    """The four required roles in any order, sometimes followed by an extra part."""
    roles = list(draw(st.permutations(ROLES))) + ["extra"] * draw(st.integers(0, 1))
    return [
        Part(draw(titles), role, draw(st.lists(paragraphs, max_size=2)), draw(nodes(1)))
        for role in roles
    ]


@st.composite
def indicator_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Indicator rows whose values fit their units."""
    rows = []
    for index in range(draw(st.integers(1, 4))):
        unit = draw(st.sampled_from(["%", "张", "个", "元/人、月"]))
        top = 100 if unit == "%" else 100000
        number = draw(st.integers(0, top))
        suffix = "%" if unit == "%" and draw(st.booleans()) else ""
        target = draw(
            st.sampled_from(
                [number, f"≥{number}{suffix}", f"≤{number}{suffix}", "—", "不低于上年水平"]
            )
        )
        rows.append(
            {
                "id": f"indicator-{index + 1}",
                "name": draw(titles),
                "unit": unit,
                "target": target,
                "nature": draw(st.sampled_from(["约束性", "预期性"])),
            }
        )
    return rows


@dataclass
class GeneratedPlan:
    """A whole generated plan: its parts and indicator rows."""

    title: str
    parts: list[Part]
    indicators: list[dict[str, Any]]


plans = st.builds(GeneratedPlan, title=titles, parts=parts(), indicators=indicator_rows())


# ---- writing a generated plan and what it should print -----------------------------------------------------


def markdown(paragraphs: list[str], children: list[Node], level: int, path: str) -> str:
    """The Markdown of one outline node's file: its paragraphs, then its sections."""
    text = "".join(f"{paragraph}\n\n" for paragraph in paragraphs)
    for number, child in enumerate(children, start=1):
        child_path = f"{path}-{number}"
        attrs = [f"#{child_path}"] if child.explicit_id else []
        attrs += [".run-in"] if child.run_in and child.paragraphs else []
        heading = "#" * level + " " + child.title + (" {" + " ".join(attrs) + "}" if attrs else "")
        text += heading + ("\n" if child.run_in and child.paragraphs else "\n\n")
        text += markdown(child.paragraphs, child.children, level + 1, child_path)
    return text


def write_plan(plan: GeneratedPlan, root: Path) -> None:
    """Write the generated plan as plans/<slug> files under `root`."""
    (root / "text").mkdir(parents=True)
    lines = [
        f"title: {json.dumps(plan.title, ensure_ascii=False)}",
        "issuer: 示例区民政局",
        "period: {start: 2021, end: 2025}",
        "numbering: parts",
        "outline:",
    ]
    for number, part in enumerate(plan.parts, start=1):
        lines += [
            f"  - id: part-{number}",
            f"    title: {json.dumps(part.title, ensure_ascii=False)}",
            f"    role: {part.role}",
            f"    file: text/part-{number}.md",
        ]
        body = markdown(part.paragraphs, part.children, 1, f"n{number}")
        if part.role == "requirements":
            body += "{{indicators}}\n"
        (root / "text" / f"part-{number}.md").write_text(body, encoding="utf-8")
    (root / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    indicators = {"title": "主要指标", "target_year": 2025, "indicators": plan.indicators}
    (root / "indicators.yaml").write_text(
        json.dumps(indicators, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def expected_labels(plan: GeneratedPlan) -> list[str]:
    """The printed numbers of every heading, in document order: 第一部分, 一、, （一）, 1., （1）."""

    def walk(items: list, depth: int) -> Iterator[str]:
        for number, item in enumerate(items, start=1):
            yield PARTS_STYLE[depth].format(cn=CN[number - 1], n=number)
            yield from walk(item.children, depth + 1)

    return list(walk(plan.parts, 1))


def every_paragraph(plan: GeneratedPlan) -> Iterator[str]:
    """Every generated paragraph text."""

    def walk(items: list) -> Iterator[str]:
        for item in items:
            yield from item.paragraphs
            yield from walk(item.children)

    return walk(plan.parts)


def printed_labels(html: str) -> list[str]:
    """The section numbers printed in the document body (not the table of contents)."""
    body = html[html.index("<main") : html.index("</main>")]
    spans = re.findall(
        r'<span class="num">((?:[^<]|<span class="halt">[^<]*</span>)*)</span>', body
    )
    return [re.sub(r"<[^>]+>", "", span) for span in spans]


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    """A fresh temporary working directory for one example."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        yield Path(folder)


# ---- valid plans ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@BUILDS
@given(plan=plans)
def test_generated_plans_build_with_computed_numbers_and_all_their_text(
    plan: GeneratedPlan,
) -> None:
    """A valid generated plan validates, builds HTML, numbers its headings in order and keeps every paragraph."""
    with workspace() as folder:
        write_plan(plan, folder / "plans" / "generated")
        checked = CliRunner().invoke(main, ["validate"])
        assert checked.exit_code == 0, checked.output
        built = CliRunner().invoke(main, ["build", "--format", "html", "-o", "out"])
        assert built.exit_code == 0, built.output
        html = (folder / "out" / "generated.html").read_text(encoding="utf-8")
    assert printed_labels(html) == expected_labels(plan)
    unmarked = re.sub(r'<span class="halt">([^<]*)</span>', r"\1", html)  # compressed punctuation
    unmarked = re.sub(r'<span class="pc">([^<]*)</span>', r"\1", unmarked)
    missing = [text for text in every_paragraph(plan) if text not in unmarked]
    assert not missing, missing


# ---- mangled plans -------------------------------------------------------------------------------------------

SOURCES = sorted(
    str(path.relative_to(FIXTURE_PLANS / "minimal"))
    for path in (FIXTURE_PLANS / "minimal").rglob("*")
    if path.is_file()
)
YAML_SOURCES = [name for name in SOURCES if name.endswith(".yaml")]
# Bytes that mean something to YAML, Markdown or UTF-8, besides arbitrary ones.
TOKENS = [
    b":",
    b"- ",
    b"\t",
    b"{",
    b"[",
    b"]",
    b"&a ",
    b"*a",
    b"!!int ",
    b"!!float ",
    b"\x00",
    b"\xff",
    b"\xe4\xb8",
    b"\n  ",
    b"\n",
    b"'",
    b'"',
    b"#",
    b"> ",
    b"{{",
    b"[@",
    b"::: box ",
    b"\xef\xbb\xbf",
    "\u202e".encode(),
    b"|",
    b"%",
    b"?",
    b"@",
    b"`",
]
junk = st.one_of(st.binary(min_size=1, max_size=12), st.sampled_from(TOKENS))


def validate_copy_of_minimal(change: Any) -> Result:
    """Copy the minimal plan, let `change(plan_folder)` damage it, and run `plancraft validate`."""
    with workspace() as folder:
        plan = folder / "plans" / "minimal"
        shutil.copytree(FIXTURE_PLANS / "minimal", plan)
        change(plan)
        return CliRunner().invoke(main, ["validate"])


def assert_handled(result: Result) -> None:
    """Exit 0 or 1, never a crash; when the plan is invalid, every error says where it is."""
    assert "Traceback" not in result.output and "internal error" not in result.output, (
        result.output[:2000]
    )
    assert result.exit_code in (0, 1), f"exit {result.exit_code}: {result.output[:2000]}"
    if result.exit_code == 1:
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        assert errors, result.output[:2000]
        unlocated = [line for line in errors if not LOCATED_ERROR.match(line)]
        assert not unlocated, unlocated


@pytest.mark.slow
@MANGLES
@given(name=st.sampled_from(SOURCES), where=st.floats(0, 1), inserted=junk)
def test_spliced_bytes_never_crash(name: str, where: float, inserted: bytes) -> None:
    """Bytes spliced into any source file give exit 0 or 1 with located errors."""

    def splice(plan: Path) -> None:
        data = (plan / name).read_bytes()
        at = int(len(data) * where)
        (plan / name).write_bytes(data[:at] + inserted + data[at:])

    assert_handled(validate_copy_of_minimal(splice))


@pytest.mark.slow
@MANGLES
@given(name=st.sampled_from(SOURCES), where=st.floats(0, 1))
def test_truncated_files_never_crash(name: str, where: float) -> None:
    """Any source file cut short at any byte gives exit 0 or 1 with located errors."""

    def truncate(plan: Path) -> None:
        data = (plan / name).read_bytes()
        (plan / name).write_bytes(data[: int(len(data) * where)])

    assert_handled(validate_copy_of_minimal(truncate))


def key_paths(node: Any, path: tuple = ()) -> list[tuple]:
    """The path of every mapping key in a YAML document, parents before children."""
    found: list[tuple] = []
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            found.append((*path, key))
            found += key_paths(value, (*path, key))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            found += key_paths(value, (*path, index))
    return found


def load_yaml_source(name: str) -> Any:
    """One YAML file of the minimal plan, round-trip loaded."""
    return YAML().load((FIXTURE_PLANS / "minimal" / name).read_text(encoding="utf-8"))


KEYS = [(name, path) for name in YAML_SOURCES for path in key_paths(load_yaml_source(name))]


@pytest.mark.slow
@MANGLES
@given(key=st.sampled_from(KEYS))
def test_deleted_keys_never_crash(key: tuple[str, tuple]) -> None:
    """Deleting any key of any YAML file gives exit 0 or 1 with located errors."""
    name, (*parents, last) = key

    def delete_key(plan: Path) -> None:
        document = load_yaml_source(name)
        container = document
        for step in parents:
            container = container[step]
        del container[last]
        with (plan / name).open("w", encoding="utf-8") as handle:
            YAML().dump(document, handle)

    assert_handled(validate_copy_of_minimal(delete_key))
