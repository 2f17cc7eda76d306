"""`mapgen build` writes the map, the data and the source pages; the committed output/ is current."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys

import geopandas as gpd
import pytest
from conftest import ROOT, SEEDS, SITES

from mapgen.cli import main
from mapgen.render import sources
from mapgen.vocab import CATEGORY_SLUGS, PERIOD_SLUGS


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    return out


def test_writes_every_page(built, shipped_rows):
    for rel in ["index.html", "sites.geojson", "sources/index.html", "data/sites.js", "assets/leaflet.js"]:
        assert (built / rel).is_file(), rel
    for slug in PERIOD_SLUGS:
        assert (built / "period" / f"{slug}.html").is_file()
    for slug in CATEGORY_SLUGS:
        assert (built / "category" / f"{slug}.html").is_file()
    for source in {r["source"] for r in shipped_rows}:
        assert (built / "sources" / f"{source}.html").is_file()


def test_self_contained_index_has_no_outside_links(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and '<link rel="stylesheet"' not in html
    assert "cdn." not in html and "unpkg" not in html


def test_geojson_is_rfc7946_and_readable_by_geopandas(built, shipped_rows):
    data = json.loads((built / "sites.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    ids = list(dict.fromkeys(r["site_id"] for r in shipped_rows))
    assert [f["properties"]["id"] for f in data["features"]] == ids
    first = next(r for r in shipped_rows if r["site_id"] == ids[0])
    feat = data["features"][0]
    assert feat["geometry"] == {"type": "Point", "coordinates": [float(first["lon"]), float(first["lat"])]}
    claim = feat["properties"]["claims"][0]
    assert claim["quote"] == first["quote"] and claim["line"] == int(first["line"])
    assert set(feat["properties"]) >= {"id", "name", "precision", "country", "categories", "periods", "claims"}
    frame = gpd.read_file(built / "sites.geojson")
    assert len(frame) == len(ids) and frame.crs.to_epsg() == 4326


def test_source_page_anchors_every_line(built, shipped_rows):
    row = shipped_rows[0]
    page = (built / "sources" / f"{row['source']}.html").read_text(encoding="utf-8")
    n_lines = len((SEEDS / row["source"]).read_text(encoding="utf-8").split("\n"))
    assert page.count('<li id="L') == n_lines
    assert f'id="L{row["line"]}"' in page
    assert "Licence" in page


@pytest.mark.parametrize("text,quote", [
    ("Record 1. Shot at Butovo in 1937. More in the file.", "Shot at Butovo in 1937."),
    ("<b>&amp; \"Kurapaty\" 'forest'</b> & more", "\"Kurapaty\" 'forest'</b> &"),
    ("The quote is the whole line.", "The quote is the whole line."),
    ("A quote that is not on this line.", "not on this line either"),
    ("Twice: here and here.", "here"),
])
def test_a_line_quoted_once_is_written_as_the_general_path_writes_it(text, quote):
    """Source pages write the common line (one passage, one site) by a shortcut: same markup, escaped alike."""
    markup = sources._LineMarkup("Quoted <for>:", "unmapped", "warning", "en")
    link = markup.site_link("site-1", "<Place> & \"name\"")
    once = markup.quoted_once(7, text, quote, link)
    general = markup.render(7, text, [quote], [link])
    assert once == general if quote in text else once is None
    assert "<Place>" not in general and "&lt;Place&gt; &amp; &quot;name&quot;" in general
    assert "Quoted &lt;for&gt;:" in general and "<for>" not in general


def test_builds_are_reproducible(built, tmp_path):
    again = tmp_path / "again"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(again),
                 "--self-contained"]) == 0
    cmp = filecmp.dircmp(built, again)
    files = [p.relative_to(built) for p in built.rglob("*") if p.is_file()]
    assert files and all((again / f).read_bytes() == (built / f).read_bytes() for f in files)
    assert not cmp.left_only and not cmp.right_only


def test_committed_output_is_current(built):
    """output/ is what `mapgen build --self-contained` makes from the shipped table: rebuild after editing it.
    Only the files the build lists in its manifest count: an embed a user writes into output/ is theirs."""
    committed = ROOT / "output"
    manifest = "mapgen-manifest.txt"
    assert (committed / manifest).read_bytes() == (built / manifest).read_bytes(), \
        "output/ is stale: run `mapgen build --self-contained`"
    files = [line for line in (built / manifest).read_text().splitlines() if line and not line.startswith("#")]
    assert sorted(str(p.relative_to(built)) for p in built.rglob("*") if p.is_file()) == sorted([*files, manifest])
    stale = [f for f in files if (committed / f).read_bytes() != (built / f).read_bytes()]
    assert not stale, f"output/ is stale: run `mapgen build --self-contained` ({stale[:5]})"


def test_invalid_table_refuses_to_build(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(SITES.read_text(encoding="utf-8").replace("execution_burial_site", "execution", 1),
                   encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "mapgen", "build", "--sites", str(bad), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert f"{bad}:2: category: 'execution' is not a category" in proc.stderr
    assert not out.exists()


def test_templates_are_kept_compiled_and_a_damaged_copy_is_compiled_again(tmp_path):
    from mapgen import geoindex
    from mapgen.render import strings

    strings.environment.cache_clear()
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / "a")]) == 0
    folder = geoindex.default_cache_dir() / "templates"
    kept = sorted(folder.glob("__jinja2_*.cache"))
    assert len(kept) >= 3, kept  # the map, source and index pages at least
    for f in kept:  # truncated, then garbage: Jinja must compile the template again, not fail or misrender
        f.write_bytes(f.read_bytes()[:40] if f == kept[0] else b"not a compiled template")
    strings.environment.cache_clear()
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / "b")]) == 0
    strings.environment.cache_clear()
    diff = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not diff.diff_files and not diff.left_only and not diff.right_only
