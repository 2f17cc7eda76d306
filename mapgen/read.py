"""Read the table and the seeds from disk, turning every failure into a located problem.

Nothing here judges the content; it only gets text off the disk in a shape the validator can check.
Inputs come from people we do not know, so every file must be a regular file of bounded size (a FIFO would
hang the reader, a link to /dev/zero would fill memory) and every text value is screened for characters that
would rewrite a terminal or hide what a name really says.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import COLUMNS
from .terminal import CONTROL, HIDDEN, printable

# How much mapgen reads of each input. A million-row table is several hundred MB; a seed is one source text.
TABLE_MAX_BYTES = 1 << 30  # 1 GiB
SOURCES_MAX_BYTES = 16 << 20  # 16 MiB: seeds/sources.csv lists one seed per row
SEED_MAX_BYTES = 128 << 20  # 128 MiB
MAX_LINE_DIGITS = 9  # more lines than any seed holds; int() refuses 4,300 digits with a traceback
MAX_NUMBER_CHARS = 32  # a coordinate
SLUG_FORM = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"  # a site id: 'butovo', 'white-sea-canal'
# Seed names become page names (sources/<name>.html): keep them well inside the 255-byte file-name limit.
SEED_NAME_MAX_CHARS = 120
SEED_NAME_MAX_BYTES = 200

# Control characters are never in a value; hidden ones (bidi, zero-width) never in names and ids.
# One search over a whole row finds whether any value needs a closer look.
SUSPECT = re.compile(f"[\t{CONTROL}{HIDDEN}]")
_BAD_TEXT = re.compile(f"[{CONTROL}]")  # free text: tabs allowed
_BAD_PLAIN = re.compile(f"[\t{CONTROL}]")  # short values: no tab either
_BAD_NAME = re.compile(f"[\t{CONTROL}{HIDDEN}]")  # names and ids: nothing hidden either

# Columns of free text, where a tab may stand (a quote must match its seed character for character).
TEXT_COLUMNS = frozenset({c.name for c in COLUMNS if c.kind in ("text", "quote")} | {"title", "origin", "licence"})
# Names and ids: what readers search for and what files and links are made of.
NAME_COLUMNS = frozenset({c.name for c in COLUMNS if c.kind in ("slug", "name", "list", "names", "file")} | {"file"})


def char_name(ch: str) -> str:
    """U+XXXX and the Unicode name, never the character itself (it may be a terminal escape)."""
    name = unicodedata.name(ch, "") or {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN",
                                        "\x1b": "ESCAPE", "\x7f": "DELETE"}.get(ch, "CONTROL CHARACTER")
    return f"U+{ord(ch):04X} ({name})"


def shown(value: str, limit: int = 60) -> str:
    """`value` quoted for a message: escapes visible, long values cut (a 5,000-digit number stays readable)."""
    if len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value)} characters)"
    return repr(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located so a curator can go straight to it."""

    path: str
    line: int  # 0: the file as a whole
    column: str
    message: str
    warning: bool = False  # worth a look, but the table may be built

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = f"warning: {self.message}" if self.warning else self.message
        text = f"{where}: {self.column}: {message}" if self.column else f"{where}: {message}"
        # data (a header cell, a file name) reaches messages: never let it write escapes to a terminal
        return printable(text).replace("\n", "\\n")  # one problem, one line


class InputError(Exception):
    """Raised with the problems that stop a command; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(slots=True)
class Row:
    """One CSV record: its cells in the header's order. (Lists, not dicts: a dict per row was half the time
    of reading a 100,000-row table; `values` makes one when a check needs cells by name.)"""

    line: int  # line in the CSV file where the record starts (header = 1)
    cells: list[str]
    header: list[str]  # the table's, shared by all its rows

    @property
    def values(self) -> dict[str, str]:
        return dict(zip(self.header, self.cells, strict=True))


@dataclass
class Table:
    """A parsed CSV file: its rows, or (read by `read_columns`) its cells column by column and the line each
    record starts on, with no rows: a million rows as lists and Row objects cost a gigabyte that the columns
    do not."""

    path: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    columns: dict[str, list[str]] | None = None
    lines: list[int] | None = None
    # Columns of numbers and slugs `read_fast` found well-formed in every cell, already parsed as the schema
    # says (records.BULK would give the same values): they are not among `columns`, and hold no character
    # that a text check looks for.
    typed: dict[str, list[Any]] = field(default_factory=dict)

    def by_column(self) -> tuple[dict[str, list[str]], list[int]]:
        """The cells column by column (a table without records has empty columns), and each record's line."""
        if self.columns is not None and self.lines is not None:
            return self.columns, self.lines
        transposed = zip(*(row.cells for row in self.rows), strict=True)  # in C
        columns = dict(zip(self.header, map(list, transposed), strict=False))
        return {h: columns.get(h, []) for h in self.header}, [row.line for row in self.rows]

    def __len__(self) -> int:
        return len(self.lines) if self.lines is not None else len(self.rows)


@dataclass(frozen=True)
class Source:
    file: str
    title: str
    origin: str
    licence: str
    url: str
    lines: tuple[str, ...]
    language: str = ""  # BCP 47 code of the text ("en", "ru", "pl"): quotes are marked with it, never translated


LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47, as far as a seed's language needs


def text_problems(values: dict[str, str], path: str, line: int) -> list[Problem]:
    """Control characters in any value, and hidden (bidi, zero-width) characters in names and ids.
    One regular-expression search per row; values are looked at one by one only on a hit."""
    joined = "".join(values.values())
    if joined.isprintable() or not SUSPECT.search(joined):  # isprintable: the fast common case
        return []
    return [p for col, value in values.items() if (p := _text_problem(col, value, path, line))]


def column_text_problems(path: str, column: str, cells: list[str], lines: list[int],
                         block: int = 65536) -> list[Problem]:
    """`text_problems` for one column of a table read by columns: one search over a block of joined cells finds
    whether any of them needs a closer look (blocks, so that a million quotes are never joined at once)."""
    problems = []
    for first in range(0, len(cells), block):
        joined = "".join(cells[first:first + block])
        if joined.isprintable() or not SUSPECT.search(joined):
            continue
        for k in range(first, min(first + block, len(cells))):
            found = _text_problem(column, cells[k], path, lines[k])
            if found:
                problems.append(found)
    return problems


def _text_problem(col: str, value: str, path: str, line: int) -> Problem | None:
    """The first character `col` may not hold in `value`, located, with how to fix it; None if there is none."""
    bad = _BAD_NAME if col in NAME_COLUMNS else _BAD_TEXT if col in TEXT_COLUMNS else _BAD_PLAIN
    if col == "quote":  # a quote on several lines has its own message
        value = value.replace("\n", "").replace("\r", "")
    m = bad.search(value)
    if not m:
        return None
    ch = m.group()
    if ch == "\t":
        fix = "replace it with a space"
    elif ch in "\n\r":
        fix = "keep the value on one line"
    elif re.fullmatch(f"[{HIDDEN}]", ch):
        fix = "delete it: an invisible character makes a name or id differ from what it shows"
    else:
        fix = "delete it (retype the value if you cannot see it)"
    return Problem(path, line, col, f"contains {char_name(ch)} at character {m.start() + 1}; {fix}")


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError([Problem(path, line, "", f"not UTF-8 (byte {data[err.start]:#04x} at offset {err.start}); "
                                  "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def file_kind(mode: int) -> str:
    """What a path's mode says it is, for messages ("a FIFO (named pipe)"); "a file" for a regular one."""
    for test, kind in ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a directory"), (stat.S_ISLNK, "a symbolic link"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "an unusual kind of file"


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def _too_big(path: Path, what: str, size: int, limit: int, constant: str, advice: str) -> InputError:
    return InputError([Problem(str(path), 0, "", f"{what} is {_size(size)}, over the limit of {_size(limit)} "
                               f"({constant} in mapgen/read.py); {advice}")])


def read_bytes(path: Path, what: str, limit: int = TABLE_MAX_BYTES, constant: str = "TABLE_MAX_BYTES",
               advice: str = "split it, or raise the limit if this machine has the memory") -> bytes:
    """The bytes of a regular file of at most `limit` bytes. What it is gets checked on the open file, which is
    opened without blocking: opening a FIFO would wait for a writer forever, and a device like /dev/zero (or a
    link to it) never ends; checking the open file leaves no moment to swap one in."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError([Problem(str(path.absolute()), 0, "", f"{what} not found; check the path (relative paths "
                                  f"start in {Path.cwd()})")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), 0, "", f"{what} is a directory, not a file")]) from None
    except OSError as err:
        raise InputError([Problem(str(path), 0, "", f"cannot read {what}: {err.strerror}")]) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = file_kind(st.st_mode)
            hint = "" if kind == "a directory" else "; point to the file itself"
            raise InputError([Problem(str(path), 0, "", f"{what} is {kind}, not a regular file{hint}")])
        if st.st_size > limit:
            raise _too_big(path, what, st.st_size, limit, constant, advice)
        try:
            data = fh.read(limit + 1)
        except OSError as err:
            raise InputError([Problem(str(path), 0, "", f"cannot read {what}: {err.strerror}")]) from None
    if len(data) > limit:  # it grew while we looked
        raise _too_big(path, what, len(data), limit, constant, advice)
    return data


def parse_table(text: str, path: str) -> Table:
    """Parse CSV text; structural problems (no header, ragged rows, duplicated columns) are fatal."""
    if not text.strip():
        raise InputError([Problem(path, 0, "", "the file is empty; it needs a header row and at least one claim")])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError([Problem(path, line, "", "contains a NUL byte; this is not a text CSV file")])
    return _parse(io.StringIO(text, newline=""), path)


# Records of a table read by columns are turned into columns this many at a time.
BATCH = 50_000


def _parse(lines: Iterable[str], path: str, by_column: bool = False, header: list[str] | None = None,
           first_line: int = 1) -> Table:
    """The CSV records of `lines` as rows, or `by_column` as columns (see Table). A run of a table cut in parts
    (`Parts`) is given its table's `header` and the line its text starts on."""
    reader = csv.reader(lines, strict=True)
    problems: list[Problem] = []
    offset = first_line - 1
    try:
        if header is None:
            header = [h.strip() for h in next(reader)]
            other = _other_separator(header)
            if other:
                raise InputError([Problem(path, 1, "", f"this file uses {other!r} as separator, not ','; save it "
                                          "as \"CSV UTF-8 (comma delimited)\" (Excel) or \"Text CSV\" with ',' as "
                                          "field delimiter (LibreOffice)")])
            dupes = sorted({h for h in header if header.count(h) > 1})
            for h in dupes:
                problems.append(Problem(path, 1, h, "column appears more than once in the header"))
            if problems:
                raise InputError(problems)
        table = Table(path, header)
        columns: list[list[str]] = [[] for _ in header]
        starts: list[int] = []
        batch: list[list[str]] = []
        start = reader.line_num + 1 + offset
        for record in reader:
            line, start = start, reader.line_num + 1 + offset
            if not "".join(record).strip():
                continue
            if len(record) != len(header):
                problems.append(Problem(path, line, "", f"has {len(record)} fields, the header has {len(header)}; "
                                        "check for a missing or extra comma or an unclosed quote"))
                continue
            if not by_column:
                table.rows.append(Row(line, record, header))
                continue
            batch.append(record)
            starts.append(line)
            if len(batch) == BATCH:
                _extend(columns, batch)
        if by_column:
            _extend(columns, batch)
            table.columns, table.lines = dict(zip(header, columns, strict=True)), starts
    except csv.Error as err:
        raise InputError([Problem(path, reader.line_num + offset, "", f"not valid CSV: {err}")]) from None
    if problems:
        raise InputError(problems)
    return table


def _extend(columns: list[list[str]], batch: list[list[str]]) -> None:
    """Move a batch of records into the columns (transposed in C), emptying the batch."""
    for column, cells in zip(columns, zip(*batch, strict=True), strict=False):  # no batch: no columns
        column.extend(cells)
    batch.clear()


def _other_separator(header: list[str]) -> str | None:
    """The separator a one-column header was written with, if it is a spreadsheet's other usual one: Excel
    writes ';' where the decimal mark is a comma (most of Europe), and some tools write tabs."""
    if len(header) != 1:
        return None
    return next((sep for sep in (";", "\t", "|") if header[0].count(sep) >= 2), None)


def read_table(path: Path) -> Table:
    return parse_table(decode_text(read_bytes(path, "table", TABLE_MAX_BYTES), str(path)), str(path))


DECODE_STEP = 1 << 24  # bytes of a large table decoded at a time to check that it is UTF-8


def _table_bytes(path: Path) -> bytes:
    """The table's bytes, checked to be UTF-8 a piece at a time (a million-row table as text, with Cyrillic in
    it, takes two bytes a character and a reader's copy four), not empty and free of NUL bytes."""
    name = str(path)
    data = read_bytes(path, "table", TABLE_MAX_BYTES)
    decoder = codecs.getincrementaldecoder("utf-8")()
    blank = True
    for at in range(0, len(data), DECODE_STEP):
        try:
            piece = decoder.decode(data[at:at + DECODE_STEP], final=at + DECODE_STEP >= len(data))
        except UnicodeDecodeError:
            decode_text(data, name)  # raises, naming the line of the first bad byte
            raise
        if blank:
            piece = piece.removeprefix("\ufeff") if at == 0 else piece
            blank = not piece or piece.isspace()
    if blank:
        raise InputError([Problem(name, 0, "", "the file is empty; it needs a header row and at least one claim")])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError([Problem(name, line, "", "contains a NUL byte; this is not a text CSV file")])
    return data


def _columns(data: bytes, path: str, header: list[str] | None = None, first_line: int = 1) -> Table:
    """Records of `data` by columns, decoded line by line as they are parsed (never held as one text)."""
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig" if header is None else "utf-8",
                          newline="") as lines:
        return _parse(lines, path, by_column=True, header=header, first_line=first_line)


def read_columns(path: Path) -> Table:
    """`read_table`, read by columns (see Table), for a table of any size."""
    return _columns(_table_bytes(path), str(path))


def _line_ends(data: bytes, start: int, end: int) -> int:
    """Line ends in data[start:end] as the CSV reader counts lines: \\n, \\r\\n and a lone \\r."""
    return data.count(b"\n", start, end) + data.count(b"\r", start, end) - data.count(b"\r\n", start, end)


def _cut_after(data: bytes, at: int) -> int | None:
    """The end of the first line at or after `at` with an even number of '"' before it, or None."""
    quotes = data.count(b'"', 0, at)
    while (end := data.find(b"\n", at)) >= 0:
        quotes += data.count(b'"', at, end)
        if quotes % 2 == 0:
            return end + 1
        at = end + 1
    return None


# Below this many bytes (about 50,000 records) a table is read in one piece: a second process would not pay.
PARTS_FROM = 16 << 20
# The first run is parsed by the build's own process, which need not pickle its cells (a sixth of the time of
# parsing them) to hand them over: it takes this many times a run's share, so that the runs end together.
FIRST_RUN_SHARE = 1.16


@dataclass
class Parts:
    """A large table cut into runs of whole records that processes of their own parse (`run`), one per core.

    A cut stands at a line end with an even number of '"' before it: outside every quoted value, unless a '"'
    stands inside an unquoted one (`ab"c`, which CSV allows). The first run is therefore parsed from the start
    of the file: if it ends inside a quoted value it fails, and a caller then reads the table `whole`."""

    path: str
    header: list[str]
    data: bytes
    cuts: tuple[int, ...]  # run k is data[cuts[k]:cuts[k + 1]]; run 0 holds the header
    stamp: tuple[int, int] = (0, 0)  # the file's size and time of change when it was read (`read_again`)

    def run(self, k: int) -> Table:
        """Run `k`'s records by columns, with the lines they have in the file; InputError if it does not parse."""
        start, end = self.cuts[k], self.cuts[k + 1]
        if k == 0:
            table = _columns(self.data[:end], self.path)
            if table.header != self.header:
                raise InputError([Problem(self.path, 1, "", "the header was read differently")])
            return table
        return _columns(self.data[start:end], self.path, self.header, self.first_line(k))

    def first_line(self, k: int) -> int:
        """The line of the file run `k` starts on."""
        return _line_ends(self.data, 0, self.cuts[k]) + 1

    def whole(self) -> Table:
        return _columns(self.data, self.path)

    def fast(self, typed: bool = True, keep: bool = True) -> Table | None:
        """The whole table, read by pyarrow's CSV reader (in C++, on every core, in this process), when that
        reads it exactly as the csv module would: see `read_fast`. None otherwise. Unless `keep`, the bytes are
        let go once read (`let_go`)."""
        return read_fast(self.data, self.path, self.header, typed, None if keep else self.let_go)

    def let_go(self) -> None:
        """Free the table's bytes once it is read whole (a third of a gigabyte at a million rows, held through
        the checks for the few cells a message quotes): such a message reads the file again (`read_again`)."""
        self.data, self.cuts = b"", (0, 0)


def _stamp(path: Path) -> tuple[int, int]:
    """The file's size and time of change; (-1, -1) where it cannot be looked at (reading it says why)."""
    try:
        status = path.stat()
    except OSError:
        return -1, -1
    return status.st_size, status.st_mtime_ns


def read_again(path: str, stamp: tuple[int, int]) -> Table:
    """The table read whole from its file again, untyped, for a message quoting its cells as written; InputError
    if the file has changed since it was first read, as the message would quote another table."""
    again = Path(path)
    table = read_parts(again, 1)
    if _stamp(again) != stamp:
        raise InputError([Problem(path, 0, "", "the file changed while mapgen was checking it; run mapgen again "
                                  "once it is saved")])
    return table if isinstance(table, Table) else table.fast(typed=False) or table.whole()


def read_parts(path: Path, parts: int) -> Table | Parts:
    """The table read whole by columns, or, when it is large, cut into (at most) `parts` runs to be parsed in
    parallel (see Parts)."""
    stamp = _stamp(path)
    data = _table_bytes(path)
    head = _cut_after(data, 0)
    if len(data) < PARTS_FROM or head is None:
        return _columns(data, str(path))
    try:
        header = [h.strip() for h in next(csv.reader(io.StringIO(data[:head].decode("utf-8-sig"), newline="")))]
    except csv.Error:
        header = []
    if not header or _other_separator(header) or len(set(header)) != len(header):
        return _columns(data, str(path))  # the header's problems are reported as a whole read reports them
    cuts = [0]
    share = FIRST_RUN_SHARE + parts - 1
    for k in range(1, parts):
        cut = _cut_after(data, max(int(len(data) * (FIRST_RUN_SHARE + k - 1) / share), head, cuts[-1]))
        if cut is None or cut >= len(data):
            break
        cuts.append(cut)
    cuts.append(len(data))
    return Parts(str(path), header, data, tuple(cuts), stamp)


# The columns read_fast parses when every cell has its kind's form: what records.BULK takes whole, and gives the
# same values for (a decimal without exponent, as "1e400" is infinite; float() reads every one of these).
_TYPED = {"decimal": (r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$", "float64"),
          "year": (r"^[0-9]{4}$", "int64"), "line": (f"^[0-9]{{1,{MAX_LINE_DIGITS}}}$", "int64"),
          "slug": (SLUG_FORM, "")}
_KINDS = {c.name: c.kind for c in COLUMNS}


def read_fast(data: bytes, path: str, header: list[str], typed: bool = True,
              let_go: Callable[[], None] | None = None) -> Table | None:
    """The table in `data` (whose header is `header`) by columns, read by pyarrow's CSV reader (C++, on every
    core) rather than the csv module (1.75 million rows read, typed and checked: 7.7 s, against 12.8 s in two
    processes), or None where pyarrow might read it otherwise. pyarrow does not say on which line a record
    starts, skips blank lines, keeps rows of empty cells, has no limit on a cell's size, and reads '"a"b' as 'ab'
    where the csv module refuses it; so it is used only where
    - every record is one line: a one-line header, no blank line, no lone carriage return, as many records as
      lines (so no value holds a line break);
    - no record's first cell is blank (the csv module skips a row of blank cells; such a table has errors);
    - no cell reaches the csv module's field size limit;
    - no line holds a cell that is quoted and followed by more than a delimiter, or left open (`_misquoted`).
    With `typed`, columns of numbers and slugs whose every cell has its kind's form come parsed (Table.typed).
    `let_go`: called once pyarrow holds the table, before its cells become Python strings, to free the bytes."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.compute as pc  # type: ignore[import-untyped]
    from pyarrow import csv as pacsv

    head, end = _cut_after(data, 0), len(data)
    while end and data[end - 1] in b"\r\n":  # blank lines at the end hold no record
        end -= 1
    if head is None or end <= head or _line_ends(data, 0, head) != 1 or data[head] in b"\r\n":
        return None
    if data.find(b"\r", 0, end) >= 0 and (data.count(b"\r", 0, end) != data.count(b"\r\n", 0, end)
                                          or data.find(b"\n\r\n", head, end) >= 0):
        return None
    if data.find(b"\n\n", head, end) >= 0:
        return None
    body = pa.py_buffer(data).slice(head, end - head)
    if data.find(b'"', head, end) >= 0 and _misquoted(body):  # (first: its lines are let go before the read)
        return None
    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=header, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):  # a ragged row, among others: the csv module says where
        return None
    n = table.num_rows
    blank = r"^[\pZ\s\x0b\x1c-\x1f\x85]*$"  # str.isspace() throughout
    longest = [pc.max(pc.utf8_length(column)).as_py() or 0 for column in table.columns]
    if (n != data.count(b"\n", head, end) + 1 or pc.any(pc.match_substring_regex(table.column(0), blank)).as_py()
            or max(longest) >= csv.field_size_limit()):
        return None
    del data, body
    if let_go:
        let_go()
    columns: dict[str, list[str]] = {}
    parsed: dict[str, list[Any]] = {}
    arrays = dict(zip(header, table.columns, strict=True))
    del table  # each column is let go once it is converted: the columns as Python objects take twice their bytes
    for name, chars in zip(header, longest, strict=True):
        column = arrays.pop(name)
        pattern, kind = _TYPED.get(_KINDS.get(name, ""), ("", "")) if typed else ("", "")
        if pattern and (kind != "float64" or chars <= MAX_NUMBER_CHARS) and pc.all(
                pc.match_substring_regex(column, pattern)).as_py():
            parsed[name] = _values(column, name, kind)
        else:
            columns[name] = _values(column, name)
        del column
        pa.default_memory_pool().release_unused()
    return Table(path, header, columns=columns, lines=list(range(2, n + 2)), typed=parsed)


# Kinds whose few distinct values repeat down a column: each value is kept once, not once a row (a million
# rows hold a million copies of "execution_burial_site" and of 1937 otherwise; records.parse_cells).
SHARED_KINDS = frozenset({"code", "file", "year"})
# A site's id and names stand on each of its rows (190 MB of a million sites' 1.75 million rows).
_SITE_TEXT = frozenset(c.name for c in COLUMNS if c.level == "site" and c.kind in ("slug", "name"))


def _values(column: Any, name: str, cast: str = "") -> list[Any]:
    """A pyarrow column of strings as a list, cast to `cast` (a pyarrow type) if given. Values that repeat are
    made once each, so that a million rows' cells are never all held at once as objects of their own: the
    values of a kind that repeats down a column (SHARED_KINDS) once for each block the reader read, a site's id
    and names once for the rows of a site that follow each other (as a site's rows mostly do)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def made(values: Any) -> list[Any]:
        return pc.cast(values, cast).to_numpy().tolist() if cast else values.to_pylist()

    if _KINDS.get(name) in SHARED_KINDS:
        shared: list[Any] = []
        for chunk in column.chunks:
            coded = pc.dictionary_encode(chunk)
            shared.extend(map(made(coded.dictionary).__getitem__, coded.indices.to_numpy().tolist()))
        return shared
    if name not in _SITE_TEXT:
        return made(column)
    repeated: list[Any] = []
    for chunk in column.chunks:
        changed = np.ones(len(chunk), bool)
        changed[1:] = pc.not_equal(chunk[1:], chunk[:-1]).to_numpy(zero_copy_only=False)
        repeated.extend(map(made(chunk.filter(pa.array(changed))).__getitem__, (np.cumsum(changed) - 1).tolist()))
    return repeated


# A cell the csv module refuses and pyarrow reads: quoted, then followed by more than a delimiter ('"a"b', which
# pyarrow reads as 'ab'), or left open to the line's end. Searched for from each start of a line and each comma,
# so that it is never missed; it may be found where the csv module reads fine (a comma inside a quoted cell
# followed by an escaped quote: '"a,""b"""'), and such a table is read by the csv module.
MISQUOTED = r'(^|,)"([^"]|"")*("[^,"]|$)'


def _misquoted(body: Any) -> bool:
    """Whether a line of `body` (a pyarrow buffer) holds a MISQUOTED cell. The lines are read whole (no quoting,
    with U+0001, which no valid table holds, as delimiter: a line holding one is refused, and counts as
    misquoted) and the ones holding a '"' searched with RE2, in linear time."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    try:
        lines = pacsv.read_csv(pa.BufferReader(body),
                               read_options=pacsv.ReadOptions(column_names=["line"], block_size=1 << 24),
                               parse_options=pacsv.ParseOptions(delimiter="\x01", quote_char=False),
                               convert_options=pacsv.ConvertOptions(column_types={"line": pa.string()},
                                                                    strings_can_be_null=False)).column(0)
    except (pa.ArrowException, ValueError):
        return True
    quoted = lines.filter(pc.match_substring(lines, '"'))
    return bool(pc.any(pc.match_substring_regex(quoted, MISQUOTED)).as_py())


def resolve_source(seeds_dir: Path, name: str) -> Path | None:
    """The seed file `name` if it is a plain file inside `seeds_dir`, else None (no ../, no absolute paths,
    no symlinks leading out)."""
    if not name or name != Path(name).name or name in (".", ".."):
        return None
    candidate = seeds_dir / name
    try:
        real = candidate.resolve(strict=True)
        root = seeds_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real.parent != root or not real.is_file():
        return None
    return candidate


def seed_name_problem(name: str) -> str | None:
    """Why `name` cannot be a seed's file name, or None. Names become file names and links of source pages,
    so they must be one plain, visible, reasonably short name; spaces, any script, % # ? ' are fine."""
    if not name:
        return "empty; give the file name of a seed in the seeds folder"
    if "/" in name or "\\" in name:
        return f"{shown(name)} is a path; give the plain file name of a file inside the seeds folder"
    if name.startswith("."):
        return f"{shown(name)} starts with '.'; hidden files are not seeds: rename the file"
    size = len(name.encode("utf-8"))
    if len(name) > SEED_NAME_MAX_CHARS or size > SEED_NAME_MAX_BYTES:
        return (f"{shown(name)} is {len(name)} characters ({size} bytes in UTF-8); a seed name may have at most "
                f"{SEED_NAME_MAX_CHARS} characters and {SEED_NAME_MAX_BYTES} bytes, so that its source page's "
                "file name stays within file-system limits: rename the file")
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False


def read_sources(seeds_dir: Path) -> dict[str, Source]:
    """The seeds named in `sources.csv`, with their lines. Missing seeds are problems, not crashes."""
    if not seeds_dir.is_dir():
        raise InputError([Problem(str(seeds_dir.absolute()), 0, "", "seeds directory not found (looked in "
                                  f"{Path.cwd()}); pass --seeds DIR, the folder of your source texts and their "
                                  "sources.csv")])
    index_path = seeds_dir / "sources.csv"
    if not (index_path.exists() or index_path.is_symlink()):
        raise InputError([Problem(str(index_path.absolute()), 0, "", "not found: every seeds folder needs a "
                                  "sources.csv that lists its texts, one row each, with this header: "
                                  "file,title,origin,licence,url (url may be empty), e.g. "
                                  "notes.txt,Our interviews,Tomsk memorial society,CC BY 4.0,")])
    if (index_path.exists() or index_path.is_symlink()) and not _inside(index_path, seeds_dir):
        raise InputError([Problem(str(index_path), 0, "", f"leads outside {seeds_dir} (it is a link to "
                                  f"{shown(str(index_path.resolve()), 200)}); keep the index in the seeds folder")])
    table = parse_table(decode_text(read_bytes(index_path, "table", SOURCES_MAX_BYTES, "SOURCES_MAX_BYTES",
                                               "list fewer seeds, or raise the limit"), str(index_path)),
                        str(index_path))
    need = ("file", "title", "origin", "licence", "url")
    missing = [c for c in need if c not in table.header]
    if missing:
        raise InputError([Problem(str(index_path), 1, c, "missing column") for c in missing])
    sources: dict[str, Source] = {}
    listed: dict[str, int] = {}
    problems: list[Problem] = []
    for row in table.rows:
        values = row.values
        found = text_problems(values, str(index_path), row.line)
        if found:
            problems.extend(found)
            continue
        name = values["file"].strip()
        why = seed_name_problem(name)
        if why:
            problems.append(Problem(str(index_path), row.line, "file", why))
            continue
        if name in listed:
            problems.append(Problem(str(index_path), row.line, "file", f"{shown(name)} is listed twice, on line "
                                    f"{listed[name]} and line {row.line}; keep one row per seed"))
            continue
        listed[name] = row.line
        language = values.get("language", "").strip()
        if language and not LANGUAGE_TAG.fullmatch(language):
            problems.append(Problem(str(index_path), row.line, "language", f"{shown(language)} is not a language "
                                    "code; write the text's language as ISO 639 (en, ru, uk, be, pl, de)"))
            continue
        seed = resolve_source(seeds_dir, name)
        if seed is None:
            problems.append(Problem(str(index_path), row.line, "file", _not_a_seed(seeds_dir, name)))
            continue
        try:
            text = decode_text(read_bytes(seed, "seed", SEED_MAX_BYTES, "SEED_MAX_BYTES",
                                          "split the text into several seeds, or raise the limit"), str(seed))
        except InputError as err:
            problems.extend(err.problems)
            continue
        sources[name] = Source(name, values["title"].strip(), values["origin"].strip(),
                               values["licence"].strip(), values["url"].strip(),
                               tuple(text.split("\n")), language)
    if problems:
        raise InputError(problems)
    return sources


def read_seed_notes(seeds_dir: Path, name: str, columns: tuple[str, ...], what: str) -> Table | None:
    """A curators' table kept beside the seeds (the ledger of mentions, the passage warnings), None if there is
    none. It is read like the other inputs: a bounded regular file inside the seeds folder, UTF-8, with exactly
    `columns`."""
    path = seeds_dir / name
    if not (path.exists() or path.is_symlink()):
        return None
    if not _inside(path, seeds_dir):
        raise InputError([Problem(str(path), 0, "", f"leads outside {seeds_dir}; keep {what} in the seeds folder")])
    table = parse_table(decode_text(read_bytes(path, what, SOURCES_MAX_BYTES, "SOURCES_MAX_BYTES",
                                               "split the seeds, or raise the limit"), str(path)), str(path))
    if tuple(table.header) != columns:
        raise InputError([Problem(str(path), 1, "", f"the header is {','.join(table.header)!r}; it must be "
                                  f"{','.join(columns)}")])
    return table


def seed_line_problem(values: dict[str, str], sources: Mapping[str, Source]) -> tuple[str, str] | None:
    """(column, message) when a note's `source` is not a listed seed or its `line` not one of the seed's lines."""
    source, raw_line = values["source"].strip(), values["line"].strip()
    if source not in sources:
        close = difflib.get_close_matches(source, list(sources), 1)
        return "source", (f"{shown(source)} is not a seed listed in sources.csv"
                          + (f"; did you mean {close[0]!r}?" if close else ""))
    lines = sources[source].lines
    if not (raw_line.isascii() and raw_line.isdigit() and len(raw_line) <= MAX_LINE_DIGITS
            and 1 <= int(raw_line) <= len(lines)):
        return "line", f"{shown(raw_line)} is not a line of {source} (1..{len(lines)})"
    return None


def _not_a_seed(seeds_dir: Path, name: str) -> str:
    """Why `resolve_source` refused `name`, said without opening anything."""
    try:
        st = (seeds_dir / name).stat()
    except OSError:
        return f"{shown(name)} is not a file inside {seeds_dir}"
    if _inside(seeds_dir / name, seeds_dir) and not stat.S_ISREG(st.st_mode):
        return f"{shown(name)} is {file_kind(st.st_mode)}, not a regular file; a seed is a UTF-8 text file"
    return f"{shown(name)} is not a file inside {seeds_dir}"
