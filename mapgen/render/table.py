"""sites.csv for download: the claims as a spreadsheet opens them, safely.

A text cell starting with = + - @ (or a tab or carriage return) would run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe here, also when the sign hides behind
spaces or invisible characters or comes as a fullwidth form (＝). Numbers (coordinates, years, line,
GeoNames id) are written as numbers, never guarded: `'-99.16` is text to every reader. The GeoJSON
keeps every value verbatim.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator

from ..model import Atlas
from ..vocab import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

FORMULA_START = frozenset("=+-@\t\r")
# signs a spreadsheet may take for the start of a formula once it trims or folds what comes before them
FORMULA_SIGNS = frozenset("=+-@\u2212")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _invisible(ch: str) -> bool:
    """Whitespace, control and format characters (zero-width space, BOM, bidi marks): a reader may skip them."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _formula_like(value: str) -> bool:
    if value[:1] in FORMULA_START:
        return True
    head = next((ch for ch in value if not _invisible(ch)), "")
    return bool(head) and unicodedata.normalize("NFKC", head)[:1] in FORMULA_SIGNS


def _safe(values: list[str]) -> list[str]:
    """Text cells: a leading apostrophe on anything a spreadsheet could run as a formula."""
    return ["'" + v if v and _formula_like(v) else v for v in values]


def _number(value: str) -> str:
    """Numeric cells stay numbers; anything else in a numeric column (never in a valid table) is guarded text."""
    return value if value == "" or PLAIN_NUMBER.fullmatch(value) else _safe([value])[0]


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
        site = _safe([s.id, s.name]) + [_number(repr(s.lat)), _number(repr(s.lon))] + _safe([s.precision, s.country])
        tail = _safe([s.name_local, "; ".join(s.aliases)]) + [_number(s.geonames_id)]
        place = _safe([s.today, s.remembrance])
        writer.writerows(site + [_number(str(c.start_year)), _number(str(c.end_year))]
                         + _safe([c.category, c.quote, c.source]) + [_number(str(c.line))]
                         + tail + _safe([c.flag, c.flag_reason]) + place
                         for c in s.claims)
    yield buf.getvalue().encode()
