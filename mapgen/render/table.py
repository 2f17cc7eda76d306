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
from ..schema import COLUMNS, SITE_LEVEL, Column, cell

FORMULA_START = frozenset("=+-@\t\r")
# signs a spreadsheet may take for the start of a formula once it trims or folds what comes before them
FORMULA_SIGNS = frozenset("=+-@\u2212")
NUMBERS = frozenset({"decimal", "year", "line", "gid"})  # written as numbers, never guarded
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
    """One row per claim, in the schema's columns: the file `mapgen validate` reads back."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    for k, s in enumerate(atlas.sites):
        if k % chunk == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
        site = {c.name: _cell(c, getattr(s, c.field)) for c in SITE_LEVEL}
        writer.writerows([site[c.name] if c.level == "site" else _cell(c, getattr(claim, c.field)) for c in COLUMNS]
                         for claim in s.claims)
    yield buf.getvalue().encode()


def _cell(column: Column, value: object) -> str:
    text = cell(column, value)
    return _number(text) if column.kind in NUMBERS else _safe([text])[0]
