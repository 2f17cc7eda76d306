"""The printable visit sheet: an overview map and, per stop, what a group needs on the day."""

from __future__ import annotations

import base64
from typing import Any

from markupsafe import Markup

from ..citation import Citation, TextLine
from ..model import Atlas, Site
from ..route import Route
from ..vocab import CATEGORIES
from .page import csp_policy, hash_source
from .strings import LANG, label, render, strings

LABELS = {c.slug: label("category", c.slug) for c in CATEGORIES}

STYLE = """
@page{size:A4;margin:16mm 14mm}
body{font:11pt/1.45 Georgia,"Noto Serif",serif;color:#111;max-width:180mm;margin:0 auto;padding:8mm 0}
h1,h2,h3,table,.meta{font-family:system-ui,"Noto Sans",sans-serif}
h1{font-size:20pt;margin:0 0 2mm} h2{font-size:14pt;margin:0 0 1mm} .meta{color:#444;font-size:10pt}
img{width:100%;height:auto;border:1px solid #bbb} table{border-collapse:collapse;width:100%;font-size:10pt}
td,th{border-bottom:1px solid #ccc;padding:1.5mm 2mm;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.stop{break-inside:avoid;border-top:2px solid #333;margin-top:6mm;padding-top:3mm}
blockquote{margin:2mm 0 1mm;padding-left:4mm;border-left:2px solid #999}
.cite{font-size:9.5pt;color:#333;margin:0 0 3mm} .flag{font-size:9.5pt;background:#fff3cd;padding:1mm 2mm}
dl{display:grid;grid-template-columns:auto 1fr;gap:1mm 4mm;font-size:10pt;font-family:system-ui,sans-serif}
dt{font-weight:600} dd{margin:0}
@media screen{body{padding:10mm}}
"""
# No script; the one stylesheet by hash; the overview map is a data: image.
CSP = csp_policy(scripts=(), styles=[hash_source(STYLE)], images=["data:"])


def dms(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d}°{m:02d}′{s:04.1f}″{hemi}"


def km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def _sourced(note: str, source: Citation | None, atlas: Atlas) -> str:
    """A note with where it comes from, printed: the page's address, or the seed's title and line."""
    if source is None:
        return note
    where = (strings()["sheet_source_line"].format(title=atlas.sources[source.file].title, line=source.line)
             if isinstance(source, TextLine) else source.url)
    return strings()["sheet_note_source"].format(note=note, source=where)


def _stop(k: int, site: Site, leg_m: float, atlas: Atlas, start: tuple[float, float] | None) -> dict[str, Any]:
    """What the sheet shows of one stop: its row in the table, its facts and its claims with their sources."""
    s = strings()
    coordinates = f"{site.lat:.5f}, {site.lon:.5f}"
    facts = [(s["sheet_coordinates"], f"{coordinates} ({dms(site.lat, 'N', 'S')} {dms(site.lon, 'E', 'W')}); "
                                      + s["sheet_precision"].format(precision=site.precision))]
    if k > 1 or start is not None:
        distance = s["sheet_from_previous" if k > 1 else "sheet_from_start"].format(km=km(leg_m))
        facts.append((s["sheet_distance"], distance))
    for note, source, term in ((site.today, site.today_source, "sheet_today"),
                               (site.remembrance, site.remembrance_source, "sheet_remembrance"),
                               (site.visiting, site.visiting_source, "sheet_visiting")):
        if note:
            facts.append((s[term], _sourced(note, source, atlas)))
    if site.checked:
        facts.append((s["sheet_checked"], s["sheet_checked_value"].format(date=site.checked.isoformat())))
    claims = [{"claim": c, "source": atlas.sources[c.source], "category": LABELS[c.category],
               "flag": label("flag", c.flag) if c.flag else ""} for c in site.claims]
    return {"k": k, "site": site, "coordinates": coordinates, "leg": km(leg_m) if (k > 1 or start is not None) else "—",
            "facts": facts, "claims": claims}


def render_sheet(atlas: Atlas, stops: list[Site], route: Route, start: tuple[float, float] | None,
                 overview_png: bytes, title: str) -> str:
    s = strings()
    where = s["sheet_from"].format(lat=start[0], lon=start[1]) if start else s["sheet_from_first"]
    return render(
        "sheet.html", lang=LANG, s=s, csp=CSP, title=title, style=Markup(STYLE), where=where,
        total=km(route.total_m), method=route.method, image=base64.b64encode(overview_png).decode(),
        stops=[_stop(k, site, leg, atlas, start)
               for k, (site, leg) in enumerate(zip(stops, route.legs_m, strict=True), start=1)])
