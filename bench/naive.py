"""The obvious folium program: one Marker with a Popup per place, a FeatureGroup per category, a LayerControl.

Run as `python bench/naive.py SITES.csv OUT.html [--offline]`. --offline (or its old name --local-leaflet) points
folium's CDN links at installed files (Leaflet and jQuery, which folium's Popup calls) so the page can be timed
without a network; it changes nothing else.
"""

from __future__ import annotations

import html

import folium
from peers import main_args, offline, popup_html, read_places


def main(sites: str, out: str, local: bool) -> None:
    m = folium.Map(location=[55, 37], zoom_start=4)
    groups: dict[str, folium.FeatureGroup] = {}
    for place in read_places(sites):
        category = place.claims[0]["category"]
        group = groups.get(category)
        if group is None:
            group = groups[category] = folium.FeatureGroup(name=category).add_to(m)
        folium.Marker([place.lat, place.lon], popup=folium.Popup(popup_html(place), max_width=300),
                      tooltip=html.escape(place.name)).add_to(group)
    folium.LayerControl().add_to(m)
    if local:
        offline(m)
    m.save(out)


if __name__ == "__main__":
    main(*main_args(__doc__ or ""))
