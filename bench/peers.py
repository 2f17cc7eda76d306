"""What the peer programs share: the table read into places, one popup per place, and folium pages made to work
offline.

Every peer shows what mapgen shows: one pin per place whose popup lists its claims (years, category, quote,
source and line). folium's pages link Leaflet, jQuery (which folium's `Popup` calls), Bootstrap and more from
CDNs; the benchmark has no network, so `offline()` points those links at files installed on this machine
(XStatic packages) and drops the ones nothing here needs. It changes nothing else in the page.
"""

from __future__ import annotations

import csv
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

import folium


@dataclass
class Place:
    id: str
    name: str
    lat: float
    lon: float
    claims: list[dict[str, str]] = field(default_factory=list)


def read_places(path: str | Path) -> list[Place]:
    """The table's rows grouped into places, in the order of their first row."""
    places: dict[str, Place] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            place = places.get(r["site_id"])
            if place is None:
                place = places[r["site_id"]] = Place(r["site_id"], r["name"], float(r["lat"]), float(r["lon"]))
            place.claims.append(r)
    return list(places.values())


def claim_text(r: dict[str, str]) -> str:
    return f"{r['start_year']}–{r['end_year']} {r['category']}: “{r['quote']}” ({r['source']}, line {r['line']})"


def popup_html(place: Place) -> str:
    """The place's name and each claim, escaped."""
    claims = "".join(f"<p>{r['start_year']}–{r['end_year']} · {html.escape(r['category'])}<br>"
                     f"<q>{html.escape(r['quote'])}</q><br><small>{html.escape(r['source'])}, line {r['line']}"
                     "</small></p>" for r in place.claims)
    return f"<b>{html.escape(place.name)}</b>{claims}"


def _local_files() -> tuple[dict[str, Path], dict[str, Path]]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster

    try:
        import xstatic.pkg.jquery as jquery
    except ImportError:
        raise SystemExit("the folium pages need jQuery offline: .venv/bin/python -m pip install xstatic-jquery "
                         "(it is in mapgen's test extras)") from None
    lf, cl, jq = Path(leaflet.BASE_DIR), Path(cluster.BASE_DIR), Path(jquery.BASE_DIR)
    js = {"leaflet": lf / "leaflet.js", "jquery": jq / "jquery.min.js",
          "markerclusterjs": cl / "leaflet.markercluster.js"}
    css = {"leaflet_css": lf / "leaflet.css", "markerclustercss": cl / "MarkerCluster.css",
           "markerclusterdefaultcss": cl / "MarkerCluster.Default.css"}
    return js, css


def offline(m: folium.Map) -> None:
    """Point every script and style sheet of the page at an installed file; drop those not needed for pins and
    popups (Bootstrap, Font Awesome, awesome-markers: only folium.Icon uses them). Call it after adding
    everything, before saving."""
    js, css = _local_files()
    dropped: set[str] = set()
    stack = [m.get_root()]
    while stack:
        el = stack.pop()
        stack.extend(el._children.values())
        for attr, local in (("default_js", js), ("default_css", css)):
            links = getattr(el, attr, None)
            if links is None:
                continue
            dropped |= {name for name, _ in links if name not in local}
            setattr(el, attr, [(name, local[name].as_uri()) for name, _ in links if name in local])
    if dropped - {"bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css", "awesome_markers_font_css",
                  "awesome_markers_css", "awesome_rotate_css"}:
        print(f"offline: left out {sorted(dropped)}", file=sys.stderr)


def main_args(usage: str) -> tuple[str, str, bool]:
    """SITES.csv OUT.html [--offline] (--local-leaflet, the old name, means the same)."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit(usage)
    return args[0], args[1], "--offline" in sys.argv or "--local-leaflet" in sys.argv
