"""sites.geojson: RFC 7946, one Point per site, readable by GDAL and geopandas."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


def render_geojson(atlas: Atlas, chunk: int = 2000) -> Iterator[bytes]:
    """The collection in chunks of features, one feature per line (readable diffs). json's C encoder does
    the work; the line break can only fall between features, because inside a JSON string every '"' is
    escaped, so '},{"type":"Feature"' cannot occur there."""
    yield b'{"type":"FeatureCollection","features":[\n'
    for k in range(0, len(atlas.sites), chunk):
        text = json.dumps([feature(s) for s in atlas.sites[k:k + chunk]], ensure_ascii=False, separators=(",", ":"))
        sep = ",\n" if k else ""
        yield (sep + text[1:-1].replace('},{"type":"Feature"', '},\n{"type":"Feature"')).encode()
    yield b"\n]}\n"
