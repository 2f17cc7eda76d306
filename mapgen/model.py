"""The validated table as plain data: sites (pins), each with its claims, and the sources they quote.

Renderers treat these as read-only. They are not frozen: a frozen dataclass is built through
object.__setattr__, which made the model the slowest step of a 100,000-site build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .read import Source, Table
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
    claims: tuple[Claim, ...]
    name_local: str = ""
    aliases: tuple[str, ...] = ()
    geonames_id: str = ""
    today: str = ""
    remembrance: str = ""
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


def build_atlas(table: Table, sources: dict[str, Source]) -> Atlas:
    """Group a validated table's rows into sites; site-level values come from the first row that has them."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in table.rows:
        grouped.setdefault(row.values["site_id"].strip(), []).append(row.values)
    sites = []
    for sid, rows in grouped.items():
        first = rows[0]

        def site_value(col: str, rows: list[dict[str, str]] = rows) -> str:
            return next((r.get(col, "").strip() for r in rows if r.get(col, "").strip()), "")

        claims = []
        for r in rows:
            start, end = int(r["start_year"]), int(r["end_year"])
            claims.append(Claim(start, end, r["category"].strip(), r["quote"], r["source"].strip(), int(r["line"]),
                                r.get("flag", "").strip(), r.get("flag_reason", "").strip(),
                                periods_of(start, end)))
        sites.append(Site(
            id=sid, name=first["name"].strip(), lat=float(first["lat"]), lon=float(first["lon"]),
            precision=first["precision"].strip(), country=first["country"].strip(), claims=tuple(claims),
            name_local=site_value("name_local"),
            aliases=tuple(a.strip() for a in site_value("aliases").split(";") if a.strip()),
            geonames_id=site_value("geonames_id"), today=site_value("today"), remembrance=site_value("remembrance"),
            categories=tuple(dict.fromkeys(c.category for c in claims)),
            periods=tuple(dict.fromkeys(p for c in claims for p in c.periods)),
        ))
    used = {c.source for s in sites for c in s.claims}
    return Atlas(tuple(sites), {k: v for k, v in sorted(sources.items()) if k in used})


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
    used = {c.source for s in chosen for c in s.claims}
    return Atlas(tuple(chosen), {k: v for k, v in atlas.sources.items() if k in used})
