"""A build replaces only what an earlier build wrote; embed and visit write only plain files; every command
answers bad options with a message; nothing from data reaches the terminal as an escape sequence."""

from __future__ import annotations

import gc
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import SEEDS, SITES

from mapgen.cli import main

MANIFEST = "mapgen-manifest.txt"  # what a build writes to know its own files again


def tree(directory: Path) -> dict[str, bytes | str]:
    """Every entry below `directory`: file contents, or the kind of anything else."""
    found: dict[str, bytes | str] = {}
    for p in sorted(directory.rglob("*")):
        rel = str(p.relative_to(directory))
        mode = p.lstat().st_mode
        found[rel] = p.read_bytes() if stat.S_ISREG(mode) else ("dir" if stat.S_ISDIR(mode) else oct(mode))
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A curator's project folder: the table, the seeds, and work of their own."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(SITES, root / "sites.csv")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notes.txt").write_text("years of work")
    return root


def build(project: Path, out: Path | str, *extra: str) -> int:
    return main(["build", "--sites", str(project / "sites.csv"), "--seeds", str(project / "seeds"),
                 "--out", str(out), *extra])


def test_a_website_folder_keeps_its_files(tmp_path, project, capsys):
    """A group's website folder lost everything but the map: now its own index.html stops the build, named."""
    site = tmp_path / "website"
    (site / "blog").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Our society</h1>")
    (site / "minutes.txt").write_text("minutes")
    (site / "blog" / "post.html").write_text("post")
    before = tree(site)
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert "index.html" in err and "not written by mapgen" in err
    assert tree(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_map_beside_other_files_leaves_them_alone(tmp_path, project):
    """Without a clash the map is written beside the user's files, and every rebuild keeps them."""
    out = tmp_path / "out"
    (out / "blog").mkdir(parents=True)
    (out / "minutes.txt").write_text("minutes")
    (out / "blog" / "post.html").write_text("post")
    assert build(project, out) == 0
    manifest = (out / MANIFEST).read_text().splitlines()
    assert "index.html" in manifest and "minutes.txt" not in manifest
    assert build(project, out, "--self-contained") == 0
    assert build(project, out) == 0
    assert (out / "minutes.txt").read_text() == "minutes"
    assert (out / "blog" / "post.html").read_text() == "post"
    assert not (out / "assets" / "leaflet.js").exists(), "files of the previous build that this one lacks go"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [], "temporary folders were left"


def test_the_readme_embed_workflow_survives_a_rebuild(tmp_path, project, capsys):
    out = tmp_path / "output"
    assert build(project, out, "--self-contained") == 0
    args = ["--sites", str(project / "sites.csv"), "--seeds", str(project / "seeds")]
    assert main(["embed", "--category", "memorial", "--out", str(out / "memorials.html"),
                 "--png", str(out / "memorials.png"), *args]) == 0
    embed = (out / "memorials.html").read_bytes()
    assert build(project, out, "--self-contained") == 0
    assert (out / "memorials.html").read_bytes() == embed
    assert (out / "memorials.png").is_file()
    capsys.readouterr()
    assert main(["embed", "--out", str(out / "index.html"), *args]) == 1, "an embed must not take a build's file"
    assert "written by `mapgen build`" in capsys.readouterr().err


def test_stale_files_go_but_only_those_of_the_previous_build(tmp_path, project):
    out = tmp_path / "out"
    assert build(project, out) == 0
    (out / "period" / "gone.html").write_text("from an older build")
    (out / "period" / "mine.html").write_text("the user's")
    with (out / MANIFEST).open("a") as fh:
        fh.write("period/gone.html\nold/only.html\n")
    (out / "old").mkdir()
    (out / "old" / "only.html").write_text("older build")
    assert build(project, out) == 0
    assert not (out / "period" / "gone.html").exists() and not (out / "old").exists()
    assert (out / "period" / "mine.html").read_text() == "the user's"
    # a listed path the user has since put behind a link leads to their files: they stay
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "only.html").write_text("the user's, through a link")
    (out / "old").symlink_to(docs)
    with (out / MANIFEST).open("a") as fh:
        fh.write("old/only.html\n")
    assert build(project, out) == 0
    assert (docs / "only.html").read_text() == "the user's, through a link"


def test_a_manifest_pointing_outside_is_refused(tmp_path, project, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text("../project/sites.csv\n")
    before = tree(tmp_path)
    assert build(project, out) == 1
    assert "not a path inside the map" in capsys.readouterr().err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("where", [".", "..", "seeds", "seeds/maps"])
def test_out_may_not_be_an_input_folder_or_above(project, where, capsys, monkeypatch):
    """--out pointed at a project folder deleted its seeds/ and overwrote its sites.csv."""
    monkeypatch.chdir(project)
    before = tree(project.parent)
    assert main(["build", "--out", where]) == 1
    assert "input" in capsys.readouterr().err
    assert tree(project.parent) == before


def test_out_through_a_symlink_and_on_another_filesystem(tmp_path, project):
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(real)
    assert build(project, link) == 0
    assert link.is_symlink() and (real / "index.html").is_file() and (real / "keep.txt").read_text() == "keep"
    shm = Path("/dev/shm")
    other = shm / f"mapgen-test-{os.getpid()}" if shm.is_dir() else tmp_path / "same-fs"
    try:
        assert build(project, other) == 0
        assert build(project, other) == 0
        assert (other / "index.html").is_file()
    finally:
        shutil.rmtree(other, ignore_errors=True)


def test_failure_while_swapping_file_by_file_restores_everything(tmp_path, project, monkeypatch, capsys):
    out = tmp_path / "out"
    assert build(project, out) == 0
    (out / "mine.txt").write_text("the user's")
    before = tree(out)
    real_rename = os.rename
    count = {"n": 0}

    def rename(src, dst):
        if ".mapgen-new-" in str(src):
            count["n"] += 1
            if count["n"] == 5:
                raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    assert build(project, out) == 1
    monkeypatch.undo()
    assert "No space left on device" in capsys.readouterr().err
    assert tree(out) == before


def special_files(tmp_path: Path) -> list[Path]:
    """A FIFO, a socket-free stand-in for devices (a real device node when running as root)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = [fifo, tmp_path]
    if os.geteuid() == 0:
        dev = tmp_path / "null"
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        found.append(dev)
    return found


def test_embed_and_visit_write_only_regular_files(tmp_path, capsys):
    """As root, `embed --out /dev/null` replaced the device node with a regular file."""
    args = ["--sites", str(SITES), "--seeds", str(SEEDS)]
    for target in special_files(tmp_path):
        mode = target.lstat().st_mode
        assert main(["embed", "--out", str(target), *args]) == 1
        assert main(["embed", "--out", str(tmp_path / "e.html"), "--png", str(target), *args]) == 1
        assert target.lstat().st_mode == mode, f"{target} was replaced"
        err = capsys.readouterr().err
        assert "name a regular file" in err or "output path" in err
    assert not (tmp_path / "e.html").exists(), "nothing is written unless every target is fine"
    afile = tmp_path / "plain.txt"
    afile.write_text("x")
    assert main(["visit", "butovo", "--out", str(afile), *args]) == 1
    assert "is a file, not a directory" in capsys.readouterr().err
    assert main(["embed", "--out", str(tmp_path / "missing" / "x.html"), *args]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["visit", "butovo", "--out", str(tmp_path / "a" / "b"), *args]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["visit", "butovo", "--out", str(tmp_path / "trip"), *args]) == 0
    assert main(["visit", "butovo", "kurapaty", "--out", str(tmp_path / "trip"), *args]) == 0
    assert main(["embed", "--out", str(SITES), *args]) == 1
    assert "is an input" in capsys.readouterr().err


def test_build_switches_the_collector_back_on(tmp_path):
    assert gc.isenabled()
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / "o")]) == 0
    assert gc.isenabled(), "a program calling main() must keep its cyclic garbage collector"


ESC = "\x1b]0;owned\x07\x1b[2J"


def test_escape_sequences_never_reach_the_terminal(tmp_path, project, capsys):
    """A crafted file name or site name must not drive the reader's terminal."""
    bad = tmp_path / f"table{ESC}.csv"
    bad.write_text("site_id\n")
    assert main(["validate", "--sites", str(bad), "--seeds", str(project / "seeds")]) == 1
    seed = next(p for p in sorted((project / "seeds").glob("*.txt")))
    renamed = seed.with_name(f"x{ESC}.txt")
    seed.rename(renamed)
    for f in ("sites.csv", "seeds/sources.csv"):
        path = project / f
        path.write_text(path.read_text(encoding="utf-8").replace(seed.name, renamed.name), encoding="utf-8")
    main(["mentions", "--sites", str(project / "sites.csv"), "--seeds", str(project / "seeds")])
    main(["visit", "butovo", "--out", str(tmp_path / f"trip{ESC}"), "--title", f"t{ESC}",
          "--sites", str(SITES), "--seeds", str(SEEDS)])
    out = capsys.readouterr()
    assert out.out + out.err, "the commands said nothing"
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err


BATTERY = [
    ["validate", "--sites", "/nonexistent/sites.csv"],
    ["validate", "--seeds", "/nonexistent"],
    ["validate", "--sites", "/dev/null"],
    ["build", "--out", "/dev/null"],
    ["build", "--out", "/"],
    ["build", "--out", "/nonexistent/a/b"],
    ["build", "--frobnicate"],
    ["visit"],
    ["visit", "nowhere-at-all"],
    ["visit", "butovo", "--start", "95,200"],
    ["visit", "butovo", "--start", "abc"],
    ["visit", "butovo", "--out", "/dev/null"],
    ["visit", "butovo", "--title", "bad \udcff byte", "--out", "{tmp}/v"],
    ["embed"],
    ["embed", "--out", "{tmp}/e.html", "--period", "nope"],
    ["embed", "--out", "{tmp}/e.html", "--category", "nope"],
    ["embed", "--out", "{tmp}/e.html", "--site", "nope"],
    ["embed", "--out", "{tmp}/e.html", "--title", "bad \udcff byte"],
    ["embed", "--out", "{tmp}/e.html", "--link-base", "bad \udcfe"],
    ["embed", "--out", "{tmp}"],
    ["embed", "--out", "{tmp}/e.html", "--png", "{tmp}"],
    ["embed", "--out", "{tmp}/e.html", "--png", "{tmp}/e.html"],
    ["mentions", "--min-population", "many"],
    ["nonsense"],
    [],
]


@pytest.mark.parametrize("argv", BATTERY, ids=lambda a: " ".join(a)[:60] or "no-arguments")
def test_every_command_answers_bad_options_with_a_message(argv, tmp_path, capsys):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if argv and argv[0] in ("validate", "visit", "embed", "mentions", "build"):
        for option, default in (("--sites", SITES), ("--seeds", SEEDS)):
            if option not in argv:
                argv += [option, str(default)]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2 with a message
        code = exc.code
    assert code not in (0, None)
    err = capsys.readouterr().err
    assert err.strip(), "no message"
    assert "Traceback" not in err
    assert not (tmp_path / "e.html").exists()
