"""GPS files for a visit: GPX (waypoints in visiting order plus a route) and KML, via gpxpy and simplekml."""

from __future__ import annotations

import gpxpy.gpx
import simplekml
import simplekml.base

from ..model import Site


def _describe(site: Site) -> str:
    parts = [site.name_local, site.today and f"Today: {site.today}",
             site.remembrance and f"Remembrance: {site.remembrance}"]
    return " · ".join(p for p in parts if p)


def render_gpx(stops: list[Site], title: str) -> str:
    gpx = gpxpy.gpx.GPX()
    gpx.name = title
    gpx.creator = "mapgen"
    route = gpxpy.gpx.GPXRoute(name=title)
    for k, site in enumerate(stops, start=1):
        label = f"{k}. {site.name}"
        gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(site.lat, site.lon, name=label, description=_describe(site),
                                                   symbol="Flag"))
        route.points.append(gpxpy.gpx.GPXRoutePoint(site.lat, site.lon, name=label))
    gpx.routes.append(route)
    return gpx.to_xml(version="1.1")


def render_kml(stops: list[Site], title: str) -> str:
    # simplekml numbers elements with a process-wide counter; start it afresh so output is reproducible
    simplekml.base.Kmlable._globalid = 0
    kml = simplekml.Kml(name=title)
    for k, site in enumerate(stops, start=1):
        point = kml.newpoint(name=f"{k}. {site.name}", coords=[(site.lon, site.lat)])
        point.description = _describe(site)
    if len(stops) > 1:
        line = kml.newlinestring(name=title, coords=[(s.lon, s.lat) for s in stops])
        line.style.linestyle.width = 3
        line.style.linestyle.color = "ff0072b2"
    return kml.kml()
