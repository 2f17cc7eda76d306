"""`mapgen visit` (route, GPS files, sheet) and `mapgen embed` (single file, iframe, PNG)."""

from __future__ import annotations

import itertools
import random

import geopandas as gpd
import pytest
from conftest import SEEDS, SITES, Visit
from PIL import Image

from mapgen.cli import main
from mapgen.route import EXACT_LIMIT, _matrix, path_length, plan


def brute_force(points, start):
    pts = list(points) + ([start] if start else [])
    d = _matrix(pts)
    s = len(points) if start else None
    return min(path_length(list(p), d, s) for p in itertools.permutations(range(len(points))))


@pytest.mark.parametrize("n", range(1, 9))
@pytest.mark.parametrize("with_start", [True, False])
def test_route_is_shortest(n, with_start):
    rng = random.Random(n * 10 + with_start)
    points = [(rng.uniform(45, 65), rng.uniform(20, 60)) for _ in range(n)]
    start = (55.7558, 37.6173) if with_start else None
    route = plan(points, start)
    assert sorted(route.order) == list(range(n))
    assert route.total_m == pytest.approx(brute_force(points, start), rel=1e-9)
    assert route.method.startswith("exact")


def test_many_stops_use_a_heuristic_that_says_so():
    rng = random.Random(5)
    points = [(rng.uniform(45, 65), rng.uniform(20, 60)) for _ in range(EXACT_LIMIT + 8)]
    route = plan(points, (55.0, 37.0))
    assert sorted(route.order) == list(range(len(points)))
    assert "heuristic" in route.method
    d = _matrix(points + [(55.0, 37.0)])
    here, left, greedy = len(points), set(range(len(points))), []
    while left:  # plain nearest neighbour: 2-opt must never be worse
        here = min(left, key=lambda k: d[here][k])
        left.remove(here)
        greedy.append(here)
    assert route.total_m <= path_length(greedy, d, len(points)) + 1e-6


def test_geodesic_distance_moscow_minsk():
    # Moscow (Red Square) to Minsk (Independence Square): about 675 km as the crow flies
    route = plan([(53.8965, 27.5469)], (55.7539, 37.6208))
    assert route.legs_m[0] == pytest.approx(675_000, rel=0.01)


@pytest.fixture(scope="module")
def two_sites(shipped_rows):
    ids = list(dict.fromkeys(r["site_id"] for r in shipped_rows))
    return ids[:2]


def test_visit_writes_gps_files_gdal_can_read(tmp_path, two_sites, shipped_rows, capsys):
    out = tmp_path / "trip"
    assert main(["visit", *two_sites, "--start", "55.7558,37.6173", "--out", str(out),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    printed = capsys.readouterr().out
    assert "total" in printed and "exact" in printed
    waypoints = gpd.read_file(out / "visit.gpx", layer="waypoints")
    assert len(waypoints) == 2
    names = {r["site_id"]: r["name"] for r in shipped_rows}
    assert {n.split(". ", 1)[1] for n in waypoints["name"]} == {names[i] for i in two_sites}
    routes = gpd.read_file(out / "visit.gpx", layer="routes")
    assert len(routes) == 1 and len(routes.geometry[0].coords) == 2
    kml = gpd.read_file(out / "visit.kml")
    assert len(kml[kml.geom_type == "Point"]) == 2
    sheet = (out / "visit.html").read_text(encoding="utf-8")
    quotes = [r["quote"] for r in shipped_rows if r["site_id"] in two_sites]
    import html
    assert all(html.escape(q) in sheet for q in quotes)
    assert "@page" in sheet and "data:image/png;base64," in sheet


def test_visit_unknown_site_suggests(tmp_path, two_sites, capsys):
    typo = two_sites[0][:-1] + "x"
    assert main(["visit", typo, "--out", str(tmp_path / "v"), "--sites", str(SITES), "--seeds", str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert f"unknown site {typo!r}" in err and two_sites[0] in err
    assert not (tmp_path / "v").exists()


@pytest.fixture(scope="module")
def embed(tmp_path_factory, two_sites):
    out = tmp_path_factory.mktemp("embed")
    assert main(["embed", "--site", two_sites[0], "--out", str(out / "one.html"), "--png", str(out / "one.png"),
                 "--title", "One place", "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    assert main(["embed", "--out", str(out / "all.html"), "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    return out


def test_embed_is_small_and_self_contained(embed):
    for name in ("one.html", "all.html"):
        text = (embed / name).read_text(encoding="utf-8")
        assert len(text.encode()) < 700 * 1024  # Leaflet, the data, the interface in ten languages (~65 KB)
        assert "<script src=" not in text and '<link rel="stylesheet"' not in text


def test_embed_prints_iframe_snippet(tmp_path, capsys):
    assert main(["embed", "--out", str(tmp_path / "e.html"), "--title", "A \"quoted\" <title>",
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    snippet = capsys.readouterr().out.strip()
    assert snippet.startswith('<iframe src="e.html" title="Map: A &quot;quoted&quot; &lt;title&gt;"')
    assert "allowfullscreen" in snippet and "height" in snippet


@pytest.mark.browser
def test_embed_in_chromium(browser, embed, two_sites):
    v = Visit(browser, (embed / "one.html").as_uri(), width=375, height=520)
    try:
        assert v.js("mapgen.visibleSites()") == [two_sites[0]]
        assert v.js("mapgen.sites()") == [two_sites[0]]
        assert v.js("mapgen.map.gestureHandling.enabled()") is True
        assert v.js("document.documentElement.scrollWidth") <= 375
        assert {kind for kind, _ in v.network} <= {"image"}
        v.js(f"mapgen.openSite({two_sites[0]!r})")
        v.page.wait_for_selector(".leaflet-popup-content .mg-quote")
        v.shot("embed-375.png")
        assert v.errors == []
    finally:
        v.close()


def test_embed_png_is_a_real_map(embed):
    img = Image.open(embed / "one.png").convert("RGB")
    assert img.width >= 1200
    colours = img.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50  # outlines, sea, pins, text: not a blank canvas


def test_png_labels_do_not_overprint_and_city_maps_have_a_scale(monkeypatch):
    from matplotlib.axes import Axes

    from mapgen.model import Claim, Site
    from mapgen.render.static import render_png

    def site(sid, lat, lon):
        return Site(sid, sid.title(), lat, lon, "site", "RU", (Claim(1937, 1938, "memorial", "q", "s.txt", 1),))

    texts: list[str] = []
    real = Axes.annotate
    monkeypatch.setattr(Axes, "annotate", lambda ax, text, *a, **kw: texts.append(text) or real(ax, text, *a, **kw))
    # two Moscow sites 3 km apart on a map reaching Minsk and Kazan: one label with both names
    render_png([site("lubyanka", 55.760, 37.629), site("butyrka", 55.784, 37.594), site("minsk", 53.9, 27.56),
                site("kazan", 55.79, 49.12)], "t", "a")
    assert "Lubyanka\nButyrka" in texts and "Minsk" in texts and "Kazan" in texts
    texts.clear()
    render_png([site("minsk", 53.9, 27.56), site("coyoacan", 19.357, -99.16)], "t", "a")
    assert not any(t.endswith(" km") for t in texts)  # no single scale is true on a world map
    texts.clear()
    render_png([site("lubyanka", 55.760, 37.629), site("butyrka", 55.784, 37.594)], "t", "a")
    assert "Lubyanka" in texts and "Butyrka" in texts  # a city map keeps them apart
    assert any(t.endswith(" km") for t in texts)


def test_embed_rejects_unknown_period(tmp_path, capsys):
    assert main(["embed", "--period", "stalinism", "--out", str(tmp_path / "e.html"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 1
    assert "unknown period 'stalinism'" in capsys.readouterr().err


# ---------- the visit sheet on site: links back, maps apps, QR codes, legible print (issue 13) ----------

MOSCOW = ["butovo", "kommunarka", "donskoye"]
LINK_BASE = "https://example.org/repression-map/"


@pytest.fixture(scope="module")
def moscow_visit(tmp_path_factory):
    out = tmp_path_factory.mktemp("moscow")
    assert main(["visit", *MOSCOW, "--link-base", LINK_BASE, "--out", str(out / "linked"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    assert main(["visit", *MOSCOW, "--out", str(out / "plain"), "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    return out


def test_visit_stops_link_to_the_map_and_to_maps_apps_with_qr_codes(moscow_visit):
    from mapgen.render.itinerary import qr_code

    sheet = (moscow_visit / "linked" / "visit.html").read_text(encoding="utf-8")
    for sid, lat, lon in (("butovo", "55.53110", "37.59470"), ("kommunarka", "55.57870", "37.45600")):
        on_map = f"{LINK_BASE}index.html#site={sid}&lang=en"
        assert f'href="{on_map.replace("&", "&amp;")}"' in sheet
        assert f'href="geo:{lat},{lon}"' in sheet
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"
        assert f'href="{osm.replace("&", "&amp;")}"' in sheet
        # a QR code of exactly these addresses, with alt text and a visible label
        assert f'<img src="{qr_code(on_map)}" alt="QR code: this place on the map">' in sheet
        assert f'<img src="{qr_code(f"geo:{lat},{lon}")}" alt="QR code: these coordinates in a maps app">' in sheet
    assert sheet.count("<figcaption>On the map</figcaption>") == 3
    assert sheet.count("<figcaption>Open in a maps app</figcaption>") == 3
    plain = (moscow_visit / "plain" / "visit.html").read_text(encoding="utf-8")
    assert "index.html#site=" not in plain and "this place on the map" not in plain  # no address to point to
    assert plain.count('alt="QR code: these coordinates in a maps app"') == 3
    assert 'href="geo:55.53110,37.59470"' in plain


def test_qr_codes_are_deterministic_svg():
    from mapgen.render.itinerary import qr_code

    a, b = qr_code("geo:55.53110,37.59470"), qr_code("geo:55.53110,37.59470")
    assert a == b and a.startswith("data:image/svg+xml") and a != qr_code("geo:55.53110,37.59471")


def test_visit_refuses_a_bad_link_base(tmp_path, capsys):
    assert main(["visit", "butovo", "--link-base", "javascript:alert(1)//", "--out", str(tmp_path / "v"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 1
    assert "--link-base" in capsys.readouterr().err
    assert not (tmp_path / "v").exists()


def test_visit_is_byte_reproducible(tmp_path, moscow_visit):
    assert main(["visit", *MOSCOW, "--link-base", LINK_BASE, "--out", str(tmp_path / "again"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    for name in ("visit.html", "visit.gpx", "visit.kml"):
        assert (tmp_path / "again" / name).read_bytes() == (moscow_visit / "linked" / name).read_bytes(), name


def test_overview_prints_its_text_at_9_pt_or_more_with_towns(monkeypatch):
    """The overview is drawn at the size it prints on the sheet (the sheet's 182 mm text width), so a font size in
    the figure is the printed size; it used to be drawn 14 inches wide and printed at half that (labels at 6 pt).
    Towns around the stops (GeoNames) give the paper map its bearings."""
    import io

    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from mapgen import pipeline
    from mapgen.render.itinerary import OVERVIEW_MM, STYLE
    from mapgen.render.static import render_png

    drawn: list[tuple[str, float]] = []
    real = Text.draw

    def draw(self, renderer):  # every text, also those drawn as paths (town names have a halo)
        if self.get_visible() and self.get_text():
            drawn.append((self.get_text(), self.get_fontsize()))
        return real(self, renderer)

    monkeypatch.setattr(Text, "draw", draw)
    saving = Figure.savefig  # geopandas draws the figure once while plotting: count only what is saved

    def savefig(self, *args, **kwargs):
        drawn.clear()
        return saving(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    stops = [atlas.site(s) for s in ("donskoye", "kommunarka", "butovo")]
    png = render_png(stops, "t", "Straight lines between stops.", route=True, numbered=True, print_mm=OVERVIEW_MM)
    img = Image.open(io.BytesIO(png))
    printed_mm = 182.0  # body{max-width:182mm}, the image 100% wide
    assert "max-width:182mm" in STYLE and ".overview{width:100%" in STYLE
    scale = printed_mm / (img.width / img.info["dpi"][0] * 25.4)
    assert scale == pytest.approx(1.0, abs=0.01)
    texts = {s for s, _ in drawn}
    assert {"1. Donskoye cemetery (Donskoy crematorium)", "2. Kommunarka shooting ground",
            "3. Butovo firing range", "10 km"} <= texts
    assert min(size * scale for _, size in drawn) >= 9
    assert "Moscow" in texts  # a town named from the gazetteer
    towns = texts - {"1. Donskoye cemetery (Donskoy crematorium)", "2. Kommunarka shooting ground",
                     "3. Butovo firing range", "10 km", "Straight lines between stops.", "Category",
                     "Execution and burial site"}
    assert 3 <= len(towns) <= 10


@pytest.mark.browser
def test_sheet_prints_on_a4_with_page_one_filled(browser, moscow_visit):
    """Print: A4, the overview and the table on page 1 and the first stop starting there too (a stop used to be
    unbreakable, so a long first stop left page 1 half empty); a stop's facts and each claim stay whole."""
    v = Visit(browser, (moscow_visit / "linked" / "visit.html").as_uri(), width=688, height=1000, ready=False)
    try:
        v.page.emulate_media(media="print")
        assert v.js("getComputedStyle(document.querySelector('.stop')).breakInside") != "avoid"
        assert v.js("getComputedStyle(document.querySelector('.claim')).breakInside") == "avoid"
        assert v.js("getComputedStyle(document.querySelector('dd')).breakInside") == "avoid"
        page_px = (297 - 2 * 14) * 96 / 25.4  # A4 less the @page margins
        first = v.js("(function () { var b = document.querySelector('.stop dl dd').getBoundingClientRect();"
                     " return b.bottom + scrollY; })()")
        assert first < page_px, "the first stop's first fact does not fit on page 1"
        assert v.js("document.images.length") == 1 + 2 * 3
        assert v.js("Array.from(document.images).every(function (i) { return i.complete && i.naturalWidth > 0; })")
        pdf = v.page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
        v.page.emulate_media(media="screen")
        v.shot("visit-sheet.png")
        assert v.violations() == [] and v.errors == []
    finally:
        v.close()


# ---------- the embed in a newsroom (issue 13) ----------

def _embed(tmp_path, *args):
    return main(["embed", *args, "--sites", str(SITES), "--seeds", str(SEEDS)])


def test_embed_of_memorials_draws_butovo_as_a_memorial_in_the_png_too(tmp_path):
    from mapgen.vocab import CATEGORIES

    colour = {c.slug: tuple(int(c.colour[k:k + 2], 16) for k in (1, 3, 5)) for c in CATEGORIES}
    assert _embed(tmp_path, "--category", "memorial", "--out", str(tmp_path / "m.html"),
                  "--png", str(tmp_path / "m.png")) == 0
    pixels = Image.open(tmp_path / "m.png").convert("RGB").getcolors(maxcolors=1 << 20)
    counts = {rgb: n for n, rgb in pixels}
    assert counts.get(colour["memorial"], 0) > 100  # Butovo, the Solovetsky Stone, … and the legend's swatch
    assert counts.get(colour["execution_burial_site"], 0) == 0  # no orange pin, no orange legend entry


def test_embed_png_legend_lists_only_the_categories_drawn(monkeypatch):
    from matplotlib.axes import Axes

    from mapgen import pipeline
    from mapgen.render.static import render_png

    labels: list[list[str]] = []
    real = Axes.legend
    monkeypatch.setattr(Axes, "legend", lambda ax, *a, **kw: labels.append([h.get_label() for h in kw["handles"]])
                        or real(ax, *a, **kw))
    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    render_png([atlas.site("butovo"), atlas.site("solovetsky-stone")], "t", "a", categories=["memorial"])
    assert labels == [["Memorial and commemoration"]]
    render_png([atlas.site("butovo")], "t", "a")
    assert labels[-1] == ["Execution and burial site"]


def test_embed_without_link_base_warns_and_says_how_to_fix(tmp_path, capsys):
    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "b.html")) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "relative" in err and "--link-base" in err and "b.html" in err
    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "c.html"), "--link-base", LINK_BASE) == 0
    assert "warning:" not in capsys.readouterr().err


def test_embed_default_title_says_what_it_shows(tmp_path, capsys):
    import html

    assert _embed(tmp_path, "--period", "great-purge", "--category", "execution_burial_site",
                  "--out", str(tmp_path / "g.html")) == 0
    snippet = capsys.readouterr().out
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Great Purge, execution and burial site: a map of ") and title.endswith(" places")
    assert f'title="Map: {html.escape(title)}"' in snippet
    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "s.html")) == 0
    assert "<title>Butovo firing range: a map of 1 place</title>" in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_embed_has_link_previews_and_a_picture_without_javascript(tmp_path, capsys):
    assert _embed(tmp_path, "--category", "memorial", "--title", 'Mem "x" <b>', "--out", str(tmp_path / "m.html"),
                  "--png", str(tmp_path / "m.png"), "--link-base", LINK_BASE) == 0
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{LINK_BASE}m.png">' in page
    assert f'<meta name="twitter:image" content="{LINK_BASE}m.png">' in page
    assert f'<meta property="og:url" content="{LINK_BASE}m.html">' in page
    assert '<meta property="og:title" content="Mem &quot;x&quot; &lt;b&gt;">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="og:description" content="' in page
    noscript = page.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert '<img src="m.png" alt="' in noscript and f'href="{LINK_BASE}index.html"' in noscript
    # no link base: no address to give a preview, the picture still shown beside the page
    assert _embed(tmp_path, "--category", "memorial", "--out", str(tmp_path / "n.html"),
                  "--png", str(tmp_path / "n.png")) == 0
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert "og:image" not in page and "og:url" not in page and '<meta name="twitter:card" content="summary">' in page
    assert '<img src="n.png"' in page.split("<noscript>", 1)[1]


def test_iframe_snippet_auto_height_listener(tmp_path, capsys):
    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "a.html"), "--link-base",
                  "https://example.org:443/map/", "--auto-height") == 0
    snippet = capsys.readouterr().out
    assert snippet.startswith('<iframe src="https://example.org:443/map/a.html"') and 'allow="geolocation"' in snippet
    assert "data-mapgen-height" in snippet and "e.source" in snippet and "typeof d.height !== 'number'" in snippet
    assert 'e.origin !== "https://example.org"' in snippet  # the origin a browser reports: no default port
    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "b.html")) == 0
    assert "<script" not in capsys.readouterr().out  # only when asked


def test_auto_height_origin_is_script_safe():
    from mapgen.files import iframe_snippet

    snippet = iframe_snippet("a.html", "t", "https://ex</script>ample.org/", auto_height=True)
    assert snippet.count("</script>") == 1


@pytest.mark.browser
def test_auto_height_in_an_article(browser, tmp_path):
    """An article page with the printed snippet: the frame takes the height the embed asks for, and a message from
    anyone but the frame, or a height that is not a number, changes nothing."""
    from mapgen.files import iframe_snippet

    assert _embed(tmp_path, "--site", "butovo", "--out", str(tmp_path / "e.html")) == 0
    snippet = iframe_snippet("e.html", "Butovo", auto_height=True)
    (tmp_path / "article.html").write_text(f"<!DOCTYPE html><html><body style='margin:0'><p>Text.</p>{snippet}"
                                           "<p>More text.</p></body></html>", encoding="utf-8")
    v = Visit(browser, (tmp_path / "article.html").as_uri(), width=800, height=700, ready=False)
    try:
        frame = "document.querySelector('iframe')"
        v.until(f"{frame}.style.height !== ''", timeout=15)
        assert v.js(f"{frame}.style.height") == f"{round(800 * 0.62)}px"  # a wide column: wider than tall
        v.js("window.postMessage({type: 'mapgen:height', height: 1500}, '*')")  # not from the frame
        embedded = v.page.frames[1]
        embedded.evaluate("parent.postMessage({type: 'mapgen:height', height: '900'}, '*')")  # not a number
        embedded.evaluate("parent.postMessage({type: 'mapgen:height', height: Infinity}, '*')")
        v.page.wait_for_timeout(300)
        assert v.js(f"{frame}.style.height") == "496px"
        embedded.evaluate("parent.postMessage({type: 'mapgen:height', height: 99999}, '*')")
        v.until(f"{frame}.style.height === '2000px'")  # kept within bounds
        v.page.set_viewport_size({"width": 375, "height": 700})  # a phone: taller than wide
        v.until(f"{frame}.style.height === '{round(375 * 1.15)}px'")
        assert v.errors == []
    finally:
        v.close()


def test_visit_with_a_relative_link_base_links_but_draws_no_qr_code_a_phone_cannot_open(tmp_path):
    assert main(["visit", "butovo", "--link-base", "../map", "--out", str(tmp_path / "v"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    sheet = (tmp_path / "v" / "visit.html").read_text(encoding="utf-8")
    assert 'href="../map/index.html#site=butovo&amp;lang=en"' in sheet
    assert "this place on the map" not in sheet and sheet.count("<figure>") == 1
