"""Two languages: every message has a Chinese translation; each command speaks the one asked for."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from plancraft import i18n
from plancraft.cli import main
from tests.conftest import FIXTURE_PLANS, PLANS, PROJECT, edit

PACKAGE = PROJECT / "src" / "plancraft"
CATALOG = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:![rsa])?(?::[^{}]*)?\}|%\((\w+)\)[sd]")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z_]*(?:[-.][A-Za-z0-9_]+)*")
ALLOWED_IN_ZH = {
    # names, formats, tools and the YAML keys a message quotes
    "plancraft",
    "HEAD",
    "git",
    "html",
    "HTML",
    "PDF",
    "pdf",
    "docx",
    "json",
    "yaml",
    "md",
    "YAML",
    "Markdown",
    "baseline",
    "target",
    "nature",
    "unit",
    "name",
    "parent",
    "id",
    "text",
    "box",
    "run-in",
    "ok",
    "U",
    "Ctrl-C",
    "parts",
    "chapters",
    "background",
    "requirements",
    "tasks",
    "safeguards",
    "http",
    "docs",
    "zip",
    "xlsx",
    "csv",
    "Word",
    "DTD",
    "XML",
    "PLAN_DIR",
    "notes",  # the import option --notes
}


def _messages() -> Iterator[tuple[str | tuple[str, str], int]]:
    """Every message Babel extracts from the package, as (msgid or (singular, plural), line)."""
    for _file, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS
    ):
        yield message, line


def _catalog():
    with (CATALOG / "plancraft.po").open("rb") as handle:
        return read_po(handle)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER_RE.findall(text)}


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    catalog = _catalog()
    problems = []
    for message, _line in _messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        if entry is None:
            problems.append(f"not in the catalog (run make messages): {key!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {key!r}")
            continue
        wanted = (
            set().union(*(_placeholders(part) for part in message))
            if isinstance(message, tuple)
            else _placeholders(message)
        )
        for string in strings:
            found = _placeholders(string)
            if (found != wanted) if not isinstance(message, tuple) else not found <= wanted:
                problems.append(
                    f"placeholders differ: {key!r} has {sorted(wanted)}, "
                    f"{string!r} has {sorted(found)}"
                )
    assert not problems, "\n".join(problems)
    assert len(list(_messages())) > 300


def test_the_compiled_catalog_matches_the_po_file() -> None:
    catalog = _catalog()
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    fresh.seek(0)
    with (CATALOG / "plancraft.mo").open("rb") as handle:
        shipped = read_mo(handle)
    compiled = read_mo(fresh)

    def contents(catalog) -> dict:
        return {
            m.id if isinstance(m.id, str) else tuple(m.id): m.string
            if isinstance(m.string, str)
            else tuple(m.string)
            for m in catalog
            if m.id
        }

    assert contents(shipped) == contents(compiled), "plancraft.mo is stale: run make messages"


@pytest.mark.parametrize(
    ("environ", "argv", "language"),
    [
        ({}, [], "en"),
        ({"LANG": "zh_CN.UTF-8"}, [], "zh"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, [], "zh"),
        ({"LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8"}, [], "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}, [], "zh"),
        ({"LANG": "zh_CN.UTF-8"}, ["--lang", "en", "validate"], "en"),
        ({}, ["validate", "--lang=zh"], "zh"),
        ({}, ["--lang", "fr"], "en"),
    ],
)
def test_language_comes_from_lang_then_the_locale(
    environ: dict, argv: list[str], language: str
) -> None:
    assert i18n.language_from(environ, argv) == language


def test_the_locale_and_lang_choose_the_language_of_a_real_process(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "plancraft.cli", "--help"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert (
        "将以 YAML 和 Markdown 编写的五年规划编译为 HTML 和 PDF" in done.stdout
        and "选项" in done.stdout
    )
    done = subprocess.run(
        [sys.executable, "-m", "plancraft.cli", "validate", "--help", "--lang", "en"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert "Treat warnings as errors." in done.stdout and "将警告" not in done.stdout


# ---------------------------------------------------------------- each command in both languages


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def broken(scratch: Path) -> Path:
    """The minimal plan with a reference to an id that is not there."""
    edit(scratch / "text" / "background.md", "[@t-facilities]", "[@t-facilitie]")
    return scratch


def test_validate_speaks_chinese_with_the_same_codes(broken: Path) -> None:
    code, output = _run("--lang", "zh", "validate", str(broken))
    assert code == 1
    assert re.search(
        r"background\.md:\d+:\d+: 错误: 引用了不存在的编号 't-facilitie'"
        r"（是否想写 't-facilities'？）",
        output,
    ), output
    assert "共 1 个规划：1 个错误" in output
    _one_language_zh(output, broken)
    code, output = _run("validate", str(broken), "--format", "json", "--lang", "zh")
    [found] = [d for d in json.loads(output)["diagnostics"] if d["severity"] == "error"]
    assert (found["code"], found["message"], found["hint"]) == (
        "unknown-ref",
        "引用了不存在的编号 't-facilitie'",
        "是否想写 't-facilities'？",
    )
    code, output = _run("validate", str(broken), "--format", "json")
    [found] = [d for d in json.loads(output)["diagnostics"] if d["severity"] == "error"]
    assert (found["code"], found["message"]) == (
        "unknown-ref",
        "reference to unknown id 't-facilitie'",
    )


def test_yaml_errors_speak_chinese(scratch: Path) -> None:
    edit(scratch / "indicators.yaml", "unit:", "unit: %\n    junk:")
    code, output = _run("--lang", "zh", "validate", str(scratch))
    assert code == 1 and "YAML 语法错误" in output, output
    _one_language_zh(output, scratch)


def test_build_speaks_the_language_asked_for_and_caches_per_language(
    broken: Path, scratch: Path
) -> None:
    code, output = _run("--lang", "zh", "build", str(broken), "-o", "out", "--format", "html")
    assert code == 1 and "构建失败" in output and "已保留此前的输出" in output, output
    edit(broken / "text" / "background.md", "[@t-facilitie]", "[@t-facilities]")
    edit(broken / "text" / "background.md", "长足", "【待填写】长足")
    code, output = _run("--lang", "zh", "build", str(broken), "-o", "out", "--format", "html", "-v")
    assert (
        code == 0 and "已构建" in output and "正在构建 1 个规划" in output and "加载" in output
    ), output
    assert "占位内容 【待填写】 尚未填写" in output
    code, output = _run("--lang", "zh", "build", str(broken), "-o", "out", "--format", "html")
    assert "已是最新" in output and "占位内容 【待填写】 尚未填写" in output
    code, output = _run("build", str(broken), "-o", "out", "--format", "html")
    assert "built" in output and "placeholder 【待填写】 is still to be written" in output, (
        "a warning recorded in Chinese is not replayed to an English build"
    )


def test_new_and_schema_speak_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run("--lang", "zh", "new", "haidian")
    assert code == 0 and "已创建 plans/haidian" in output and "处占位内容待填写" in output, output
    code, output = _run("new", "Bad_Name", "--lang", "zh")
    assert code == 2 and "不是有效的规划代号" in output and "错误：" in output, output
    code, output = _run("--lang", "zh", "schema", "-o", "schemas")
    assert code == 0 and "已写入 schemas/plan.schema.json" in output
    code, output = _run("--lang", "zh", "schema", "--help")
    assert "用法:" in output and "将全部结构定义写入此目录" in output
    code, output = _run("--lang", "en", "schema", "--help")
    assert "Usage:" in output and "Write every schema" in output and not CJK_RE.search(output)


def test_import_speaks_chinese(tmp_path: Path) -> None:
    source = PROJECT / "tests" / "importer" / "corpus" / "chaoyang-cn-top.txt"
    code, output = _run(
        "--lang", "zh", "import", str(source), "-o", str(tmp_path / "plans" / "chaoyang")
    )
    assert "已将" in output and "处需要核对" in output, output
    assert "标题层级" in output and "heading levels" not in output
    _one_language_zh(output, tmp_path / "plans" / "chaoyang")
    code, output = _run(
        "import", str(source), "-o", str(tmp_path / "plans" / "chaoyang"), "--lang", "zh"
    )
    assert code == 2 and "已存在且不为空" in output


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/minimal committed once, then edited in the working tree: a sentence and a target."""
    plan = tmp_path / "plans" / "minimal"
    shutil.copytree(FIXTURE_PLANS / "minimal", plan)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "test@example.com")
    _git(tmp_path, "config", "user.name", "test")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first")
    edit(plan / "indicators.yaml", 'target: "≥1600"', 'target: "≥1800"')
    edit(plan / "text" / "background.md", "民政事业取得长足进步。", "民政事业取得显著进步。")
    monkeypatch.chdir(tmp_path)
    return plan


def test_diff_reports_are_in_one_language(repo: Path) -> None:
    code, text = _run("--lang", "zh", "diff")
    assert "minimal：2 处修改" in text and "目标 ≥1600 → ≥1800" in text and "段落修改" in text, text
    _one_language_zh(text, repo)
    code, page = _run("--lang", "zh", "diff", "--format", "html")
    assert "HEAD → 工作区" in page and "规划修订对照" in page and '<html lang="zh-CN">' in page
    _one_language_zh(_visible(page), repo)
    code, output = _run("--lang", "zh", "diff", "--format", "json")
    data = json.loads(output)
    assert data["new"] == "working tree" and [c["kind"] for c in data["plans"][0]["changes"]] == [
        "text",
        "indicator",
    ]
    code, text = _run("diff")
    assert (
        "minimal: 2 change(s)" in text
        and "target ≥1600 → ≥1800" in text
        and "paragraph changed" in text
    )
    _one_language_en(text, [repo, FIXTURE_PLANS / "minimal"])
    code, page = _run("diff", "--format", "html")
    assert "HEAD → working tree" in page and "Plan redline" in page
    _one_language_en(_visible(page), [repo, FIXTURE_PLANS / "minimal"])


def test_review_reports_are_in_one_language(tmp_path: Path) -> None:
    from plancraft.compile.pipeline import compile_plan
    from plancraft.output.docx import write_docx
    from tests.review.test_word import returned_file

    plan = tmp_path / "plans" / "beijing"
    shutil.copytree(PLANS / "beijing", plan)
    returned = tmp_path / "returned.docx"
    returned.write_bytes(returned_file(write_docx(compile_plan(plan).document())))
    code, text = _run("--lang", "zh", "review", str(returned), str(plan))
    assert (
        code == 0 and "对照规划 beijing 发现" in text and "修订（插入）" in text and "批注" in text
    ), text
    _one_language_zh(text, plan, extra={"returned"})
    code, page = _run("--lang", "zh", "review", str(returned), str(plan), "--format", "html")
    assert "原文或批注位置" in page
    _one_language_zh(_visible(page), plan, extra={"returned"})
    code, text = _run("review", str(returned), str(plan))
    assert "findings against plan beijing" in text and "tracked insertion" in text
    with zipfile.ZipFile(returned) as package:
        quoted = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml")
        )
    _one_language_en(text, [plan], quoted=quoted)
    code, output = _run("--lang", "zh", "review", str(PLANS / "beijing" / "plan.yaml"), str(plan))
    assert code == 1 and "错误: 不是 .docx 文件（不是 zip 压缩包）" in output


DISTRICTS = [PLANS / slug for slug in ("chaoyang", "mentougou", "tongzhou")]


def test_indicator_reports_are_in_one_language() -> None:
    args = ["indicators", "--parent", str(PLANS / "beijing"), *map(str, DISTRICTS)]
    code, text = _run("--lang", "zh", *args)
    assert (
        code == 0 and "上级规划 beijing" in text and "约束性→预期性" in text and "未采用" in text
    ), text
    _one_language_zh(text, *DISTRICTS, PLANS / "beijing")
    code, page = _run("--lang", "zh", *args, "--format", "html")
    assert "指标对照" in page and "筛选指标名称" in page and "各指标基期 → 目标" in page
    _one_language_zh(_visible(page), *DISTRICTS, PLANS / "beijing")
    code, text = _run(*args)
    assert "parent beijing" in text and "binding→expected" in text and "not adopted" in text
    _one_language_en(text, [*DISTRICTS, PLANS / "beijing"])
    code, page = _run(*args, "--format", "html")
    assert "Indicator comparison" in page and "Filter by indicator name" in page
    _one_language_en(_visible(page), [*DISTRICTS, PLANS / "beijing"])
    code, output = _run(*args, "--format", "json", "--lang", "zh")
    assert json.loads(output)["statuses"]["nature-weakened"] == "约束性→预期性"


def test_the_preview_index_and_overlay_texts_speak_chinese(minimal: Path) -> None:
    from plancraft.preview.page import index, placeholder
    from plancraft.preview.watch import PlanState

    state = PlanState(minimal, "minimal")
    with i18n.speaking("zh"):
        page = index([state]).decode()
        waiting = placeholder("minimal", 0).decode()
    assert (
        "plancraft 预览" in page
        and "<th>状态</th>" in page
        and "正常" in page
        and '<html lang="zh-CN">' in page
    )
    assert "&quot;live&quot;: &quot;实时&quot;" in page and "请修正所列错误" not in page
    assert "尚未生成" in waiting or "此规划" in waiting
    page = index([state]).decode()
    assert "plancraft preview" in page and "<th>status</th>" in page and not CJK_RE.search(page)


# ---------------------------------------------------------------- one language throughout


def _visible(html: str) -> str:
    """The text of an HTML page a reader sees, without styles, scripts and tags."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    import html as entities

    return entities.unescape(html)


def _plan_words(*roots: Path) -> tuple[str, set[str]]:
    """All source text of the plans (content a report may quote) and the ids and names it holds."""
    text = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for root in roots
        for path in sorted(Path(root).rglob("*"))
        if path.suffix in (".md", ".yaml")
    )
    names = {root.name for root in roots} | set(WORD_RE.findall(text))
    return text, names


def _one_language_zh(report: str, *roots: Path, extra: set[str] = frozenset()) -> None:
    """No English words in a Chinese report beyond ids, codes, file names and units."""
    _text, names = _plan_words(*roots)
    paths = r"[\w.-]*/[\w./-]*|\b[\w-]+\.(?:md|yaml|html|pdf|docx|json|txt)\b"
    stripped = re.sub(paths, " ", report)
    stripped = re.sub(r"\d{4}-\d\d-\d\dT[\d:]+Z", " ", stripped)  # dates
    stripped = re.sub(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b", " ", stripped)  # ids and codes
    words = set(WORD_RE.findall(stripped)) - names - ALLOWED_IN_ZH - set(extra)
    assert not words, f"English words in a Chinese report: {sorted(words)}\n{report[:2000]}"


NUMBER_LABEL_RE = re.compile(r"^[第一二三四五六七八九十百零〇章节部分表专栏年月日]+$")


def _one_language_en(report: str, roots: list[Path], quoted: str = "") -> None:
    """No Chinese in an English report beyond what it quotes from the plans (or a `quoted` file)."""
    text, _names = _plan_words(*roots)
    text += quoted
    foreign = {
        run for run in CJK_RE.findall(report) if run not in text and not NUMBER_LABEL_RE.match(run)
    }
    assert not foreign, f"Chinese words in an English report: {sorted(foreign)[:20]}"
