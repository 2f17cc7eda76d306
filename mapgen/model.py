"""The validated table as plain data: sites (pins), each with its claims, and the sources they quote.

Renderers treat these as read-only. They are not frozen: a frozen dataclass is built through
object.__setattr__, which made the model the slowest step of a 100,000-site build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .citation import Citation, TextLine
from .read import Source, Table
from .schema import CLAIM_LEVEL, PARSE, SITE_LEVEL
from .vocab import periods_of


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
    geonames_id: str = ""
    today: str = ""
    remembrance: str = ""
    today_source: Citation | None = None
    categories: tuple[str, ...] = ()  # derived from the claims by build_atlas, in order of first mention
    periods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Atlas:
    """Everything a renderer needs; sites keep the table's order of first appearance."""

    sites: tuple[Site, ...]
    sources: dict[str, Source]
    claim_count: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "claim_count", sum(len(s.claims) for s in self.sites))

    def site(self, site_id: str) -> Site:
        return next(s for s in self.sites if s.id == site_id)


# (model field, column, parser) of each column, once: the per-row loops below stay plain comprehensions.
_SITE_REQUIRED = tuple((c.field, c.name, PARSE[c.kind]) for c in SITE_LEVEL if c.required)
_SITE_OPTIONAL = tuple((c.field, c.name, PARSE[c.kind]) for c in SITE_LEVEL if not c.required)
_CLAIM = tuple((c.name, PARSE[c.kind]) for c in CLAIM_LEVEL)
# Claims are many: they are made from positional values, in the schema's order, which must be Claim's.
assert [f.name for f in fields(Claim)][:len(_CLAIM)] == [c.field for c in CLAIM_LEVEL], "Claim follows the schema"


def build_atlas(table: Table, sources: dict[str, Source]) -> Atlas:
    """Group a validated table's rows into sites; site-level values come from the first row that has them.
    Every value is parsed as its column in the schema says."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in table.rows:
        grouped.setdefault(row.values["site_id"].strip(), []).append(row.values)
    sites = []
    for rows in grouped.values():
        claims = []
        for r in rows:
            claim = Claim(*[parse(r.get(name, "")) for name, parse in _CLAIM])
            claim.periods = periods_of(claim.start_year, claim.end_year)
            claims.append(claim)
        first = rows[0]
        values = {f: parse(first[name]) for f, name, parse in _SITE_REQUIRED}
        for f, name, parse in _SITE_OPTIONAL:  # may stand on any one row of the site
            value = first.get(name, "")
            if not value.strip() and len(rows) > 1:
                value = next((v for r in rows if (v := r.get(name, "")).strip()), "")
            values[f] = parse(value)
        sites.append(Site(**values, claims=tuple(claims), categories=tuple(dict.fromkeys(c.category for c in claims)),
                          periods=tuple(dict.fromkeys(p for c in claims for p in c.periods))))
    return Atlas(tuple(sites), {k: v for k, v in sorted(sources.items()) if k in _cited(sites)})


def _cited(sites: list[Site] | tuple[Site, ...]) -> set[str]:
    """The seeds the sites' quotes and notes cite: the sources a map must carry."""
    used = {c.source for s in sites for c in s.claims}
    used.update(s.today_source.file for s in sites if isinstance(s.today_source, TextLine))
    return used


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
    used = _cited(chosen)
    return Atlas(tuple(chosen), {k: v for k, v in atlas.sources.items() if k in used})
