"""Curators' warnings on passages of the seeds: a sentence that reads as vandalism, a figure the source itself
disowns. The source page marks the passage and says why, so a reader who follows a citation to its line is
not left alone with a sentence beside it that no one should trust.

`seeds/passages.csv`, optional: `source,line,passage,note`; the passage must stand verbatim on that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .read import SOURCES_MAX_BYTES, InputError, Problem, Source, decode_text, parse_table, read_bytes, text_problems

PASSAGES = "passages.csv"
COLUMNS = ("source", "line", "passage", "note")


@dataclass(frozen=True)
class Passage:
    source: str
    line: int
    passage: str  # verbatim on the line
    note: str  # why a reader should not trust it, in one neutral sentence


def read_passages(seeds_dir: Path, sources: dict[str, Source]) -> list[Passage]:
    """The warnings in seeds_dir/passages.csv (none if there is no such file), each checked against its seed."""
    path = seeds_dir / PASSAGES
    if not path.exists():
        return []
    table = parse_table(decode_text(read_bytes(path, "the passage notes", SOURCES_MAX_BYTES, "SOURCES_MAX_BYTES"),
                                    str(path)), str(path))
    missing = [c for c in COLUMNS if c not in table.header]
    if missing:
        raise InputError([Problem(str(path), 1, c, "missing column; the header is " + ",".join(COLUMNS))
                          for c in missing])
    passages, problems = [], []
    for row in table.rows:
        values = row.values
        found = text_problems(values, str(path), row.line)
        source, raw_line, passage, note = (values["source"].strip(), values["line"].strip(), values["passage"],
                                           values["note"].strip())
        if source not in sources:
            found.append(Problem(str(path), row.line, "source", f"{source!r} is not a seed listed in sources.csv"))
        elif not (raw_line.isascii() and raw_line.isdigit() and 1 <= int(raw_line) <= len(sources[source].lines)):
            found.append(Problem(str(path), row.line, "line", f"{raw_line!r} is not a line of {source} "
                                 f"(1..{len(sources[source].lines)})"))
        elif not passage.strip() or passage not in sources[source].lines[int(raw_line) - 1]:
            found.append(Problem(str(path), row.line, "passage", f"not found on line {raw_line} of {source}; copy "
                                 "it verbatim"))
        if not note:
            found.append(Problem(str(path), row.line, "note", "empty; say in one sentence why the passage is not "
                                 "to be trusted"))
        if found:
            problems.extend(found)
            continue
        passages.append(Passage(source, int(raw_line), passage, note))
    if problems:
        raise InputError(problems)
    return passages
