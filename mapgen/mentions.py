"""The ledger of place names in the seeds, and the coverage report that keeps it complete.

Every place the running text of a seed names is decided once, in `seeds/mentions.csv`: it is a pinned site,
or it is left off the map for a stated reason. `find_mentions` casts a wide net (every GeoNames town of some
size, the countries of the region, the table's own names and aliases) and reports what neither a claim nor
the ledger has decided, so a curator reads candidates, not facts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import Gazetteer
from .read import (
    InputError,
    Problem,
    Source,
    read_seed_notes,
    read_sources,
    seed_line_problem,
    shown,
    text_problems,
)
from .records import Record

LEDGER = "mentions.csv"
LEDGER_COLUMNS = ("source", "line", "mention", "site_id", "reason")
# Why a place named in running text has no pin. A reason cell reads "<kind>: <one line>".
REASONS = (
    "propaganda",  # named only in propaganda, a false confession or a charge the source calls invented
    "another-power",  # what happened there was another power's doing, or before Soviet rule
    "publication-place",  # where a cited work was published, standing in the running text
    "person",  # a person's name, or part of one
    "not-a-place",  # the word names no place here: a title, an institution, an event, a common word
    "no-repression",  # a place named with no repression there: a birthplace, an office, a destination
    "unsaid",  # the text names the place but does not say what happened there (a caption cut off)
    "pinned-elsewhere",  # the passage's repression is pinned at the sites it names more precisely
    "too-broad",  # the Soviet state or a whole country at large, with no place in it to pin
)

# GeoNames names that are also common English words, titles or institutions in these texts.
NOT_PLACES = frozenset({
    "Of", "Union", "Party", "Soviet", "Many", "Most", "March", "May", "June",
    "Date", "Central", "Mission", "Police", "Victoria", "Mark", "Eastern", "Western", "Northern", "Southern",
    "Nation", "Liberty", "Independence", "Progress", "Justice", "Commune", "Federal", "Georgia", "Jordan",
    "Washington", "Lincoln", "Lyon", "Nice", "Bath", "Reading", "Split", "Mobile", "Orange",
    "University", "Imperial", "Republic", "Asia", "Europe", "Columbia", "Fate",
    # publishers' towns of inline references that no template marks
    "Cambridge", "Oxford", "Princeton", "Edinburgh", "London", "York", "Boston", "Chicago", "Berkeley",
})
# Names that in these texts always stand for people, though GeoNames has towns so called (Vladimir, Engels,
# Martin, Kirov) or the table lists them so that readers find a place by its person (Trotsky's house).
PEOPLE = frozenset({
    "Lenin", "Stalin", "Trotsky", "Tomsky", "Marx", "Engels", "Vladimir", "Martin", "David", "George", "Taylor",
    "Nelson", "Norman", "Anna", "Orlando", "Serov", "Kirov", "Frunze", "Ordzhonikidze", "Kuibyshev", "Kuybyshev",
    "Zhdanov", "Voroshilov", "Kalinin", "Dzerzhinsky", "Molotov", "Kaganovich", "Yezhov", "Beria", "Bukharin",
    "Zinoviev", "Kamenev", "Tukhachevsky", "Yefremov",
})


@dataclass(frozen=True)
class Decision:
    """One place name on one line of a seed, decided: the site it is (site_id) or why it has none (reason,
    "<kind>: <one line>"). Exactly one of the two is set. `row` is the ledger line it was read from."""

    source: str
    line: int
    mention: str  # verbatim on the line, a whole word or words
    site_id: str
    reason: str
    row: int = field(default=0, compare=False)

    @property
    def kind(self) -> str:
        """The reason's kind ("person"), or "" for a mapped mention."""
        return self.reason.split(":", 1)[0].strip() if self.reason else ""


def _whole(mention: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")


def _row_problem(values: dict[str, str], sources: Mapping[str, Source]) -> tuple[str, str] | None:
    """(column, message) for the first thing wrong with one ledger row, or None."""
    wrong = seed_line_problem(values, sources)
    if wrong:
        return wrong
    source, raw_line, mention = values["source"].strip(), values["line"].strip(), values["mention"]
    site_id, reason = values["site_id"].strip(), values["reason"].strip()
    lines = sources[source].lines
    if not mention.strip() or mention != mention.strip():
        return "mention", f"{shown(mention)}: give the name as it stands, without surrounding spaces"
    if not _whole(mention).search(lines[int(raw_line) - 1]):
        return "mention", f"{shown(mention)} is not on line {raw_line} of {source} as a whole word; copy it verbatim"
    if bool(site_id) == bool(reason):
        return ("site_id" if site_id else "reason", "give either a site_id (the mention is that pinned place) or a "
                "reason (why it has no pin), not " + ("both" if site_id else "neither"))
    if reason:
        kind, colon, why = reason.partition(":")
        if kind.strip() not in REASONS or not colon:
            return "reason", (f"{shown(reason)} does not start with a known kind; write \"<kind>: <why>\" with kind "
                              f"one of {', '.join(REASONS)}")
        if not why.strip():
            return "reason", f"{shown(reason)} says no more than its kind; add why, in one line"
    return None


def read_ledger(seeds_dir: Path, sources: Mapping[str, Source] | None = None) -> list[Decision]:
    """The decisions in seeds_dir/LEDGER ([] if there is none), each checked against its seed; InputError with
    every located problem. It is read like the other inputs (a bounded regular file inside the seeds folder,
    UTF-8, no control characters). `sources` saves reading the seeds again when the caller has them."""
    path = seeds_dir / LEDGER
    table = read_seed_notes(seeds_dir, LEDGER, LEDGER_COLUMNS, "the ledger of mentions")
    if table is None:
        return []
    if sources is None:
        sources = read_sources(seeds_dir)
    decisions: list[Decision] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, int, str], int] = {}  # (source, line, mention) -> ledger line
    for row in table.rows:
        values = row.values
        found = text_problems(values, str(path), row.line)
        wrong = None if found else _row_problem(values, sources)
        if wrong:
            found.append(Problem(str(path), row.line, *wrong))
        if found:
            problems.extend(found)
            continue
        key = (values["source"].strip(), int(values["line"]), values["mention"])
        if key in seen:
            problems.append(Problem(str(path), row.line, "mention", f"{shown(key[2])} on line {key[1]} of {key[0]} is "
                                    f"decided twice, on lines {seen[key]} and {row.line}; keep one row"))
            continue
        seen[key] = row.line
        decisions.append(Decision(*key, values["site_id"].strip(), values["reason"].strip(), row.line))
    if problems:
        raise InputError(problems)
    return decisions


def check_ledger(decisions: Iterable[Decision], site_ids: set[str], path: str = LEDGER) -> list[Problem]:
    """A decision that maps a mention to a site the table does not have (a typo, or a site since removed)."""
    problems = []
    for d in decisions:
        if d.site_id and d.site_id not in site_ids:
            close = difflib.get_close_matches(d.site_id, sorted(site_ids), 1, 0.8)
            problems.append(Problem(path, d.row, "site_id", f"{shown(d.site_id)} is not a site in the table"
                                    + (f"; did you mean {close[0]!r}?" if close else "; add the site to the table, "
                                       "or decide the mention otherwise")))
    return problems


# Citations name publishers' towns (Cambridge, Oxford, New York): only the running text counts.
# CITATION.sub repeated to a fixed point defines what is cut; running_text computes the same in linear time.
CITATION = re.compile(r"\{\{[^{}]*\}\}|<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
# A line of a reference list: a {{cite}} or a footnote (^) standing alone or as a list item, and a list item that
# reads as a bibliography entry: names, then a year ("- Getty, J. Arch; Manning, Roberta T. (1993). …"), or an
# ISBN ("  12. …, ISBN …"). Anchored at the start of the line, with bounded repeats: one pass over any line.
REFERENCE_ENTRY = re.compile(
    r"^\s*(?:[-*#•]\s*|\d+\.\s+)?(?:\{\{\s*(?i:cite)|\^)"
    r"|^\s*(?:[-*#•]|\d+\.)\s+[A-Z][\w'’.-]{0,40},(?:\s+(?:[A-Z][\w'’.-]{0,40}|eds?\.|and|&)[,;]?){1,8}\s*\(\d{4}"
    r"|^\s*(?:[-*#•]|\d+\.)\s.*?\bIS[BS]N\b")
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


# Sections that list works and links rather than tell what happened; cut whole, up to the next heading of the
# same style that opens another section.
REFERENCE_HEADINGS = frozenset({
    "see also", "notes", "references", "bibliography", "further reading", "external links", "sources",
    "footnotes", "citations", "works cited", "literature", "notes and references", "references and notes",
})
# A list item right after a reference entry belongs to the same list ("- A. Artizov, … Moscow, 2003." has no
# ISBN and no author-year, but follows "- Andrew, Christopher; … (2000)").
LIST_ITEM = re.compile(r"\s*(?:[-*#•]|\d+\.)\s")
URL = re.compile(r"\bhttps?://[^\s\]|}<>\"]*")  # a web address names no place, even when it ends in /Latvia
HEADING_MAX = 120  # headings are short; longer lines are never tested against the heading patterns
WIKI_HEADING = re.compile(r"\s*(=+)\s*([^=].*?)\s*\1\s*")  # =Notes=, == See also ==
FANDOM_HEADING = re.compile(r"\s*(.+?)\s*\[\]\s*")  # References[] (Fandom's edit-link residue)
BARE_HEADING = re.compile(r"\s*([A-Z][^.,;:!?|{}\[\]()=<>*#•^]*?)\s*")  # a short line of words: Further reading


def _heading(line: str) -> tuple[str, str] | None:
    """(style, title) if the line reads as a section heading: "wiki", "fandom" or "bare"."""
    if len(line) > HEADING_MAX:
        return None
    for style, pattern in (("wiki", WIKI_HEADING), ("fandom", FANDOM_HEADING), ("bare", BARE_HEADING)):
        m = pattern.fullmatch(line)
        if m:
            return style, m.group(m.lastindex or 0)
    return None


def running_lines(lines: Sequence[str]) -> list[str]:
    """The running text of each line of a seed, web addresses cut: `running_text`, and "" for every line of a
    reference section (See also, Notes, References, Bibliography, Further reading, External links) and of a list
    that a reference entry begins. A section ends at the next heading of the style that opened it (a "=Notes="
    under a bare "References" does not end it)."""
    out: list[str] = []
    style = ""  # the heading style that opened the reference section we are in; "" in running text
    listing = False  # in a run of list items that a reference entry began
    for line in lines:
        heading = _heading(line)
        if heading is not None:
            kind, title = heading
            if title.casefold() in REFERENCE_HEADINGS:
                style = style or kind
            elif kind == style:
                style = ""
        listing = bool(LIST_ITEM.match(line)) and (listing or bool(REFERENCE_ENTRY.match(line)))
        out.append("" if style or listing else URL.sub(" ", running_text(line)))
    return out


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
    known_as: str  # "site <id>", "country <ISO code>" or "GeoNames <id>"


def table_terms(records: list[Record]) -> dict[str, set[str]]:
    """site_id -> every name the table gives the site, with the name before a parenthesis ("Grishino" of
    "Grishino (Pokrovsk)") and each part of a name written "A / B" (Гришине / Покровськ): the text says
    "Grishino", and the report took it for a GeoNames town that no claim covered."""
    terms: dict[str, set[str]] = {}
    for r in records:
        names = terms.setdefault(r.id, set())
        for name in (r.name, r.name_local, *r.aliases):
            if name:
                names.add(name)
                names.add(name.split(" (", 1)[0].strip())
                names.update(part.strip() for part in name.split(" / "))
        names.discard("")
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


def find_mentions(records: list[Record], sources: Mapping[str, Source], gazetteer: Gazetteer,
                  min_population: int = 15000, countries: frozenset[str] | None = None,
                  decisions: Iterable[Decision] = ()) -> list[Mention]:
    """Undecided place names: mentions of the table's names, of the countries in `countries` (default: REGION
    and the table's own countries) and of their GeoNames towns, in the running text of each seed, that no claim
    from that seed covers and no decision in the ledger settles. People's names (PEOPLE) are left out, and so
    are reference lists, bibliographies and inline citations (`running_lines`)."""
    terms = table_terms(records)
    if countries is None:
        countries = REGION | {r.country for r in records}
    cited: dict[str, set[str]] = {}  # source -> site ids with a claim from it
    for r in records:
        cited.setdefault(r.source, set()).add(r.id)
    lookup: dict[str, str] = {}
    for place in gazetteer.places.values():
        if (place.population >= min_population and len(place.name) >= MIN_NAME and place.name not in NOT_PLACES
                and place.name not in PEOPLE and place.country in countries):
            lookup.setdefault(place.name, f"GeoNames {place.geonames_id}")
    for code in sorted(countries):
        country = gazetteer.country_codes.get(code, "")
        if country and country not in NOT_PLACES:
            lookup[country] = f"country {code}"
    for sid, names in terms.items():
        for name in names:
            if name not in PEOPLE:
                lookup[name] = f"site {sid}"
    decided = {(d.source, d.line, d.mention) for d in decisions}
    pattern = name_pattern(lookup)
    out = []
    for file, source in sorted(sources.items()):
        covered = {name for sid in cited.get(file, ()) for name in terms.get(sid, ())}
        for i, text in enumerate(running_lines(source.lines), start=1):
            for found in sorted(set(pattern.findall(text))):
                if found not in covered and (file, i, found) not in decided:
                    out.append(Mention(file, i, found, lookup[found]))
    return out
