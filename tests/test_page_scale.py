"""The page's data by column (payload.py `column`, read by 20-data.js): every value comes back as it was, and a
page that unpacks a place only when it shows it, and clusters deep zooms per region (60-pins.js), still gives every
place in full to openSite, search, the list and the pins."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, Visit

from mapgen.cli import main
from mapgen.render.payload import column, read_column

sys.path.insert(0, str(ROOT / "bench"))
from synth import make_table  # noqa: E402

N = 3000


@pytest.mark.parametrize("values", [
    [1937, 1938, -5, 0], [55.75222, 37.61556, -0.5, 55, 1e-7, -179.9999999], [0.1 + 0.2, 1.0],
    ["site"] * 7 + ["region"], ["Butovo", "Kurapaty", "Katyn"], ["two\nlines", "one"], ["", "", "Memorial", ""],
    [[], [], ["ru:Бутово"], []], [[2, 117], "https://example.org/", ""], [2**50, 0], [],
])
def test_a_column_gives_every_value_back(values):
    assert read_column(column(values), len(values), [] if values and values[0] == [] else "") == values


def test_coordinates_travel_as_digits_only_when_exact():
    assert "ints" in column([55.75222, 37.61556]) and column([0.1 + 0.2, 1.0]) == [0.1 + 0.2, 1.0]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    import mapgen.render.payload as payload

    work = tmp_path_factory.mktemp("scale")
    sites, seeds, rows = make_table(N, work)
    with pytest.MonkeyPatch.context() as mp:  # quotes in chunks, as for a million places
        mp.setattr(payload, "QUOTES_INLINE_MAX", 1000)
        mp.setattr(payload, "QUOTE_CHUNK", 20_000)
        assert main(["build", "--sites", str(sites), "--seeds", str(seeds), "--out", str(work / "out"),
                     "--self-contained", "--tiles", "none"]) == 0
    ids = list(dict.fromkeys(r["site_id"] for r in rows))
    where = {r["site_id"]: (r["name"], float(r["lat"]), float(r["lon"])) for r in rows}
    return work / "out", ids, where


@pytest.mark.browser
def test_places_unpacked_on_demand_are_whole_everywhere(browser, big):
    out, ids, where = big
    v = Visit(browser, (out / "category" / "memorial.html").as_uri())  # data/sites.js, quotes in chunks
    try:
        v.js("mapgen.setFilter({})")
        assert v.js("mapgen.sites()") == ids and v.js("mapgen.visibleSites()") == ids
        last = ids[-1]
        name, lat, lon = where[last]
        v.page.fill("#mg-q", name)
        v.until("document.querySelectorAll('#mg-results .mg-result-name').length > 0")
        assert v.js("document.querySelector('#mg-results .mg-result-name').textContent") == name
        v.js(f"mapgen.openSite({last!r})")
        v.until(f"!!document.querySelector('.leaflet-popup-content h2') && document.querySelector("
                f"'.leaflet-popup-content h2').textContent === {name!r}", timeout=15)
        v.until("!!document.querySelector('.leaflet-popup-content .mg-quote')", timeout=15)
        assert v.js("[...document.scripts].filter(s => s.src.includes('/data/quotes/')).length") == 1
        geo = v.js("document.querySelector('.leaflet-popup-content a[href^=\"geo:\"]').href")
        assert geo.startswith(f"geo:{lat:.5f},{lon:.5f}"), geo
        v.js("mapgen.showList(true)")
        assert v.js("document.querySelector('#mg-list tbody th button').textContent") == where[ids[0]][0]
        v.js("mapgen.showList(false)")
        # deep zooms are clustered per region: every place in view is a pin or counted in a cluster drawn
        for zoom in (10, 12):
            v.js(f"mapgen.map.closePopup(); mapgen.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
            v.page.wait_for_timeout(300)
            drawn = v.js("[...document.querySelectorAll('.leaflet-marker-pane > .mg-cluster')]"
                         ".reduce((n, c) => n + Number(c.textContent), 0) + "
                         "document.querySelectorAll('.leaflet-marker-pane > .mg-pin').length")
            s_, w, n_, e = v.js("(() => { const b = mapgen.map.getBounds(); "
                                "return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
            inside = sum(1 for _, a, o in where.values() if s_ <= a <= n_ and w <= o <= e)
            assert 0 < inside <= drawn, (zoom, inside, drawn)
        assert v.errors == [], v.errors
    finally:
        v.close()
