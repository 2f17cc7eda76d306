"""The columns of `sites.csv`, each defined once: its level (the place or the claim), whether it is required,
its kind (how it is parsed), what curators put there, and where it travels (the page's data, the GeoJSON, the
CSV download). The validator, the model, the payload, the GeoJSON and the CSV export are all derived from
this table, so a new column is one entry here, one field on the model, and its display.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["site", "claim"]
# slug: lowercase id; name/text: free text (names may not hide characters); decimal: a float; year, line: ints;
# code: a value of a vocabulary; list: ';'-separated names; gid: a GeoNames id (digits, kept as text);
# quote: verbatim text, never stripped; file: a seed's file name; citation: a URL or seed:FILE:LINE;
# date: an ISO date; names: ';'-separated 'code:name' pairs, a language code each. How each kind is parsed is
# records.PARSE; how it is written back, CELL below.
Kind = Literal["slug", "name", "text", "decimal", "year", "line", "code", "list", "gid", "quote", "file", "citation",
               "date", "names"]


@dataclass(frozen=True)
class Column:
    name: str  # in the CSV header
    level: Level  # rows of one site must agree on site-level values
    required: bool
    kind: Kind
    help: str  # what a curator puts there
    attr: str = ""  # the model's field ("" = the column's name)
    on_page: bool = True  # sent to the map page in its data payload
    cites: str = ""  # for a citation: the column whose statement it sources

    @property
    def field(self) -> str:
        return self.attr or self.name


COLUMNS: tuple[Column, ...] = (
    Column("site_id", "site", True, "slug", "lowercase slug, stable: butovo, white-sea-baltic-canal", attr="id"),
    Column("name", "site", True, "name", "English name as readers search for it"),
    Column("lat", "site", True, "decimal", "WGS84 latitude of the place itself, in decimal degrees"),
    Column("lon", "site", True, "decimal", "WGS84 longitude of the place itself, in decimal degrees"),
    Column("precision", "site", True, "code", "site, settlement or region"),
    Column("country", "site", True, "code", "ISO 3166-1 alpha-2 code of the country the place is in today"),
    Column("start_year", "claim", True, "year", "first year of the event the quote speaks of"),
    Column("end_year", "claim", True, "year", "last year of the event the quote speaks of"),
    Column("category", "claim", True, "code", "what kind of thing happened there"),
    Column("quote", "claim", True, "quote", "one sentence or clause copied verbatim from the source"),
    Column("source", "claim", True, "file", "file name of the seed in seeds/"),
    Column("line", "claim", True, "line", "1-based line of the seed the quote stands on"),
    Column("name_local", "site", False, "name", "the name in the local script or language (Бутово, Курапаты, Katyń)"),
    Column("aliases", "site", False, "list", "other names readers search for, separated by ';' (Stalino; Donetsk)"),
    Column("names", "site", False, "names", "the name in readers' languages, 'code:name' separated by ';' "
           "(ru:Бутовский полигон; pl:Poligon w Butowie); shown to readers of that language"),
    Column("geonames_id", "site", False, "gid", "the GeoNames id of the place, or of the settlement a site is "
           "named after", on_page=False),
    Column("flag", "claim", False, "code", "citation_needed, dubious, unsourced, disputed, misdated or "
           "reference_only: a claim a careful historian would flag"),
    Column("flag_reason", "claim", False, "text", "why the claim is flagged, in one neutral sentence"),
    Column("today", "site", False, "text", "what stands at the site now (memorial, museum, nothing)"),
    Column("today_source", "site", False, "citation", "where `today` comes from: the URL of a published page, "
           "or seed:FILE:LINE when a seed says it", cites="today"),
    Column("remembrance", "site", False, "text", "days of remembrance held there"),
    Column("remembrance_source", "site", False, "citation", "where `remembrance` comes from (a URL or "
           "seed:FILE:LINE)", cites="remembrance"),
    Column("visiting", "site", False, "text", "conditions a visiting group should know today (restricted access, "
           "arrests at gatherings, occupation), in one neutral sentence"),
    Column("visiting_source", "site", False, "citation", "where `visiting` comes from (a URL or seed:FILE:LINE)",
           cites="visiting"),
    Column("checked", "site", False, "date", "when today, remembrance and visiting were last checked against "
           "their sources (YYYY-MM-DD)"),
)

REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
OPTIONAL_COLUMNS: dict[str, str] = {c.name: c.help for c in COLUMNS if not c.required}
SITE_LEVEL: tuple[Column, ...] = tuple(c for c in COLUMNS if c.level == "site")
CLAIM_LEVEL: tuple[Column, ...] = tuple(c for c in COLUMNS if c.level == "claim")
CITATIONS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.kind == "citation")  # each sources a statement


def _citation_cell(value: Any) -> str:
    return "" if value is None else str(value)


def _date_cell(value: Any) -> str:
    return "" if value is None else value.isoformat()


# How a model value is written back as a CSV cell (the inverse of records.PARSE); other kinds are text already.
CELL: dict[str, Callable[[Any], str]] = {"decimal": repr, "year": str, "line": str, "list": "; ".join,
                                         "names": "; ".join, "citation": _citation_cell, "date": _date_cell}
