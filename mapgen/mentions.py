"""Coverage report for curators: place names in the seeds that no claim covers yet.

It casts a wide net (every GeoNames town of some size, plus the table's own names and aliases),
so it lists candidates to read, not facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .read import Source, Table

# GeoNames names that are also common English words or names of people in these texts.
NOT_PLACES = frozenset({
    "Of", "Union", "Party", "Soviet", "Lenin", "Stalin", "Trotsky", "Many", "Most", "March", "May", "June",
    "Date", "Central", "Mission", "Police", "Victoria", "Mark", "Eastern", "Western", "Northern", "Southern",
    "Nation", "Liberty", "Independence", "Progress", "Justice", "Commune", "Federal", "Georgia", "Jordan",
    "Washington", "Lincoln", "Marx", "Lyon", "Nice", "Bath", "Reading", "Split", "Mobile", "Orange",
    "Kirov", "Frunze", "Ordzhonikidze", "Kuibyshev", "Zhdanov", "Voroshilov", "Kalinin", "Dzerzhinsky",
    "Molotov", "Kaganovich", "Yezhov", "Beria", "Bukharin", "Zinoviev", "Kamenev", "Tukhachevsky",
})
MIN_NAME = 4


@dataclass(frozen=True)
class Mention:
    source: str
    line: int
    name: str
    known_as: str  # "site <id>" or "GeoNames <id>"


def table_terms(table: Table) -> dict[str, set[str]]:
    """site_id -> every name the table gives the site."""
    terms: dict[str, set[str]] = {}
    for row in table.rows:
        v = row.values
        names = terms.setdefault(v["site_id"].strip(), set())
        for col in ("name", "name_local"):
            if v.get(col, "").strip():
                names.add(v[col].strip())
        names.update(a.strip() for a in v.get("aliases", "").split(";") if a.strip())
    return terms


def find_mentions(table: Table, sources: dict[str, Source], gazetteer: Gazetteer,
                  min_population: int = 15000) -> list[Mention]:
    terms = table_terms(table)
    cited: dict[str, set[str]] = {}  # source -> site ids with a claim from it
    for row in table.rows:
        cited.setdefault(row.values["source"].strip(), set()).add(row.values["site_id"].strip())
    name_to_site = {name: sid for sid, names in terms.items() for name in names}
    lookup: dict[str, str] = {}
    for place in gazetteer.places.values():
        if place.population >= min_population and len(place.name) >= MIN_NAME and place.name not in NOT_PLACES:
            lookup.setdefault(place.name, f"GeoNames {place.geonames_id}")
    for name, sid in name_to_site.items():
        lookup[name] = f"site {sid}"
    names = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    out = []
    for file, source in sorted(sources.items()):
        covered = {name for sid in cited.get(file, ()) for name in terms.get(sid, ())}
        for i, text in enumerate(source.lines, start=1):
            for found in sorted(set(pattern.findall(text))):
                if found not in covered:
                    out.append(Mention(file, i, found, lookup[found]))
    return out
