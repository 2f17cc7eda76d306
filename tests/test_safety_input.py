"""Inputs from strangers: files that are no files, hidden and control characters, non-ASCII and huge numbers,
duplicated seeds, unsafe seed names and quadratic hint searches all end in a located problem, quickly."""

from __future__ import annotations

import csv
import datetime
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, write_csv

import mapgen.read
import mapgen.validate
from mapgen.read import InputError, Row, Table, read_sources, read_table
from mapgen.validate import validate

BUTOVO = {
    "site_id": "butovo", "name": "Butovo firing range", "lat": "55.5448", "lon": "37.5850", "precision": "site",
    "country": "RU", "start_year": "1937", "end_year": "1938", "category": "execution_burial_site",
    "quote": "From August 1937 through October 1938, more than 20,000 people were shot and buried there.",
    "source": "002_0f1de8c70af6e04c.txt", "line": "117", "name_local": "", "aliases": "", "geonames_id": "",
    "today": "", "remembrance": "", "flag": "", "flag_reason": "", "today_source": "", "checked": "",
}
HEADER = list(BUTOVO)
SOURCES_HEADER = ["file", "title", "origin", "licence", "url"]

LOADER = """
import sys
from pathlib import Path
from mapgen.read import InputError, read_sources, read_table
try:
    (read_table if sys.argv[2] == "table" else read_sources)(Path(sys.argv[1]))
except InputError as err:
    print(err)
    sys.exit(1)
"""


def load_in_child(path: Path, kind: str) -> str:
    """Load in a child process with a time and memory limit: on failure the child hangs or eats memory, not us."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    try:
        out = subprocess.run([sys.executable, "-c", LOADER, str(path), kind], cwd=ROOT, capture_output=True,
                             text=True, timeout=30, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path} as {kind} hangs")
    assert out.returncode == 1 and "Traceback" not in out.stderr, (out.returncode, out.stderr[-2000:])
    return out.stdout


def problems_of(tmp_path: Path, rows: list[dict[str, str]], seeds: Path, gazetteer) -> list[str]:
    table = read_table(write_csv(tmp_path / "t.csv", rows, HEADER))
    return [str(p) for p in validate(table, seeds, read_sources(seeds), gazetteer)]


def write_sources(seeds: Path, rows: list[list[str]]) -> None:
    with (seeds / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(SOURCES_HEADER)
        w.writerows(rows)


# ---------- 1. inputs are bounded regular files inside their folder ----------

def test_inputs_must_be_bounded_regular_files(tmp_path, seeds, monkeypatch):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    assert f"{fifo}: table is a FIFO (named pipe), not a regular file" in load_in_child(fifo, "table")
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    assert f"{zero}: table is a character device, not a regular file" in load_in_child(zero, "table")

    (seeds / "sources.csv").unlink()
    os.mkfifo(seeds / "sources.csv")
    assert "sources.csv: table is a FIFO (named pipe)" in load_in_child(seeds, "sources")
    (seeds / "sources.csv").unlink()
    (seeds / "sources.csv").symlink_to("/dev/zero")
    assert "sources.csv: leads outside" in load_in_child(seeds, "sources")

    (seeds / "sources.csv").unlink()
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("file,title,origin,licence,url\n002_0f1de8c70af6e04c.txt,T,O,L,\n", encoding="utf-8")
    (seeds / "sources.csv").symlink_to(outside)
    with pytest.raises(InputError, match="sources.csv: leads outside"):
        read_sources(seeds)

    (seeds / "sources.csv").unlink()
    os.mkfifo(seeds / "pipe.txt")
    write_sources(seeds, [["pipe.txt", "T", "O", "L", ""]])
    assert "sources.csv:2: file: 'pipe.txt' is a FIFO (named pipe), not a regular file" in load_in_child(seeds,
                                                                                                        "sources")

    # size limits: refused before reading, naming the limit and what to do
    write_sources(seeds, [["002_0f1de8c70af6e04c.txt", "T", "O", "L", ""]])
    monkeypatch.setattr(mapgen.read, "SEED_MAX_BYTES", 1000, raising=False)
    with pytest.raises(InputError, match=r"002_0f1de8c70af6e04c.txt: seed is [\d.]+ KiB, over the limit of 1000 "
                                         r"bytes \(SEED_MAX_BYTES in mapgen/read.py\); split the text"):
        read_sources(seeds)
    monkeypatch.setattr(mapgen.read, "SOURCES_MAX_BYTES", 10, raising=False)
    with pytest.raises(InputError, match="sources.csv: table is .* over the limit of 10 bytes"):
        read_sources(seeds)
    monkeypatch.setattr(mapgen.read, "TABLE_MAX_BYTES", 10, raising=False)
    with pytest.raises(InputError, match=r"t.csv: table is .* over the limit of 10 bytes \(TABLE_MAX_BYTES"):
        read_table(write_csv(tmp_path / "t.csv", [BUTOVO], HEADER))


# ---------- 2. control characters in any text, hidden characters in names and ids ----------

@pytest.mark.parametrize("column,value,char", [
    ("name", "Butovo \x1b[2J\x1b]0;pwned\x07firing range", "U+001B"),
    ("site_id", "butovo\x0b", "U+000B"),  # vertical tab: str.strip() would have hidden it
    ("name", "Butovo\nfiring range", "U+000A"),
    ("name", "Butovo\tfiring range", "U+0009"),
    ("today", "Memorial\x85church", "U+0085"),
    ("remembrance", "30 October\x7f", "U+007F"),
    ("quote", BUTOVO["quote"].replace("1937", "19\x0837"), "U+0008"),
    ("aliases", "Butovo; \u202eovotuB", "U+202E"),
    ("name_local", "Бутов\u200bо", "U+200B"),
    ("name", "Butovo \u2066firing\u2069 range", "U+2066"),
    ("source", "002_0f1de8c70af6e04c.txt\ufeff", "U+FEFF"),
    ("flag_reason", "why\x1b[31m", "U+001B"),
])
def test_control_and_hidden_characters_are_located(tmp_path, seeds, gazetteer, column, value, char):
    problems = problems_of(tmp_path, [dict(BUTOVO, **{column: value})], seeds, gazetteer)
    hits = [p for p in problems if p.startswith(f"{tmp_path / 't.csv'}:2: {column}: contains {char} ")]
    assert hits, problems
    assert not any(c in p for p in problems for c in "\x1b\x07\x08\x0b\x7f\x85\u202e\u200b\u2066\ufeff"), problems


def test_control_and_hidden_characters_in_sources_csv(seeds):
    write_sources(seeds, [["002_0f1de8c70af6e04c.txt", "Great \x1b[31mPurge", "O", "L", ""],
                          ["001_3c8410ed9ff33dd3.txt\u200d", "Soviet war crimes", "O", "L", ""]])
    with pytest.raises(InputError) as err:
        read_sources(seeds)
    text = [str(p) for p in err.value.problems]
    assert any(":2: title: contains U+001B (ESCAPE) at character 7" in p for p in text), text
    assert any(":3: file: contains U+200D (ZERO WIDTH JOINER)" in p for p in text), text
    assert "\x1b" not in str(err.value) and "\u200d" not in str(err.value)


def test_tabs_in_free_text_and_scripts_in_names_stay_accepted(tmp_path, seeds, gazetteer):
    row = dict(BUTOVO, today="Memorial\tchurch", today_source="https://example.org/butovo",
               checked=datetime.date.today().isoformat(), name_local="Бутовский полигон", aliases="Butovo; بوتوفو")
    assert problems_of(tmp_path, [row], seeds, gazetteer) == []
    assert problems_of(tmp_path, [dict(row, today="x\x1by")], seeds, gazetteer) != []


# ---------- 3 and 4. numbers: ASCII digits only, bounded length ----------

@pytest.mark.parametrize("column,value", [
    ("lat", "５５.５４４８"),  # fullwidth
    ("lon", "٣٧.٥٨٥٠"),  # Arabic-Indic
    ("lon", "۳۷.۵۸۵۰"),  # extended Arabic-Indic (Persian)
    ("geonames_id", "٤٩٥٢٦٠"),
    ("start_year", "１９３７"),
    ("line", "١١٧"),
])
def test_numbers_take_ascii_digits_only(tmp_path, seeds, gazetteer, column, value):
    problems = problems_of(tmp_path, [dict(BUTOVO, **{column: value})], seeds, gazetteer)
    assert any(p.startswith(f"{tmp_path / 't.csv'}:2: {column}: ") and "non-ASCII character U+" in p
               and "ASCII digits 0-9" in p for p in problems), problems


@pytest.mark.parametrize("column", ["line", "geonames_id", "lat", "start_year"])
def test_huge_numbers_give_a_located_problem(tmp_path, seeds, gazetteer, column):
    problems = problems_of(tmp_path, [dict(BUTOVO, **{column: "1" * 5000})], seeds, gazetteer)
    mine = [p for p in problems if p.startswith(f"{tmp_path / 't.csv'}:2: {column}: ")]
    assert mine, problems
    assert all(len(p) < 400 for p in problems), problems  # the 5,000 digits are not echoed


# ---------- 5. one row per seed in sources.csv ----------

def test_duplicate_seed_rows_are_refused(seeds):
    write_sources(seeds, [["002_0f1de8c70af6e04c.txt", "Great Purge", "O", "L", ""],
                          ["001_3c8410ed9ff33dd3.txt", "Soviet war crimes", "O", "L", ""],
                          [" 002_0f1de8c70af6e04c.txt", "Another title", "O", "L", ""]])
    with pytest.raises(InputError) as err:
        read_sources(seeds)
    assert [str(p) for p in err.value.problems] == [
        f"{seeds / 'sources.csv'}:4: file: '002_0f1de8c70af6e04c.txt' is listed twice, on line 2 and line 4; "
        "keep one row per seed"]


# ---------- 6. wrong-quote hints: right, and near-linear ----------

def big_seed(seeds: Path, n: int) -> list[str]:
    lines = [f"Line {i}: the camp register lists {i * 7 % 1000} prisoners moved on day {i} of the transport."
             for i in range(1, n + 1)]
    (seeds / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_sources(seeds, [["big.txt", "Big", "O", "L", ""]])
    return lines


def wrong_quote_table(n_rows: int, n_lines: int) -> Table:
    rows = []
    for k in range(n_rows):
        at = (k * 24_989) % n_lines + 1
        # even rows: the quote stands on line `at` but is cited one line off; odd rows: it stands nowhere
        quote = f"prisoners moved on day {at} of the transport." if k % 2 == 0 else f"day {at} of the tram {k}"
        cited = at % n_lines + 1
        values = dict(BUTOVO, source="big.txt", line=str(cited), quote=quote)
        rows.append(Row(k + 2, list(values.values()), list(values)))
    return Table("t.csv", HEADER, rows)


def test_wrong_quote_hints_are_right_and_fast(seeds, gazetteer):
    n_lines, n_rows = 200_000, 8_000
    big_seed(seeds, n_lines)
    sources = read_sources(seeds)
    table = wrong_quote_table(n_rows, n_lines)
    started = time.perf_counter()
    problems = [p for p in validate(table, seeds, sources, gazetteer) if p.column == "quote"]
    took = time.perf_counter() - started
    assert len(problems) == n_rows
    for k, (row, problem) in enumerate(zip(table.rows, problems, strict=True)):
        at = (k * 24_989) % n_lines + 1
        hint = f"it stands on line {at}" if k % 2 == 0 else "it is not in the file verbatim: copy it again"
        assert problem.line == row.line and problem.message.startswith(
            f"not found on line {row.values['line']} of big.txt; {hint}"), (k, problem)
    assert took < 10, f"{n_rows} wrong quotes against a {n_lines}-line seed took {took:.1f} s"


def test_wrong_quote_search_stops_at_its_budget_and_says_so(seeds, gazetteer, monkeypatch):
    lines = big_seed(seeds, 1000)
    size = len("\n".join(lines)) + 1  # and the empty line after the last line break
    monkeypatch.setattr(mapgen.validate, "HINT_SEARCH_BUDGET", 3 * size, raising=False)
    problems = validate(wrong_quote_table(10, 1000), seeds, read_sources(seeds), gazetteer)
    hints = [p.message for p in problems if p.column == "quote"]
    assert len(hints) == 10
    assert hints[0].endswith("it stands on line 1")
    assert all("was not searched: the search stopped after 3 wrong quotes (HINT_SEARCH_BUDGET" in h
               for h in hints[3:]), hints


# ---------- 7. seed names that cannot be made safe ----------

def test_unsafe_seed_names_are_refused_and_safe_ones_kept(seeds):
    text = (SEEDS / "002_0f1de8c70af6e04c.txt").read_bytes()
    safe = ["Мемориал 100% #1? it's here.txt", "index", "index.html", "я" * 100]
    for name in safe:
        (seeds / name).write_bytes(text)
    write_sources(seeds, [[name, "T", "O", "L", ""] for name in safe])
    assert sorted(read_sources(seeds)) == sorted(safe)

    (seeds / "sub").mkdir()
    unsafe = {".hidden.txt": "starts with '.'", "sub/x.txt": "is a path", "sub\\x.txt": "is a path",
              "я" * 101 + ".txt": "at most 120 characters and 200 bytes", "ж" * 121: "at most 120 characters",
              "esc\x1b[31m.txt": "contains U+001B", "rlo\u202etxt.exe": "contains U+202E"}
    for name in unsafe:
        if "/" not in name:
            (seeds / name).write_bytes(text)
    (seeds / "sub" / "x.txt").write_bytes(text)
    write_sources(seeds, [[name, "T", "O", "L", ""] for name in unsafe])
    with pytest.raises(InputError) as err:
        read_sources(seeds)
    got = {p.line: str(p) for p in err.value.problems}
    for line, expect in enumerate(unsafe.values(), start=2):
        assert f"sources.csv:{line}: file: " in got.get(line, "") and expect in got[line], (line, got)
    assert "\x1b" not in str(err.value) and "\u202e" not in str(err.value)

