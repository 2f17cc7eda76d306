"""geopandas' GeoDataFrame.explore(): one row per place (its claims as one text column), popups and tooltips.

Run as `python bench/explore.py SITES.csv OUT.html [--offline]` (see naive.py for --offline).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from peers import claim_text, main_args, offline, read_places


def main(sites: str, out: str, local: bool) -> None:
    places = read_places(sites)
    df = pd.DataFrame({"name": [p.name for p in places], "site_id": [p.id for p in places],
                       "claims": [" · ".join(claim_text(r) for r in p.claims) for p in places]})
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy([p.lon for p in places], [p.lat for p in places]),
                           crs="EPSG:4326")
    m = gdf.explore(tooltip="name", popup=True)
    if local:
        offline(m)
    m.save(out)


if __name__ == "__main__":
    main(*main_args(__doc__ or ""))
