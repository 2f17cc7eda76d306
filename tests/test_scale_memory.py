"""What a large build does to stay small (issue 17) gives the same answers as the plain way: the table read by
columns, its problems, and steps rendered together in one child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.parallel import Background
from mapgen.read import InputError, read_columns, read_table

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
def test_columns_refuse_what_rows_refuse_with_the_same_problems(tmp_path: Path, data: bytes):
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


def test_a_failing_step_fails_the_steps_rendered_with_it():
    def broken() -> list[bytes]:
        raise ValueError("no such site")

    first, second = Background.together([lambda: [b"ok"], broken])
    with pytest.raises(RuntimeError, match="no such site"):
        first.result()
    with pytest.raises(RuntimeError, match="no such site"):
        second.result()
