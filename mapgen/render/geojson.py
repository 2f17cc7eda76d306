"""sites.geojson: RFC 7946, one Point per site, readable by GDAL and geopandas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from ..model import Atlas, Site
from ..schema import CLAIM_LEVEL, SITE_LEVEL

# Required columns always, optional ones where given; the point itself is the geometry.
_SITE = [(c.field, c.required) for c in SITE_LEVEL if c.kind not in ("decimal", "slug")]
_AS_TEXT = frozenset(c.field for c in SITE_LEVEL if c.kind in ("citation", "date"))  # written as in the table
_CLAIM = [(c.name, c.required) for c in CLAIM_LEVEL]


def feature(site: Site) -> dict[str, Any]:
    props: dict[str, Any] = {"id": site.id}
    for key, required in _SITE:
        value = getattr(site, key)
        if required or value:
            props[key] = list(value) if isinstance(value, tuple) else str(value) if key in _AS_TEXT else value
        if key == "country":  # what the claims add to the place
            props["categories"], props["periods"] = list(site.categories), list(site.periods)
    props["claims"] = [{key: getattr(c, key) for key, required in _CLAIM if required or getattr(c, key)}
                       for c in site.claims]
    return {"type": "Feature", "id": site.id, "geometry": {"type": "Point", "coordinates": [site.lon, site.lat]},
            "properties": props}


def render_geojson(atlas: Atlas, chunk: int = 2000) -> Iterator[bytes]:
    """The collection in chunks of features, one feature per line (readable diffs). orjson writes the JSON
    (UTF-8, compact: what json.dumps(ensure_ascii=False) writes, five times as fast); the line break can only
    fall between features, because inside a JSON string every '"' is escaped, so '},{"type":"Feature"' cannot
    occur there."""
    yield b'{"type":"FeatureCollection","features":[\n'
    for k in range(0, len(atlas.sites), chunk):
        text = orjson.dumps([feature(s) for s in atlas.sites[k:k + chunk]])
        yield (b",\n" if k else b"") + text[1:-1].replace(b'},{"type":"Feature"', b'},\n{"type":"Feature"')
    yield b"\n]}\n"
