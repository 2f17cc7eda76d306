"""Pins that cost what is in view: a table of thousands of places draws a bounded number of markers, every place
can still be opened, and places at one spot are fanned out at the last zoom (60-pins.js, supercluster)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, SEEDS, SITES, Visit, write_csv

from mapgen.cli import main

sys.path.insert(0, str(ROOT / "bench"))
from synth import make_table  # noqa: E402

N = 4000


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    work = tmp_path_factory.mktemp("many")
    sites, seeds, rows = make_table(N, work)
    assert main(["build", "--sites", str(sites), "--seeds", str(seeds), "--out", str(work / "out"),
                 "--self-contained", "--tiles", "none"]) == 0
    return work / "out", {r["site_id"]: (r["name"], float(r["lat"]), float(r["lon"])) for r in rows}


DRAWN = "document.querySelectorAll('.leaflet-marker-pane > .mg-pin, .leaflet-marker-pane > .mg-cluster').length"


@pytest.mark.browser
def test_only_the_view_is_drawn_and_every_place_opens(browser, many):
    out, places = many
    v = Visit(browser, (out / "index.html").as_uri())
    try:
        assert v.js("mapgen.visibleSites().length") == N
        first = v.js(DRAWN)
        assert 0 < first < 300, first  # clusters for the whole table, not a pin per place
        counts = v.js("[...document.querySelectorAll('.leaflet-marker-pane > .mg-cluster')]"
                      ".map(n => Number(n.textContent))")
        assert sum(counts) + v.js("document.querySelectorAll('.leaflet-marker-pane > .mg-pin').length") == N
        ids = v.js("mapgen.sites()")
        for site in (ids[0], ids[N // 2], ids[-1]):
            v.js(f"mapgen.openSite({site!r})")
            v.until(f"!!document.querySelector('.leaflet-popup-content h2') && document.querySelector("
                    f"'.leaflet-popup-content h2').textContent === {places[site][0]!r}", timeout=15)
            v.until("!!document.querySelector('.leaflet-popup-content .mg-quote')", timeout=15)
            assert v.js(DRAWN) < 600  # zoomed in: what is near the place, not the table
        v.js("mapgen.map.setView([55, 37], 12, {animate: false})")
        v.until(f"{DRAWN} < 300")
        w, s_, e, n = v.js("(() => { const b = mapgen.map.getBounds().pad(0.5); "
                           "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()")
        inside = sum(1 for _, lat, lon in places.values() if s_ <= lat <= n and w <= lon <= e)
        assert v.js("document.querySelectorAll('.leaflet-marker-pane > .mg-pin').length") <= inside + 1
        assert v.errors == [], v.errors
    finally:
        v.close()


@pytest.fixture(scope="module")
def same_spot(tmp_path_factory, shipped_rows):
    """Three places at Butovo's very point: a register of graves, say, gives several at one spot."""
    work = tmp_path_factory.mktemp("spot")
    butovo = [r for r in shipped_rows if r["site_id"] == "butovo"]
    rows = list(shipped_rows)
    for k in (1, 2):
        rows += [{**r, "site_id": f"butovo-{k}", "name": f"Butovo, grave field {k}", "names": "", "aliases": ""}
                 for r in butovo]
    sites = write_csv(work / "sites.csv", rows)
    assert main(["build", "--sites", str(sites), "--seeds", str(SEEDS), "--out", str(work / "out"),
                 "--self-contained", "--tiles", "none"]) == 0
    return work / "out"


@pytest.mark.browser
def test_places_at_one_spot_are_fanned_out_and_each_opens(browser, same_spot):
    assert SITES.exists()
    v = Visit(browser, (same_spot / "index.html").as_uri())
    try:
        v.js("mapgen.openSite('butovo-2')")
        v.until("!!document.querySelector('.leaflet-popup-content h2')", timeout=15)
        assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == "Butovo, grave field 2"
        assert v.js("mapgen.map.getZoom()") == v.js("mapgen.map.getMaxZoom()")
        boxes = v.js("""['Butovo firing range', 'Butovo, grave field 1', 'Butovo, grave field 2'].map(name => {
          const n = document.querySelector(`.leaflet-marker-pane .mg-pin[aria-label="${name}"]`);
          if (!n) return null; const r = n.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })""")
        assert all(boxes), boxes
        for k, a in enumerate(boxes):  # three targets side by side, none covering another
            for b in boxes[k + 1:]:
                assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
        pin = v.page.locator('.leaflet-marker-pane .mg-pin[aria-label="Butovo, grave field 1"]')
        pin.focus()
        v.page.keyboard.press("Enter")
        v.until("document.querySelector('.leaflet-popup-content h2') && document.querySelector("
                "'.leaflet-popup-content h2').textContent === 'Butovo, grave field 1'")
        v.shot("pins-same-spot.png")
        assert v.errors == [], v.errors
    finally:
        v.close()
