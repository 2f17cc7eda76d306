"""The printable visit sheet: an overview map and, per stop, what a group needs on the day."""

from __future__ import annotations

import base64
import html

from ..model import Atlas, Site
from ..route import Route
from ..vocab import CATEGORIES, FLAGS
from .page import csp_meta, hash_source

LABELS = {c.slug: c.label for c in CATEGORIES}

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
CSP = csp_meta(scripts=(), styles=[hash_source(STYLE)], images=["data:"])


def dms(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d}°{m:02d}′{s:04.1f}″{hemi}"


def km(metres: float) -> str:
    return f"{metres / 1000:,.1f} km"


def _stop(k: int, site: Site, leg_m: float, atlas: Atlas, first_from_start: bool) -> str:
    e = html.escape
    facts = [("Coordinates", f"{site.lat:.5f}, {site.lon:.5f} ({dms(site.lat, 'N', 'S')} "
                             f"{dms(site.lon, 'E', 'W')}); precision: {site.precision}")]
    if k > 1 or first_from_start:
        facts.append(("Distance", f"{km(leg_m)} from the {'previous stop' if k > 1 else 'start'} (straight line)"))
    if site.today:
        facts.append(("Today", site.today))
    if site.remembrance:
        facts.append(("Remembrance", site.remembrance))
    dl = "".join(f"<dt>{e(a)}</dt><dd>{e(b)}</dd>" for a, b in facts)
    claims = []
    for c in site.claims:
        source = atlas.sources[c.source]
        flag = (f'<p class="flag">⚑ {e(FLAGS.get(c.flag, c.flag))} {e(c.flag_reason)}</p>' if c.flag else "")
        claims.append(f"<h3>{e(c.years)} · {e(LABELS[c.category])}</h3>{flag}<blockquote>“{e(c.quote)}”</blockquote>"
                      f'<p class="cite">— {e(source.title)}, line {c.line} ({e(source.origin)}; {e(source.licence)})'
                      "</p>")
    local = f' <span class="meta">{e(site.name_local)}</span>' if site.name_local else ""
    return (f'<section class="stop"><h2>{k}. {e(site.name)}{local}</h2><dl>{dl}</dl>{"".join(claims)}'
            "</section>")


def render_sheet(atlas: Atlas, stops: list[Site], route: Route, start: tuple[float, float] | None,
                 overview_png: bytes, title: str) -> str:
    e = html.escape
    rows = []
    for k, (site, leg) in enumerate(zip(stops, route.legs_m, strict=True), start=1):
        shown = km(leg) if (k > 1 or start is not None) else "—"
        rows.append(f"<tr><td class=n>{k}</td><td>{e(site.name)}</td><td>{site.lat:.5f}, {site.lon:.5f}</td>"
                    f"<td class=n>{shown}</td></tr>")
    where = f"from {start[0]:.4f}, {start[1]:.4f}" if start else "from the first stop"
    img = base64.b64encode(overview_png).decode()
    body = (f"<h1>{e(title)}</h1><p class=meta>{len(stops)} stops {where}; total {km(route.total_m)} in straight "
            f"lines on the ellipsoid (roads are longer). Order: {e(route.method)}.</p>"
            f'<img src="data:image/png;base64,{img}" alt="Overview map of the route through {len(stops)} stops">'
            "<table><thead><tr><th class=n>#</th><th>Place</th><th>Coordinates</th><th class=n>Leg</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
            + "".join(_stop(k, s, leg, atlas, start is not None)
                      for k, (s, leg) in enumerate(zip(stops, route.legs_m, strict=True), start=1))
            + "<p class=meta>Quotes are verbatim from the sources named; flagged claims are marked ⚑. Made with "
              "mapgen. Outlines: Natural Earth.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"{CSP}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
