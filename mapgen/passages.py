"""Curators' warnings on passages of the seeds: a sentence that reads as vandalism, a figure the source itself
disowns. The source page marks the passage and says why, so a reader who follows a citation to its line is
not left alone with a sentence beside it that no one should trust.

`seeds/passages.csv`, optional: `source,line,passage,note`; the passage must stand verbatim on that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .read import InputError, Problem, Source, read_seed_notes, seed_line_problem, text_problems

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
    table = read_seed_notes(seeds_dir, PASSAGES, COLUMNS, "the passage notes")
    if table is None:
        return []
    passages, problems = [], []
    for row in table.rows:
        values = row.values
        found = text_problems(values, table.path, row.line)
        wrong = seed_line_problem(values, sources)
        source, raw_line, passage, note = (values["source"].strip(), values["line"].strip(), values["passage"],
                                           values["note"].strip())
        if wrong:
            found.append(Problem(table.path, row.line, *wrong))
        elif not passage.strip() or passage not in sources[source].lines[int(raw_line) - 1]:
            found.append(Problem(table.path, row.line, "passage", f"not found on line {raw_line} of {source}; copy "
                                 "it verbatim"))
        if not note:
            found.append(Problem(table.path, row.line, "note", "empty; say in one sentence why the passage is not "
                                 "to be trusted"))
        if found:
            problems.extend(found)
            continue
        passages.append(Passage(source, int(raw_line), passage, note))
    if problems:
        raise InputError(problems)
    return passages
