"""Shared fixtures: the shipped project, one gazetteer per session (it takes seconds to load)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from mapgen.gazetteer import Gazetteer
from mapgen.read import read_table

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "sites.csv"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(scope="session")
def shipped_rows() -> list[dict[str, str]]:
    return [row.values for row in read_table(SITES).rows]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seeds, so a test may add or break files."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
