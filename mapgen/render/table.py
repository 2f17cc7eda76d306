"""sites.csv for download: the claims as a spreadsheet opens them, safely.

A cell starting with = + - @ (or a tab or carriage return) would run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe here. The GeoJSON keeps every
value verbatim.
"""

from __future__ import annotations

import csv
import io

from ..model import Atlas
from ..vocab import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def render_csv(atlas: Atlas) -> str:
    columns = list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for s in atlas.sites:
        for c in s.claims:
            values = {
                "site_id": s.id, "name": s.name, "lat": repr(s.lat), "lon": repr(s.lon), "precision": s.precision,
                "country": s.country, "start_year": str(c.start_year), "end_year": str(c.end_year),
                "category": c.category, "quote": c.quote, "source": c.source, "line": str(c.line),
                "name_local": s.name_local, "aliases": "; ".join(s.aliases), "geonames_id": s.geonames_id,
                "flag": c.flag, "flag_reason": c.flag_reason, "today": s.today, "remembrance": s.remembrance,
            }
            writer.writerow([neutralise(values[col]) for col in columns])
    return buf.getvalue()
