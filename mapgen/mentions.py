"""Coverage report for curators: place names in the seeds that no claim covers yet.

It casts a wide net (every GeoNames town of some size, plus the table's own names and aliases),
so it lists candidates to read, not facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
# CITATION.sub repeated to a fixed point defines what is cut; running_text computes the same in linear time.
CITATION = re.compile(r"\{\{[^{}]*\}\}|<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
REFERENCE_ENTRY = re.compile(r"^\s*(?:[-*#]\s*)?(?:\{\{\s*cite|\^)", re.I)
CANDIDATE = re.compile(r"(?=\{\{|<ref)")
BRACE = re.compile(r"[{}]")
BRACE_RUNS = re.compile(r"\{+|\}+|[^{}]+")
# Rounds beyond the first two are only needed where refs and templates cut into each other; the cap bounds
# the work on hostile lines (what is left uncut then only adds candidates to the report).
MAX_ROUNDS = 16


class _Next:
    """First index of `needle` at or after a position; positions asked for never decrease, so the
    text is searched once in all instead of once per asking."""

    def __init__(self, text: str, needle: str | re.Pattern[str]) -> None:
        self.text, self.needle, self.at = text, needle, -2  # -2: not searched yet; -1: none left

    def __call__(self, pos: int) -> int:
        if self.at == -1 or self.at >= pos:
            return self.at
        if isinstance(self.needle, str):
            self.at = self.text.find(self.needle, pos)
        else:
            found = self.needle.search(self.text, pos)
            self.at = found.start() if found else -1
        return self.at


def _cut_once(line: str) -> str:
    """One left-to-right CITATION.sub(" ", line), in linear time: an unclosed <ref> or <ref without > made
    the regex rescan the rest of the line from every start (36 s for a 200 KB line)."""
    brace, gt, close = _Next(line, BRACE), _Next(line, ">"), _Next(line, "</ref>")
    out: list[str] = []
    i = 0
    for m in CANDIDATE.finditer(line):
        p, end = m.start(), -1
        if p < i:
            continue
        if line.startswith("{{", p):
            b = brace(p + 2)
            if b >= 0 and line.startswith("}}", b):
                end = b + 2
        else:
            q = gt(p + 4)
            if q >= 0 and q >= p + 5 and line[q - 1] == "/":
                end = q + 1
            elif q >= 0 and (r := close(q + 1)) >= 0:
                end = r + len("</ref>")
        if end >= 0:
            out += (line[i:p], " ")
            i = end
    out.append(line[i:])
    return "".join(out)


def _cut_nested(line: str) -> str:
    """Templates within templates, innermost first, in one pass (the regex needs one pass per level).
    Open `{{` whose content is still free of braces wait on a stack; a stray brace means none of them can
    ever close. In a run of `{`, the last two open; in a run of `}`, the first two close."""
    out: list[str] = []
    opens: list[int] = []  # indexes into out of "{{" that may still close
    for run in BRACE_RUNS.findall(line):
        if run[0] == "{":
            if len(run) % 2:
                out.append("{")
                opens.clear()
            for _ in range(len(run) // 2):
                opens.append(len(out))
                out.append("{{")
        elif run[0] == "}":
            for _ in range(len(run) // 2):
                if opens:
                    del out[opens.pop():]
                    out.append(" ")
                else:
                    out.append("}}")
            if len(run) % 2:
                out.append("}")
                opens.clear()
        else:
            out.append(run)
    return "".join(out)


def running_text(line: str) -> str:
    """The line without citation templates and footnotes; empty for a reference-list entry."""
    if REFERENCE_ENTRY.match(line):
        return ""
    for _ in range(MAX_ROUNDS):
        stripped = _cut_once(line)
        if "{{" in stripped and "}}" in stripped:
            stripped = _cut_nested(stripped)
        if stripped == line:
            return line
        line = stripped
    return line


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


def _trie(names: Iterable[str]) -> str:
    """One regex alternative per distinct prefix, so that each text position follows one path instead of
    trying thousands of names in turn. Longer names come first (a greedy optional per name that ends early),
    so the longest name followed by a non-word character wins, as with the names sorted longest first."""
    root: dict[str, dict] = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


TRIE_MAX = 64  # longer names go before the trie as plain alternatives: its nesting grows with name length


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Whole-word occurrences of any of `names`, the longest first where several start at one place."""
    names = set(names)
    long = sorted((n for n in names if len(n) > TRIE_MAX), key=lambda n: (-len(n), n))
    short = _trie(n for n in names if n and len(n) <= TRIE_MAX)
    parts = [re.escape(n) for n in long] + [short] if short else [re.escape(n) for n in long]
    return re.compile(r"(?<!\w)(" + ("|".join(parts) or "(?!)") + r")(?!\w)")


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
    pattern = name_pattern(lookup)
    out = []
    for file, source in sorted(sources.items()):
        covered = {name for sid in cited.get(file, ()) for name in terms.get(sid, ())}
        for i, text in enumerate(source.lines, start=1):
            for found in sorted(set(pattern.findall(running_text(text)))):
                if found not in covered:
                    out.append(Mention(file, i, found, lookup[found]))
    return out
