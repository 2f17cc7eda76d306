"""mapgen from Python, as a notebook uses it: load, look at the data as a GeoDataFrame, write the maps."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SEEDS, SITES, write_csv

import mapgen


@pytest.fixture(scope="module")
def atlas() -> mapgen.Atlas:
    return mapgen.load(SITES, SEEDS)


def test_load_gives_the_validated_atlas(atlas, shipped_rows):
    assert len(atlas.sites) == len({r["site_id"] for r in shipped_rows})
    assert atlas.claim_count == len(shipped_rows)
    butovo = atlas.site("butovo")
    assert isinstance(butovo.lat, float) and butovo.claims[0].quote in {r["quote"] for r in shipped_rows}


def test_load_raises_one_error_with_every_located_problem(tmp_path, shipped_rows):
    rows = [dict(shipped_rows[0], lat="north"), dict(shipped_rows[1], category="camp")]
    path = write_csv(tmp_path / "sites.csv", rows)
    with pytest.raises(mapgen.InputError) as err:
        mapgen.load(path, SEEDS)
    located = {(p.line, p.column) for p in err.value.problems}
    assert {(2, "lat"), (3, "category")} <= located, err.value.problems


def test_geodataframe_per_claim_and_per_site(atlas, shipped_rows):
    claims = atlas.to_geodataframe()
    assert claims.crs.to_epsg() == 4326 and len(claims) == len(shipped_rows)
    assert {"site_id", "name", "quote", "source", "line", "flag", "periods", "today_source", "checked"} <= set(claims)
    row = claims[claims.site_id == "butovo"].iloc[0]
    assert (row.geometry.x, row.geometry.y) == (row.lon, row.lat)
    assert row.periods == ["great-purge"]
    sites = atlas.to_geodataframe(per="site")
    assert len(sites) == len(atlas.sites) and {"categories", "periods", "claims", "flags"} <= set(sites)
    assert sites.set_index("site_id").loc["kurapaty", "flags"] == sorted(
        {r["flag"] for r in shipped_rows if r["site_id"] == "kurapaty"} - {""})
    with pytest.raises(ValueError):
        atlas.to_geodataframe(per="row")  # type: ignore[arg-type]


def test_build_embed_and_visit_from_an_atlas(atlas, tmp_path):
    assert mapgen.build(atlas, tmp_path / "out") > 20
    data = (tmp_path / "out" / "data" / "sites.js").read_text(encoding="utf-8")
    assert json.loads(data.removeprefix("window.MAPGEN_DATA=").rstrip().removesuffix(";"))["sites"]
    done = mapgen.embed(atlas, tmp_path / "butovo.html", site_ids=["butovo"])
    assert [s.id for s in done.atlas.sites] == ["butovo"] and "<iframe" in done.snippet
    plan = mapgen.visit(atlas, ["butovo", "kommunarka"], tmp_path / "visit")
    assert {p.name for p in plan.files} == {"visit.gpx", "visit.kml", "visit.html"}
    with pytest.raises(mapgen.InputError):
        mapgen.visit(atlas, ["nowhere"], tmp_path / "visit2")


def test_folium_map_is_escaped_offline_and_shows_quotes(tmp_path, browser):
    from conftest import Visit

    from mapgen.model import Claim, Site
    from mapgen.read import Source

    hostile = "</script><script>window.x=1</script> ${window.y=2} `tick` <b>bold</b>"
    claim = Claim(1937, 1938, "execution_burial_site", hostile, "s.txt", 1, periods=("great-purge",))
    site = Site("a", "Camp <i>A</i>", 55.5, 37.5, "site", "RU", (claim,), categories=(claim.category,),
                periods=claim.periods)
    atlas = mapgen.Atlas((site,), {"s.txt": Source("s.txt", "Title </script>", "o", "l", "", (hostile,))})
    fmap = mapgen.folium_map(atlas, tiles=None)
    assert "<iframe" in fmap._repr_html_()  # shows inline in Jupyter
    fmap.save(str(tmp_path / "map.html"))
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "</script><script>window.x=1" not in html and not re.search(r"(?:src|href)=[\"']?https?:", html)
    v = Visit(browser, (tmp_path / "map.html").as_uri(), ready=False)
    try:
        v.until("document.querySelectorAll('path.leaflet-interactive').length === 1")
        v.page.locator("path.leaflet-interactive").first.click(force=True)
        v.until("!!document.querySelector('.leaflet-popup-content blockquote')")
        assert v.js("document.querySelector('.leaflet-popup-content blockquote').textContent") == f"“{hostile}”"
        assert v.js("document.querySelector('.leaflet-popup-content h4').textContent") == "Camp <i>A</i>"
        assert v.js("[window.x, window.y]") == [None, None]
        assert not v.errors and not v.network, (v.errors, v.network)
    finally:
        v.close()


def test_export_geopackage_and_geoparquet_reproducibly(tmp_path, shipped_rows):
    import geopandas
    import pyarrow.parquet
    import pyogrio

    from mapgen.cli import main

    for name in ("a.gpkg", "b.gpkg", "a.parquet", "b.parquet"):
        assert main(["export", "--sites", str(SITES), "--seeds", str(SEEDS), str(tmp_path / name)]) == 0
    assert (tmp_path / "a.gpkg").read_bytes() == (tmp_path / "b.gpkg").read_bytes()
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    assert [tuple(layer) for layer in pyogrio.list_layers(tmp_path / "a.gpkg")] == [("sites", "Point"),
                                                                                    ("claims", "Point")]
    claims = pyogrio.read_dataframe(tmp_path / "a.gpkg", layer="claims")  # GDAL reads it
    assert len(claims) == len(shipped_rows) and claims.crs.to_epsg() == 4326
    assert set(claims.quote) == {r["quote"] for r in shipped_rows}
    sites = pyogrio.read_dataframe(tmp_path / "a.gpkg", layer="sites")
    assert len(sites) == len({r["site_id"] for r in shipped_rows})
    # pyogrio's GDAL has no Parquet driver here (only ADBC, which needs libduckdb): read it as GeoParquet
    assert b"geo" in pyarrow.parquet.read_schema(tmp_path / "a.parquet").metadata
    frame = geopandas.read_parquet(tmp_path / "a.parquet")
    assert len(frame) == len(shipped_rows) and frame.crs.to_epsg() == 4326
    assert main(["export", "--sites", str(SITES), "--seeds", str(SEEDS), str(tmp_path / "x.shp")]) == 1
