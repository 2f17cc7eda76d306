"""One schema defines every column: the CSV export, the GeoJSON and the page's data follow it, the page reads
its data by field name, and `today_source` (the first column added through it) is checked and shown."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import SEEDS, SITES, Visit, write_csv

from mapgen.cli import main
from mapgen.render.payload import CLAIM_FIELDS, SITE_FIELDS, read_column
from mapgen.schema import CLAIM_LEVEL, COLUMNS, SITE_LEVEL


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("schema") / "out"
    assert main(["build", "--self-contained", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)]) == 0
    return out


def read_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.MAPGEN_DATA=").rstrip().removesuffix(";"))


def sourced_ids(rows: list[dict[str, str]]) -> set[str]:
    return {r["site_id"] for r in rows if any(r.get(k) for k in ("name_local", "aliases", "names", "today"))}


def test_every_column_travels_as_the_schema_says(built, shipped_rows):
    with (built / "sites.csv").open(encoding="utf-8", newline="") as fh:
        exported = list(csv.DictReader(fh))
    assert list(exported[0]) == [c.name for c in COLUMNS]
    # site-level values stand on every claim row of the export
    assert ({(r["site_id"], r["today_source"]) for r in exported if r["today_source"]}
            == {(r["site_id"], r["today_source"]) for r in shipped_rows if r.get("today_source")})
    data = read_data(built / "data" / "sites.js")
    assert data["fields"] == {"site": SITE_FIELDS, "claim": CLAIM_FIELDS, "lists": ["aliases", "names"]}
    assert sorted(SITE_FIELDS) == sorted([c.field for c in SITE_LEVEL if c.on_page] + ["claims"])
    assert CLAIM_FIELDS == [c.name for c in CLAIM_LEVEL if c.on_page]
    # a column per field; one mostly empty carries only its values and where they stand
    sites = data["sites"]
    assert set(sites["columns"]) == set(SITE_FIELDS) - {"claims"}
    assert set(data["claims"]["columns"]) == set(CLAIM_FIELDS)
    today = sites["columns"]["today"]
    assert set(today) == {"at", "values"}
    noted = {read_column(sites["columns"]["id"], sites["n"])[k] for k in read_column(today["at"], sites["n"])}
    assert "butovo" in noted and noted <= sourced_ids(shipped_rows)
    assert sum(read_column(data["claims"]["perSite"], sites["n"])) == data["claims"]["n"] > sites["n"]
    features = {f["id"]: f["properties"] for f in json.loads((built / "sites.geojson").read_text())["features"]}
    sourced = {r["site_id"]: r["today_source"] for r in shipped_rows if r.get("today_source")}
    assert sourced, "the shipped table sources some of its notes"
    for sid, url in sourced.items():
        assert features[sid]["today_source"] == url
    unsourced = next(sid for sid in features if sid not in sourced)
    assert "today_source" not in features[unsourced]


def test_the_page_reads_its_data_by_field_name(browser, built, tmp_path):
    """A field added in the middle of the payload used to shift every value after it in the browser."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built, out)
    path = out / "data" / "sites.js"
    data = read_data(path)
    at = data["fields"]["site"].index("name") + 1
    data["fields"]["site"].insert(at, "added_later")
    data["sites"]["columns"] = {"added_later": ["a value the page does not know"] * data["sites"]["n"],
                                **data["sites"]["columns"]}
    path.write_text("window.MAPGEN_DATA=" + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")
    v = Visit(browser, (out / "period" / "great-purge.html").as_uri())
    v.js("mapgen.openSite('butovo')")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == "Butovo firing range"
    assert "Бутовский полигон" in v.js("document.querySelector('.leaflet-popup-content').textContent")
    assert not v.errors, v.errors
    v.close()


def test_today_is_shown_with_its_source(browser, built, shipped_rows):
    row = next(r for r in shipped_rows if r.get("today_source"))
    v = Visit(browser, (built / "index.html").as_uri())
    v.js(f"mapgen.openSite({row['site_id']!r})")
    v.until("!!document.querySelector('.leaflet-popup-content .mg-notes .mg-note a')")
    link = v.js("(function (a) { return [a.href, a.target, a.rel, a.parentNode.textContent]; })"
                "(document.querySelector('.leaflet-popup-content .mg-notes .mg-note a'))")
    assert link[0] == row["today_source"] and link[1] == "_blank" and "noopener" in link[2]
    assert link[3].startswith(row["today"]) and "(source: " in link[3]
    assert not v.errors and not v.violations(), (v.errors, v.violations())
    v.close()


def project(tmp_path: Path, shipped_rows: list[dict[str, str]], source: str, today: str = "A memorial") -> Path:
    rows = [dict(r) for r in shipped_rows if r["site_id"] == "butovo"]
    for r in rows:
        r["today"], r["today_source"] = "", ""
    rows[0]["today"], rows[0]["today_source"] = today, source
    return write_csv(tmp_path / "sites.csv", rows, [c.name for c in COLUMNS])


@pytest.mark.parametrize("source,today,message", [
    ("javascript:alert(1)", "A memorial", "neither an http(s) URL nor seed:FILE:LINE"),
    ("https://", "A memorial", "neither an http(s) URL"),
    ("seed:nowhere.txt:3", "A memorial", "'nowhere.txt' is not a seed listed in sources.csv"),
    ("seed:000_f99e81eacf2887d0.txt:999999", "A memorial", "line 999999 is outside 000_f99e81eacf2887d0.txt"),
    ("https://example.org/butovo", "", "a source for an empty today"),
])
def test_today_source_is_checked(tmp_path, shipped_rows, capsys, source, today, message):
    sites = project(tmp_path, shipped_rows, source, today)
    assert main(["validate", "--sites", str(sites), "--seeds", str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert "today_source: " in err and message in err, err


def test_a_seed_line_can_source_a_note(tmp_path, shipped_rows, capsys, browser):
    sites = project(tmp_path, shipped_rows, "seed:000_f99e81eacf2887d0.txt:5")
    assert main(["validate", "--sites", str(sites), "--seeds", str(SEEDS)]) == 0
    out = tmp_path / "out"
    assert main(["build", "--self-contained", "--sites", str(sites), "--seeds", str(SEEDS), "--out", str(out)]) == 0
    v = Visit(browser, (out / "index.html").as_uri())
    v.js("mapgen.openSite('butovo')")
    v.until("!!document.querySelector('.leaflet-popup-content .mg-notes .mg-note a')")
    href = v.js("document.querySelector('.leaflet-popup-content .mg-notes .mg-note a').href")
    assert href.endswith("sources/000_f99e81eacf2887d0.txt.html#L5")
    v.close()


def test_every_vocabulary_value_has_a_label_in_the_strings():
    """Labels are interface text, translated with the rest: none may be missing, none left over."""
    from mapgen.render.strings import catalogues
    from mapgen.vocab import CATEGORY_SLUGS, FLAGS, PERIOD_SLUGS, PRECISIONS

    wanted = {f"{kind}:{slug}" for kind, slugs in (("category", CATEGORY_SLUGS), ("period", PERIOD_SLUGS),
                                                  ("precision", PRECISIONS), ("flag", FLAGS)) for slug in slugs}
    for lang, catalogue in catalogues().items():
        labels = {k for k in catalogue["page"] if ":" in k}
        assert labels == wanted, (lang, labels ^ wanted)
