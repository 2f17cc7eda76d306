"""GPS files for a visit: GPX (waypoints in visiting order plus a route, gpxpy) and KML (xml.etree).

Names and titles come from the table and the command line: they must stay text. KML is written with
a real XML serializer (simplekml copies text containing `<![CDATA[` raw, so a name could close it and
add elements such as a NetworkLink); gpxpy escapes element text. Characters XML cannot carry at all
(control characters, lone surrogates) become U+FFFD in both, so every file parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import gpxpy.gpx

from ..model import Site
from .strings import LANG, strings

KML_NS = "http://www.opengis.net/kml/2.2"
# everything outside XML 1.0's Char production
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` with characters XML cannot represent replaced by U+FFFD; escaping is the serializer's job."""
    return XML_ILLEGAL.sub("\ufffd", text)


def _describe(site: Site, lang: str = LANG) -> str:
    """What a group needs at the stop, offline: the local name and the notes, with the date they were checked,
    in `lang` (the notes themselves are the table's)."""
    s = strings(lang)
    local = site.name_local if site.name_local != site.name_in(lang) else ""
    parts = [local] + [s[key].format(note=note) for key, note in (
        ("gps_today", site.today), ("gps_remembrance", site.remembrance), ("gps_visiting", site.visiting)) if note]
    if site.checked and (site.today or site.remembrance or site.visiting):
        parts.append(s["gps_checked"].format(date=site.checked.isoformat()))
    return xml_text(" · ".join(p for p in parts if p))


def render_gpx(stops: list[Site], title: str, lang: str = LANG) -> str:
    """GPX 1.1: the stops as waypoints in visiting order, named in `lang` where the table knows the name, and
    the route through them."""
    title = xml_text(title)
    gpx = gpxpy.gpx.GPX()
    gpx.name = title
    gpx.creator = "mapgen"  # gpxpy writes attributes unescaped: only constants and numbers go there
    route = gpxpy.gpx.GPXRoute(name=title)
    for k, site in enumerate(stops, start=1):
        label = xml_text(f"{k}. {site.name_in(lang)}")
        gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(float(site.lat), float(site.lon), name=label,
                                                   description=_describe(site, lang), symbol="Flag"))
        route.points.append(gpxpy.gpx.GPXRoutePoint(float(site.lat), float(site.lon), name=label))
    gpx.routes.append(route)
    return gpx.to_xml(version="1.1")


def _coords(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{float(lon)!r},{float(lat)!r},0" for lat, lon in points)


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, tag)
    if text is not None:
        child.text = xml_text(text)
    return child


def render_kml(stops: list[Site], title: str, lang: str = LANG) -> str:
    """KML 2.2: one Placemark per stop in visiting order (named in `lang` where the table knows the name), and
    the route as a line. No ids, no counters: the same stops give the same bytes."""
    root = ET.Element("kml", {"xmlns": KML_NS})  # a plain attribute: no process-wide namespace registry
    doc = _sub(root, "Document")
    _sub(doc, "name", title)
    if len(stops) > 1:
        style = _sub(doc, "Style")
        style.set("id", "route")
        line_style = _sub(style, "LineStyle")
        _sub(line_style, "color", "ff0072b2")
        _sub(line_style, "width", "3")
    for k, site in enumerate(stops, start=1):
        mark = _sub(doc, "Placemark")
        _sub(mark, "name", f"{k}. {site.name_in(lang)}")
        _sub(mark, "description", _describe(site, lang))
        _sub(_sub(mark, "Point"), "coordinates", _coords([(site.lat, site.lon)]))
    if len(stops) > 1:
        mark = _sub(doc, "Placemark")
        _sub(mark, "name", title)
        _sub(mark, "styleUrl", "#route")
        _sub(_sub(mark, "LineString"), "coordinates", _coords([(s.lat, s.lon) for s in stops]))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
