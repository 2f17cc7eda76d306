"""Notes on a place today (what stands there, remembrance, visiting conditions) are the map's own statements,
not quotes: each carries its source and the date it was checked, and the popup, the visit sheet and the GPS
files show them as such."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SEEDS, SITES, Visit, write_csv

from mapgen.cli import main
from mapgen.schema import COLUMNS

TODAY = datetime.date.today()
BUTOVO = {
    "site_id": "butovo", "name": "Butovo firing range", "lat": "55.5448", "lon": "37.5850", "precision": "site",
    "country": "RU", "start_year": "1937", "end_year": "1938", "category": "execution_burial_site",
    "quote": "From August 1937 through October 1938, more than 20,000 people were shot and buried there.",
    "source": "002_0f1de8c70af6e04c.txt", "line": "117",
}
SOURCED = dict(BUTOVO, today="Memorial site with a church", today_source="https://example.org/butovo",
               remembrance="30 October", remembrance_source="seed:002_0f1de8c70af6e04c.txt:117",
               visiting="Open to visitors", visiting_source="https://example.org/visit", checked=TODAY.isoformat())


def validate(tmp_path: Path, rows: list[dict[str, str]], capsys) -> tuple[int, str]:
    path = write_csv(tmp_path / "sites.csv", rows, [c.name for c in COLUMNS])
    code = main(["validate", "--sites", str(path), "--seeds", str(SEEDS)])
    return code, capsys.readouterr().err


def test_a_sourced_and_dated_note_passes(tmp_path, capsys):
    assert validate(tmp_path, [SOURCED], capsys) == (0, "")


@pytest.mark.parametrize("note", ["today", "remembrance", "visiting"])
def test_a_note_without_its_source_is_refused(tmp_path, capsys, note):
    code, err = validate(tmp_path, [dict(SOURCED, **{f"{note}_source": ""})], capsys)
    assert code == 1
    assert f"sites.csv:2: {note}_source: {note} has no source" in err, err


def test_a_source_stands_on_the_row_of_its_note(tmp_path, capsys):
    second = dict(BUTOVO, start_year="2007", end_year="2007", category="memorial", today_source=SOURCED["today_source"],
                  quote="In 2007, one such site, the Butovo firing range near Moscow, was turned into a shrine to the "
                  "victims of Stalinism.")
    code, err = validate(tmp_path, [dict(SOURCED, today_source=""), second], capsys)
    assert code == 1
    assert "sites.csv:3: today_source: a source for an empty today; fill in today on this row" in err, err


@pytest.mark.parametrize("checked, message", [
    ("", "the site's notes need the date they were checked"),
    ("25.11.2026", "is not a date written YYYY-MM-DD"),
    ("2026-02-30", "is not a date written YYYY-MM-DD"),
    ((TODAY + datetime.timedelta(days=2)).isoformat(), "is in the future"),
])
def test_notes_need_the_date_they_were_checked(tmp_path, capsys, checked, message):
    code, err = validate(tmp_path, [dict(SOURCED, checked=checked)], capsys)
    assert code == 1 and "sites.csv:2: checked: " in err and message in err, err


def test_a_check_older_than_two_years_warns_but_builds(tmp_path, capsys):
    old = (TODAY - datetime.timedelta(days=3 * 365)).isoformat()
    code, err = validate(tmp_path, [dict(SOURCED, checked=old)], capsys)
    assert code == 0
    assert f"sites.csv:2: checked: warning: {old} is more than two years ago" in err, err
    path = tmp_path / "sites.csv"
    assert main(["build", "--sites", str(path), "--seeds", str(SEEDS), "--out", str(tmp_path / "out")]) == 0
    assert "more than two years ago" in capsys.readouterr().err


def test_every_shipped_note_is_sourced_and_dated(shipped_rows):
    by_site: dict[str, list[dict[str, str]]] = {}
    for row in shipped_rows:
        by_site.setdefault(row["site_id"], []).append(row)
    noted = 0
    for sid, rows in by_site.items():
        for note in ("today", "remembrance", "visiting"):
            if any(r[note] for r in rows):
                noted += 1
                assert any(r[f"{note}_source"] for r in rows), (sid, note)
                assert any(r["checked"] for r in rows), sid
    assert noted >= 40
    visiting = {sid for sid, rows in by_site.items() if any(r["visiting"] for r in rows)}
    assert {"kurapaty", "sandarmokh", "katyn", "feodosiya", "grishino"} <= visiting


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("notes") / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    return out


def test_the_popup_sets_notes_apart_from_quotes_with_source_and_date(browser, out, shipped_rows):
    row = next(r for r in shipped_rows if r["site_id"] == "kurapaty" and r["visiting"])
    v = Visit(browser, (out / "index.html").as_uri())
    try:
        v.js("mapgen.openSite('kurapaty')")
        v.page.wait_for_selector(".leaflet-popup-content .mg-notes")
        notes = v.js("""(() => {
          const box = document.querySelector('.leaflet-popup-content .mg-notes');
          return { head: box.querySelector('.mg-notes-head').textContent,
                   label: document.getElementById(box.getAttribute('aria-labelledby')).textContent,
                   terms: [...box.querySelectorAll('dt')].map(d => d.textContent),
                   text: box.textContent, inQuote: !!box.closest('blockquote'),
                   links: [...box.querySelectorAll('a')].map(a => a.href),
                   quotes: [...document.querySelectorAll('.leaflet-popup-content .mg-quote')]
                     .filter(q => box.contains(q)).length };
        })()""")
        assert notes["head"] == notes["label"]
        month = datetime.date.fromisoformat(row["checked"]).strftime("%B %Y")
        assert "not quotes" in notes["head"] and notes["head"].endswith(f"as of {month}"), notes["head"]
        assert notes["terms"] == ["Today", "Remembrance", "Visiting"]
        assert row["visiting"] in notes["text"] and row["today"] in notes["text"]
        assert not notes["inQuote"] and notes["quotes"] == 0
        assert row["visiting_source"] in notes["links"] and row["today_source"] in notes["links"]
        v.shot("popup-notes.png")
        assert not v.errors and not v.violations()
    finally:
        v.close()


def test_visit_sheet_and_gps_files_carry_the_notes(tmp_path, shipped_rows):
    row = next(r for r in shipped_rows if r["site_id"] == "sandarmokh" and r["visiting"])
    assert main(["visit", "sandarmokh", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path)]) == 0
    sheet = (tmp_path / "visit.html").read_text(encoding="utf-8")
    assert "<dt>Visiting</dt>" in sheet and row["visiting_source"] in sheet
    assert f"<dt>Checked</dt><dd>{row['checked']}:" in sheet
    desc = ET.parse(tmp_path / "visit.gpx").getroot().find(".//{*}wpt/{*}desc")
    assert desc is not None and "Visiting: " in (desc.text or "") and f"as of {row['checked']}" in (desc.text or "")


def test_a_passage_the_map_warns_against_is_struck_through_with_its_reason(out):
    page = (out / "sources" / "002_0f1de8c70af6e04c.txt.html").read_text(encoding="utf-8")
    line = page[page.index('<li id="L117"'):]
    line = line[:line.index("</li>")]
    assert ('<span class="suspect">Various cites were burned to the ground, with armies surrounding them, 260,000 '
            '(Known) deaths in one recorded night.</span>') in line
    assert '<span class="warn" lang="en">⚠ Not to be trusted: Reads as vandalism' in line
    text = line[line.index('<span class="text">'):line.index('<span class="by" lang="en">')]
    assert "Not to be trusted" not in text  # the source's own words stay apart from the map's warning
    # the quote is still marked, its place linked to its pin
    assert '<mark>In 2007, one such site, the <a class="place" href="../index.html#site=butovo">Butovo firing' in line


def test_bad_passage_notes_are_located(tmp_path, seeds, capsys):
    (seeds / "passages.csv").write_text(
        "source,line,passage,note\n"
        "nope.txt,1,x,why\n"
        "002_0f1de8c70af6e04c.txt,99999,x,why\n"
        "002_0f1de8c70af6e04c.txt,117,not on this line,why\n"
        "002_0f1de8c70af6e04c.txt,117,Various cites were burned,\n", encoding="utf-8")
    assert main(["validate", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    err = capsys.readouterr().err
    where = str(seeds / "passages.csv")
    for expected in [f"{where}:2: source: 'nope.txt' is not a seed listed in sources.csv",
                     f"{where}:3: line: '99999' is not a line of 002_0f1de8c70af6e04c.txt",
                     f"{where}:4: passage: not found on line 117",
                     f"{where}:5: note: empty"]:
        assert expected in err, err


def test_source_pages_link_mapped_mentions_and_explain_the_others(out):
    """Recogito-style: a reader of a source sees its geography. Every decision of the ledger is on its line,
    as a link to its pin or with the reason it has none, unless a longer decided name on the line holds it
    ("Russia" in "Soviet Russia")."""
    import html

    from mapgen.mentions import read_ledger
    from mapgen.read import read_sources
    from mapgen.render.sources import source_pages

    sources = read_sources(SEEDS)
    ledger = read_ledger(SEEDS, sources)
    pages = source_pages(sources)
    shown = {"place": 0, "unmapped": 0}
    for d in ledger:
        page = (out / "sources" / pages[d.source]).read_text(encoding="utf-8")
        start = page.index(f'<li id="L{d.line}"')
        line = page[start:page.index("</li>", start)]
        name = html.escape(d.mention)
        if d.site_id:
            found = f'<a class="place" href="../index.html#site={d.site_id}">{name}</a>' in line
            shown["place"] += found
        else:
            reason = html.escape(d.reason.split(": ", 1)[1])
            found = (f'title="Not on the map: {reason}">{name}</span>' in line
                     and f"{name} ({reason})" in line[line.index('<span class="by" lang="en">Not on the map:'):])
            shown["unmapped"] += found
        longer = any(o.line == d.line and o.source == d.source and d.mention in o.mention != d.mention
                     for o in ledger)
        assert found or longer, d
    assert shown["place"] > 190 and shown["unmapped"] > 80, shown


def test_quotes_carry_the_language_of_their_source(browser, out, tmp_path, seeds, capsys):
    """A quote is never translated: it is marked with its source's language, and the citation says which."""
    v = Visit(browser, (out / "index.html").as_uri())
    try:
        v.js("mapgen.openSite('butovo')")
        v.page.wait_for_selector(".leaflet-popup-content .mg-quote")
        assert set(v.js("[...document.querySelectorAll('.mg-quote')].map(q => q.lang)")) == {"en"}
        assert "(quoted in English)" in v.js("document.querySelector('.mg-cite').textContent")
    finally:
        v.close()
    index = seeds / "sources.csv"
    index.write_text(index.read_text(encoding="utf-8").replace(",en\n", ",english\n", 1), encoding="utf-8")
    assert main(["validate", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    assert "sources.csv:2: language: 'english' is not a language code" in capsys.readouterr().err


def test_passage_notes_are_read_as_safely_as_the_ledger(tmp_path, seeds, capsys):
    """A 5,000-digit line number used to reach int() (a traceback); a passages.csv linked from outside the
    seeds folder was read."""
    (seeds / "passages.csv").write_text("source,line,passage,note\n002_0f1de8c70af6e04c.txt," + "9" * 5000
                                        + ",x,why\n", encoding="utf-8")
    assert main(["validate", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    assert "passages.csv:2: line: " in capsys.readouterr().err
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("source,line,passage,note\n", encoding="utf-8")
    (seeds / "passages.csv").unlink()
    (seeds / "passages.csv").symlink_to(outside)
    assert main(["validate", "--sites", str(SITES), "--seeds", str(seeds)]) == 1
    assert "passages.csv: leads outside" in capsys.readouterr().err
