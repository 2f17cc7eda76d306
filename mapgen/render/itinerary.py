"""The printable visit sheet: an overview map and, per stop, what a group needs on the day.

Page 1 holds the overview map and the table of stops; each stop follows with its facts, its links (the place
on the published map, a maps app, OpenStreetMap) and QR codes of the first two for a phone, then its claims.
A stop's head and each claim stay on one page. Written in the sheet's language; quotes stay as their source
wrote them, marked with its language."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote, urlsplit

import segno
from babel.numbers import format_decimal
from markupsafe import Markup

from .. import paths
from ..citation import Citation, TextLine
from ..model import Atlas, Site
from ..route import Route
from .page import csp_policy, hash_source
from .strings import LANG, label, render, strings

STYLE = """
@page{size:A4;margin:14mm}
body{font:11pt/1.4 Georgia,"Noto Serif",serif;color:#111;max-width:182mm;margin:0 auto;padding:8mm 0}
h1,h2,h3,table,.meta,.links,figcaption{font-family:system-ui,"Noto Sans",sans-serif}
h1{font-size:19pt;margin:0 0 1mm} h2{font-size:14pt;margin:0 0 1mm} h3{font-size:10.5pt;margin:2mm 0 0}
.meta{color:#444;font-size:10pt;margin:0 0 2mm}
.overview{width:100%;height:auto;display:block;margin:0 0 2mm}
table{border-collapse:collapse;width:100%;font-size:10pt}
td,th{border-bottom:1px solid #ccc;padding:1.2mm 2mm;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.stop{border-top:2px solid #333;margin-top:5mm;padding-top:2.5mm}
.claim,.qr,dt,dd{break-inside:avoid} .head{break-after:avoid}
h2,h3{break-after:avoid}
.head{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:4mm;align-items:start}
dd,.cite{overflow-wrap:anywhere}
.qr{display:flex;gap:3mm;margin:0}
figure{margin:0;width:26mm;flex:none;text-align:center}
figure img{width:26mm;height:26mm;display:block}
figcaption{font-size:9pt;line-height:1.2;color:#333}
.links{font-size:10pt;margin:1.5mm 0 0} .links a{color:#0b4f8a}
blockquote{margin:1.5mm 0 1mm;padding-left:4mm;border-left:2px solid #999}
.cite{font-size:9.5pt;color:#333;margin:0 0 2mm} .flag{font-size:9.5pt;background:#fff3cd;padding:1mm 2mm;margin:1mm 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:1mm 4mm;font-size:10pt;font-family:system-ui,sans-serif;margin:1mm 0}
dt{font-weight:600} dd{margin:0}
@media screen{body{padding:10mm}}
@media print{body{padding:0} .links a{color:inherit;text-decoration:none}}
"""
# No script; the one stylesheet by hash; the overview map and QR codes are data: images.
CSP = csp_policy(scripts=(), styles=[hash_source(STYLE)], images=["data:"])
# The overview map as printed: the sheet's width by about three fifths of it, so that the table of stops and the
# first stop fit below it on page 1.
OVERVIEW_MM = (182.0, 112.0)


def dms(value: float, pos: str, neg: str, lang: str = LANG) -> str:
    """Degrees, minutes and seconds with the hemisphere as the language writes it (`pos`/`neg`: n, s, e, w)."""
    hemi = pos if value >= 0 else neg
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return str(strings(lang)[f"dms_{hemi}"].format(dms=f"{d}°{m:02d}′{s:04.1f}″"))


def km(metres: float, lang: str = LANG) -> str:
    """A distance in kilometres with one decimal, in the language's digits and separators."""
    return str(strings(lang)["km"].format(km=format_decimal(metres / 1000, format="#,##0.0", locale=lang)))


def map_url(link_base: str, site: Site, lang: str) -> str:
    """The place on the published map, in the sheet's language (`link_base` checked, ending in /)."""
    return f"{link_base}{paths.INDEX}#site={quote(site.id, safe='')}&lang={quote(lang, safe='')}"


def geo_uri(site: Site) -> str:
    """RFC 5870: a phone's maps app (its offline maps too) opens the point."""
    return f"geo:{site.lat:.5f},{site.lon:.5f}"


def osm_url(site: Site) -> str:
    lat, lon = f"{site.lat:.5f}", f"{site.lon:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}"


def qr_code(data: str) -> str:
    """A QR code of `data` as an SVG data: URI; the same data gives the same bytes."""
    return str(segno.make(data, error="m", micro=False).svg_data_uri(border=4))


def method_text(route: Route, n: int, lang: str) -> str:
    """How the order was found, in the sheet's language (route.method is the command line's English)."""
    s = strings(lang)
    return s.plural("sheet_order_exact", n) if route.method.startswith("exact") else str(s["sheet_order_heuristic"])


def _sourced(note: str, source: Citation | None, atlas: Atlas, lang: str) -> str:
    """A note with where it comes from, printed: the page's address, or the seed's title and line."""
    s = strings(lang)
    if source is None:
        return note
    where = (s["sheet_source_line"].format(title=atlas.sources[source.file].title, line=source.line)
             if isinstance(source, TextLine) else source.url)
    return str(s["sheet_note_source"].format(note=note, source=where))


def _stop(k: int, site: Site, leg_m: float, atlas: Atlas, start: tuple[float, float] | None, lang: str,
          link_base: str) -> dict[str, Any]:
    """What the sheet shows of one stop: its row in the table, its facts, links and QR codes, and its claims
    with their sources (each source's language for the quote's `lang`)."""
    s = strings(lang)
    coordinates = f"{site.lat:.5f}, {site.lon:.5f}"
    where = f"{dms(site.lat, 'n', 's', lang)} {dms(site.lon, 'e', 'w', lang)}"
    facts = [(s["sheet_coordinates"], f"{coordinates} ({where}); "
              + s["sheet_precision"].format(precision=label("precision", site.precision, lang)))]
    if k > 1 or start is not None:
        distance = s["sheet_from_previous" if k > 1 else "sheet_from_start"].format(km=km(leg_m, lang))
        facts.append((s["sheet_distance"], distance))
    for note, source, term in ((site.today, site.today_source, "sheet_today"),
                               (site.remembrance, site.remembrance_source, "sheet_remembrance"),
                               (site.visiting, site.visiting_source, "sheet_visiting")):
        if note:
            facts.append((s[term], _sourced(note, source, atlas, lang)))
    if site.checked:
        facts.append((s["sheet_checked"], s["sheet_checked_value"].format(date=site.checked.isoformat())))
    claims = [{"claim": c, "source": atlas.sources[c.source], "category": label("category", c.category, lang),
               "flag": label("flag", c.flag, lang) if c.flag else ""} for c in site.claims]
    name = site.name_in(lang)
    links = []  # (text, href, QR code as a data: URI or "", the QR code's alt text)
    if link_base:  # a QR code only of an address a phone can open: not of a relative one (../map/)
        url = map_url(link_base, site, lang)
        absolute = urlsplit(link_base).scheme in ("http", "https")
        links.append((s["sheet_on_map"], url, qr_code(url) if absolute else "", s["sheet_qr_map"]))
    links.append((s["sheet_open_in_maps"], geo_uri(site), qr_code(geo_uri(site)), s["sheet_qr_geo"]))
    links.append(("OpenStreetMap", osm_url(site), "", ""))
    return {"k": k, "site": site, "name": name,
            # the table's own name is English; say so where the sheet is in another language
            "name_lang": "en" if name == site.name and lang != "en" else "",
            "local": site.name_local if site.name_local and site.name_local != name else "",
            "coordinates": coordinates, "leg": km(leg_m, lang) if (k > 1 or start is not None) else "—",
            "facts": facts, "claims": claims, "links": links}


def render_sheet(atlas: Atlas, stops: list[Site], route: Route, start: tuple[float, float] | None,
                 overview_png: bytes, title: str, lang: str = LANG, link_base: str = "") -> str:
    """The sheet in `lang`; with `link_base` (checked, ending in /), each stop links to its place on the map."""
    s = strings(lang)
    where = s["sheet_from"].format(lat=start[0], lon=start[1]) if start else s["sheet_from_first"]
    return render(
        "sheet.html", lang=lang, s=s, csp=CSP, title=title, style=Markup(STYLE), where=where,
        total=km(route.total_m, lang), method=method_text(route, len(stops), lang),
        image=base64.b64encode(overview_png).decode(),
        stops=[_stop(k, site, leg, atlas, start, lang, link_base)
               for k, (site, leg) in enumerate(zip(stops, route.legs_m, strict=True), start=1)])
