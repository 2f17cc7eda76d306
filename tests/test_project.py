"""A group's own map: `mapgen init`, the project file, and errors that say how to fix the input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mapgen.cli import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_validate_build_in_a_new_folder(tmp_path, capsys, monkeypatch, browser):
    code, out, _ = run(["init", str(tmp_path / "tomsk")], capsys)
    assert code == 0 and "mapgen validate" in out
    monkeypatch.chdir(tmp_path / "tomsk")
    (tmp_path / "tomsk" / "mapgen.toml").write_text('title = "Tomsk: places of memory"\nsearch_example = "Tomsk"\n'
                                                     'tiles = "none"\n', encoding="utf-8")
    assert run(["validate"], capsys)[0] == 0
    code, _, err = run(["build", "--self-contained"], capsys)
    assert code == 0, err
    page = Path("output/index.html").read_text(encoding="utf-8")
    assert "<title>Tomsk: places of memory</title>" in page and '"searchExample":"Tomsk"' in page
    assert "tile.openstreetmap.org" not in page  # the project asked for no tiles
    # only the periods and categories the table has get a page
    assert sorted(p.name for p in Path("output/period").iterdir()) == ["great-purge.html"]
    assert sorted(p.name for p in Path("output/category").iterdir()) == ["execution_burial_site.html"]
    assert "category/memorial.html" not in page
    from conftest import Visit

    v = Visit(browser, (tmp_path / "tomsk" / "output" / "index.html").as_uri())
    try:
        assert v.js("document.getElementById('mg-q').placeholder") == "Tomsk"
        assert not v.errors and not v.violations() and not v.network
    finally:
        v.close()
    code, _, _ = run(["build", "--title", "Given on the command line", "--out", "other"], capsys)
    assert code == 0 and "<title>Given on the command line</title>" in Path("other/index.html").read_text("utf-8")


def test_init_refuses_a_folder_with_files(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    code, _, err = run(["init", str(tmp_path)], capsys)
    assert code == 1 and "exists and is not an empty folder" in err
    assert os.listdir(tmp_path) == ["mine.txt"]


@pytest.mark.parametrize("text, message", [
    ('titel = "x"\n', "titel: unknown setting; the settings are"),
    ("title = 3\n", "title: must be text in quotes, not int"),
    ('lang = "xx"\n', "lang: 'xx' is not a language of the interface"),
    ('title = "x\n', "not valid TOML"),
])
def test_a_wrong_project_file_is_located(tmp_path, capsys, text, message):
    run(["init", str(tmp_path / "p")], capsys)
    (tmp_path / "p" / "mapgen.toml").write_text(text, encoding="utf-8")
    code, _, err = run(["build", "--sites", str(tmp_path / "p" / "sites.csv"), "--seeds", str(tmp_path / "p" / "seeds"),
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and str(tmp_path / "p" / "mapgen.toml") in err and message in err, err
    assert not (tmp_path / "out").exists()


def test_a_semicolon_spreadsheet_is_named_as_such(tmp_path, capsys):
    run(["init", str(tmp_path / "p")], capsys)
    table = tmp_path / "p" / "sites.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    code, _, err = run(["validate", "--sites", str(table), "--seeds", str(tmp_path / "p" / "seeds")], capsys)
    assert code == 1 and "this file uses ';' as separator" in err and "CSV UTF-8" in err
    assert err.count("\n") == 2  # one problem, not one per column and row


def test_missing_seeds_and_sources_say_what_they_are(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["validate"], capsys)
    assert code == 1 and f"{tmp_path / 'seeds'}: seeds directory not found (looked in {tmp_path})" in err
    (tmp_path / "seeds").mkdir()
    code, _, err = run(["validate"], capsys)
    assert code == 1 and f"{tmp_path / 'seeds' / 'sources.csv'}: not found" in err
    assert "file,title,origin,licence,url" in err


def test_the_project_chooses_which_maps_by_period_and_category_to_build(tmp_path, capsys):
    run(["init", str(tmp_path / "p")], capsys)
    toml = tmp_path / "p" / "mapgen.toml"
    toml.write_text('periods = []\ncategories = ["execution_burial_site", "memorial"]\n', encoding="utf-8")
    args = ["build", "--sites", str(tmp_path / "p" / "sites.csv"), "--seeds", str(tmp_path / "p" / "seeds"),
            "--out", str(tmp_path / "out")]
    assert run(args, capsys)[0] == 0
    assert not (tmp_path / "out" / "period").exists()
    assert [p.name for p in (tmp_path / "out" / "category").iterdir()] == ["execution_burial_site.html"]
    toml.write_text('periods = ["stone-age"]\n', encoding="utf-8")
    code, _, err = run(args, capsys)
    assert code == 1 and "periods: 'stone-age' is not one of" in err
