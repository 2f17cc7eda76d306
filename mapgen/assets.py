"""Where Leaflet and its plugins come from: installed XStatic packages (offline) or pinned CDN URLs.

`sri` is the Subresource Integrity hash of the file at `cdn`. It is set only where the installed XStatic
copy was checked to be that very file: Leaflet 1.9.3's sha256 digests match those leafletjs.com publishes
for unpkg's copy of the npm package (which jsdelivr's /npm/ serves too), and leaflet.markercluster.js
1.4.1's sha384 matches the one published for unpkg's 1.4.1. XStatic's MarkerCluster.css is the 1.5.3 file
(sha256 YU3qCpj…, not 1.4.1's +bdWuWO…) and no published digest of gesture handling 1.2.1 was found:
those two have no `sri`, and a page that would take them from the CDN inlines the local copy instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_gesturehandling as xgesture
import xstatic.pkg.leaflet_markercluster as xcluster

from .render.strings import script_catalogues


@dataclass(frozen=True)
class Asset:
    name: str  # file name under assets/
    kind: str  # "js" or "css"
    local: Path
    cdn: str
    sri: str | None = None  # integrity of the CDN file, only where verified equal to `local`


def _x(pkg, rel: str) -> Path:
    return Path(pkg.BASE_DIR) / rel


LEAFLET = [
    Asset("leaflet.css", "css", _x(xleaflet, "leaflet.css"),
          "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
          "sha384-o/2yZuJZWGJ4s/adjxVW71R+EO/LyCwdQfP5UWSgX/w87iiTXuvDZaejd3TsN7mf"),
    Asset("leaflet.js", "js", _x(xleaflet, "leaflet.js"),
          "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
          "sha384-okbbMvvx/qfQkmiQKfd5VifbKZ/W8p1qIsWvE1ROPUfHWsDcC8/BnHohF7vPg2T6"),
]
# The pins' clustering on mapgen's pages: supercluster 9.1.0's UMD build from the npm package (ISC licence,
# static/vendor/supercluster.LICENSE); its sha384 is of that file, which jsdelivr's /npm/ serves as it is.
SUPERCLUSTER = Asset("supercluster.min.js", "js", Path(__file__).parent / "static" / "vendor" / "supercluster.min.js",
                     "https://cdn.jsdelivr.net/npm/supercluster@9.1.0/dist/supercluster.min.js",
                     "sha384-b2jocofijO1GAbpdMm3wr8T1DXJnb3YV2zs8ZTQ+WsdJg8wvzbb/6DtCdPSZjlnf")
PAGE = [*LEAFLET, SUPERCLUSTER]  # what every map page loads before mapgen.js
# folium's map for notebooks (render/folium_map.py) clusters with Leaflet.markercluster
MARKERCLUSTER = [
    Asset("MarkerCluster.css", "css", _x(xcluster, "MarkerCluster.css"),
          "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css"),
    Asset("leaflet.markercluster.js", "js", _x(xcluster, "leaflet.markercluster.js"),
          "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js",
          "sha384-RLIyj5q1b5XJTn0tqUhucRZe40nFTocRP91R/NkRJHwAe4XxnTV77FXy/vGLiec2"),
]
GESTURE = [
    Asset("leaflet-gesture-handling.min.css", "css", _x(xgesture, "leaflet-gesture-handling.min.css"),
          "https://cdn.jsdelivr.net/npm/leaflet-gesture-handling@1.2.1/dist/leaflet-gesture-handling.min.css"),
    Asset("leaflet-gesture-handling.min.js", "js", _x(xgesture, "leaflet-gesture-handling.min.js"),
          "https://cdn.jsdelivr.net/npm/leaflet-gesture-handling@1.2.1/dist/leaflet-gesture-handling.min.js"),
]


SCRIPT = "mapgen.js"  # not a file: assembled from static/js/ by page_script()
_SCRIPT_HEAD = """/* mapgen map application, assembled from mapgen/static/js/ (a module per concern, in name order).
 * Reads one data payload, creates pins, popups, filters and search on demand, and exposes
 * window.mapgen for tests and for journalists who script the map. Every value from the data is
 * put on the page with textContent or setAttribute, never as HTML.
 */
(function () {
"use strict";
"""
_SCRIPT_TAIL = "})();\n"


def page_script() -> str:
    """The one script every map page runs: the modules of static/js/ concatenated in the order of their
    names (NN-concern.js) inside one function, so that it works inline, from file:// and as a single file.
    Each module is a plain script that names what it gives the later ones; the bytes depend on the files only."""
    folder = resources.files("mapgen") / "static" / "js"
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".js"))
    parts = [f"/* ---------- {n} ---------- */\n" + (folder / n).read_text(encoding="utf-8") for n in names]
    catalogues = json.dumps(script_catalogues(), ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_HEAD + "var CATALOGUES = " + catalogues + ";\n" + "\n".join(parts) + _SCRIPT_TAIL


def own(name: str) -> str:
    """mapgen's own script or stylesheet."""
    if name == SCRIPT:
        return page_script()
    return (resources.files("mapgen") / "static" / name).read_text(encoding="utf-8")
