"""The atlas as a folium.Map, for notebooks: the same pins (coloured by category), clustered, with popups that
quote each claim and cite its source line, and a legend. It shows inline in Jupyter (`_repr_html_`) and saves
with folium's own `save()`.

Two folium traps are avoided (see the project's field notes): folium.Popup puts text into a JavaScript
template literal, where `${…}` runs, and needs jQuery; and a default folium map loads Leaflet, jQuery and
Bootstrap from four CDNs, so offline it is blank. Here the data travel once as JSON made safe for a <script>
(`to_script_json`), popups are built in the browser with textContent, and Leaflet and markercluster are the
installed XStatic files inlined as data: URIs, so a saved map works with no network.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..assets import LEAFLET, MARKERCLUSTER, Asset
from ..gazetteer import country_outlines_text
from ..model import Atlas, select
from ..vocab import CATEGORIES
from .page import OSM_TILES
from .payload import to_script_json
from .strings import label, strings

if TYPE_CHECKING:
    import folium

_SCRIPT = """
{% macro script(this, kwargs) %}
(function () {
  var data = {{ this.data }}, map = {{ this._parent.get_name() }};
  L.geoJSON({{ this.outline }}, { interactive: false, style: { color: "#999", weight: 1, fillColor: "#f2efe9",
    fillOpacity: 1 } }).addTo(map);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, iconCreateFunction: function (c) {
    var n = c.getChildCount(), size = n < 10 ? 30 : n < 100 ? 36 : 42;
    var e = el("div", String(n), "width:" + size + "px;height:" + size + "px;border-radius:50%;display:flex;" +
      "align-items:center;justify-content:center;background:rgba(40,40,48,.82);color:#fff;font:700 13px sans-serif");
    return L.divIcon({ html: e, className: "", iconSize: [size, size] });
  } });
  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }
  data.sites.forEach(function (s) {
    var colour = data.categories[s.colour].colour;
    var pin = L.circleMarker([s.lat, s.lon], { radius: 7, color: "#fff", weight: 2, fillColor: colour,
      fillOpacity: 1 });
    pin.bindTooltip(s.name);
    pin.bindPopup(function () {
      var root = el("div", null, "max-width:320px");
      root.appendChild(el("h4", s.name, "margin:0 0 4px"));
      if (s.name_local) root.appendChild(el("div", s.name_local, "color:#444"));
      s.claims.forEach(function (c) {
        var years = c.start_year === c.end_year ? String(c.start_year) : c.start_year + "\u2013" + c.end_year;
        root.appendChild(el("p", years + " \u00b7 " + data.categories[c.category].label,
          "margin:8px 0 2px;font-weight:600"));
        if (c.flag) root.appendChild(el("p", "\u2691 " + data.flags[c.flag] + " " + c.flag_reason,
          "margin:2px 0;background:#fff3cd;padding:2px 4px"));
        root.appendChild(el("blockquote", "\u201c" + c.quote + "\u201d",
          "margin:2px 0;padding-left:8px;border-left:3px solid #bbb;font-family:Georgia,serif"));
        root.appendChild(el("p", "\u2014 " + data.sources[c.source] + ", " + data.line + " " + c.line,
          "margin:0;font-size:12px"));
      });
      return root;
    }, { maxWidth: 340 });
    cluster.addLayer(pin);
  });
  map.addLayer(cluster);
  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    var box = el("div", null, "background:#fff;padding:6px 8px;font:12px sans-serif;border-radius:4px");
    data.legend.forEach(function (c) {
      var row = box.appendChild(el("div"));
      row.appendChild(el("span", "\u25cf ", "color:" + c.colour + ";font-size:16px"));
      row.appendChild(document.createTextNode(c.label));
    });
    return box;
  };
  legend.addTo(map);
})();
{% endmacro %}
"""


def _data_uri(asset: Asset) -> str:
    kind = "text/javascript" if asset.kind == "js" else "text/css"
    return f"data:{kind};base64," + base64.b64encode(asset.local.read_bytes()).decode()


def _data(atlas: Atlas, lang: str, categories: Sequence[str]) -> dict[str, Any]:
    """What the pins need, by name; categories and sources as indexes (the page's payload does the same).
    A pin takes the colour of its first claim in the selected categories, and the legend lists those."""
    index = {c.slug: k for k, c in enumerate(CATEGORIES)}
    sources = list(atlas.sources)
    chosen = set(categories) or {c.slug for c in CATEGORIES}
    colour = {s.id: next(index[c.category] for c in s.claims if c.category in chosen) for s in atlas.sites}
    used = set(colour.values())
    return {
        "categories": [{"label": label("category", c.slug, lang), "colour": c.colour} for c in CATEGORIES],
        "legend": [{"label": label("category", c.slug, lang), "colour": c.colour}
                   for k, c in enumerate(CATEGORIES) if k in used],
        "flags": {c.flag: label("flag", c.flag, lang) for s in atlas.sites for c in s.claims if c.flag},
        "sources": [atlas.sources[f].title for f in sources],
        "line": strings(lang)["folium_line"],
        "sites": [{"name": s.name, "name_local": s.name_local, "lat": s.lat, "lon": s.lon, "colour": colour[s.id],
                   "claims": [{"start_year": c.start_year, "end_year": c.end_year, "category": index[c.category],
                               "quote": c.quote, "source": sources.index(c.source), "line": c.line,
                               "flag": c.flag, "flag_reason": c.flag_reason} for c in s.claims]}
                  for s in atlas.sites],
    }


def folium_map(atlas: Atlas, periods: Sequence[str] = (), categories: Sequence[str] = (), lang: str = "en",
               tiles: str | None = OSM_TILES) -> folium.Map:
    """A folium.Map of the sites with a claim in `periods` and `categories` (all when empty). `tiles=None`
    draws no background tiles: the map then asks nothing of any server."""
    import folium
    from branca.element import MacroElement
    from jinja2 import Template

    subset = select(atlas, list(periods), list(categories), [])
    if not subset.sites:
        raise ValueError("no site matches this selection; widen periods or categories")
    lats, lons = [s.lat for s in subset.sites], [s.lon for s in subset.sites]
    fmap = folium.Map(location=[sum(lats) / len(lats), sum(lons) / len(lons)], zoom_start=4, tiles=None,
                      maxZoom=18)
    fmap.default_js = [(a.name, _data_uri(a)) for a in LEAFLET + MARKERCLUSTER if a.kind == "js"]
    fmap.default_css = [(a.name, _data_uri(a)) for a in LEAFLET + MARKERCLUSTER if a.kind == "css"]
    if tiles:
        folium.TileLayer(tiles=tiles, attr=strings(lang)["osm_credit"], max_zoom=18).add_to(fmap)
    pins = MacroElement()
    pins._name = "MapgenPins"
    pins._template = Template(_SCRIPT)
    pins.data = to_script_json(_data(subset, lang, categories))  # type: ignore[attr-defined]
    pins.outline = country_outlines_text("110m")  # type: ignore[attr-defined]  # GeoJSON from our own data
    fmap.add_child(pins)
    fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(20, 20))
    return fmap
