"""The package installs like any other: a wheel with its schemas and templates, run from another folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_PLANS, PLANS, PROJECT


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.mark.packaging
@pytest.mark.pdf
def test_the_wheel_installs_and_validates_and_builds_from_another_folder(tmp_path: Path) -> None:
    tracked = _run(
        "git", "ls-files", "pyproject.toml", "README.md", "src", cwd=PROJECT
    ).stdout.split()
    tree = tmp_path / "tree"
    for name in tracked:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, tree / name)
    built = _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        tmp_path / "wheel",
        tree,
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "wheel").glob("plancraft-*.whl"))

    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    # The dependencies come from the test environment; plancraft itself only from the wheel.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        env / "bin" / "python",
        "install",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "elsewhere"
    shutil.copytree(FIXTURE_PLANS / "minimal", work / "plans" / "minimal")
    shutil.copytree(PLANS / "zhushan", work / "plans" / "zhushan")
    where = _run(
        env / "bin" / "python", "-c", "import plancraft; print(plancraft.__file__)", cwd=work
    )
    assert where.stdout.startswith(str(env)), where.stdout + where.stderr
    validated = _run(env / "bin" / "plancraft", "validate", cwd=work)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    built_plans = _run(env / "bin" / "plancraft", "build", "-o", "dist", "--jobs", "1", cwd=work)
    assert built_plans.returncode == 0, built_plans.stdout + built_plans.stderr
    for slug in ("minimal", "zhushan"):
        assert (work / "dist" / f"{slug}.html").stat().st_size > 10_000
        assert (work / "dist" / f"{slug}.pdf").read_bytes().startswith(b"%PDF")
    schema = _run(env / "bin" / "plancraft", "schema", "plan", cwd=work)
    assert schema.returncode == 0 and '"$schema"' in schema.stdout
    chinese = _run(env / "bin" / "plancraft", "--lang", "zh", "validate", cwd=work)
    assert chinese.returncode == 0 and "共 2 个规划" in chinese.stdout, "no Chinese catalog"
