"""Write a build so that it replaces only what an earlier build wrote, and only when it is complete.

A build is rendered into a temporary directory first. A new `--out` is then renamed into place in one
step. An existing one is updated file by file: the files listed in its manifest (what the previous build
wrote) are moved aside, the new files moved in, and the manifest written; if anything fails, every move
is undone. Files mapgen did not write are never touched: a build that would overwrite one refuses and
names it. A failed build (bad table, an exception halfway, a full disk) leaves the output as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from .read import InputError, Problem, file_kind

MANIFEST = "mapgen-manifest.txt"
MANIFEST_HEADER = ("# Written by `mapgen build`: the files of this map. A later build replaces exactly these\n"
                   "# and leaves every other file in this folder alone.\n")
# Listed by name in a refusal; the rest are counted.
SHOW_AT_MOST = 8


def _problem(path: Path | str, message: str) -> InputError:
    return InputError([Problem(str(path), 0, "", message)])


def _mode(path: Path, given: Path, follow: bool = True) -> int | None:
    """The type and permission bits of `path` (of a link itself unless `follow`), None if nothing is there."""
    try:
        return (path.stat() if follow else path.lstat()).st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _problem(given, f"cannot use this path: {err.strerror}") from None


def _listing(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:SHOW_AT_MOST])
    return shown + (f" and {len(paths) - SHOW_AT_MOST} more" if len(paths) > SHOW_AT_MOST else "")


def read_manifest(out: Path) -> set[str] | None:
    """The files an earlier build wrote into `out` (its manifest among them), or None if it holds no map."""
    path = out / MANIFEST
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise _problem(path, f"is {file_kind(mode)}, not a manifest written by mapgen; move it away")
    files = {MANIFEST}
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        rel = PurePosixPath(line)
        if rel.is_absolute() or ".." in rel.parts or str(rel) != line or "\\" in line:
            raise InputError([Problem(str(path), n, "", f"{line!r} is not a path inside the map; this manifest was "
                                      "not written by mapgen, so the folder is left alone: pick another --out")])
        files.add(line)
    return files


def check_target(out: Path, inputs: Sequence[Path] = ()) -> Path:
    """The directory a build may write to, resolved; refuses what is not a folder, the folders of the `inputs`
    and any folder above them, and folders it cannot write to."""
    try:
        real = out.resolve()
    except (OSError, RuntimeError) as err:
        raise _problem(out, f"cannot resolve the output path: {err}") from None
    mode = _mode(real, out)
    if mode is not None and not stat.S_ISDIR(mode):
        raise _problem(out, f"output path is {file_kind(mode)}, not a directory; pass --out DIR")
    if mode is None and out.is_symlink():
        raise _problem(out, "is a symbolic link to nothing; remove it or pass another --out")
    for given in inputs:
        folder = given.resolve() if given.is_dir() else given.resolve().parent
        if real == folder or real in folder.parents:
            raise _problem(out, f"is the folder of the input {given} or a folder above it; a build there would "
                           "mix the map with your files: pass a folder of its own, e.g. --out output")
        if given.is_dir() and folder in real.parents:
            raise _problem(out, f"lies inside the input folder {given}; pass a folder outside it")
    parent = real.parent
    if mode is None and not parent.is_dir():
        raise _problem(out, f"parent directory {parent} does not exist; create it first")
    where = real if mode is not None else parent
    if not os.access(where, os.W_OK | os.X_OK):
        raise _problem(out, f"no permission to write in {where}")
    if mode is not None:
        read_manifest(real)  # a damaged manifest is refused before any work
    return real


def _write_into(tmp: Path, files: Iterable[tuple[str, bytes | Iterable[bytes]]]) -> list[str]:
    written = []
    root = tmp.resolve()
    for rel, content in files:
        parts = PurePosixPath(rel)
        if parts.is_absolute() or ".." in parts.parts or rel == MANIFEST:
            raise ValueError(f"refusing to write outside the output directory: {rel}")
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            if isinstance(content, bytes):
                fh.write(content)
            else:
                fh.writelines(content)
        written.append(rel)
    (root / MANIFEST).write_text(MANIFEST_HEADER + "".join(f"{rel}\n" for rel in sorted(written)), encoding="utf-8")
    return written


def _conflicts(out: Path, new: Iterable[str], ours: set[str]) -> list[str]:
    """Paths the build would write over that it did not write before (or that are no longer plain files)."""
    found = []
    for rel in [*new, MANIFEST]:
        target = out / rel
        for folder in reversed(PurePosixPath(rel).parents[:-1]):  # its folders, outermost first
            p = out / folder
            if p.is_symlink() or (p.exists() and not p.is_dir()):
                found.append(f"{folder} ({'a symbolic link' if p.is_symlink() else 'not a directory'})")
        try:
            mode = target.lstat().st_mode
        except FileNotFoundError:
            continue
        if rel not in ours:
            found.append(rel)
        elif not stat.S_ISREG(mode):
            found.append(f"{rel} (now {file_kind(mode)})")
    return list(dict.fromkeys(found))


def write_tree(out: Path, files: Iterable[tuple[str, bytes | Iterable[bytes]]],
               before_swap: Callable[[], None] = lambda: None, inputs: Sequence[Path] = ()) -> int:
    """Write (relative path, content) pairs as the new map in `out`; return the number of files.
    Content is bytes, or an iterable of byte chunks so that large files never sit whole in memory.
    `before_swap` may raise to keep the previous output (the build's validation, finishing meanwhile)."""
    real = check_target(out, inputs)
    fresh = not real.exists()
    tmp = Path(tempfile.mkdtemp(prefix=f".{real.name}.new-" if fresh else ".mapgen-new-",
                                dir=real.parent if fresh else real))
    try:
        written = _write_into(tmp, files)
        before_swap()
        if fresh:
            os.chmod(tmp, 0o755)
            os.rename(tmp, real)
            return len(written)
        ours = read_manifest(real) or set()
        clash = _conflicts(real, written, ours)
        if clash:
            them = "it" if len(clash) == 1 else "them"
            raise _problem(out, f"{_listing(clash)}: not written by mapgen (not in {MANIFEST}), so the build will "
                           f"not replace {them}: move {them} away, or pass another --out")
        _swap(real, tmp, [*written, MANIFEST], ours)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return len(written)


def _swap(out: Path, tmp: Path, new: list[str], ours: set[str]) -> None:
    """Move the previous build's files aside and the new ones in; undo every move if one fails."""
    backup = Path(tempfile.mkdtemp(prefix=".mapgen-old-", dir=out))
    moved: list[str] = []
    placed: list[str] = []
    made: list[Path] = []
    try:
        for rel in sorted(ours):
            if _plain_file(out, rel):
                (backup / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(out / rel, backup / rel)
                moved.append(rel)
        for rel in new:
            for parent in reversed((out / rel).parents):
                if parent != out and out in parent.parents and not parent.exists():
                    parent.mkdir()
                    made.append(parent)
            os.rename(tmp / rel, out / rel)
            placed.append(rel)
    except BaseException:
        for rel in reversed(placed):
            os.rename(out / rel, tmp / rel)
        for rel in reversed(moved):
            os.rename(backup / rel, out / rel)
        for folder in reversed(made):
            _rmdir_if_empty(folder)
        shutil.rmtree(backup, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)  # holds only files the previous build wrote
    for rel in sorted(set(ours) - set(new), reverse=True):  # folders emptied of stale files
        for parent in (out / rel).parents:
            if parent == out:
                break
            _rmdir_if_empty(parent)


def _plain_file(out: Path, rel: str) -> bool:
    """A regular file reached without following a link: a listed path the user has since replaced by a link
    (or put under a linked folder) leads to their files, which are not ours to move or delete."""
    path = out
    for part in PurePosixPath(rel).parts:
        path = path / part
        try:
            mode = path.lstat().st_mode
        except OSError:
            return False
        if stat.S_ISLNK(mode):
            return False
    return stat.S_ISREG(mode)


def _rmdir_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def write_files(files: list[tuple[Path, bytes]], inputs: Sequence[Path] = (), create_parent: bool = False) -> None:
    """Write finished files next to other content (a visit folder, an embed file): each appears whole or not
    at all, and nothing is written unless every target is a new path or a regular file that is not an input
    and not part of a build (a build's manifest lists its files)."""
    protected = {p.resolve() for p in inputs if p.is_file()}
    seen: set[Path] = set()
    for path, _ in files:
        parent = path.absolute().parent
        if parent.exists() and not parent.is_dir():
            raise _problem(path, f"{parent} is a file, not a directory")
        mode = _mode(path, path, follow=False)
        if mode is not None and not stat.S_ISREG(mode):
            raise _problem(path, f"is {file_kind(mode)}; name a regular file or a new path")
        real = path.resolve()
        if real in seen:
            raise _problem(path, "is named twice; give each output its own file")
        seen.add(real)
        if real in protected:
            raise _problem(path, "is an input of this command; name a new file")
        parent = real.parent
        if not parent.exists():
            if not (create_parent and parent.parent.is_dir()):
                raise _problem(path, f"directory {parent} does not exist; create it first")
        else:
            ours = read_manifest(parent) or set()
            if real.name in ours:
                raise _problem(path, f"was written by `mapgen build` (listed in {parent / MANIFEST}) and would be "
                               "replaced by the next build; name another file")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise _problem(path, f"no permission to write in {parent}")
    for path, content in files:
        parent = path.resolve().parent
        if not parent.exists():
            parent.mkdir()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path.resolve())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
