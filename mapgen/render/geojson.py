"""sites.geojson: RFC 7946, one Point per site, readable by GDAL and geopandas."""

from __future__ import annotations

import json
from typing import Any

from ..model import Atlas, Site


def feature(site: Site) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": site.id, "name": site.name, "precision": site.precision, "country": site.country,
        "categories": list(site.categories), "periods": list(site.periods),
    }
    for key in ("name_local", "geonames_id", "today", "remembrance"):
        if getattr(site, key):
            props[key] = getattr(site, key)
    if site.aliases:
        props["aliases"] = list(site.aliases)
    claims = []
    for c in site.claims:
        claim: dict[str, Any] = {"start_year": c.start_year, "end_year": c.end_year, "category": c.category,
                                 "quote": c.quote, "source": c.source, "line": c.line}
        if c.flag:
            claim["flag"] = c.flag
            claim["flag_reason"] = c.flag_reason
        claims.append(claim)
    props["claims"] = claims
    return {"type": "Feature", "id": site.id, "geometry": {"type": "Point", "coordinates": [site.lon, site.lat]},
            "properties": props}


def render_geojson(atlas: Atlas) -> str:
    # One call to json's C encoder, then one feature per line for readable diffs. The break can only land
    # between features: inside a JSON string every '"' is escaped, so '},{"type":"Feature"' cannot occur there.
    text = json.dumps([feature(s) for s in atlas.sites], ensure_ascii=False, separators=(",", ":"))
    lines = text[1:-1].replace('},{"type":"Feature"', '},\n{"type":"Feature"')
    return f'{{"type":"FeatureCollection","features":[\n{lines}\n]}}\n'

