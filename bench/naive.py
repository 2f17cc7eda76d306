"""The obvious folium program: one Marker with a Popup per row, a FeatureGroup per category, a LayerControl.

Run as `python bench/naive.py SITES.csv OUT.html [--local-leaflet]`. --local-leaflet swaps folium's CDN
links for the installed Leaflet files so the page can be timed offline; it changes nothing else.
"""

from __future__ import annotations

import csv
import html
import sys

import folium


def main(sites: str, out: str, local: bool) -> None:
    with open(sites, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    m = folium.Map(location=[55, 37], zoom_start=4)
    if local:
        import xstatic.pkg.leaflet as xl
        m.default_js = [("leaflet", f"file://{xl.BASE_DIR}/leaflet.js")]
        m.default_css = [("leaflet_css", f"file://{xl.BASE_DIR}/leaflet.css")]
    groups: dict[str, folium.FeatureGroup] = {}
    for r in rows:
        group = groups.get(r["category"])
        if group is None:
            group = groups[r["category"]] = folium.FeatureGroup(name=r["category"]).add_to(m)
        text = (f"<b>{html.escape(r['name'])}</b><br>{r['start_year']}–{r['end_year']}<br>"
                f"<blockquote>{html.escape(r['quote'])}</blockquote>{html.escape(r['source'])}, line {r['line']}")
        folium.Marker([float(r["lat"]), float(r["lon"])], popup=folium.Popup(text, max_width=300),
                      tooltip=r["name"]).add_to(group)
    folium.LayerControl().add_to(m)
    m.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--local-leaflet" in sys.argv)
