"""The build cache's digest of a folder (output/cache.py): every file, its path and content, in the
order paths sort, whatever the names, links and special files in it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from plancraft.output.cache import PACKAGE_DIR, _hash_tree


def pathlib_digest(root: Path, label: str, skip: tuple[str, ...] = ()) -> str:
    """The digest as the first build cache made it, walking with pathlib (the reference)."""
    digest = hashlib.sha256()
    files = sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.relative_to(root).parts[0] not in skip
    )
    for path in files:
        digest.update(f"{label}/{path.relative_to(root)}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tree_digest(root: Path, label: str, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    _hash_tree(digest, root, label, skip)
    return digest.hexdigest()


def test_the_digest_of_an_awkward_folder_is_the_one_pathlib_gave(tmp_path: Path) -> None:
    """Names that sort differently as strings and as paths (a-b/x, a/x), links to a file, to a
    folder and to nothing, a pipe, __pycache__ folders and files, a skipped folder or file at the top
    and the same name deeper down: the same digest, so no cache made before is invalidated."""
    root = tmp_path / "plan"
    for folder in ("a", "a-b", "monitoring", "x/monitoring", "__pycache__", "d/__pycache__", "é"):
        (root / folder).mkdir(parents=True)
    for number, name in enumerate(
        [
            "a/x",
            "a-b/x",
            "monitoring/y",
            "x/monitoring/z",
            "__pycache__/p",
            "d/__pycache__/q",
            "é/f",
            "A",
            "b.txt",
            "__pycache__x",
            "empty",
        ]
    ):
        (root / name).write_text(str(number) * number)
    (root / "d" / "to-file").symlink_to("../a/x")
    (root / "d" / "to-folder").symlink_to("../a")
    (root / "d" / "to-nothing").symlink_to("nowhere")
    (root / "rounds").write_text("a top-level file named as a skipped folder")
    (root / "x" / "rounds").symlink_to("../a/x")
    os.mkfifo(root / "d" / "pipe")
    for skip in ((), ("monitoring", "rounds"), ("rounds",)):
        assert tree_digest(root, "plan", skip) == pathlib_digest(root, "plan", skip)
    assert tree_digest(root, "plan") != tree_digest(root, "plan", ("monitoring",))


def test_the_digest_of_the_package_is_the_one_pathlib_gave() -> None:
    assert tree_digest(PACKAGE_DIR, "code") == pathlib_digest(PACKAGE_DIR, "code")
