"""Read the table and the seeds from disk, turning every failure into a located problem.

Nothing here judges the content; it only gets text off the disk in a shape the validator can check.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located so a curator can go straight to it."""

    path: str
    line: int  # 0: the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class InputError(Exception):
    """Raised with the problems that stop a command; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(slots=True)
class Row:
    line: int  # line in the CSV file where the record starts (header = 1)
    values: dict[str, str]


@dataclass
class Table:
    path: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    file: str
    title: str
    origin: str
    licence: str
    url: str
    lines: tuple[str, ...]


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError([Problem(path, line, "", f"not UTF-8 (byte {data[err.start]:#04x} at offset {err.start}); "
                                  "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), 0, "", f"{what} not found; check the path")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), 0, "", f"{what} is a directory, not a file")]) from None
    except OSError as err:
        raise InputError([Problem(str(path), 0, "", f"cannot read {what}: {err.strerror}")]) from None


def parse_table(text: str, path: str) -> Table:
    """Parse CSV text; structural problems (no header, ragged rows, duplicated columns) are fatal."""
    if not text.strip():
        raise InputError([Problem(path, 0, "", "the file is empty; it needs a header row and at least one claim")])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError([Problem(path, line, "", "contains a NUL byte; this is not a text CSV file")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader)]
        dupes = sorted({h for h in header if header.count(h) > 1})
        for h in dupes:
            problems.append(Problem(path, 1, h, "column appears more than once in the header"))
        if problems:
            raise InputError(problems)
        table = Table(path, header)
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not "".join(record).strip():
                continue
            if len(record) != len(header):
                problems.append(Problem(path, line, "", f"has {len(record)} fields, the header has {len(header)}; "
                                        "check for a missing or extra comma or an unclosed quote"))
                continue
            table.rows.append(Row(line, dict(zip(header, record, strict=True))))
    except csv.Error as err:
        raise InputError([Problem(path, reader.line_num, "", f"not valid CSV: {err}")]) from None
    if problems:
        raise InputError(problems)
    return table


def read_table(path: Path) -> Table:
    return parse_table(decode_text(read_bytes(path, "table"), str(path)), str(path))


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


def read_sources(seeds_dir: Path) -> dict[str, Source]:
    """The seeds named in `sources.csv`, with their lines. Missing seeds are problems, not crashes."""
    if not seeds_dir.is_dir():
        raise InputError([Problem(str(seeds_dir), 0, "", "seeds directory not found; pass --seeds DIR")])
    index_path = seeds_dir / "sources.csv"
    table = read_table(index_path)
    need = ("file", "title", "origin", "licence", "url")
    missing = [c for c in need if c not in table.header]
    if missing:
        raise InputError([Problem(str(index_path), 1, c, "missing column") for c in missing])
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for row in table.rows:
        name = row.values["file"].strip()
        seed = resolve_source(seeds_dir, name)
        if seed is None:
            problems.append(Problem(str(index_path), row.line, "file",
                                    f"{name!r} is not a file inside {seeds_dir}"))
            continue
        try:
            text = decode_text(seed.read_bytes(), str(seed))
        except InputError as err:
            problems.extend(err.problems)
            continue
        sources[name] = Source(name, row.values["title"].strip(), row.values["origin"].strip(),
                               row.values["licence"].strip(), row.values["url"].strip(),
                               tuple(text.split("\n")))
    if problems:
        raise InputError(problems)
    return sources
