"""The validated table as plain data: sites (pins), each with its claims, and the sources they quote.

Renderers treat these as read-only. They are not frozen: a frozen dataclass is built through
object.__setattr__, which made the model the slowest step of a 100,000-site build.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain, compress, count
from typing import TYPE_CHECKING, Any, Literal

from .citation import Citation, TextLine
from .passages import Passage
from .read import Source
from .records import BLANK, EMPTY_VALUE, Record, fields_of
from .schema import CITATIONS, CLAIM_LEVEL, SITE_LEVEL
from .vocab import periods_of

if TYPE_CHECKING:  # the model needs only the types
    import geopandas

    from .mentions import Decision


@dataclass(slots=True)
class Claim:
    start_year: int
    end_year: int
    category: str
    quote: str
    source: str
    line: int
    flag: str = ""
    flag_reason: str = ""
    periods: tuple[str, ...] = ()  # derived from the years by build_atlas

    @property
    def citation(self) -> TextLine:
        return TextLine(self.source, self.line)

    @property
    def years(self) -> str:
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"


@dataclass(slots=True)
class Site:
    id: str
    name: str
    lat: float
    lon: float
    precision: str
    country: str
    claims: tuple[Claim, ...] = ()
    name_local: str = ""
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # "ru:Бутовский полигон": the name in a reader's language
    geonames_id: str = ""
    today: str = ""
    today_source: Citation | None = None
    remembrance: str = ""
    remembrance_source: Citation | None = None
    visiting: str = ""
    visiting_source: Citation | None = None
    checked: datetime.date | None = None
    categories: tuple[str, ...] = ()  # derived from the claims by build_atlas, in order of first mention
    periods: tuple[str, ...] = ()

    def name_in(self, lang: str) -> str:
        """The place's name for a reader of `lang`: the table's name in that language, else its own."""
        prefix = lang + ":"
        return next((n[len(prefix):] for n in self.names if n.startswith(prefix)), self.name)


@dataclass(frozen=True)
class Atlas:
    """Everything a renderer needs; sites keep the table's order of first appearance."""

    sites: tuple[Site, ...]
    sources: dict[str, Source]
    mentions: tuple[Decision, ...] = ()  # the ledger of place names in the seeds (seeds/mentions.csv)
    passages: tuple[Passage, ...] = ()  # passages of the seeds the map warns against (seeds/passages.csv)
    claim_count: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "claim_count", sum(len(s.claims) for s in self.sites))

    def site(self, site_id: str) -> Site:
        return next(s for s in self.sites if s.id == site_id)

    def to_geodataframe(self, per: Literal["claim", "site"] = "claim") -> geopandas.GeoDataFrame:
        """A geopandas GeoDataFrame (EPSG:4326) with one row per claim, or per site: every column of the
        table, plus the periods (and, per site, categories, claim count and flags). geopandas is imported
        here, on first use: a build does not need it."""
        from .render.frame import geodataframe

        return geodataframe(self, per)


_CLAIM_FIELDS = tuple(c.field for c in CLAIM_LEVEL)  # in the schema's order, which is Claim's
_start: Callable[[Record], int] = fields_of("start_year")
_end: Callable[[Record], int] = fields_of("end_year")
_site_id: Callable[[Record], str] = fields_of("id")
_category, _periods = operator.attrgetter("category"), operator.attrgetter("periods")
_SITE_REQUIRED = tuple(c.field for c in SITE_LEVEL if c.required)
_SITE_OPTIONAL = tuple(c.field for c in SITE_LEVEL if not c.required)
_optional_values: Callable[[Record], tuple[Any, ...]] = fields_of(*_SITE_OPTIONAL)
_site_optional: Callable[[Site], tuple[Any, ...]] = operator.attrgetter(*_SITE_OPTIONAL)
_NONE_GIVEN = tuple(EMPTY_VALUE.get(c.kind, "") for c in SITE_LEVEL if not c.required)
assert [f.name for f in fields(Claim)][:len(CLAIM_LEVEL)] == [c.field for c in CLAIM_LEVEL], "Claim follows the schema"
assert [f.name for f in fields(Site)] == [*_SITE_REQUIRED, "claims", *_SITE_OPTIONAL, "categories", "periods"], \
    "Site has every site-level column, in the schema's order"


MODEL_CHUNK = 1 << 16  # records modelled at a time


def build_atlas(records: list[Record], sources: dict[str, Source], mentions: Sequence[Decision] = (),
                passages: Sequence[Passage] = (), consume: bool = False, chunk: int = MODEL_CHUNK) -> Atlas:
    """Group validated records into sites, in the order of each site's first record; site-level values come
    from the first record that has them. Claims and sites are made by maps over a chunk of records at a time
    (in C), every site as if it had one claim; a site's later rows add their claims, and their optional values,
    in Python: a million records are modelled in a few seconds. With `consume`, each chunk is let go from
    `records` once modelled (the list is left empty): a million records weigh more than the sites they make,
    and are then never held beside them all."""
    first: dict[str, int] = {}  # site -> its first record
    site_at: dict[int, Site] = {}  # a site's first record -> the site
    sites: list[Site] = []
    more: dict[int, list[Claim]] = {}  # a site's first record -> the claims of its later rows, in the table's order
    once: dict[tuple[str, ...], tuple[str, ...]] = {}  # a site's categories and periods: few distinct tuples
    for at in range(0, len(records), chunk):
        rows = records[at:at + chunk]
        if consume:
            records[at:at + chunk] = [None] * len(rows)  # type: ignore[list-item]  # (emptied below)
        periods_given = map(periods_of, map(_start, rows), map(_end, rows))
        claims = list(map(Claim, *(map(fields_of(f), rows) for f in _CLAIM_FIELDS), periods_given))
        heads = list(map(first.setdefault, map(_site_id, rows), count(at)))
        fresh = list(map(operator.eq, heads, count(at)))  # a site's first row
        leading, heading = list(compress(claims, fresh)), list(compress(rows, fresh))
        categories = list(zip(map(_category, leading)))  # (its category,): a site of one claim, most sites
        periods = list(map(_periods, leading))
        # every new site as if it had one claim, made by maps in C, in Site's order (asserted above) ...
        made = list(map(Site, *(map(fields_of(f), heading) for f in _SITE_REQUIRED), zip(leading),
                        *(map(fields_of(f), heading) for f in _SITE_OPTIONAL),
                        map(once.setdefault, categories, categories), map(once.setdefault, periods, periods)))
        sites.extend(made)
        site_at.update(zip(compress(count(at), fresh), made, strict=False))  # (count never ends)
        # ... and the later rows of a site add their claims and the optional values its earlier rows left blank
        for k in compress(range(len(rows)), map(operator.not_, fresh)):
            head = heads[k]
            more.setdefault(head, []).append(claims[k])
            also = _optional_values(rows[k])
            if also != _NONE_GIVEN:
                site = site_at[head]
                given = _site_optional(site)
                if also != given:
                    for name, a, b in zip(_SITE_OPTIONAL, given, also, strict=True):
                        if a in BLANK and b not in BLANK:
                            setattr(site, name, b)
        del rows, claims, heads, fresh, leading, heading, categories, periods, made
    if consume:
        records.clear()
    for head, later in more.items():  # the sites of several rows: all their claims, categories and periods
        site = site_at[head]
        site.claims = own = (*site.claims, *later)
        site_categories = tuple(dict.fromkeys(c.category for c in own))
        site_periods = tuple(dict.fromkeys(p for c in own for p in c.periods))
        site.categories = once.setdefault(site_categories, site_categories)
        site.periods = once.setdefault(site_periods, site_periods)
    return _atlas(sites, sources, mentions, passages)


def _atlas(sites: Sequence[Site], sources: dict[str, Source], mentions: Sequence[Decision],
           passages: Sequence[Passage]) -> Atlas:
    """The atlas of `sites`, with the sources they cite and the notes on those sources only."""
    used = _cited(sites)
    return Atlas(tuple(sites), {k: v for k, v in sorted(sources.items()) if k in used},
                 tuple(m for m in mentions if m.source in used), tuple(p for p in passages if p.source in used))


def _cited(sites: Sequence[Site]) -> set[str]:
    """The seeds the sites' quotes and notes cite: the sources a map must carry."""
    used = set(map(_source, chain.from_iterable(map(_claims, sites))))  # in C
    for col in CITATIONS:
        used.update(c.file for c in filter(None, map(operator.attrgetter(col.field), sites))
                    if isinstance(c, TextLine))
    return used


_source, _claims = operator.attrgetter("source"), operator.attrgetter("claims")


def select(atlas: Atlas, periods: list[str], categories: list[str], site_ids: list[str]) -> Atlas:
    """Sites with a claim in one of `periods` and one of `categories` (empty: any), plus those named."""
    chosen = []
    for site in atlas.sites:
        named = site.id in site_ids
        filtered = (periods or categories) and any(
            (not periods or set(c.periods) & set(periods)) and (not categories or c.category in categories)
            for c in site.claims)
        if named or filtered or not (periods or categories or site_ids):
            chosen.append(site)
    return _atlas(chosen, atlas.sources, atlas.mentions, atlas.passages)
