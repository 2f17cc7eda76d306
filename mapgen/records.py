"""Input adapter: the table's rows as typed records, each with its origin (file and line).

Every cell is parsed here, once, as its column's kind in the schema says, and a cell that does not parse is a
located problem. What the values mean (vocabularies, a quote against its seed, a point against the gazetteer)
is the validator's; the model groups records and never parses a string.
"""

from __future__ import annotations

import datetime
import math
import operator
import re
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from typing import Any, NamedTuple

from .citation import Citation, citation_syntax_problem, parse_citation
from .read import (
    MAX_LINE_DIGITS,
    MAX_NUMBER_CHARS,
    SHARED_KINDS,
    SLUG_FORM,
    Parts,
    Problem,
    Table,
    char_name,
    shown,
)
from .schema import COLUMNS, REQUIRED_COLUMNS, Kind

SLUG = re.compile(SLUG_FORM)
# Numbers are written in ASCII: float() and int() also take fullwidth and Arabic-Indic digits and underscores.
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_GEONAMES_DIGITS = 10  # GeoNames ids have 8 digits today


class Origin(NamedTuple):
    """Where a record was written: the CSV file and the line its row starts on (header = 1)."""

    path: str
    line: int


class Record(NamedTuple):
    """One row of the table, typed. Its fields after `origin` are the schema's columns, in the schema's order.
    `unparsed` names the cells that did not parse (they hold their kind's empty value): such a record is
    checked for everything else, and never modelled. (A named tuple, not a dataclass: a million of them are
    made from columns in C, where a dataclass's __init__ took a second per 100,000 rows.)"""

    origin: Origin
    id: str
    name: str
    lat: float
    lon: float
    precision: str
    country: str
    start_year: int
    end_year: int
    category: str
    quote: str
    source: str
    line: int
    name_local: str = ""
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    geonames_id: str = ""
    flag: str = ""
    flag_reason: str = ""
    today: str = ""
    today_source: Citation | None = None
    remembrance: str = ""
    remembrance_source: Citation | None = None
    visiting: str = ""
    visiting_source: Citation | None = None
    checked: datetime.date | None = None
    unparsed: frozenset[str] = frozenset()


assert list(Record._fields[1:-1]) == [c.field for c in COLUMNS], "Record follows the schema"


def fields_of(*names: str) -> Callable[[Record], Any]:
    """A getter of records' fields by position, in C: a million records are read field by field several times,
    and a named tuple's field by name costs several times its index."""
    return operator.itemgetter(*(Record._fields.index(name) for name in names))


class CellError(ValueError):
    """A cell that is not of its column's kind; the message says what is wrong and how to write it."""


def _ascii(raw: str, what: str) -> None:
    """Fullwidth or Arabic-Indic digits look like numbers (and Python converts them) but are not ASCII."""
    if not raw.isascii():
        ch = next(c for c in raw if not c.isascii())
        raise CellError(f"{shown(raw)} holds the non-ASCII character {char_name(ch)}; write {what} with ASCII "
                        "digits 0-9")


def _slug(raw: str) -> str:
    value = raw.strip()
    if not SLUG.fullmatch(value):
        raise CellError(f"{value!r} is not a lowercase slug like 'butovo' or 'white-sea-canal'")
    return value


def _decimal(raw: str) -> float:
    raw = raw.strip()
    try:  # the common case, checked once: float() takes all DECIMAL takes, and "nan", "inf" and "1_0" besides
        value = float(raw)
        if raw.isascii() and len(raw) <= MAX_NUMBER_CHARS and "_" not in raw and math.isfinite(value):
            return value
    except ValueError:
        pass
    if DECIMAL.fullmatch(raw) and len(raw) <= MAX_NUMBER_CHARS:  # a finite number in a form float() misreads
        raise CellError(f"{raw!r} is not a finite number")
    _ascii(raw, "the number")
    if len(raw) > MAX_NUMBER_CHARS:
        raise CellError(f"{shown(raw, 20)} is too long for a coordinate; write it in decimal degrees (55.5311)")
    try:
        finite = math.isfinite(float(raw))
    except ValueError:
        finite = True
    raise CellError(f"{raw!r} is not {'a decimal number' if finite else 'a finite number'}")


def _year(raw: str) -> int:
    raw = raw.strip()
    if len(raw) == 4 and raw.isascii() and raw.isdigit():
        return int(raw)
    _ascii(raw, "the year")
    raise CellError(f"{shown(raw)} is not a four-digit year")


def _line(raw: str) -> int:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_LINE_DIGITS:
        return int(raw)
    _ascii(raw, "the line number")
    if raw.isdigit():
        raise CellError(f"{shown(raw, 20)} has {len(raw)} digits; no seed has that many lines")
    raise CellError(f"{shown(raw)} is not a line number")


def _gid(raw: str) -> str:
    raw = raw.strip()
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_GEONAMES_DIGITS):
        _ascii(raw, "the id")
        raise CellError(f"{shown(raw, 20)} is not a GeoNames id (digits only, at most {MAX_GEONAMES_DIGITS})")
    return raw


def _list(raw: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in raw.split(";") if a.strip())


_NAME = re.compile(r"([a-z]{2,3}):\s*(\S.*)")


def _names(raw: str) -> tuple[str, ...]:
    """'ru:Бутовский полигон; pl:…' as ('ru:Бутовский полигон', 'pl:…'): one name per language."""
    names, seen = [], set()
    for item in _list(raw):
        m = _NAME.fullmatch(item)
        if not m:
            raise CellError(f"{shown(item)} is not a language code and a name, like ru:Бутовский полигон")
        if m.group(1) in seen:
            raise CellError(f"names the language {m.group(1)!r} twice; give one name per language")
        seen.add(m.group(1))
        names.append(f"{m.group(1)}:{m.group(2).strip()}")
    return tuple(names)


def _citation(raw: str) -> Citation | None:
    if not raw:
        return None
    why = citation_syntax_problem(raw)
    if why:
        raise CellError(why)
    return parse_citation(raw)


def _date(raw: str) -> datetime.date | None:
    if not raw:
        return None
    raw = raw.strip()
    if not raw:
        return None
    try:
        if ISO_DATE.fullmatch(raw):
            return datetime.date.fromisoformat(raw)
    except ValueError:
        pass
    raise CellError(f"{shown(raw)} is not a date written YYYY-MM-DD (2026-11-25)")


# How a cell becomes a value. Spreadsheets leave stray spaces, so everything but a quote is stripped; a quote
# must match its source character for character.
PARSE: dict[Kind, Callable[[str], Any]] = {
    "slug": _slug, "name": str.strip, "text": str.strip, "code": str.strip, "gid": _gid, "file": str.strip,
    "quote": str, "decimal": _decimal, "year": _year, "line": _line, "list": _list, "citation": _citation,
    "date": _date, "names": _names,
}
BLANK = ("", (), None)  # what an optional cell left empty parses to
EMPTY_VALUE: dict[Kind, Any] = {"decimal": 0.0, "year": 0, "line": 0, "list": (), "citation": None, "date": None,
                                "names": ()}
_CELLS = tuple((c.name, c.kind, PARSE[c.kind], EMPTY_VALUE.get(c.kind, "")) for c in COLUMNS)
# Optional kinds parsed in Python: their (many) empty cells skip the call.
_SPARSE = frozenset({"gid", "list", "citation", "date", "names"})
_NONE: frozenset[str] = frozenset()


def _bulk(chars: str, convert: Callable[[str], Any], widths: tuple[int, int],
          check: Callable[[str], bool] = lambda joined: True) -> Callable[[list[str]], list[Any] | None]:
    """A whole column parsed at once, in C, when every stripped cell is `widths` characters long, made only of
    `chars`, converts and passes `check` on the joined column; None sends the column to the cell-by-cell parser,
    which says what is wrong where."""
    allowed = frozenset(chars + "\n")

    def parse(cells: list[str]) -> list[Any] | None:
        stripped = list(map(str.strip, cells))
        joined = "\n".join(stripped)
        if not stripped or not set(joined) <= allowed or joined.count("\n") != len(stripped) - 1:
            return None
        lengths = set(map(len, stripped))
        if min(lengths) < widths[0] or max(lengths) > widths[1] or not check(joined):
            return None
        try:
            return list(map(convert, stripped))
        except ValueError:
            return None

    return parse


def _finite(joined: str) -> bool:
    """No exponent overflows to infinity (1e400): only 'e' could make one."""
    return "e" not in joined and "E" not in joined


def _slugs(joined: str) -> bool:
    return not any(bad in joined for bad in ("--", "\n-", "-\n")) and joined[0] != "-" and joined[-1] != "-"


# Columns of these kinds are taken whole when every cell is well-formed (the common case). Made only of these
# characters, a cell float() reads is one DECIMAL matches (float() alone also takes "nan", "inf", "1_0", "٣").
BULK: dict[Kind, Callable[[list[str]], list[Any] | None]] = {
    "decimal": _bulk("0123456789.+-eE", float, (1, MAX_NUMBER_CHARS), _finite),
    "year": _bulk("0123456789", int, (4, 4)),
    "line": _bulk("0123456789", int, (1, MAX_LINE_DIGITS)),
    "slug": _bulk("abcdefghijklmnopqrstuvwxyz0123456789-", str, (1, 1 << 30), _slugs),
}


class Cells(NamedTuple):
    """A run of records' cells parsed column by column: each column's values (None for a column the table
    does not have), the line each record starts on, the names of cells that did not parse by record, and
    their problems."""

    columns: list[list[Any] | None]
    lines: list[int]
    unparsed: dict[int, list[str]]
    problems: list[Problem]


def parse_cells(table: Table, consume: bool = False) -> Cells:
    """Every cell of `table` parsed as its column's kind. Cells are parsed column by column, with `map` or a
    whole-column check (BULK): a 100,000-row table takes a fraction of a second. A column holding a bad cell is
    parsed again cell by cell to say which. Columns the reader has parsed (Table.typed) are taken as they are.
    With `consume`, each column of cells is let go from the table once parsed."""
    path = table.path
    given, lines = table.by_column()
    problems = []
    columns: list[list[Any] | None] = []
    unparsed: dict[int, list[str]] = {}
    for name, kind, parse, empty in _CELLS:
        values = table.typed.pop(name, None) if consume else table.typed.get(name)
        if values is None and name in given:
            cells = given.pop(name) if consume else given[name]
            bulk = BULK.get(kind)
            values = bulk(cells) if bulk else None
            if values is None:
                try:
                    values = [parse(c) if c else empty for c in cells] if kind in _SPARSE else list(map(parse, cells))
                except CellError:
                    values = []
                    for k, cell in enumerate(cells):
                        try:
                            values.append(parse(cell))
                        except CellError as err:
                            values.append(empty)
                            unparsed.setdefault(k, []).append(name)
                            problems.append(Problem(path, lines[k], name, str(err)))
        if values is not None and kind in SHARED_KINDS:
            once: dict[Any, Any] = {}
            values = list(map(once.setdefault, values, values))
        columns.append(values)  # None: a column the table does not have
    return Cells(columns, lines, unparsed, problems)


def to_records(path: str, runs: Sequence[Cells], consume: bool = False, chunk: int = 1 << 16) -> list[Record]:
    """One record per row of the runs, in their order. They are made a chunk at a time from the end; with
    `consume`, the runs' columns of values (parse_cells makes them, or is handed them) are cut as they are read,
    so that a million records are not held beside all their lists (380 MB)."""
    lines = runs[0].lines if len(runs) == 1 else list(chain.from_iterable(run.lines for run in runs))
    n = len(lines)
    columns = []
    for k, (_, _, _, empty) in enumerate(_CELLS):
        parts = [run.columns[k] or [empty] * len(run.lines) for run in runs]
        columns.append(parts[0] if len(parts) == 1 else list(chain.from_iterable(parts)))
    unparsed: dict[int, list[str]] = {}
    at = 0
    for run in runs:
        unparsed.update((at + k, names) for k, names in run.unparsed.items())
        at += len(run.lines)
    flags = [frozenset(unparsed[k]) if k in unparsed else _NONE for k in range(n)]
    made = []
    for start in reversed(range(0, n, chunk)):
        end = start + chunk
        origins = map(Origin._make, zip(repeat(path), lines[start:end]))
        made.append(list(map(Record._make, zip(origins, *(c[start:end] for c in columns), flags[start:end],
                                                 strict=True))))
        if consume:  # (not the lines: they may be the table's, which a message reads)
            for column in (flags, *columns):
                del column[start:]
    return list(chain.from_iterable(reversed(made)))


def adapt(table: Table) -> tuple[list[Record], list[Problem]]:
    """One record per row, in the table's order, and the problems of cells that do not parse. The table must
    have the required columns (`validate.check_header`)."""
    cells = parse_cells(table)
    return to_records(table.path, [cells]), cells.problems


def readable(table: Table | Parts) -> bool:
    """Rows can be read only when the required columns lead the header, in the schema's order."""
    return tuple(table.header[: len(REQUIRED_COLUMNS)]) == REQUIRED_COLUMNS
