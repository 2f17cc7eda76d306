"""folium's FastMarkerCluster with popups: the places as one data array, markers and popups made by a callback.

Run as `python bench/fastcluster.py SITES.csv OUT.html [--offline]` (see naive.py for --offline).
"""

from __future__ import annotations

import html

import folium
from folium.plugins import FastMarkerCluster
from peers import main_args, offline, popup_html, read_places

CALLBACK = """function (row) {
    var marker = L.marker(new L.LatLng(row[0], row[1]));
    marker.bindPopup(row[2], {maxWidth: 300});
    marker.bindTooltip(row[3]);
    return marker;
}"""


def main(sites: str, out: str, local: bool) -> None:
    m = folium.Map(location=[55, 37], zoom_start=4)
    data = [[p.lat, p.lon, popup_html(p), html.escape(p.name)] for p in read_places(sites)]
    FastMarkerCluster(data, callback=CALLBACK).add_to(m)
    if local:
        offline(m)
    m.save(out)


if __name__ == "__main__":
    main(*main_args(__doc__ or ""))
