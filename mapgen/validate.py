"""Check every claim of the table against its vocabularies, its seed and the gazetteer.

A wrong coordinate or a quote that is not in its source is as serious as a crash, so each check
reports the CSV line and column, and says how to fix it.
"""

from __future__ import annotations

import bisect
import datetime
import difflib
import math
import pickle
import re
from collections import defaultdict
from pathlib import Path

from .citation import citation_problem
from .gazetteer import Gazetteer, distance_km
from .parallel import Background
from .read import InputError, Problem, Row, Source, Table, char_name, resolve_source, shown, text_problems
from .schema import COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SITE_COLUMNS, SITE_OPTIONAL_COLUMNS
from .vocab import CATEGORY_SLUGS, FLAGS, PRECISIONS

CITATIONS = tuple(c for c in COLUMNS if c.kind == "citation")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# How far a point may lie from its GeoNames record, by precision (km).
GEONAMES_TOLERANCE_KM = {"site": 25.0, "settlement": 10.0, "region": 400.0}
# Outlines are Natural Earth 1:50m: a coastal or island point may fall just outside them.
COUNTRY_TOLERANCE_KM = 15.0
# A settlement-precision point without geonames_id must still be near a same-named GeoNames place.
SAME_NAME_TOLERANCE_KM = 30.0
FIRST_YEAR = 1900
# Numbers are written in ASCII: float() and int() also take fullwidth and Arabic-Indic digits and underscores.
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_NUMBER_CHARS = 32  # a coordinate
MAX_LINE_DIGITS = 9  # more lines than any seed can hold; int() refuses 4,300 digits with a traceback
MAX_GEONAMES_DIGITS = 10  # GeoNames ids have 8 digits today
# A quote given on the wrong line is searched for in its whole seed, to say where it stands. Each distinct quote
# is searched once; past this many characters searched in all, the search stops (and the message says so), so
# thousands of wrong quotes against a long seed cannot keep validation busy for minutes.
HINT_SEARCH_BUDGET = 2_000_000_000
FINDS_BEFORE_INDEX = 32  # searches of a whole seed before its word index pays for itself
WORD = re.compile(r"\w+")


def _suggest(value: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (one of: {', '.join(options)})"


def check_header(table: Table) -> list[Problem]:
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


def _non_ascii(raw: str, col: str, row: Row, path: str, what: str) -> Problem | None:
    """Fullwidth or Arabic-Indic digits look like numbers (and Python converts them) but are not ASCII."""
    if raw.isascii():
        return None
    ch = next(c for c in raw if not c.isascii())
    return Problem(path, row.line, col, f"{shown(raw)} holds the non-ASCII character {char_name(ch)}; write "
                   f"{what} with ASCII digits 0-9")


def _number(row: Row, col: str, path: str, problems: list[Problem]) -> float | None:
    raw = row.values[col].strip()
    bad = _non_ascii(raw, col, row, path, "the number")
    if bad:
        problems.append(bad)
        return None
    if len(raw) > MAX_NUMBER_CHARS:
        problems.append(Problem(path, row.line, col, f"{shown(raw, 20)} is too long for a coordinate; "
                                "write it in decimal degrees (55.5311)"))
        return None
    if not DECIMAL.fullmatch(raw):
        try:
            finite = math.isfinite(float(raw))
        except ValueError:
            finite = True
        what = "a decimal number" if finite else "a finite number"
        problems.append(Problem(path, row.line, col, f"{raw!r} is not {what}"))
        return None
    value = float(raw)
    if not math.isfinite(value):
        problems.append(Problem(path, row.line, col, f"{raw!r} is not a finite number"))
        return None
    return value


def _year(row: Row, col: str, path: str, problems: list[Problem], this_year: int) -> int | None:
    raw = row.values[col].strip()
    bad = _non_ascii(raw, col, row, path, "the year")
    if bad:
        problems.append(bad)
        return None
    if not (len(raw) == 4 and raw.isdigit()):
        problems.append(Problem(path, row.line, col, f"{shown(raw)} is not a four-digit year"))
        return None
    year = int(raw)
    if not FIRST_YEAR <= year <= this_year:
        problems.append(Problem(path, row.line, col, f"{year} is outside {FIRST_YEAR}..{this_year}"))
        return None
    return year


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


def check_quote(row: Row, path: str, seeds_dir: Path, sources: dict[str, Source],
                resolved: dict[str, bool], finder: QuoteFinder | None = None) -> list[Problem]:
    """The quote must stand, character for character, on the named line of the named seed."""
    v = row.values
    name, quote, raw_line = v["source"].strip(), v["quote"], v["line"].strip()
    problems = []
    if not quote.strip():
        return [Problem(path, row.line, "quote", "empty; copy the sentence from the source")]
    if quote != quote.strip():
        problems.append(Problem(path, row.line, "quote", "has leading or trailing spaces"))
    if "\n" in quote or "\r" in quote:
        problems.append(Problem(path, row.line, "quote", "spans several lines; quote one line of the source"))
    if "..." in quote or "…" in quote:
        problems.append(Problem(path, row.line, "quote", "contains an ellipsis; quote one unbroken passage"))
    if name not in resolved:
        resolved[name] = resolve_source(seeds_dir, name) is not None
    if not resolved[name]:
        problems.append(Problem(path, row.line, "source",
                                f"{name!r} is not a file inside {seeds_dir} (a plain file name, no paths)"))
        return problems
    if name not in sources:
        problems.append(Problem(path, row.line, "source",
                                f"{name!r} has no entry in {seeds_dir / 'sources.csv'}; add its title and licence"))
        return problems
    bad = _non_ascii(raw_line, "line", row, path, "the line number")
    if bad or not raw_line.isdigit():
        problems.append(bad or Problem(path, row.line, "line", f"{shown(raw_line)} is not a line number"))
        return problems
    if len(raw_line) > MAX_LINE_DIGITS:
        problems.append(Problem(path, row.line, "line", f"{shown(raw_line, 20)} has {len(raw_line)} digits; "
                                f"no seed has that many lines ({name} has {len(sources[name].lines)})"))
        return problems
    lines = sources[name].lines
    n = int(raw_line)
    if not 1 <= n <= len(lines):
        problems.append(Problem(path, row.line, "line", f"{n} is outside {name} (1..{len(lines)})"))
        return problems
    if problems or quote in lines[n - 1]:
        return problems
    finder = finder or QuoteFinder(sources)
    at = finder.line_of(name, quote)
    if at is None:
        hint = (f"where it stands was not searched: the search stopped after {finder.searched} wrong quotes "
                "(HINT_SEARCH_BUDGET in mapgen/validate.py); fix the quotes reported above and validate again")
    elif at:
        hint = f"it stands on line {at}"
    else:
        hint = "it is not in the file verbatim: copy it again from the source"
    problems.append(Problem(path, row.line, "quote", f"not found on line {n} of {name}; {hint}"))
    return problems


def check_row(row: Row, path: str, seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
              this_year: int, resolved: dict[str, bool], site_gid: dict[str, str],
              finder: QuoteFinder | None = None) -> tuple[list[Problem], tuple[float, float, str] | None]:
    """The row's problems, and its point (lat, lon, country) when those three are well-formed."""
    # only the columns checked here, stripped (spreadsheets leave stray spaces); the quote stays exact
    v = {k: row.values.get(k, "").strip() for k in ("site_id", "name", "precision", "country", "category", "flag",
                                                    "flag_reason", "geonames_id")}
    if not v["geonames_id"]:  # site-level values may stand on one row of the site only
        v["geonames_id"] = site_gid.get(v["site_id"], "")
    problems = text_problems(row.values, path, row.line)  # control characters, hidden ones in names
    add = problems.append
    if not SLUG.fullmatch(v["site_id"]):
        add(Problem(path, row.line, "site_id", f"{v['site_id']!r} is not a lowercase slug like 'butovo' or "
                    "'white-sea-canal'"))
    if not v["name"]:
        add(Problem(path, row.line, "name", "empty"))
    lat = _number(row, "lat", path, problems)
    lon = _number(row, "lon", path, problems)
    if lat is not None and not -90 <= lat <= 90:
        add(Problem(path, row.line, "lat", f"{lat} is outside -90..90 (are lat and lon swapped?)"))
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        add(Problem(path, row.line, "lon", f"{lon} is outside -180..180"))
        lon = None
    if v["precision"] not in PRECISIONS:
        add(Problem(path, row.line, "precision", f"{v['precision']!r} is not a precision" + _suggest(
            v["precision"], list(PRECISIONS))))
    country = v["country"]
    if country not in gazetteer.country_codes:
        add(Problem(path, row.line, "country", f"{country!r} is not an ISO 3166-1 alpha-2 code (e.g. RU, BY, PL)"))
        country = ""
    start = _year(row, "start_year", path, problems, this_year)
    end = _year(row, "end_year", path, problems, this_year)
    if start is not None and end is not None and start > end:
        add(Problem(path, row.line, "end_year", f"{end} is before start_year {start}"))
    if v["category"] not in CATEGORY_SLUGS:
        add(Problem(path, row.line, "category", f"{v['category']!r} is not a category"
                    + _suggest(v["category"], CATEGORY_SLUGS)))
    problems.extend(check_quote(row, path, seeds_dir, sources, resolved, finder))
    if "flag" in row.values:
        if v["flag"] and v["flag"] not in FLAGS:
            add(Problem(path, row.line, "flag", f"{v['flag']!r} is not a flag" + _suggest(v["flag"], list(FLAGS))))
        if v["flag"] and not v.get("flag_reason"):
            add(Problem(path, row.line, "flag_reason", "a flagged claim needs a reason readers can see"))
    if v.get("flag_reason") and not v.get("flag"):
        add(Problem(path, row.line, "flag", "flag_reason is given but flag is empty"))
    for col in CITATIONS:
        raw = row.values.get(col.name, "").strip()
        if not raw:
            continue
        why = citation_problem(raw, sources)
        if why:
            add(Problem(path, row.line, col.name, why))
        if col.cites and not row.values.get(col.cites, "").strip():
            add(Problem(path, row.line, col.name, f"a source for an empty {col.cites}; fill in {col.cites} on this "
                        "row or move the source to the row that has it"))
    point = None
    if lat is not None and lon is not None and country:
        point = (lat, lon, country)
        problems.extend(check_gazetteer(row, path, lat, lon, country, v, gazetteer))
    return problems, point


def check_countries(rows: list[Row], points: list[tuple[float, float, str]], path: str,
                    gazetteer: Gazetteer) -> list[Problem]:
    """Each point must lie in its country: this catches swapped coordinates and wrong signs.
    One vectorised test for all rows; only the few outside are measured."""
    problems = []
    inside = gazetteer.inside([p[0] for p in points], [p[1] for p in points], [p[2] for p in points])
    for row, (lat, lon, country), ok in zip(rows, points, inside, strict=True):
        if ok:
            continue
        km = gazetteer.km_from_country(lat, lon, country)
        if km is None or km <= COUNTRY_TOLERANCE_KM:
            continue
        found = gazetteer.countries_at(lat, lon)
        where = f"it lies in {', '.join(found)}" if found else "it lies in no country (sea?)"
        hint = "; lat and lon look swapped" if gazetteer.km_from_country(lon, lat, country) == 0.0 else ""
        problems.append(Problem(path, row.line, "lat", f"({lat}, {lon}) is {km:.0f} km outside {country}: "
                                f"{where}{hint}"))
    return problems


def check_gazetteer(row: Row, path: str, lat: float, lon: float, country: str, v: dict[str, str],
                    gazetteer: Gazetteer) -> list[Problem]:
    """The point must be near its GeoNames record: this catches a settlement pinned to the wrong town."""
    problems = []
    precision = v["precision"]
    gid = v.get("geonames_id", "")
    if gid:
        bad = _non_ascii(gid, "geonames_id", row, path, "the id")
        if bad:
            return [bad]
        if not gid.isdigit() or len(gid) > MAX_GEONAMES_DIGITS:
            return [Problem(path, row.line, "geonames_id", f"{shown(gid, 20)} is not a GeoNames id (digits only, "
                            f"at most {MAX_GEONAMES_DIGITS})")]
        place = gazetteer.place(int(gid))
        if place is None:
            return [Problem(path, row.line, "geonames_id", f"{gid} is not in the offline gazetteer; check the id "
                            "or leave it empty and state the precision")]
        d = distance_km(lat, lon, place.lat, place.lon)
        tol = GEONAMES_TOLERANCE_KM.get(precision, 10.0)
        if d > tol:
            problems.append(Problem(path, row.line, "lat", f"({lat}, {lon}) is {d:.0f} km from GeoNames {gid} "
                                    f"{place.name} ({place.lat}, {place.lon}); at precision {precision!r} "
                                    f"it must be within {tol:.0f} km"))
        if place.country != country:
            problems.append(Problem(path, row.line, "country", f"GeoNames {gid} {place.name} is in {place.country}, "
                                    f"not {country}"))
    elif precision == "settlement":
        same = gazetteer.named(v["name"], country)
        if same and min(distance_km(lat, lon, p.lat, p.lon) for p in same) > SAME_NAME_TOLERANCE_KM:
            p = min(same, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
            problems.append(Problem(path, row.line, "lat", f"GeoNames has {p.name} ({p.geonames_id}) at "
                                    f"({p.lat}, {p.lon}), {distance_km(lat, lon, p.lat, p.lon):.0f} km away; "
                                    "take its coordinates and geonames_id"))
    return problems


def check_sites(table: Table) -> list[Problem]:
    """Rows of one site are one pin: they must agree on where and what the place is."""
    if not readable(table):
        return []
    problems = []
    first: dict[str, Row] = {}
    seen_site_value: dict[tuple[str, str], tuple[str, int]] = {}
    claims: dict[tuple[str, str, str, str], int] = {}
    for row in table.rows:
        sid = row.values["site_id"].strip()
        if sid not in first:
            first[sid] = row
        else:
            ref = first[sid]
            for col in SITE_COLUMNS:
                a, b = ref.values[col].strip(), row.values[col].strip()
                if a != b:
                    problems.append(Problem(table.path, row.line, col, f"{b!r} differs from {a!r} on line "
                                            f"{ref.line} for site {sid!r}; one site, one {col}"))
        for col in SITE_OPTIONAL_COLUMNS:
            val = row.values.get(col, "").strip()
            if not val:
                continue
            key = (sid, col)
            if key in seen_site_value and seen_site_value[key][0] != val:
                problems.append(Problem(table.path, row.line, col, f"{val!r} differs from "
                                        f"{seen_site_value[key][0]!r} on line {seen_site_value[key][1]} "
                                        f"for site {sid!r}"))
            seen_site_value.setdefault(key, (val, row.line))
        key4 = (sid, row.values["source"].strip(), row.values["line"].strip(), row.values["quote"])
        if key4 in claims:
            problems.append(Problem(table.path, row.line, "quote", f"same claim as line {claims[key4]}"))
        claims.setdefault(key4, row.line)
    return problems


def validate(table: Table, seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
             this_year: int | None = None) -> list[Problem]:
    """All problems of the table, in file order; an empty list means the table may be built."""
    return in_order(check_claims(table, seeds_dir, sources, gazetteer, this_year) + check_sites(table))


def in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


def check_claims(table: Table, seeds_dir: Path, sources: dict[str, Source], gazetteer: Gazetteer,
                 this_year: int | None = None) -> list[Problem]:
    """The header, then each row on its own: values, quote, place (everything but `check_sites`)."""
    this_year = this_year or datetime.date.today().year
    problems = check_header(table)
    if not readable(table):
        return problems  # rows cannot be read without their columns
    if not table.rows:
        return problems + [Problem(table.path, 0, "", "the table has a header but no claims")]
    resolved: dict[str, bool] = {}
    site_gid: dict[str, str] = {}
    for row in table.rows:
        gid = row.values.get("geonames_id", "").strip()
        if gid:
            site_gid.setdefault(row.values["site_id"].strip(), gid)
    placed: list[Row] = []
    points: list[tuple[float, float, str]] = []
    finder = QuoteFinder(sources)
    for row in table.rows:
        row_problems, point = check_row(row, table.path, seeds_dir, sources, gazetteer, this_year, resolved,
                                        site_gid, finder)
        problems.extend(row_problems)
        if point:
            placed.append(row)
            points.append(point)
    problems.extend(check_countries(placed, points, table.path, gazetteer))
    return problems


def readable(table: Table) -> bool:
    return tuple(table.header[: len(REQUIRED_COLUMNS)]) == REQUIRED_COLUMNS


def summary(table: Table) -> str:
    by_category: dict[str, int] = defaultdict(int)
    for row in table.rows:
        by_category[row.values["category"].strip()] += 1
    sites = {row.values["site_id"].strip() for row in table.rows}
    cats = ", ".join(f"{c} {by_category[c]}" for c in CATEGORY_SLUGS if by_category[c])
    return f"{table.path}: OK: {len(table.rows)} claims at {len(sites)} sites ({cats})"


class Validation:
    """A table's validation, in a second process when `background` (a large table) while the caller models and
    renders it; `raise_problems()` waits for it, once, and raises what it found."""

    def __init__(self, table: Table, seeds_dir: Path, sources: dict[str, Source], background: bool):
        self._table = table
        self._claims = Background(lambda: [pickle.dumps(check_claims(table, seeds_dir, sources, Gazetteer()))],
                                  fork=background)
        self._problems: list[Problem] | None = None

    def raise_problems(self) -> None:
        if self._problems is None:
            self._problems = in_order(check_sites(self._table) + pickle.loads(self._claims.result()))
        if self._problems:
            raise InputError(self._problems)
