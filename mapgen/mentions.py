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
    "University", "Imperial", "Republic", "Asia", "Europe", "David", "George", "Taylor", "Nelson", "Norman",
    "Anna", "Columbia", "Serov", "Orlando",
    # publishers' towns of inline references that no template marks
    "Cambridge", "Oxford", "Princeton", "Edinburgh", "London", "York", "Boston", "Chicago", "Berkeley",
})
# Citations name publishers' towns (Cambridge, Oxford, New York): only the running text counts.
CITATION = re.compile(r"\{\{[^{}]*\}\}|<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
REFERENCE_ENTRY = re.compile(r"^\s*(?:[-*#]\s*)?(?:\{\{\s*cite|\^)", re.I)


def running_text(line: str) -> str:
    """The line without citation templates and footnotes; empty for a reference-list entry."""
    if REFERENCE_ENTRY.match(line):
        return ""
    while True:
        stripped = CITATION.sub(" ", line)
        if stripped == line:
            return line
        line = stripped
MIN_NAME = 4
# Where the seeds' events happened: the former Soviet Union, its satellites and neighbours, and the
# countries the seeds name (China, Mongolia, Mexico). A town of the same name in Ohio is noise.
REGION = frozenset(
    "RU BY UA MD EE LV LT GE AM AZ KZ KG TJ TM UZ PL DE CZ SK HU RO BG AL RS HR SI BA ME MK XK FI AT "
    "MN CN KP AF MX ES".split())


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
                  min_population: int = 15000, countries: frozenset[str] | None = None) -> list[Mention]:
    """Mentions of the table's names and of GeoNames towns in `countries` (default: REGION and the
    table's own countries) in the running text of each seed that no claim from that seed covers."""
    terms = table_terms(table)
    if countries is None:
        countries = REGION | {row.values["country"].strip() for row in table.rows}
    cited: dict[str, set[str]] = {}  # source -> site ids with a claim from it
    for row in table.rows:
        cited.setdefault(row.values["source"].strip(), set()).add(row.values["site_id"].strip())
    name_to_site = {name: sid for sid, names in terms.items() for name in names}
    lookup: dict[str, str] = {}
    for place in gazetteer.places.values():
        if (place.population >= min_population and len(place.name) >= MIN_NAME and place.name not in NOT_PLACES
                and place.country in countries):
            lookup.setdefault(place.name, f"GeoNames {place.geonames_id}")
    for name, sid in name_to_site.items():
        lookup[name] = f"site {sid}"
    names = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    out = []
    for file, source in sorted(sources.items()):
        covered = {name for sid in cited.get(file, ()) for name in terms.get(sid, ())}
        for i, text in enumerate(source.lines, start=1):
            for found in sorted(set(pattern.findall(running_text(text)))):
                if found not in covered:
                    out.append(Mention(file, i, found, lookup[found]))
    return out
