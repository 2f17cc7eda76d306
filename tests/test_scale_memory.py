"""What a large build does to stay small (issue 17) gives the same answers as the plain way: the table read by
columns, its problems, and steps rendered together in one child process."""

from __future__ import annotations

import copy
import functools
import os
import random
import time
from pathlib import Path

import pytest
from conftest import outcome, validated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen import read
from mapgen.gazetteer import Gazetteer
from mapgen.model import Claim, Site, build_atlas
from mapgen.parallel import Background, Standby, _await_job
from mapgen.pipeline import load
from mapgen.read import (
    InputError,
    Parts,
    Problem,
    Row,
    Source,
    Table,
    read_columns,
    read_parts,
    read_sources,
    read_table,
)
from mapgen.records import BLANK, EMPTY_VALUE, Record, adapt, parse_cells, to_records
from mapgen.schema import CLAIM_LEVEL, COLUMNS, REQUIRED_COLUMNS, SITE_LEVEL
from mapgen.validate import QuoteFinder, _doubtful, check_countries, check_record, check_records
from mapgen.vocab import periods_of

TABLE = ('\ufeffsite_id,name,quote\n'
         'a,Alpha,"one, quoted"\n'
         '\n'
         'b,"Beta\nsecond line",two\n'
         'c,Гамма,"say ""three"""\r\n')


def test_columns_hold_the_cells_and_lines_of_the_rows(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes(TABLE.encode())
    rows, columns = read_table(path), read_columns(path)
    assert rows.header == columns.header == ["site_id", "name", "quote"]
    assert rows.by_column() == columns.by_column()
    assert columns.lines == [row.line for row in rows.rows] == [2, 4, 6]
    assert columns.columns is not None and columns.columns["name"] == ["Alpha", "Beta\nsecond line", "Гамма"]
    assert len(columns) == len(rows) == 3


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"site_id,name\n\x00a,b\n", b"site_id,name\na,\xff\n",
                                  b"site_id,name\na,b,c\n", b"site_id;name;x\na;b;c\n", b'site_id,name\na,"b\n'])
def test_columns_refuse_what_rows_refuse_with_the_samevalidated(tmp_path: Path, data: bytes):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as by_rows:
        read_table(path)
    with pytest.raises(InputError) as by_columns:
        read_columns(path)
    assert by_columns.value.problems == by_rows.value.problems


def test_steps_rendered_together_give_the_bytes_of_each_alone():
    steps = [lambda: [b"first ", b"file"], lambda: (bytes([k]) * 1000 for k in range(256))]
    together = [b.result() for b in Background.together(steps)]
    assert together == [b"".join(step()) for step in steps]
    assert [b.result() for b in Background.together(steps, fork=False)] == together


def _rendered(values: list[float]) -> list[bytes]:
    return [repr(values).encode()]


def _broken(values: list[float]) -> list[bytes]:
    raise ValueError(f"no place near {values}")


def test_a_standby_child_renders_the_step_it_is_given_later():
    """Forked before the model is built, it is handed a module's function and its arguments: the same bytes."""
    standby = Standby()
    try:
        assert standby.give(_rendered, [55.5, 37.5]).result() == b"[55.5, 37.5]"
        assert standby.give(_rendered, [1.0]).result() == b"[1.0]"  # only one step: the next runs here
    finally:
        standby.close()
    failing = Standby()
    with pytest.raises(RuntimeError, match=r"no place near \[2.0\]"):
        failing.give(_broken, [2.0]).result()
    failing.close()


def _ready(marker: Path) -> None:
    time.sleep(0.3)
    marker.write_text("ready")


def test_a_standby_child_prepares_at_once_and_is_let_finish(tmp_path: Path):
    """What the step will need is made while this process is small, and a child given no step is not killed
    halfway through making it (a cache half written)."""
    marker = tmp_path / "ready"
    standby = Standby(prepare=functools.partial(_ready, marker))
    standby.close()
    assert marker.read_text() == "ready"


def test_a_standby_child_given_nothing_is_reaped():
    standby = Standby()
    child = standby._background._child  # type: ignore[union-attr]
    assert child is not None and os.waitpid(child.pid, os.WNOHANG) == (0, 0)  # waiting
    standby.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # reaped


def test_a_standby_child_leaves_when_its_parent_is_gone():
    read_end, write_end = os.pipe()
    started = time.monotonic()
    assert list(_await_job(read_end, os.dup(write_end), os.getpid() + 10**6)) == []
    assert time.monotonic() - started < 5
    os.close(write_end)


def test_a_failing_step_fails_the_steps_rendered_with_it():
    def broken() -> list[bytes]:
        raise ValueError("no such site")

    first, second = Background.together([lambda: [b"ok"], broken])
    with pytest.raises(RuntimeError, match="no such site"):
        first.result()
    with pytest.raises(RuntimeError, match="no such site"):
        second.result()


ROOT = Path(__file__).resolve().parent.parent


def _shipped_rows() -> tuple[str, list[str]]:
    header, *rows = (ROOT / "sites.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    return header, rows


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_a_table_read_in_parts_gives_the_records_and_problems_of_one_read_whole(tmp_path: Path, parts: int,
                                                                                monkeypatch: pytest.MonkeyPatch):
    """Runs parsed in other processes: the same records, and problems (a cell quoted as written from a later
    run included) in the same words, as the table read in one piece."""
    monkeypatch.setattr(read, "PARTS_FROM", 0)
    header, rows = _shipped_rows()
    first = next(r for r in rows if r.startswith("butovo,"))
    late = len(rows) * 3 // 4
    rows[late:late] = [first.replace("55.5", "55.6", 1),  # a row disagreeing with its site, in the last run
                       first.replace(",1937,", ",19x7,", 1),  # a cell that does not parse
                       'solovki-x,"Solovki\nlong ""name""",65.0,35.7,site,RU,1923,1939,camp,q,missing.txt,1'
                       + ',' * 13 + '\r\n']
    path = tmp_path / "sites.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    table = read_parts(path, parts)
    assert isinstance(table, Parts) and len(table.cuts) == parts + 1
    assert [table.run(k).lines[0] for k in range(1, parts)] == [table.first_line(k) for k in range(1, parts)]
    whole = validated(read_columns(path))
    assert validated(table) == whole
    assert any("'55.6" in p and "differs from" in p for p in whole[1])
    assert any("19x7" in p for p in whole[1]) and any("missing.txt" in p for p in whole[1])


def test_a_cut_fooled_by_a_quote_in_an_unquoted_cell_reads_the_table_whole(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    """CSV lets '"' stand inside an unquoted cell, so counting quotes may cut inside a quoted value: the first
    run then fails to parse, and the table is read in one piece, with the same result."""
    monkeypatch.setattr(read, "PARTS_FROM", 0)
    header, rows = _shipped_rows()
    rows[1] = rows[1].replace(",site,", ',site"x,', 1)  # one stray quote: every count after it is odd
    for k in reversed(range(len(rows) * 3 // 10, len(rows) * 7 // 10)):  # wherever the cut falls, among them
        rows[k:k] = [f'note-{k},"Note\n{k}\nthree lines",55.0,37.0,site,RU,1937,1938,memorial,q,missing.txt,1'
                     + ',' * 13 + '\n']
    path = tmp_path / "sites.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    table = read_parts(path, 2)
    assert isinstance(table, Parts)
    with pytest.raises(InputError):
        table.run(0)
    assert validated(table) == validated(read_columns(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.text('"\n\r,ab ', max_size=6)), max_size=4),
       parts=st.integers(2, 6))
def test_stray_quotes_commas_and_line_ends_read_in_parts_as_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  edits: list[tuple[int, str]], parts: int):
    """Whatever quotes and line ends do to the table, the parts give the whole read's records and problems."""
    monkeypatch.setattr(read, "PARTS_FROM", 0)
    text = (ROOT / "sites.csv").read_text(encoding="utf-8")
    for at, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    assert outcome(lambda: read_parts(path, parts)) == outcome(lambda: read_columns(path))


def _one_by_one(records: list[Record], sources: dict[str, Source], gazetteer: Gazetteer) -> list[Problem]:
    """check_records as it was: check_record on every record, then the countries of those placed."""
    problems: list[Problem] = []
    resolved: dict[str, bool] = {}
    site_gid = {r.id: r.geonames_id for r in reversed(records) if r.geonames_id}
    finder = QuoteFinder(sources)
    placed, lats, lons, countries = [], [], [], []
    for r in records:
        found, point = check_record(r, ROOT / "seeds", sources, gazetteer, 2026, resolved, site_gid, finder)
        problems += found
        if point:
            placed.append(r)
            lats.append(point[0])
            lons.append(point[1])
            countries.append(point[2])
    return problems + check_countries(placed, lats, lons, countries, gazetteer)


NOTES = ("geonames_id", "today", "today_source", "remembrance", "remembrance_source", "visiting", "visiting_source",
         "checked")
ODD_CELLS = ["", " ", "x", "...", "a…", "a\nb", "RU", "ZZ", "BY", "site", "settlement", "region", "dubious", "1899",
             "1937", "2999", "19x7", "91", "-181", "37.6", "1", "99999", "495260", "seed:missing.txt:1",
             "https://example.org/", "missing.txt", "002_0f1de8c70af6e04c.txt", "2026-01-01", "In 2007",
             " In 2007", "Butovo", "memorial"]


def _shipped_table(plain: bool, edits: list[tuple[int, str, str]]) -> Table:
    table = read_table(ROOT / "sites.csv")
    header = table.header
    rows = [list(row.cells) for row in table.rows]
    if plain:  # no place to look up and no notes: what a register's rows look like
        for cells in rows:
            for column in NOTES:
                cells[header.index(column)] = ""
            cells[header.index("precision")] = "site"
    for at, column, value in edits:
        rows[at % len(rows)][header.index(column)] = value
    return Table(table.path, header, [Row(row.line, cells, header) for row, cells in zip(table.rows, rows,
                                                                                          strict=True)])


def test_a_valid_registers_records_are_checked_in_bulk():
    """No record of a valid table without places to look up is checked one by one (the fast path holds)."""
    records, problems = adapt(_shipped_table(True, []))
    sources, gazetteer = read_sources(ROOT / "seeds"), Gazetteer()
    assert not problems and not _one_by_one(records, sources, gazetteer)
    columns = [r.lat for r in records], [r.lon for r in records], [r.country for r in records]
    assert _doubtful(records, *columns, ROOT / "seeds", sources, gazetteer, 2026, {}, {}) == set()


@settings(max_examples=80, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(REQUIRED_COLUMNS + NOTES + ("flag",
                                                                                                "flag_reason")),
                                st.sampled_from(ODD_CELLS)), max_size=6), plain=st.booleans())
def test_records_checked_in_bulk_give_the_problems_of_one_by_one(edits: list[tuple[int, str, str]], plain: bool):
    """Any cells made wrong: the records a bulk check passes would have passed every check one by one."""
    records, _ = adapt(_shipped_table(plain, edits))
    sources, gazetteer = read_sources(ROOT / "seeds"), Gazetteer()
    assert check_records(records, ROOT / "seeds", sources, gazetteer, 2026) == _one_by_one(records, sources,
                                                                                           gazetteer)


KINDS = {c.field: c.kind for c in COLUMNS}


@functools.cache
def _shipped_records() -> tuple[Record, ...]:
    return tuple(load(ROOT / "sites.csv", ROOT / "seeds").records)


def _sites_row_by_row(records: list[Record]) -> list[Site]:
    """build_atlas's sites as it made them, a site at a time: site-level values from its first row, each optional
    one from the first of its rows that gives it; categories and periods in order of first mention."""
    rows: dict[str, list[Record]] = {}
    for r in records:
        rows.setdefault(r.id, []).append(r)
    sites = []
    for own in rows.values():
        head = own[0]
        claims = tuple(Claim(*(getattr(r, c.field) for c in CLAIM_LEVEL), periods=periods_of(r.start_year, r.end_year))
                       for r in own)
        optional = {c.field: next((v for r in own if (v := getattr(r, c.field)) not in BLANK), getattr(head, c.field))
                    for c in SITE_LEVEL if not c.required}
        sites.append(Site(**{c.field: getattr(head, c.field) for c in SITE_LEVEL if c.required}, claims=claims,
                          **optional, categories=tuple(dict.fromkeys(c.category for c in claims)),
                          periods=tuple(dict.fromkeys(p for c in claims for p in c.periods))))
    return sites


@settings(max_examples=60, deadline=None)
@given(moves=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from([c.field for c in SITE_LEVEL
                                                                          if not c.required]),
                                st.integers(0, 10**6)), max_size=12),
       order=st.randoms(use_true_random=False), chunk=st.integers(1, 200), consume=st.booleans())
def test_sites_are_modelled_as_row_by_row(moves: list[tuple[int, str, int]], order: random.Random, chunk: int,
                                          consume: bool):
    """Sites made by maps a chunk of rows at a time, and completed only where they have several rows, are the
    sites made a site at a time, whichever row of its site an optional value stands on, in whatever order the
    rows come and wherever the chunks end; consumed, the records are let go."""
    records = list(_shipped_records())
    order.shuffle(records)
    for at, name, to in moves:  # an optional value moved from one row of a site to another of its rows
        k = at % len(records)
        same = [j for j, r in enumerate(records) if r.id == records[k].id]
        target, value = same[to % len(same)], getattr(records[k], name)
        records[k] = records[k]._replace(**{name: EMPTY_VALUE.get(KINDS[name], "")})
        records[target] = records[target]._replace(**{name: value})
    expected, given = _sites_row_by_row(records), list(records)
    assert list(build_atlas(records, {}, consume=consume, chunk=chunk).sites) == expected
    assert records == ([] if consume else given)


@settings(max_examples=30, deadline=None)
@given(chunk=st.integers(1, 200), broken=st.sets(st.integers(0, 10**6), max_size=4))
def test_records_made_a_chunk_at_a_time_and_consumed_are_the_records(chunk: int, broken: set[int]):
    """Columns parsed and turned into records while being let go give the records of the plain way, cells that
    did not parse included; the lines, which a message reads, are kept."""
    table = read_columns(ROOT / "sites.csv")
    assert table.columns is not None
    for at in broken:  # a year that does not parse, on some row
        column = table.columns["start_year"]
        column[at % len(column)] = "19x7"
    plain = parse_cells(table)
    records = to_records(table.path, [plain])
    consumed = parse_cells(copy.deepcopy(table), consume=True)
    assert consumed == plain
    assert to_records(table.path, [consumed], consume=True, chunk=chunk) == records
    assert all(column in (None, []) for column in consumed.columns) and consumed.lines == plain.lines
