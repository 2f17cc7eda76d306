"""Issue 11, output side: hostile text stays text in GPX/KML and PNGs, the CSV export keeps its numbers, and
`mentions` and `visit` do bounded work on hostile sizes."""

from __future__ import annotations

import csv
import io
import random
import re
import signal
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager

import geopandas as gpd
import matplotlib
import pandas as pd
import pytest
from conftest import SEEDS, SITES
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.cli import main
from mapgen.model import Atlas, Claim, Site
from mapgen.read import read_sources, read_table
from mapgen.render.table import csv_rows

CLAIM = (Claim(1937, 1938, "camp_prison_exile", "q", "s.txt", 1),)
NETWORK_LINK = ("Camp ]]>x</name></Placemark><NetworkLink><Link><href>http://evil.example/x.kml</href></Link>"
                "</NetworkLink><Placemark><name>")


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail a runaway call instead of waiting minutes for it."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# ---------- 1. GPX and KML: text from the table or options never becomes XML ----------

def test_gps_files_keep_hostile_names_and_titles_as_text(tmp_path):
    from mapgen.render.exports import render_gpx, render_kml

    hostile = NETWORK_LINK + "\x01\x1b<![CDATA[ & \"q\""
    title = "Trip <![CDATA[ ]]><NetworkLink/> \x00\x0c"
    stops = [Site("a", hostile, 55.1, 37.2, "site", "RU", CLAIM, name_local="<![CDATA[",
                  today="]]><Folder/>", remembrance="\x07"),
             Site("b", "Coyoacán", 19.357, -99.1603, "site", "MX", CLAIM)]
    shown = "1. " + NETWORK_LINK + "\ufffd\ufffd<![CDATA[ & \"q\""
    for name, render, allowed in [
        ("visit.kml", render_kml, {"kml", "Document", "name", "Style", "LineStyle", "color", "width", "Placemark",
                                   "description", "Point", "coordinates", "styleUrl", "LineString"}),
        ("visit.gpx", render_gpx, {"gpx", "metadata", "name", "wpt", "desc", "sym", "rte", "rtept"}),
    ]:
        text = render(stops, title)
        assert render(stops, title) == text, "same stops, same bytes"
        root = ET.fromstring(text.encode("utf-8"))
        tags = {_local(e.tag) for e in root.iter()}
        assert tags <= allowed, f"{name} has elements from the data: {tags - allowed}"
        assert shown in [e.text for e in root.iter() if _local(e.tag) == "name"]
        assert "Trip <![CDATA[ ]]><NetworkLink/> \ufffd\ufffd" in [e.text for e in root.iter()]
        (tmp_path / name).write_text(text, encoding="utf-8")
    kml = gpd.read_file(tmp_path / "visit.kml")
    assert len(kml[kml.geom_type == "Point"]) == 2 and shown in set(kml["Name"])
    waypoints = gpd.read_file(tmp_path / "visit.gpx", layer="waypoints")
    assert list(waypoints["name"]) == [shown, "2. Coyoacán"]


# ---------- 2. PNG: every text is drawn literally, never as mathtext ----------

def test_png_text_is_literal_not_mathtext(monkeypatch):
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.mathtext import MathTextParser

    from mapgen.render.static import render_png

    parsed: list[str] = []
    drawn: list[tuple[str, bool]] = []
    real_parse, real_draw = MathTextParser.parse, RendererAgg.draw_text

    def parse(self, s, *args, **kwargs):
        parsed.append(s)
        return real_parse(self, s, *args, **kwargs)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        drawn.append((s, bool(ismath)))
        return real_draw(self, gc, x, y, s, prop, angle, ismath, mtext)

    monkeypatch.setattr(MathTextParser, "parse", parse)
    monkeypatch.setattr(RendererAgg, "draw_text", draw_text)
    before = dict(matplotlib.rcParams)
    sites = [Site("a", "Paid $5 and $6", 55.76, 37.63, "site", "RU", CLAIM),
             Site("b", r"Camp $\alpha$", 55.78, 37.59, "site", "RU", CLAIM)]
    png = render_png(sites, r"x $\undefinedcmd$", "Source: $x^2$ wiki", route=True, numbered=True,
                     start=(55.7, 37.6))
    assert png.startswith(b"\x89PNG")
    assert parsed == [], "text went through mathtext"
    assert all(not ismath for _, ismath in drawn)
    texts = {s for s, _ in drawn}
    assert r"x $\undefinedcmd$" in texts and "Source: $x^2$ wiki" in texts
    assert any("Paid $5 and $6" in s for s in texts) and any(r"Camp $\alpha$" in s for s in texts)
    assert dict(matplotlib.rcParams) == before, "render_png must not change the process's rcParams"


# ---------- 3. CSV export: numbers stay numbers, formulas are guarded even when hidden ----------

def test_csv_export_keeps_numbers_round_trips_and_guards_hidden_formulas(tmp_path):
    from mapgen.render.table import render_csv

    out = tmp_path / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)]) == 0
    exported = pd.read_csv(out / "sites.csv", keep_default_na=False)
    original = pd.read_csv(SITES, keep_default_na=False)
    for col in ("lat", "lon"):
        assert pd.api.types.is_float_dtype(exported[col]), f"{col} exported as text"
    for col in ("start_year", "end_year", "line"):
        assert pd.api.types.is_integer_dtype(exported[col]), f"{col} exported as text"
    assert (exported["lon"] < 0).any(), "the shipped table has a site west of Greenwich (Trotsky's house)"
    place = ["site_id", "lat", "lon"]
    where = {sid: (lat, lon) for sid, lat, lon in original[place].itertuples(index=False)}
    assert all(where[sid] == (lat, lon) for sid, lat, lon in exported[place].itertuples(index=False))
    key = ["site_id", "start_year", "end_year", "category", "source", "line", "quote"]
    assert sorted(map(tuple, exported[key].values.tolist())) == sorted(map(tuple, original[key].values.tolist()))
    assert main(["validate", "--sites", str(out / "sites.csv"), "--seeds", str(SEEDS)]) == 0

    hidden = ["\u200b=HYPERLINK(\"http://evil.example\")", "＝HYPERLINK(\"http://evil.example\")", " =1+1",
              "\t=1+1", "\ufeff@SUM(A1)", "\u00a0+1", "﹣1+1", "\u2060\u200d-1"]
    site = Site("x", hidden[0], -33.5, -70.25, "site", "CL", tuple(
        Claim(-5 if k == 0 else 1937, 1938, "memorial", text, "s.txt", 3) for k, text in enumerate(hidden)),
        name_local=hidden[1], geonames_id="3871336", today=" =1+1", remembrance="plain - text")
    rows = list(csv.DictReader(io.StringIO(b"".join(render_csv(Atlas((site,), {}))).decode())))
    assert [r["quote"] for r in rows] == ["'" + t for t in hidden]
    assert rows[0]["name"] == "'" + hidden[0] and rows[0]["name_local"] == "'" + hidden[1]
    assert rows[0]["today"] == "' =1+1" and rows[0]["remembrance"] == "plain - text"
    assert (rows[0]["lat"], rows[0]["lon"], rows[0]["start_year"], rows[0]["geonames_id"]) == ("-33.5", "-70.25",
                                                                                               "-5", "3871336")


# ---------- 4. mentions: near-linear on long lines, same results on the shipped seeds ----------

CITATION = re.compile(r"\{\{[^{}]*\}\}|<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)


def reference_running_text(line: str) -> str:
    """The original definition: CITATION removed until nothing changes."""
    from mapgen.mentions import REFERENCE_ENTRY

    if REFERENCE_ENTRY.match(line):
        return ""
    while (stripped := CITATION.sub(" ", line)) != line:
        line = stripped
    return line


def test_mentions_is_fast_on_a_long_line_of_refs_and_unchanged_on_shipped_seeds(seeds, gazetteer, monkeypatch):
    import mapgen.mentions
    from mapgen.mentions import find_mentions, running_text
    from mapgen.records import adapt

    table = adapt(read_table(SITES))[0]
    shipped = read_sources(SEEDS)
    assert gazetteer.places  # load the gazetteer before timing
    seed = seeds / next(iter(sorted(shipped)))
    long_lines = ["<ref>Moscow, p. 5 " * 12000,  # 200 KB of unclosed <ref> tags
                  "{{" * 20000 + "cite Oxford" + "}}" * 20000 + " Kyiv",  # templates nested 20,000 deep
                  '<ref name="a"/>' * 14000 + "<ref>x</ref> Kyiv"]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n".join(long_lines) + "\n", encoding="utf-8")
    sources = read_sources(seeds)
    began = time.perf_counter()
    with deadline(60):
        found = find_mentions(table, sources, gazetteer)
    assert time.perf_counter() - began < 5
    assert running_text(long_lines[1]).strip() == "Kyiv" and running_text(long_lines[2]).strip() == "Kyiv"

    names = {n for terms in mapgen.mentions.table_terms(table).values() for n in terms}
    names |= {p.name for p in gazetteer.places.values()
              if p.population >= 15000 and len(p.name) >= 4 and p.country in mapgen.mentions.REGION}
    alternation = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                             + r")(?!\w)")  # the original name scan: every name in turn, longest first
    trie = mapgen.mentions.name_pattern(names)
    for source in shipped.values():
        for line in source.lines:
            assert running_text(line) == reference_running_text(line)
            assert trie.findall(line) == alternation.findall(line)
    now = find_mentions(table, shipped, gazetteer)
    monkeypatch.setattr(mapgen.mentions, "running_text", reference_running_text)
    assert now == find_mentions(table, shipped, gazetteer)
    assert {(m.source, m.name) for m in now} <= {(m.source, m.name) for m in found}


# ---------- 5. visit: 800 stops in seconds, still a valid route ----------

def test_visit_with_800_stops_is_bounded_and_valid():
    from mapgen.route import _matrix, path_length, plan

    rng = random.Random(800)
    points = [(rng.uniform(41, 69), rng.uniform(20, 100)) for _ in range(800)]
    start = (55.7558, 37.6173)
    began = time.perf_counter()
    with deadline(60):
        route = plan(points, start)
    assert time.perf_counter() - began < 20
    assert sorted(route.order) == list(range(len(points)))
    assert len(route.legs_m) == len(points) and "heuristic" in route.method
    d = _matrix(points + [start])
    assert route.total_m == pytest.approx(path_length(route.order, d, len(points)), rel=1e-12)
    here, left, greedy = len(points), set(range(len(points))), []
    while left:  # 2-opt may only improve on plain nearest neighbour
        here = min(left, key=lambda k: d[here][k])
        left.remove(here)
        greedy.append(here)
    assert route.total_m <= path_length(greedy, d, len(points)) + 1e-6


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from('ab ,"\n\r\t\'=é'), max_size=6), min_size=3, max_size=3),
                max_size=5))
def test_csv_rows_are_what_the_csv_module_writes(rows: list[list[str]]):
    """sites.csv is quoted column by column (render.table.csv_rows): byte for byte what csv.writer writes, so that
    every reader of CSV, and `mapgen validate`, reads back the cells given."""
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows(rows)
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], []]
    assert csv_rows(columns) == expected.getvalue()
