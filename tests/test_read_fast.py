"""A large table read by pyarrow (read.read_fast) gives the cells, lines, parsed values and problems of the csv
module's read, or is left to the csv module: never a different table."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from conftest import SEEDS, SITES, outcome, validated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen import read
from mapgen.read import InputError, Parts, Table, read_columns, read_parts, read_sources
from mapgen.records import parse_cells
from mapgen.validate import Validation

HEADER = "site_id,name,lat,lon,precision,country,start_year,end_year,category,quote,source,line\n"
ROW = "site-{k},Place {k},{lat},{lon},site,RU,1937,1938,memorial,A quote {k}.,synthetic.txt,{k}\n"


def _parts(tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> Parts:
    monkeypatch.setattr(read, "PARTS_FROM", 0)
    path = tmp_path / "sites.csv"
    path.write_bytes(data)
    table = read_parts(path, 1)
    assert isinstance(table, Parts)
    return table


def _plain(rows: int = 40) -> str:
    return HEADER + "".join(ROW.format(k=k + 1, lat=55 + k / 7, lon=-37.25 + k) for k in range(rows))


def test_a_plain_table_is_read_fast_with_its_numbers_and_slugs_parsed(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    parts = _parts(tmp_path, _plain().replace("\n", "\r\n").encode() + b"\r\n\r\n", monkeypatch)
    fast = parts.fast()
    assert fast is not None, "the fast read no longer takes a plain table"
    assert set(fast.typed) == {"site_id", "lat", "lon", "start_year", "end_year", "line"}
    whole = parts.whole()
    assert fast.lines == whole.lines == list(range(2, 42))
    assert parse_cells(fast) == parse_cells(whole)
    untyped = parts.fast(typed=False)
    assert untyped is not None and untyped.by_column() == whole.by_column()


@pytest.mark.parametrize("row", [
    '"Place"x',  # a quoted cell with more after it: the csv module refuses it, pyarrow reads 'Placex'
    '"Place',  # a quote left open on the last line
    'Place\n',  # a blank line among the rows
    'Place\r',  # a lone carriage return ends a record for both, but lines are counted by '\n'
    '"Place\nname"',  # a record on two lines
])
def test_what_pyarrow_might_read_otherwise_is_left_to_the_csv_module(tmp_path: Path, row: str,
                                                                     monkeypatch: pytest.MonkeyPatch):
    text = _plain(3) + ROW.format(k=9, lat=55, lon=37).replace("Place 9", row).rstrip("\n")
    parts = _parts(tmp_path, text.encode(), monkeypatch)
    assert parts.fast() is None
    assert parts.fast(typed=False) is None


@pytest.mark.parametrize("extra", [",,,,,,,,,,,\n", "   ,,,,,,,,,,,\n", "site-9,x\n", "\u00a0" + ",," * 5 + ",\n"])
def test_blank_and_ragged_rows_are_left_to_the_csv_module(tmp_path: Path, extra: str, monkeypatch: pytest.MonkeyPatch):
    parts = _parts(tmp_path, (_plain(3) + extra + _plain(2).split("\n", 1)[1]).encode(), monkeypatch)
    assert parts.fast() is None


def test_a_cell_at_the_csv_modules_size_limit_is_left_to_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    parts = _parts(tmp_path, _plain(3).replace("A quote 2.", "x" * 40).encode(), monkeypatch)
    old = csv.field_size_limit(40)
    try:
        assert parts.fast() is None
    finally:
        csv.field_size_limit(old)
    assert parts.fast() is not None


def test_quoted_cells_are_read_fast_and_misquoted_ones_left_to_the_csv_module(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch):
    text = HEADER + "".join(ROW.format(k=k, lat=55, lon=37).replace(f"Place {k},", f'"Place, the ""place"" {k}",')
                            for k in range(1, 9))
    fast = _parts(tmp_path, text.encode(), monkeypatch).fast(typed=False)
    assert fast is not None and fast.columns is not None
    assert fast.columns["name"][:2] == ['Place, the "place" 1', 'Place, the "place" 2']
    for misquoted in ('"Place 2"x', '"Place 2', '"Place 2""', '"Place,""x"""'):  # the last: read fine, by csv
        bad = text.replace('"Place, the ""place"" 2"', misquoted)
        assert _parts(tmp_path, bad.encode(), monkeypatch).fast() is None, misquoted


def test_the_shipped_table_read_fast_gives_the_same_records_and_problems(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    """Problems quoting a cell as written (a row disagreeing with its site) included."""
    header, *rows = SITES.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(r for r in rows if r.startswith("butovo,"))
    rows += [first.replace("55.5", "55.6", 1), first.replace(",1937,", ",19x7,", 1)]
    parts = _parts(tmp_path, (header + "".join(rows)).encode(), monkeypatch)
    assert parts.fast() is not None
    fast, whole = outcome(lambda: parts), outcome(lambda: read_columns(tmp_path / "sites.csv"))
    assert fast == whole
    assert any("'55.6" in p and "differs from" in p for p in whole[1])  # type: ignore[index]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.text('"\n\r, a1.\u00a0', max_size=5), st.booleans()),
                      max_size=4),
       crlf=st.booleans())
def test_whatever_the_cells_hold_a_fast_read_is_the_csv_modules_or_none(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        edits: list[tuple[int, str, bool]],
                                                                        crlf: bool):
    text = SITES.read_text(encoding="utf-8")
    text = text.replace("\n", "\r\n") if crlf else text
    head = text.index("\n") + 1
    for at, piece, by_a_quote in edits:  # anywhere after the header, or just before or after a '"'
        quotes = [k for k, ch in enumerate(text) if ch == '"' and k >= head]
        if by_a_quote and quotes:
            at = quotes[at % len(quotes)] + at % 2
        else:
            at = head + at * (len(text) - head) // 10**6
        text = text[:at] + piece + text[at:]
    parts = _parts(tmp_path, text.encode(), monkeypatch)
    fast = parts.fast(typed=False)
    if fast is None:
        return
    whole = parts.whole()  # raises if the csv module refuses what was read fast: the test fails
    assert fast.by_column() == whole.by_column()
    typed = parts.fast()
    assert typed is not None and parse_cells(typed) == parse_cells(whole)


DECIMAL = st.from_regex(r"[+-]?(?:[0-9]{1,12}(?:\.[0-9]{0,17})?|\.[0-9]{1,17})", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(DECIMAL, DECIMAL, st.integers(1000, 9999), st.integers(0, 10**9 - 1)),
                      min_size=1, max_size=30))
def test_numbers_read_fast_are_the_numbers_float_and_int_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              cells: list[tuple[str, str, int, int]]):
    text = HEADER + "".join(ROW.format(k=k + 1, lat=lat, lon=lon).replace(",1937,", f",{year},")
                            .replace(f",{k + 1}\n", f",{line:0{k % 3 + 1}d}\n")
                            for k, (lat, lon, year, line) in enumerate(cells))
    parts = _parts(tmp_path, text.encode(), monkeypatch)
    fast = parts.fast()
    assert isinstance(fast, Table)
    assert parse_cells(fast) == parse_cells(parts.whole())


def test_a_table_read_fast_is_let_go_and_read_again_only_for_a_message(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    """The bytes are freed once pyarrow holds the table; a message quoting a cell as written reads the file
    again, and says so rather than quote another table if the file has changed meanwhile."""
    header, *rows = SITES.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(r for r in rows if r.startswith("butovo,"))
    parts = _parts(tmp_path, (header + "".join(rows) + first.replace("55.5", "55.6", 1)).encode(), monkeypatch)
    assert validated(parts)[1][0].endswith("'55.6311' differs from '55.5311' on line 2 for site 'butovo'; "
                                           "one site, one lat")
    assert parts.data == b""

    again = _parts(tmp_path, (header + "".join(rows) + first.replace("55.5", "55.6", 1)).encode(), monkeypatch)
    checked = Validation(again, SEEDS, read_sources(SEEDS), today=datetime.date(2026, 11, 25))
    (tmp_path / "sites.csv").write_bytes((header + "".join(rows) + first.replace("55.5", "55.75", 1)).encode())
    with pytest.raises(InputError) as changed:
        checked.problems()
    assert [p.message for p in changed.value.problems] == [
        "the file changed while mapgen was checking it; run mapgen again once it is saved"]


def test_values_that_repeat_are_read_as_one_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The same values as the csv module's read, with a site's repeated id and names, and the codes and years
    that repeat down a column, held once (memory at a million rows)."""
    rows = [ROW.format(k=k // 3, lat=55, lon=37) for k in range(9)] + [ROW.format(k=0, lat=55, lon=37)]
    fast = _parts(tmp_path, (HEADER + "".join(rows)).encode(), monkeypatch).fast()
    assert fast is not None and fast.columns is not None
    ids, names = fast.typed["site_id"], fast.columns["name"]
    assert ids == [f"site-{k // 3}" for k in range(9)] + ["site-0"]
    assert ids[0] is ids[1] is ids[2] and names[3] is names[4] is names[5] and names[0] == names[9]
    categories, years = fast.columns["category"], fast.typed["start_year"]
    assert categories == ["memorial"] * 10 and years == [1937] * 10
    assert all(c is categories[0] for c in categories) and all(y is years[0] for y in years)
    assert parse_cells(fast) == parse_cells(read_columns(tmp_path / "sites.csv"))
