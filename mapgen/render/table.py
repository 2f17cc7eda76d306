"""sites.csv for download: the claims as a spreadsheet opens them, safely.

A cell starting with = + - @ (or a tab or carriage return) would run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe here. The GeoJSON keeps every
value verbatim.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..model import Atlas
from ..vocab import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

FORMULA_START = frozenset("=+-@\t\r")


def _safe(values: list[str]) -> list[str]:
    return ["'" + v if v[:1] in FORMULA_START else v for v in values]


def render_csv(atlas: Atlas, chunk: int = 5000) -> Iterator[bytes]:
    columns = list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    assert columns == ["site_id", "name", "lat", "lon", "precision", "country", "start_year", "end_year", "category",
                       "quote", "source", "line", "name_local", "aliases", "geonames_id", "flag", "flag_reason",
                       "today", "remembrance"], "keep the row below in step with the columns"
    for k, s in enumerate(atlas.sites):
        if k % chunk == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
        site = _safe([s.id, s.name, repr(s.lat), repr(s.lon), s.precision, s.country])
        tail = _safe([s.name_local, "; ".join(s.aliases), s.geonames_id])
        place = _safe([s.today, s.remembrance])
        writer.writerows(site + _safe([str(c.start_year), str(c.end_year), c.category, c.quote, c.source,
                                       str(c.line)]) + tail + _safe([c.flag, c.flag_reason]) + place
                         for c in s.claims)
    yield buf.getvalue().encode()
