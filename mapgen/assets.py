"""Where Leaflet and its plugins come from: installed XStatic packages (offline) or pinned CDN URLs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_gesturehandling as xgesture
import xstatic.pkg.leaflet_markercluster as xcluster


@dataclass(frozen=True)
class Asset:
    name: str  # file name under assets/
    kind: str  # "js" or "css"
    local: Path
    cdn: str


def _x(pkg, rel: str) -> Path:
    return Path(pkg.BASE_DIR) / rel


LEAFLET = [
    Asset("leaflet.css", "css", _x(xleaflet, "leaflet.css"),
          "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),
    Asset("leaflet.js", "js", _x(xleaflet, "leaflet.js"),
          "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
    Asset("MarkerCluster.css", "css", _x(xcluster, "MarkerCluster.css"),
          "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css"),
    Asset("leaflet.markercluster.js", "js", _x(xcluster, "leaflet.markercluster.js"),
          "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js"),
]
GESTURE = [
    Asset("leaflet-gesture-handling.min.css", "css", _x(xgesture, "leaflet-gesture-handling.min.css"),
          "https://cdn.jsdelivr.net/npm/leaflet-gesture-handling@1.2.1/dist/leaflet-gesture-handling.min.css"),
    Asset("leaflet-gesture-handling.min.js", "js", _x(xgesture, "leaflet-gesture-handling.min.js"),
          "https://cdn.jsdelivr.net/npm/leaflet-gesture-handling@1.2.1/dist/leaflet-gesture-handling.min.js"),
]


def own(name: str) -> str:
    """mapgen's own script or stylesheet."""
    return (resources.files("mapgen") / "static" / name).read_text(encoding="utf-8")
