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
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Atlas
from ..schema import CELL, CLAIM_LEVEL, COLUMNS, SITE_LEVEL, Column

FORMULA_START = frozenset("=+-@\t\r")
# signs a spreadsheet may take for the start of a formula once it trims or folds what comes before them
FORMULA_SIGNS = frozenset("=+-@\u2212")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _invisible(ch: str) -> bool:
    """Whitespace, control and format characters (zero-width space, BOM, bidi marks): a reader may skip them."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _formula_like(value: str) -> bool:
    if value[:1].isalnum():  # the common case: a letter or digit (fullwidth too) starts no formula
        return False
    if value[:1] in FORMULA_START:
        return True
    head = next((ch for ch in value if not _invisible(ch)), "")
    return bool(head) and unicodedata.normalize("NFKC", head)[:1] in FORMULA_SIGNS


def _number(value: str) -> str:
    """Numeric cells stay numbers; anything else in a numeric column (never in a valid table) is guarded text."""
    return value if value == "" or PLAIN_NUMBER.fullmatch(value) else _guard(value)


def render_csv(atlas: Atlas, chunk: int = 5000) -> Iterator[bytes]:
    """One row per claim, in the schema's columns: the file `mapgen validate` reads back."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    site_cells = [(c.field, _writer(c)) for c in SITE_LEVEL]
    claim_cells = [(c.field, _writer(c)) for c in CLAIM_LEVEL]
    # where each column of the file is in a site's cells followed by a claim's
    order = [c.name for c in SITE_LEVEL] + [c.name for c in CLAIM_LEVEL]
    pick = [order.index(c.name) for c in COLUMNS]
    for k, s in enumerate(atlas.sites):
        if k % chunk == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
        site = [write(getattr(s, name)) for name, write in site_cells]
        for claim in s.claims:
            cells = site + [write(getattr(claim, name)) for name, write in claim_cells]
            writer.writerow([cells[i] for i in pick])
    yield buf.getvalue().encode()


def _guard(text: str) -> str:
    return "'" + text if text and _formula_like(text) else text


def _writer(column: Column) -> Callable[[Any], str]:
    """How a model value of this column becomes a safe cell. Coordinates, years and lines are numbers in the
    model, so their text is always a plain number; a GeoNames id is checked; the rest is guarded text."""
    if column.kind in ("decimal", "year", "line"):
        return CELL[column.kind]
    if column.kind == "gid":
        return _number
    write = CELL.get(column.kind)
    return (lambda value: _guard(write(value))) if write else _guard
