"""Check every record of the table against its vocabularies, its seed and the gazetteer.

A wrong coordinate or a quote that is not in its source is as serious as a crash, so each check
reports the CSV line and column, and says how to fix it. `validate` is the one entry point: it reads the
records through the input adapter (records.adapt), which reports cells that do not parse, and checks what
the values mean.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import operator
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from itertools import chain, compress, count, repeat
from pathlib import Path

import numpy as np

from .citation import citation_problem
from .gazetteer import Gazetteer, distance_km
from .parallel import Background
from .read import InputError, Parts, Problem, Source, Table, column_text_problems, read_again, resolve_source
from .records import BLANK, Cells, Record, fields_of, parse_cells, readable, to_records
from .schema import CITATIONS, COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Column
from .vocab import CATEGORY_SLUGS, FLAGS, PRECISIONS

# Rows of one site must agree on its site-level values: the required ones on every row, optional ones where given.
SITE_AGREES = tuple(c for c in COLUMNS if c.level == "site" and c.kind != "slug")
# How far a point may lie from its GeoNames record, by precision (km).
GEONAMES_TOLERANCE_KM = {"site": 25.0, "settlement": 10.0, "region": 400.0}
# Outlines are Natural Earth 1:50m: a coastal or island point may fall just outside them.
COUNTRY_TOLERANCE_KM = 15.0
# A settlement-precision point without geonames_id must still be near a same-named GeoNames place.
SAME_NAME_TOLERANCE_KM = 30.0
FIRST_YEAR = 1900
# What stands at a site, and what may be done there, changes: a note checked longer ago than this is flagged.
STALE_AFTER_DAYS = 2 * 365
# A quote given on the wrong line is searched for in its whole seed, to say where it stands. Each distinct quote
# is searched once; past this many characters searched in all, the search stops (and the message says so), so
# thousands of wrong quotes against a long seed cannot keep validation busy for minutes.
HINT_SEARCH_BUDGET = 2_000_000_000
FINDS_BEFORE_INDEX = 32  # searches of a whole seed before its word index pays for itself
WORD = re.compile(r"\w+")


def _suggest(value: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (one of: {', '.join(options)})"


def check_header(table: Table | Parts) -> list[Problem]:
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    for col in missing:
        problems.append(Problem(table.path, 1, col, "required column is missing from the header"))
    if not missing and tuple(table.header[: len(REQUIRED_COLUMNS)]) != REQUIRED_COLUMNS:
        problems.append(Problem(table.path, 1, "", "required columns must come first, in this order: "
                                + ",".join(REQUIRED_COLUMNS)))
    for col in table.header:
        if col not in REQUIRED_COLUMNS and col not in OPTIONAL_COLUMNS:
            problems.append(Problem(table.path, 1, col, "unknown column" + _suggest(col, list(OPTIONAL_COLUMNS))))
    return problems


class _Seed:
    """One seed prepared for searching: joined once; a word index built only when many quotes are searched."""

    def __init__(self, lines: tuple[str, ...]):
        self.lines = lines
        self.text = "\n".join(lines)
        self.starts: list[int] = []
        at = 0
        for line in lines:
            self.starts.append(at)
            at += len(line) + 1
        self.finds = 0
        self.words: dict[str, list[int]] | None = None

    def index(self) -> dict[str, list[int]]:
        """Each word of the seed with the lines (0-based, ascending) it stands on."""
        if self.words is None:
            words: dict[str, list[int]] = {}
            for i, line in enumerate(self.lines):
                for word in set(WORD.findall(line)):
                    words.setdefault(word, []).append(i)
            self.words = words
        return self.words


class QuoteFinder:
    """Where a quote stands in its seed, for the hint on a quote given on the wrong line. Scanning every line
    for every wrong quote took minutes (8,000 quotes, 200,000 lines): here each distinct quote is searched once,
    in the joined text at first, then (past FINDS_BEFORE_INDEX searches of one seed) only on the lines holding
    its rarest whole word. All searching stops after HINT_SEARCH_BUDGET characters, and the message says so."""

    def __init__(self, sources: dict[str, Source], budget: int | None = None):
        self._sources = sources
        self._budget = HINT_SEARCH_BUDGET if budget is None else budget
        self._seeds: dict[str, _Seed] = {}
        self._found: dict[tuple[str, str], int] = {}
        self.searched = 0

    def line_of(self, name: str, quote: str) -> int | None:
        """The first line holding `quote`, 0 if none, None if the budget is spent and it was not searched."""
        key = (name, quote)
        if key in self._found:
            return self._found[key]
        if "\n" in quote:  # a quote on several lines is reported as such; no line holds it
            return 0
        seed = self._seeds.get(name)
        if seed is None:
            seed = self._seeds[name] = _Seed(self._sources[name].lines)
        words = [m for m in WORD.finditer(quote) if m.start() > 0 and m.end() < len(quote)]  # whole words only
        if words and seed.finds >= FINDS_BEFORE_INDEX:
            index = seed.index()
            candidates = min((index.get(m.group(), []) for m in words), key=len)
            line = 0
            for i in candidates:
                if len(seed.lines[i]) > self._budget:
                    return None
                self._budget -= len(seed.lines[i])
                if quote in seed.lines[i]:
                    line = i + 1
                    break
        else:
            if len(seed.text) > self._budget:
                return None
            self._budget -= len(seed.text)
            seed.finds += 1
            at = seed.text.find(quote)
            line = bisect.bisect_right(seed.starts, at) if at >= 0 else 0
        self.searched += 1
        self._found[key] = line
        return line


def check_quote(record: Record, seeds_dir: Path, sources: dict[str, Source], resolved: dict[str, bool],
                finder: QuoteFinder | None = None) -> list[Problem]:
    """The quote must stand, character for character, on the named line of the named seed."""
    path, at_line = record.origin.path, record.origin.line
    name, quote, n = record.source, record.quote, record.line
    problems = []
    if not quote.strip():
        return [Problem(path, at_line, "quote", "empty; copy the sentence from the source")]
    if quote != quote.strip():
        problems.append(Problem(path, at_line, "quote", "has leading or trailing spaces"))
    if "\n" in quote or "\r" in quote:
        problems.append(Problem(path, at_line, "quote", "spans several lines; quote one line of the source"))
    if "..." in quote or "…" in quote:
        problems.append(Problem(path, at_line, "quote", "contains an ellipsis; quote one unbroken passage"))
    if name not in resolved:
        resolved[name] = resolve_source(seeds_dir, name) is not None
    if not resolved[name]:
        problems.append(Problem(path, at_line, "source",
                                f"{name!r} is not a file inside {seeds_dir} (a plain file name, no paths)"))
        return problems
    if name not in sources:
        problems.append(Problem(path, at_line, "source",
                                f"{name!r} has no entry in {seeds_dir / 'sources.csv'}; add its title and licence"))
        return problems
    if "line" in record.unparsed:
        return problems
    lines = sources[name].lines
    if not 1 <= n <= len(lines):
        problems.append(Problem(path, at_line, "line", f"{n} is outside {name} (1..{len(lines)})"))
        return problems
    if problems or quote in lines[n - 1]:
        return problems
    finder = finder or QuoteFinder(sources)
    found = finder.line_of(name, quote)
    if found is None:
        hint = (f"where it stands was not searched: the search stopped after {finder.searched} wrong quotes "
                "(HINT_SEARCH_BUDGET in mapgen/validate.py); fix the quotes reported above and validate again")
    elif found:
        hint = f"it stands on line {found}"
    else:
        hint = "it is not in the file verbatim: copy it again from the source"
    problems.append(Problem(path, at_line, "quote", f"not found on line {n} of {name}; {hint}"))
    return problems


def check_record(record: Record, seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
                 this_year: int, resolved: dict[str, bool], site_gid: dict[str, str],
                 finder: QuoteFinder | None = None) -> tuple[list[Problem], tuple[float, float, str] | None]:
    """What the record's values mean: vocabularies, ranges, its quote, its place; and its point (lat, lon,
    country) when those three are usable. Cells that did not parse were reported by the adapter."""
    r, unparsed = record, record.unparsed
    path, line = r.origin.path, r.origin.line
    problems: list[Problem] = []
    add = problems.append
    if not r.name:
        add(Problem(path, line, "name", "empty"))
    lat: float | None = None if "lat" in unparsed else r.lat
    lon: float | None = None if "lon" in unparsed else r.lon
    if lat is not None and not -90 <= lat <= 90:
        add(Problem(path, line, "lat", f"{lat} is outside -90..90 (are lat and lon swapped?)"))
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        add(Problem(path, line, "lon", f"{lon} is outside -180..180"))
        lon = None
    if r.precision not in PRECISIONS:
        add(Problem(path, line, "precision", f"{r.precision!r} is not a precision" + _suggest(
            r.precision, list(PRECISIONS))))
    country = r.country
    if country not in gazetteer.country_codes:
        add(Problem(path, line, "country", f"{country!r} is not an ISO 3166-1 alpha-2 code (e.g. RU, BY, PL)"))
        country = ""
    years = []
    for which, year in (("start_year", r.start_year), ("end_year", r.end_year)):
        if which in unparsed:
            continue
        if FIRST_YEAR <= year <= this_year:
            years.append(year)
        else:
            add(Problem(path, line, which, f"{year} is outside {FIRST_YEAR}..{this_year}"))
    if len(years) == 2 and years[0] > years[1]:
        add(Problem(path, line, "end_year", f"{years[1]} is before start_year {years[0]}"))
    if r.category not in CATEGORY_SLUGS:
        add(Problem(path, line, "category", f"{r.category!r} is not a category"
                    + _suggest(r.category, CATEGORY_SLUGS)))
    problems.extend(check_quote(r, seeds_dir, sources, resolved, finder))
    if r.flag and r.flag not in FLAGS:
        add(Problem(path, line, "flag", f"{r.flag!r} is not a flag" + _suggest(r.flag, list(FLAGS))))
    if r.flag and not r.flag_reason:
        add(Problem(path, line, "flag_reason", "a flagged claim needs a reason readers can see"))
    if r.flag_reason and not r.flag:
        add(Problem(path, line, "flag", "flag_reason is given but flag is empty"))
    for col in CITATIONS:
        citation = getattr(r, col.field)
        if citation is None:
            continue
        why = citation_problem(citation, sources)
        if why:
            add(Problem(path, line, col.name, why))
        if col.cites and not getattr(r, col.cites):
            add(Problem(path, line, col.name, f"a source for an empty {col.cites}; fill in {col.cites} on this "
                        "row or move the source to the row that has it"))
    point = None
    if lat is not None and lon is not None and country:
        point = (lat, lon, country)
        gid = r.geonames_id or site_gid.get(r.id, "")  # site-level values may stand on one row of the site only
        problems.extend(check_gazetteer(r, lat, lon, country, gid, gazetteer))
    return problems, point


def check_countries(records: list[Record], lats: list[float], lons: list[float], countries: list[str],
                    gazetteer: Gazetteer) -> list[Problem]:
    """Each point (record k's at lats[k], lons[k] in countries[k]) must lie in its country: this catches
    swapped coordinates and wrong signs. One vectorised test for all records; only the few outside are
    measured."""
    problems = []
    inside = gazetteer.inside(lats, lons, countries)
    for record, lat, lon, country, ok in zip(records, lats, lons, countries, inside, strict=True):
        if ok:
            continue
        km = gazetteer.km_from_country(lat, lon, country)
        if km is None or km <= COUNTRY_TOLERANCE_KM:
            continue
        found = gazetteer.countries_at(lat, lon)
        where = f"it lies in {', '.join(found)}" if found else "it lies in no country (sea?)"
        hint = "; lat and lon look swapped" if gazetteer.km_from_country(lon, lat, country) == 0.0 else ""
        problems.append(Problem(record.origin.path, record.origin.line, "lat", f"({lat}, {lon}) is {km:.0f} km "
                                f"outside {country}: {where}{hint}"))
    return problems


def check_gazetteer(record: Record, lat: float, lon: float, country: str, gid: str,
                    gazetteer: Gazetteer) -> list[Problem]:
    """The point must be near its GeoNames record: this catches a settlement pinned to the wrong town."""
    path, line = record.origin.path, record.origin.line
    problems = []
    precision = record.precision
    if "geonames_id" in record.unparsed:
        return []
    if gid:
        place = gazetteer.place(int(gid))
        if place is None:
            return [Problem(path, line, "geonames_id", f"{gid} is not in the offline gazetteer; check the id "
                            "or leave it empty and state the precision")]
        d = distance_km(lat, lon, place.lat, place.lon)
        tol = GEONAMES_TOLERANCE_KM.get(precision, 10.0)
        if d > tol:
            problems.append(Problem(path, line, "lat", f"({lat}, {lon}) is {d:.0f} km from GeoNames {gid} "
                                    f"{place.name} ({place.lat}, {place.lon}); at precision {precision!r} "
                                    f"it must be within {tol:.0f} km"))
        if place.country != country:
            problems.append(Problem(path, line, "country", f"GeoNames {gid} {place.name} is in {place.country}, "
                                    f"not {country}"))
    elif precision == "settlement":
        same = gazetteer.named(record.name, country)
        if same and min(distance_km(lat, lon, p.lat, p.lon) for p in same) > SAME_NAME_TOLERANCE_KM:
            p = min(same, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
            problems.append(Problem(path, line, "lat", f"GeoNames has {p.name} ({p.geonames_id}) at "
                                    f"({p.lat}, {p.lon}), {distance_km(lat, lon, p.lat, p.lon):.0f} km away; "
                                    "take its coordinates and geonames_id"))
    return problems


class Written:
    """The cells as the curator wrote them, for messages. A large table's runs (read.Parts) are parsed again,
    only if a message quotes one of their cells: a million rows' cells are not kept for the few a message
    quotes, nor handed to the process that checks the sites."""

    def __init__(self, runs: Sequence[Callable[[], Table]], first_lines: list[int]):
        self._runs = runs
        self._first_lines = first_lines
        self._read: dict[int, Table] = {}

    def close(self) -> None:
        self._runs, self._read = [], {}

    def cell(self, record: Record, column: Column) -> str:
        k = bisect.bisect_right(self._first_lines, record.origin.line) - 1
        if k not in self._read:
            self._read[k] = self._runs[k]()
        cells, lines = self._read[k].by_column()
        at = bisect.bisect_left(lines, record.origin.line)  # records are in the order of their lines
        return cells[column.name][at].strip() if column.name in cells else ""


_site_values = fields_of(*(c.field for c in SITE_AGREES))


def _blank(column: Column, value: object, record: Record) -> bool:
    """Nothing to agree on: a cell that did not parse, or an optional one left empty."""
    return column.name in record.unparsed or (not column.required and value in BLANK)


def _all_agree(records: list[Record]) -> bool:
    """Every row repeats its site's first row, every cell parsed, and no claim is given twice: what a valid table
    holds, found by maps in C (a million rows in about a second). Hash collisions only send a table to the
    slow path that says what is wrong. A site's first row is kept by its position, and the claims' hashes in an
    array: a million sites' values and 1.75 million hashes as Python objects take 300 MB."""
    first: dict[str, int] = {}
    heads = map(records.__getitem__, map(first.setdefault, map(_site_id, records), count()))
    if any(map(operator.ne, map(_site_values, heads), map(_site_values, records))) or any(map(_unparsed, records)):
        return False
    del first
    hashes = np.sort(np.fromiter(map(hash, map(_claim_key, records)), np.int64, len(records)))
    return not bool((hashes[1:] == hashes[:-1]).any())


_site_id = fields_of("id")
_unparsed = fields_of("unparsed")
_claim_key = fields_of("id", "source", "line", "quote")


def check_sites(written: Written, records: list[Record]) -> list[Problem]:
    """Rows of one site are one pin: they must agree on where and what the place is. A note on a site (what
    stands there, remembrance, visiting) must say where it comes from and when it was checked."""
    if _all_agree(records):
        return []
    problems = []
    first: dict[tuple[str, str], tuple[object, Record]] = {}  # (site, column) -> the first value given, where
    known: dict[str, tuple[tuple[object, ...], Record]] = {}  # site -> its first record's site-level values
    claims: dict[tuple[str, str, int, str], int] = {}
    for r in records:
        values = _site_values(r)
        head = known.setdefault(r.id, (values, r))
        if head[0] != values or r.unparsed:  # a row repeating its site's first row agrees with it at once
            for k, (col, value) in enumerate(zip(SITE_AGREES, values, strict=True)):
                if _blank(col, value, r):
                    continue
                key = (r.id, col.name)
                if key not in first:
                    first[key] = (value, r) if _blank(col, head[0][k], head[1]) else (head[0][k], head[1])
                if first[key][0] != value:
                    ref = first[key][1]
                    a, b = written.cell(ref, col), written.cell(r, col)
                    problems.append(Problem(r.origin.path, r.origin.line, col.name, f"{b!r} differs from {a!r} "
                                            f"on line {ref.origin.line} for site {r.id!r}; one site, one {col.name}"))
        key4 = (r.id, r.source, r.line, r.quote)
        if key4 in claims:
            problems.append(Problem(r.origin.path, r.origin.line, "quote", f"same claim as line {claims[key4]}"))
        claims.setdefault(key4, r.origin.line)
    return problems


def check_notes(records: list[Record], today: datetime.date) -> list[Problem]:
    """A statement on a pin that is not a quote (today, remembrance, visiting) carries its source and the date
    it was checked; one checked more than STALE_AFTER_DAYS ago is a warning."""
    problems = []
    noted: set[str] = set()  # the sites with a note: only they are looked at
    for col in CITATIONS:
        noted.update(compress(map(_site_id, records), map(fields_of(col.cites), records)))
    by_site: dict[str, list[Record]] = {}
    for r in compress(records, map(noted.__contains__, map(_site_id, records))):
        by_site.setdefault(r.id, []).append(r)
    for rows in by_site.values():
        checked = next((r for r in rows if r.checked is not None), None)
        for col in CITATIONS:
            stated = next((r for r in rows if getattr(r, col.cites)), None)
            if stated is None:
                continue
            if not any(getattr(r, col.field) is not None or col.name in r.unparsed for r in rows):
                problems.append(Problem(stated.origin.path, stated.origin.line, col.name, f"{col.cites} has no "
                                        f"source; give the URL of a published page that says it, or "
                                        f"seed:FILE:LINE, in {col.name} (or leave {col.cites} empty)"))
        if checked is None:
            if not any("checked" in r.unparsed for r in rows):
                r = rows[0]
                problems.append(Problem(r.origin.path, r.origin.line, "checked", "the site's notes need the date "
                                        "they were checked against their sources (YYYY-MM-DD)"))
        elif checked.checked is not None and checked.checked > today:
            problems.append(Problem(checked.origin.path, checked.origin.line, "checked",
                                    f"{checked.checked.isoformat()} is in the future"))
        elif checked.checked is not None and (today - checked.checked).days > STALE_AFTER_DAYS:
            problems.append(Problem(checked.origin.path, checked.origin.line, "checked",
                                    f"{checked.checked.isoformat()} is more than two years ago; check the notes "
                                    "against their sources again and update the date", warning=True))
    return problems


def validate(table: Table, seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
             today: datetime.date | None = None) -> list[Problem]:
    """All problems of the table (warnings among them), in file order; with no problem but warnings, the table
    may be built."""
    return Validation(table, seeds_dir, sources, gazetteer=gazetteer, today=today).problems()


def in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


def table_text_problems(table: Table) -> list[Problem]:
    """Control characters anywhere, hidden characters in names and ids (read.text_problems), column by column."""
    cells, lines = table.by_column()
    return [p for name, column in cells.items() for p in column_text_problems(table.path, name, column, lines)]


def _examined(table: Table) -> tuple[Cells, list[Problem]]:
    return parse_cells(table), table_text_problems(table)


def _examine(table: Table | Parts) -> tuple[Written, list[Cells], list[Problem]]:
    """The table's cells parsed and their characters checked. A large table (read.Parts) is read by pyarrow where
    that reads it as the csv module would (read.read_fast); otherwise each run after the first is done in a
    process of its own while this one does the first. If a run does not parse, the table is read whole, and its
    problems are reported as a whole read reports them."""
    if isinstance(table, Parts):
        parts = table
        quick = parts.fast(keep=False)
        if quick is not None:  # read whole by pyarrow; read again, untyped, only for a message quoting a cell
            path, stamp = parts.path, parts.stamp
            text = table_text_problems(quick)
            return Written([lambda: read_again(path, stamp)], [0]), [parse_cells(quick, consume=True)], text

        def child(k: int) -> Callable[[], list[bytes]]:
            def examine() -> list[bytes]:
                try:
                    return [pickle.dumps(_examined(parts.run(k)), pickle.HIGHEST_PROTOCOL)]
                except InputError:
                    return [pickle.dumps(None)]
            return examine

        children = [Background(child(k)) for k in range(1, len(parts.cuts) - 1)]
        try:
            first = parts.run(0)
            examined = [_examined(first)] + [pickle.loads(c.result()) for c in children]
        except InputError:
            examined = [None]
        if all(examined):
            done = [e for e in examined if e]
            runs = [partial(parts.run, k) for k in range(len(done))]  # read again only for a message
            written = Written(runs, [parts.first_line(k) for k in range(len(done))])
            return written, [e[0] for e in done], [p for e in done for p in e[1]]
        for c in children:
            c.close()
        table = parts.whole()
    whole = table
    return Written([lambda: whole], [0]), [parse_cells(whole)], table_text_problems(whole)


def check_records(records: list[Record], seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
                  this_year: int) -> list[Problem]:
    """Each record on its own: its values, quote, place (its characters are checked on the table's cells).
    Only records that a check might fault (`_doubtful`) are checked one by one; the others are placed as
    they stand."""
    problems: list[Problem] = []
    resolved: dict[str, bool] = {}
    site_gid: dict[str, str] = {}
    for r in compress(records, map(_gid, records)):
        site_gid.setdefault(r.id, r.geonames_id)
    lats, lons, countries = list(map(_lat, records)), list(map(_lon, records)), list(map(_country, records))
    placed = [True] * len(records)
    finder = QuoteFinder(sources)
    doubtful = _doubtful(records, lats, lons, countries, seeds_dir, sources, gazetteer, this_year, resolved, site_gid)
    for k in sorted(doubtful):
        found, point = check_record(records[k], seeds_dir, sources, gazetteer, this_year, resolved, site_gid, finder)
        problems.extend(found)
        if point:
            lats[k], lons[k], countries[k] = point
        else:
            placed[k] = False
    problems.extend(check_countries(list(compress(records, placed)), list(compress(lats, placed)),
                                    list(compress(lons, placed)), list(compress(countries, placed)), gazetteer))
    return problems


_gid, _name, _lat, _lon = fields_of("geonames_id"), fields_of("name"), fields_of("lat"), fields_of("lon")
_country, _precision, _category = fields_of("country"), fields_of("precision"), fields_of("category")
_quote, _source, _line = fields_of("quote"), fields_of("source"), fields_of("line")
_flag, _flag_reason = fields_of("flag"), fields_of("flag_reason")
_years = fields_of("start_year", "end_year")


def _doubtful(records: list[Record], lats: list[float], lons: list[float], countries: list[str], seeds_dir: Path,
              sources: dict[str, Source], gazetteer: Gazetteer, this_year: int, resolved: dict[str, bool],
              site_gid: dict[str, str]) -> set[int]:
    """The records `check_record` might find a problem in or must look up in the gazetteer (their points and
    countries as written given as columns), found column by column in C and numpy: a valid million-row table is
    checked in seconds, not a quarter of a minute. A record left out here is one every check of `check_record`
    passes, with its point as written."""
    doubtful: set[int] = set()

    def where(flags: Iterable[object]) -> None:
        doubtful.update(compress(count(), flags))

    def outside(column: Callable[[], Iterable[str]], allowed: Collection[str]) -> None:
        """`column()` gives the column's values afresh: looked at a second time only if some are odd."""
        odd = set(column()).difference(allowed)
        if odd:
            where(map(odd.__contains__, column()))

    n = len(records)
    where(map(_unparsed, records))
    where(map(operator.not_, map(_name, records)))
    lat, lon = np.asarray(lats, float), np.asarray(lons, float)
    doubtful.update(np.flatnonzero(~((lat >= -90) & (lat <= 90) & (lon >= -180) & (lon <= 180))).tolist())
    years = np.fromiter(chain.from_iterable(map(_years, records)), np.int64, 2 * n).reshape(n, 2)
    fine = (years[:, 0] >= FIRST_YEAR) & (years[:, 0] <= years[:, 1]) & (years[:, 1] <= this_year)
    doubtful.update(np.flatnonzero(~fine).tolist())
    outside(partial(map, _precision, records), PRECISIONS)
    outside(lambda: countries, gazetteer.country_codes)
    outside(partial(map, _category, records), CATEGORY_SLUGS)
    outside(partial(map, _flag, records), {"", *FLAGS})
    where(map(operator.ne, map(bool, map(_flag, records)), map(bool, map(_flag_reason, records))))
    for col in CITATIONS:
        where(map(operator.is_not, map(fields_of(col.field), records), repeat(None)))
    quotes = list(map(_quote, records))
    where(map(operator.not_, quotes))
    where(map(operator.ne, map(str.strip, quotes), quotes))
    for mark in ("\n", "\r", "...", "…"):
        where(map(operator.contains, quotes, repeat(mark)))
    for name in set(map(_source, records)):
        resolved[name] = resolve_source(seeds_dir, name) is not None
    seed_lines = {name: sources[name].lines for name, ok in resolved.items() if ok and name in sources}

    def on_line(name: str, n: int, quote: str) -> bool:
        lines = seed_lines.get(name)
        return lines is not None and 0 < n <= len(lines) and quote in lines[n - 1]

    where(map(operator.not_, map(on_line, map(_source, records), map(_line, records), quotes)))
    # a place to look up: a GeoNames id on the row or its site, or a settlement to find by name
    where(map(bool, map(_gid, records)))
    if site_gid:
        where(map(site_gid.__contains__, map(_site_id, records)))
    where(map("settlement".__eq__, map(_precision, records)))
    return doubtful


def summary(records: list[Record], path: str) -> str:
    by_category: dict[str, int] = defaultdict(int)
    for r in records:
        by_category[r.category] += 1
    cats = ", ".join(f"{c} {by_category[c]}" for c in CATEGORY_SLUGS if by_category[c])
    return f"{path}: OK: {len(records)} claims at {len({r.id for r in records})} sites ({cats})"


class Validation:
    """The one entry point: a table's records (from the input adapter) and their validation. What needs every
    cell (their characters) is checked here at once, so that the table need not be kept; the rest runs when
    asked, or, after `start(background=True)` (a table of thousands of places), in a second process while the
    caller models and renders the records. Start it once the caller holds nothing more than the records: a forked
    process keeps every page it was given. `raise_problems()` waits for it, raises InputError with every problem,
    and returns the warnings."""

    def __init__(self, table: Table | Parts, seeds_dir: Path, sources: dict[str, Source],
                 gazetteer: Gazetteer | None = None,
                 today: datetime.date | None = None):
        if isinstance(table, Parts) and not readable(table):
            table = table.whole()  # its rows are not read, but their structure is checked as a whole read does
        self.path = table.path
        self._early = check_header(table)
        self.records: list[Record] = []
        can_read = readable(table)  # rows cannot be read without their columns
        if can_read:
            written, runs, text = _examine(table)
            self.records = to_records(table.path, runs, consume=True)
            self._early += [p for run in runs for p in run.problems]
            if self.records:
                self._early += text
        records, path = self.records, table.path

        def check() -> list[bytes]:
            if not can_read:
                return [pickle.dumps(([], []))]
            if not records:
                return [pickle.dumps(([Problem(path, 0, "", "the table has a header but no claims")], []))]
            day = today or datetime.date.today()
            sites = check_sites(written, records)
            written.close()  # the table's bytes are let go before the long checks (which a large build forks)
            found = check_records(records, seeds_dir, sources, gazetteer or Gazetteer(), day.year) + sites
            return [pickle.dumps((found, check_notes(records, day)))]

        self._check: Callable[[], list[bytes]] | None = check
        self._checked: Background | None = None
        self._problems: list[Problem] | None = None

    def start(self, background: bool) -> None:
        """Begin checking the records, in a second process if `background`."""
        if self._check is not None:
            self._checked = Background(self._check, fork=background)
            self._check = None

    def take_records(self) -> list[Record]:
        """The records, handed over and no longer kept here: a large build holds them only until it has made
        the atlas (the second process has its own copy)."""
        records, self.records = self.records, []
        return records

    def problems(self) -> list[Problem]:
        """Every problem and warning, in file order (waits for the second process)."""
        if self._problems is None:
            self.start(False)
            assert self._checked is not None
            found, notes = pickle.loads(self._checked.result())
            self._checked = None  # its step holds the records: they are let go
            self._problems = in_order(self._early + found + notes)
        return self._problems

    def raise_problems(self) -> list[Problem]:
        """Raise InputError if anything stops the build; return the warnings."""
        stopping = [p for p in self.problems() if not p.warning]
        if stopping:
            raise InputError(stopping)
        return [p for p in self.problems() if p.warning]
