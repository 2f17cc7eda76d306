"""The ledger of place names (seeds/mentions.csv): every place the seeds' running text names is decided, as a
pin or with a reason, and `mapgen mentions` reports only what is still undecided."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, SITES, write_csv

from mapgen.cli import main
from mapgen.mentions import LEDGER, REASONS, check_ledger, find_mentions, read_ledger, running_lines
from mapgen.read import InputError, read_sources, read_table
from mapgen.records import Record, adapt

README = ROOT / "README.md"
# Kinds of exclusion that leave a place tied to something on the map's subject off it: the README names each.
NAMED_IN_README = ("propaganda", "another-power", "unsaid")


def records(path: Path) -> list[Record]:
    found, problems = adapt(read_table(path))
    assert not problems, problems
    return found


@pytest.fixture(scope="module")
def ledger():
    return read_ledger(SEEDS)


# ---------- 1. the ledger reads cleanly and names only sites that exist ----------

def test_ledger_reads_without_problems_and_maps_to_known_sites(ledger):
    assert len(ledger) > 250, "the shipped ledger decides every place name of the four seeds"
    ids = {r.id for r in records(SITES)}
    assert check_ledger(ledger, ids) == []
    for d in ledger:
        assert bool(d.site_id) != bool(d.reason), d
        assert not d.reason or d.kind in REASONS, d
    # a claim's own place is never excluded on the line the claim quotes
    terms_by_line: dict[tuple[str, int], set[tuple[str, str]]] = {}
    for r in records(SITES):
        for name in (r.name.split(" (")[0], *r.aliases):
            terms_by_line.setdefault((r.source, r.line), set()).add((name, r.id))
    for d in ledger:
        for name, site in terms_by_line.get((d.source, d.line), ()):
            assert d.mention != name or d.site_id == site, (d, site)


# ---------- 2. completeness: nothing found in running text is left undecided ----------

def test_every_place_mention_in_running_text_is_decided(ledger, gazetteer):
    recs = records(SITES)
    sources = read_sources(SEEDS)
    # as `mapgen mentions` reports: a claim from the seed or the ledger decides a mention
    assert find_mentions(recs, sources, gazetteer, decisions=ledger) == []
    # and the ledger alone: every mention, covered by a claim or not, has its row
    blind = [r._replace(source="") for r in recs]
    undecided = find_mentions(blind, sources, gazetteer, decisions=ledger)
    assert undecided == [], "\n".join(f"{m.source}:{m.line}: {m.name} ({m.known_as})" for m in undecided)


def test_the_command_reports_nothing_undecided(capsys):
    assert main(["mentions", "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.strip().splitlines()[-1].startswith("0 undecided mentions (decide each in ")


# ---------- 3. a bad ledger is refused with located problems ----------

BAD_LEDGER = [
    ("source", "line", "mention", "site_id", "reason"),
    ("002_0f1de8c70af6e04c.txt", "116", "Kurapaty", "kurapaty", ""),  # 2: fine
    ("nowhere.txt", "3", "Moscow", "moscow", ""),  # 3: unknown seed
    ("002_0f1de8c70af6e04c.txt", "116", "Vorkuta", "vorkuta", ""),  # 4: not on that line
    ("002_0f1de8c70af6e04c.txt", "116", "Minsk", "", "elsewhere: near Kurapaty"),  # 5: unknown kind
    ("002_0f1de8c70af6e04c.txt", "117", "Moscow", "butovo", "person: no"),  # 6: both
    ("002_0f1de8c70af6e04c.txt", "117", "Butovo firing range", "", ""),  # 7: neither
    ("002_0f1de8c70af6e04c.txt", "9999", "Moscow", "moscow", ""),  # 8: no such line
    ("002_0f1de8c70af6e04c.txt", "116", "Kurapaty", "kurapaty", ""),  # 9: decided twice
    ("002_0f1de8c70af6e04c.txt", "116", "Kurap", "kurapaty", ""),  # 10: part of a word
    ("002_0f1de8c70af6e04c.txt", "116", "Bykivnia", "", "no-repression:"),  # 11: a kind and no reason
]


def write_ledger(seeds: Path, rows: list[tuple[str, ...]]) -> Path:
    path = seeds / LEDGER
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def test_a_bad_ledger_gives_located_problems(seeds, capsys):
    path = write_ledger(seeds, BAD_LEDGER)
    with pytest.raises(InputError) as err:
        read_ledger(seeds)
    found = {(p.path, p.line, p.column): p.message for p in err.value.problems}
    assert set(found) == {(str(path), 3, "source"), (str(path), 4, "mention"), (str(path), 5, "reason"),
                          (str(path), 6, "site_id"), (str(path), 7, "reason"), (str(path), 8, "line"),
                          (str(path), 9, "mention"), (str(path), 10, "mention"), (str(path), 11, "reason")}
    assert "'nowhere.txt' is not a seed" in found[(str(path), 3, "source")]
    assert "not on line 116" in found[(str(path), 4, "mention")]
    assert "known kind" in found[(str(path), 5, "reason")] and "propaganda" in found[(str(path), 5, "reason")]
    assert "not both" in found[(str(path), 6, "site_id")] and "not neither" in found[(str(path), 7, "reason")]
    assert "'9999' is not a line of 002_0f1de8c70af6e04c.txt" in found[(str(path), 8, "line")]
    assert "decided twice, on lines 2 and 9" in found[(str(path), 9, "mention")]
    # the command refuses it the same way, exit 1
    assert main(["mentions", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    err_text = capsys.readouterr().err
    assert f"{path}:3: source:" in err_text and "9 problems found" in err_text


def test_a_site_the_table_lacks_is_a_located_problem(seeds, capsys):
    path = write_ledger(seeds, [BAD_LEDGER[0], BAD_LEDGER[1],
                                ("002_0f1de8c70af6e04c.txt", "116", "Bykivnia", "bykivnya", "")])
    decisions = read_ledger(seeds)
    problems = check_ledger(decisions, {"kurapaty", "bykivnia"}, str(path))
    assert [(p.line, p.column) for p in problems] == [(3, "site_id")]
    assert "'bykivnya' is not a site in the table; did you mean 'bykivnia'?" in problems[0].message
    assert main(["mentions", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    assert f"{path}:3: site_id: 'bykivnya'" in capsys.readouterr().err


def test_no_ledger_is_no_decision(tmp_path):
    (tmp_path / "sources.csv").write_text("file,title,origin,licence,url\n", encoding="utf-8")
    assert read_ledger(tmp_path) == []


# ---------- 4. people's names, reference lists and bibliographies are not place mentions ----------

SEED = """Vladimir Lenin, Leon Trotsky, Friedrich Engels and the historian Terry Martin wrote of the Fate of Marxism.
Among the massacres is the one at Grishino (1943), and prisoners were shot in Kharkiv.
References[]
  1. Statiev, Alexander (2010). The Soviet Counterinsurgency. Minsk: Belarus Press. p. 277.
  2. Naimark, Norman. The Russians in Germany. Harvard University Press, 1995. ISBN 0-674-78405-7 Lviv
Aftermath[]
Many were deported to Vorkuta.[1]
- ^ a b Werth, Nicolas. The Black Book. Tallinn, 1999.
- A. Artizov, Yu. Sigachev. Rehabilitation: As It Happened. Kaunas, 2003.
- Conquest, Robert (1990). The Great Terror: A Reassessment. Riga: Oxford University Press.
See [https://example.org/Tartu the map] of the camps near Narva.
"""


def test_people_and_reference_lists_are_not_reported(tmp_path, gazetteer):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.csv").write_text("file,title,origin,licence,url\nt.txt,Test,Here,CC0,\n", encoding="utf-8")
    (seeds / "t.txt").write_text(SEED, encoding="utf-8")
    table = write_csv(tmp_path / "sites.csv", [{
        "site_id": "grishino", "name": "Grishino (Pokrovsk)", "lat": "48.28014", "lon": "37.17706",
        "precision": "settlement", "country": "UA", "start_year": "1943", "end_year": "1943",
        "category": "massacre_war_crime", "quote": "Among the massacres is the one at Grishino (1943)",
        "source": "t.txt", "line": "2", "aliases": "Pokrovsk; Trotsky", "geonames_id": "704422"}])
    recs, sources = records(table), read_sources(seeds)
    found = {(m.line, m.name) for m in find_mentions(recs, sources, gazetteer, min_population=1000)}
    # not "Vladimir", "Engels", "Martin", "Fate" (GeoNames towns), nor "Trotsky" (an alias in the table);
    # not "Grishino", which the site's claim quotes on that line although GeoNames has a town of that name;
    # nothing from the reference list or the footnotes and bibliography after it, nor from a web address
    assert found == {(2, "Kharkiv"), (7, "Vorkuta"), (11, "Narva")}
    text = running_lines(sources["t.txt"].lines)
    assert [n for n, t in enumerate(text, 1) if not t.strip()] == [3, 4, 5, 8, 9, 10, 12]
    # the ledger decides the rest: nothing is left
    write_ledger(seeds, [BAD_LEDGER[0], ("t.txt", "2", "Kharkiv", "", "no-repression: a test"),
                         ("t.txt", "7", "Vorkuta", "", "no-repression: a test"),
                         ("t.txt", "11", "Narva", "", "no-repression: a test")])
    assert find_mentions(recs, sources, gazetteer, min_population=1000, decisions=read_ledger(seeds)) == []


# ---------- 5. the README's account of the table agrees with the table and the ledger ----------

def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^### What the shipped table holds\n(.*?)^#", text, re.S | re.M)
    assert m, "README.md has a section 'What the shipped table holds'"
    return " ".join(m.group(1).split())


def number(pattern: str, text: str) -> int:
    m = re.search(pattern, text)
    assert m, f"the README section says {pattern!r}"
    return int(m.group(1))


def test_readme_shipped_table_section_agrees_with_the_ledger(ledger):
    text = readme_section()
    # the ledger's counts
    assert number(r"holds (\d+) decisions", text) == len(ledger)
    pinned = [d for d in ledger if d.site_id]
    assert number(r"(\d+) of them pinned", text) == len(pinned)
    assert number(r"(\d+) left out", text) == len(ledger) - len(pinned)
    kinds = Counter(d.kind for d in ledger if d.reason)
    for kind in REASONS:
        assert number(rf"(\d+) `{re.escape(kind)}`", text) == kinds[kind], kind
    # every place left out as propaganda, another power's act or unexplained is named, so a reader sees it
    for d in ledger:
        if d.kind in NAMED_IN_README:
            assert re.search(rf"(?<!\w){re.escape(d.mention)}(?!\w)", text), (d.mention, d.reason)


def test_readme_shipped_table_section_agrees_with_the_table(shipped_rows):
    rows = shipped_rows
    sites = {r["site_id"]: r for r in rows}
    text = readme_section()
    m = re.search(r"(\d+) claims at (\d+) places in (\d+) of today's countries", text)
    assert m, "the section opens with the table's size"
    assert tuple(map(int, m.groups())) == (len(rows), len(sites), len({s["country"] for s in sites.values()}))
    assert number(r"The (\d+) places pinned at `site` precision", text) == sum(
        s["precision"] == "site" for s in sites.values())
    assert number(r"(\d+) claims are flagged", text) == sum(bool(r["flag"]) for r in rows)
