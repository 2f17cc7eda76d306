"""`mapgen validate` accepts the shipped table and rejects each kind of bad input at the right line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, SITES, write_csv

from mapgen.cli import main
from mapgen.read import read_sources, read_table
from mapgen.schema import REQUIRED_COLUMNS
from mapgen.validate import validate

BUTOVO = {
    "site_id": "butovo", "name": "Butovo firing range", "lat": "55.5448", "lon": "37.5850", "precision": "site",
    "country": "RU", "start_year": "1937", "end_year": "1938", "category": "execution_burial_site",
    "quote": "From August 1937 through October 1938, more than 20,000 people were shot and buried there.",
    "source": "002_0f1de8c70af6e04c.txt", "line": "117",
}
DEMMIN = {
    "site_id": "demmin", "name": "Demmin", "lat": "53.90762", "lon": "13.03142", "precision": "settlement",
    "country": "DE", "start_year": "1945", "end_year": "1945", "category": "massacre_war_crime",
    "quote": "BUTOVO-PLACEHOLDER", "source": "001_3c8410ed9ff33dd3.txt", "line": "1", "geonames_id": "2938284",
}


def run(tmp_path: Path, seeds: Path, rows: list[dict[str, str]], gazetteer, header=None) -> list[str]:
    path = write_csv(tmp_path / "t.csv", rows, header)
    table = read_table(path)
    return [str(p) for p in validate(table, seeds, read_sources(seeds), gazetteer)]


def demmin_row() -> dict[str, str]:
    """A Demmin claim whose quote is taken from the seed itself, so only the mutation under test fails."""
    lines = (SEEDS / DEMMIN["source"]).read_text(encoding="utf-8").split("\n")
    n = next(i for i, t in enumerate(lines, 1) if "Demmin" in t)
    return dict(DEMMIN, quote=lines[n - 1].strip(), line=str(n))


def test_shipped_table_is_valid(gazetteer):
    table = read_table(SITES)
    assert validate(table, SEEDS, read_sources(SEEDS), gazetteer) == []


def test_cli_summary_and_exit_code():
    out = subprocess.run([sys.executable, "-m", "mapgen", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "OK:" in out.stdout and "claims at" in out.stdout and "sites" in out.stdout


def test_good_rows_pass(tmp_path, seeds, gazetteer):
    assert run(tmp_path, seeds, [BUTOVO, demmin_row()], gazetteer) == []


@pytest.mark.parametrize("column,value,expect", [
    ("lat", "95", "lat: 95.0 is outside -90..90"),
    ("lon", "east", "lon: 'east' is not a decimal number"),
    ("start_year", "1899", "start_year: 1899 is outside"),
    ("end_year", "1936", "end_year: 1936 is before start_year 1937"),
    ("category", "execution", "category: 'execution' is not a category"),
    ("precision", "exact", "precision: 'exact' is not a precision"),
    ("country", "SU", "country: 'SU' is not an ISO 3166-1 alpha-2 code"),
    ("site_id", "Butovo Range", "site_id: 'Butovo Range' is not a lowercase slug"),
    ("quote", "From August 1937 through October 1938, more than 30,000 people were shot.",
     "quote: not found on line 117"),
    ("quote", "From August 1937 ... buried there.", "quote: contains an ellipsis"),
    ("line", "116", "quote: not found on line 116 of 002_0f1de8c70af6e04c.txt; it stands on line 117"),
    ("line", "9999", "line: 9999 is outside"),
    ("source", "../seeds/002_0f1de8c70af6e04c.txt", "source: '../seeds/002_0f1de8c70af6e04c.txt' is not a file inside"),
    ("source", "/etc/passwd", "source: '/etc/passwd' is not a file inside"),
    ("country", "UA", "is 1 km outside UA"),
])
def test_bad_value_is_reported_at_its_line(tmp_path, seeds, gazetteer, column, value, expect):
    bad = dict(BUTOVO, **{column: value})
    problems = run(tmp_path, seeds, [demmin_row(), bad], gazetteer)
    assert problems, "the bad row was accepted"
    assert any(p.startswith(f"{tmp_path / 't.csv'}:3: ") for p in problems), problems
    if column == "country" and value == "UA":
        assert any("km outside UA" in p and "lies in RU" in p for p in problems), problems
    else:
        assert any(expect in p for p in problems), problems


def test_swapped_coordinates(tmp_path, seeds, gazetteer):
    bad = dict(BUTOVO, lat=BUTOVO["lon"], lon=BUTOVO["lat"])
    problems = run(tmp_path, seeds, [bad], gazetteer)
    assert any(":2: lat:" in p and "outside RU" in p for p in problems), problems


def test_settlement_far_from_its_geonames_record(tmp_path, seeds, gazetteer):
    far = dict(demmin_row(), lat="53.60", lon="13.60")  # about 50 km south-east of Demmin, still in Germany
    problems = run(tmp_path, seeds, [far], gazetteer)
    assert any(":2: lat:" in p and "from GeoNames 2938284 Demmin" in p for p in problems), problems


def test_settlement_without_id_far_from_same_named_place(tmp_path, seeds, gazetteer):
    row = demmin_row()
    del row["geonames_id"]
    far = dict(row, lat="53.60", lon="13.60")
    problems = run(tmp_path, seeds, [far], gazetteer)
    assert any(":2: lat:" in p and "GeoNames has Demmin" in p for p in problems), problems


def test_unknown_geonames_id(tmp_path, seeds, gazetteer):
    problems = run(tmp_path, seeds, [dict(demmin_row(), geonames_id="1")], gazetteer)
    assert any(":2: geonames_id: 1 is not in the offline gazetteer" in p for p in problems), problems


def test_rows_of_one_site_must_agree(tmp_path, seeds, gazetteer):
    second = dict(BUTOVO, lat="55.60", quote="In 2007, one such site, the Butovo firing range near Moscow, "
                  "was turned into a shrine to the victims of Stalinism.", category="memorial",
                  start_year="2007", end_year="2007")
    problems = run(tmp_path, seeds, [BUTOVO, second], gazetteer)
    assert problems == [f"{tmp_path / 't.csv'}:3: lat: '55.60' differs from '55.5448' on line 2 for site "
                        "'butovo'; one site, one lat"]


def test_missing_and_misordered_columns(tmp_path, seeds, gazetteer):
    header = [c for c in REQUIRED_COLUMNS if c != "quote"]
    problems = run(tmp_path, seeds, [BUTOVO], gazetteer, header=header)
    assert problems == [f"{tmp_path / 't.csv'}:1: quote: required column is missing from the header"]
    header = ["name", "site_id", *REQUIRED_COLUMNS[2:]]
    problems = run(tmp_path, seeds, [BUTOVO], gazetteer, header=header)
    assert any("in this order" in p for p in problems)


def test_unknown_column_is_named(tmp_path, seeds, gazetteer):
    header = [*REQUIRED_COLUMNS, "remembrence"]
    problems = run(tmp_path, seeds, [dict(BUTOVO, remembrence="30 October")], gazetteer, header=header)
    assert problems == [f"{tmp_path / 't.csv'}:1: remembrence: unknown column (did you mean 'remembrance'?)"]


def test_flag_needs_reason(tmp_path, seeds, gazetteer):
    header = [*REQUIRED_COLUMNS, "flag", "flag_reason"]
    problems = run(tmp_path, seeds, [dict(BUTOVO, flag="dubious", flag_reason="")], gazetteer, header=header)
    assert any(":2: flag_reason:" in p for p in problems)
    problems = run(tmp_path, seeds, [dict(BUTOVO, flag="wrong", flag_reason="x")], gazetteer, header=header)
    assert any(":2: flag: 'wrong' is not a flag" in p for p in problems)


def test_symlink_out_of_seeds_is_refused(tmp_path, seeds, gazetteer):
    outside = tmp_path / "outside.txt"
    outside.write_text(BUTOVO["quote"] + "\n", encoding="utf-8")
    (seeds / "link.txt").symlink_to(outside)
    problems = run(tmp_path, seeds, [dict(BUTOVO, source="link.txt", line="1")], gazetteer)
    assert any(":2: source: 'link.txt' is not a file inside" in p for p in problems), problems


@pytest.mark.parametrize("content,expect", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (",".join(REQUIRED_COLUMNS).encode() + b"\nbutovo,\xff\xfe,1\n", ":2: not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":1: not UTF-8"),
    (",".join(REQUIRED_COLUMNS).encode() + b"\nbut\x00ovo\n", ":2: contains a NUL byte"),
    (",".join(REQUIRED_COLUMNS).encode() + b'\nbutovo,"Butovo\n', "not valid CSV"),
    (",".join(REQUIRED_COLUMNS).encode() + b"\nbutovo,Butovo\n", ":2: has 2 fields, the header has 12"),
])
def test_unreadable_files_give_one_clear_error(tmp_path, capsys, content, expect):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert main(["validate", "--sites", str(path), "--seeds", str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert expect in err and str(path) in err
    assert "Traceback" not in err


def test_missing_files(tmp_path, capsys):
    assert main(["validate", "--sites", str(tmp_path / "nope.csv"), "--seeds", str(SEEDS)]) == 1
    assert "nope.csv: table not found" in capsys.readouterr().err
    assert main(["validate", "--sites", str(SITES), "--seeds", str(tmp_path / "noseeds")]) == 1
    assert "seeds directory not found" in capsys.readouterr().err


def test_problems_end_with_a_count(tmp_path, seeds, capsys):
    path = write_csv(tmp_path / "t.csv", [dict(BUTOVO, lat="x"), dict(BUTOVO, category="y")])
    assert main(["validate", "--sites", str(path), "--seeds", str(seeds)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"{len(err) - 1} problems found"
    assert err[0].startswith(f"{path}:2: lat:")


def test_mentions_lists_uncovered_places_in_running_text_only(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.csv").write_text("file,title,origin,licence,url\nt.txt,Test text,Here,CC0,\n", encoding="utf-8")
    (seeds / "t.txt").write_text(
        "In 1945 many inhabitants of Demmin died.{{cite book |location=Minsk |title=Harbin}}\n"
        "- {{cite book |title=Vilnius in history}}\n"
        "The camp at Vorkuta held prisoners; Columbus and Springfield lie far from these events.\n", encoding="utf-8")
    table = write_csv(tmp_path / "sites.csv", [{
        "site_id": "vorkuta", "name": "Vorkuta", "lat": "67.50867", "lon": "64.0667", "precision": "settlement",
        "country": "RU", "start_year": "1932", "end_year": "1962", "category": "camp_prison_exile",
        "quote": "The camp at Vorkuta held prisoners", "source": "t.txt", "line": "3"}])
    assert main(["mentions", "--sites", str(table), "--seeds", str(seeds), "--min-population", "1000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["t.txt:1: Demmin (GeoNames 2938284) has no claim from this source"]
    # another country list widens the net
    assert main(["mentions", "--sites", str(table), "--seeds", str(seeds), "--countries", "US"]) == 0
    assert "Columbus" in capsys.readouterr().out


def test_gazetteer_shortcuts_agree_with_the_full_index():
    """Ids and names are looked up in the raw GeoNames file (a validation needs a few dozen); past a
    threshold they switch to indexes. Every path must give the same places."""
    from mapgen.gazetteer import Gazetteer

    ids = [524901, 2938284, 625144, 545782, 709161, 1529102, 3530139, 999999999]
    names = [("Demmin", "DE"), ("demmin", "DE"), ("Zolochiv", "UA"), ("Grishino", "UA"), ("Москва", "RU"),
             ("Gdańsk", "PL"), ("GDAŃSK", "PL"), ("Kautla", "EE")]
    few, many, full = Gazetteer(), Gazetteer(), Gazetteer()
    many.RAW_ID_SEARCHES = many.RAW_NAME_SEARCHES = 0
    for gid in ids:
        assert few.place(gid) == many.place(gid) == full.places.get(gid)
    assert few.place(524901).name == "Moscow" and few.place(999999999) is None
    for name, country in names:
        want = sorted(p.geonames_id for p in full._by_name.get((country, name.casefold()), []))
        assert sorted(p.geonames_id for p in few.named(name, country)) == want, name
        assert sorted(p.geonames_id for p in many.named(name, country)) == want, name
    assert [p.geonames_id for p in few.named("Demmin", "DE")] == [2938284]
