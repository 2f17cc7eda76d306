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
        assert len(text.encode()) < 600 * 1024
        assert "<script src=" not in text and '<link rel="stylesheet"' not in text


def test_embed_prints_iframe_snippet(tmp_path, capsys):
    assert main(["embed", "--out", str(tmp_path / "e.html"), "--title", "A \"quoted\" <title>",
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    snippet = capsys.readouterr().out.strip()
    assert snippet.startswith('<iframe src="e.html" title="A &quot;quoted&quot; &lt;title&gt;"')
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
