"""Write a build atomically: into a temporary sibling directory, swapped in only when complete.

A failed build (bad table, an exception halfway, a full disk) leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .read import InputError, Problem


def check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), 0, "", "output path is a file, not a directory; pass --out DIR")])
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise InputError([Problem(str(out), 0, "", "directory is not empty and holds no earlier map (index.html); "
                                  "a build replaces its whole --out directory, so pick a new or empty one")])
    parent = out.resolve().parent
    if not parent.is_dir():
        raise InputError([Problem(str(out), 0, "", f"parent directory {parent} does not exist")])
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError([Problem(str(out), 0, "", f"no permission to write in {parent}")])


def write_tree(out: Path, files: Iterable[tuple[str, bytes | Iterable[bytes]]],
               before_swap: Callable[[], None] = lambda: None) -> int:
    """Write (relative path, content) pairs as the new content of `out`; return the number of files.
    Content is bytes, or an iterable of byte chunks so that large files never sit whole in memory.
    `before_swap` may raise to keep the previous output (the build's validation, finishing meanwhile)."""
    check_target(out)
    parent = out.resolve().parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
    old = None
    try:
        n = 0
        for rel, content in files:
            path = tmp / rel
            if path.resolve().parent != tmp.resolve() and tmp.resolve() not in path.resolve().parents:
                raise ValueError(f"refusing to write outside the output directory: {rel}")
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                if isinstance(content, bytes):
                    fh.write(content)
                else:
                    fh.writelines(content)
            n += 1
        os.chmod(tmp, 0o755)
        before_swap()
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
            os.rename(out, old / "previous")
        os.rename(tmp, out)
    except BaseException:
        if old is not None and (old / "previous").exists() and not out.exists():
            os.rename(old / "previous", out)
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return n


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write finished files next to other content (a visit folder, an embed file): each appears whole or not
    at all, and nothing is written unless every file was rendered first."""
    for path, _ in files:
        if path.exists() and path.is_dir():
            raise InputError([Problem(str(path), 0, "", "is a directory; name a file")])
        parent = path.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise InputError([Problem(str(path), 0, "", f"no permission to write in {parent}")])
    for path, content in files:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
