"""The atlas as a geopandas GeoDataFrame, for notebooks and GIS: one row per claim (the table's shape) or per
site, every column of the schema, the periods a claim or site belongs to, points in WGS84."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..citation import Citation
from ..schema import CLAIM_LEVEL, SITE_LEVEL

if TYPE_CHECKING:
    import geopandas

    from ..model import Atlas

Per = Literal["claim", "site"]
_SITE = [c.field for c in SITE_LEVEL]
_CLAIM = [c.field for c in CLAIM_LEVEL]


def _cell(value: Any) -> Any:
    """Lists as Python lists, citations as their text (a URL or seed:FILE:LINE), dates and numbers as they are."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Citation):
        return str(value)
    return value


def geodataframe(atlas: Atlas, per: Per = "claim") -> geopandas.GeoDataFrame:
    import geopandas
    from shapely import points

    if per not in ("claim", "site"):
        raise ValueError(f"per must be 'claim' or 'site', not {per!r}")
    rows: list[dict[str, Any]] = []
    lons: list[float] = []
    lats: list[float] = []
    for site in atlas.sites:
        values = {("site_id" if f == "id" else f): _cell(getattr(site, f)) for f in _SITE}
        if per == "site":
            rows.append(values | {"categories": list(site.categories), "periods": list(site.periods),
                                  "claims": len(site.claims), "flags": sorted({c.flag for c in site.claims} - {""})})
            lons.append(site.lon)
            lats.append(site.lat)
            continue
        for claim in site.claims:
            rows.append(values | {f: _cell(getattr(claim, f)) for f in _CLAIM} | {"periods": list(claim.periods)})
            lons.append(site.lon)
            lats.append(site.lat)
    columns = ["site_id", *[f for f in _SITE if f != "id"]]
    columns += ["categories", "periods", "claims", "flags"] if per == "site" else [*_CLAIM, "periods"]
    return geopandas.GeoDataFrame(rows, columns=columns, geometry=points(lons, lats), crs="EPSG:4326")


def _flat(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Lists joined with "; " (as in the table): GeoPackage columns hold no lists."""
    frame = frame.copy()
    for column in ("aliases", "names", "periods", "categories", "flags"):
        if column in frame:
            frame[column] = frame[column].map("; ".join)
    return frame


def render_gpkg(atlas: Atlas) -> bytes:
    """A GeoPackage with two layers, `sites` and `claims`. GDAL stamps a GeoPackage with the time it was
    written; it is given the date of the newest check of the notes instead, so the same atlas gives the same
    bytes."""
    import tempfile

    import pyogrio

    checked = max((s.checked for s in atlas.sites if s.checked), default=None)
    stamp = f"{checked.isoformat() if checked else '2000-01-01'}T00:00:00.000Z"
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sites.gpkg"
            _flat(geodataframe(atlas, "site")).to_file(path, layer="sites", driver="GPKG")
            _flat(geodataframe(atlas, "claim")).to_file(path, layer="claims", driver="GPKG")
            return path.read_bytes()
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def render_parquet(atlas: Atlas) -> bytes:
    """GeoParquet, one row per claim (lists stay lists)."""
    import io

    buffer = io.BytesIO()
    frame = geodataframe(atlas, "claim")
    frame["checked"] = frame["checked"].map(lambda d: d.isoformat() if d else None)
    frame.to_parquet(buffer)
    return buffer.getvalue()
