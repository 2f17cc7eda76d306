"""sites.csv for download: the claims as a spreadsheet opens them, safely.

A text cell starting with = + - @ (or a tab or carriage return) would run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe here, also when the sign hides behind
spaces or invisible characters or comes as a fullwidth form (＝). Numbers (coordinates, years, line,
GeoNames id) are written as numbers, never guarded: `'-99.16` is text to every reader. The GeoJSON
keeps every value verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import chain, compress, count, repeat
from operator import attrgetter, itemgetter, not_
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
    """One row per claim, in the schema's columns: the file `mapgen validate` reads back. Written a chunk of
    sites at a time, column by column: a site's cells are made once and repeated for each of its claims, and
    each column is quoted as a whole (`csv_rows`; a million sites are 40 million cells)."""
    yield csv_rows([[c.name] for c in COLUMNS]).encode()
    for k in range(0, len(atlas.sites), chunk):
        sites = atlas.sites[k:k + chunk]
        counts = [len(s.claims) for s in sites]
        claims = [c for s in sites for c in s.claims]
        cells: dict[str, list[str]] = {}
        for column in SITE_LEVEL:
            once = _cells(list(map(attrgetter(column.field), sites)), column)
            cells[column.name] = list(chain.from_iterable(map(repeat, once, counts)))
        for column in CLAIM_LEVEL:
            cells[column.name] = _cells(list(map(attrgetter(column.field), claims)), column)
        yield csv_rows([cells[c.name] for c in COLUMNS]).encode()


# What makes the csv module quote a cell (QUOTE_MINIMAL, ',' between cells, '\n' after rows): the delimiter,
# the quote character and the line terminator. (Python 3.11 leaves a lone '\r' unquoted, and so does this.)
_QUOTED = re.compile('[,"\n]')


def csv_rows(columns: list[list[str]]) -> str:
    """The rows of `columns` as csv.writer(lineterminator="\n") writes them, quoted column by column: a column
    none of whose cells holds a comma, quote or line end (numbers, codes, most names) is joined as it is, in C.
    The lists are quoted in place."""
    for cells in columns:
        if _QUOTED.search("\0".join(cells)):  # (NUL is not one of them: what it finds lies in a cell)
            for k in compress(count(), map(_QUOTED.search, cells)):
                cells[k] = '"' + cells[k].replace('"', '""') + '"'
    rows = "\n".join(map(",".join, zip(*columns, strict=True)))
    return rows + "\n" if rows else ""


_FIRST = itemgetter(slice(0, 1))


def _cells(values: list[Any], column: Column) -> list[str]:
    """A column's model values as safe cells. Coordinates, years and lines are numbers in the model, so their
    text is always a plain number; a GeoNames id is checked; the rest is guarded text. A column left empty is
    empty cells; a text cell starting with a letter or digit is safe as it is, which one pass in C finds: only
    the others are looked at."""
    if column.kind in ("decimal", "year", "line"):
        return list(map(CELL[column.kind], values))
    if not any(values):  # "", None or () throughout: an optional column the table leaves empty
        return [""] * len(values)
    write = CELL.get(column.kind)
    texts: list[str] = list(map(write, values)) if write else list(values)
    if column.kind == "gid":
        return list(map(_number, texts))
    for k in compress(count(), map(not_, map(str.isalnum, map(_FIRST, texts)))):
        texts[k] = _guard(texts[k])
    return texts


def _guard(text: str) -> str:
    return "'" + text if text and _formula_like(text) else text
