"""The shipped table itself: coverage of the seeds and claims that belong to the place they are pinned on."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest

HEADLINE = {"butovo": "site", "kurapaty": "site", "katyn": "site", "sandarmokh": "site", "solovki": "site",
            "demmin": "settlement"}
# the countries the seeds' running text ties to repression (issue 2)
COUNTRIES = {"RU", "BY", "UA", "EE", "LV", "LT", "PL", "FI", "DE", "HU", "CN", "MN", "MX"}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def sites(shipped_rows) -> dict[str, list[dict[str, str]]]:
    grouped = defaultdict(list)
    for row in shipped_rows:
        grouped[row["site_id"]].append(row)
    return grouped


def site_value(rows: list[dict[str, str]], col: str) -> str:
    return next((r[col] for r in rows if r.get(col)), "")


def test_headline_places_at_their_precision(sites):
    for sid, precision in HEADLINE.items():
        assert sid in sites, f"{sid} is missing from sites.csv"
        assert sites[sid][0]["precision"] == precision, sid


def test_coverage_of_the_seeds(sites, shipped_rows):
    assert len(sites) > 60
    assert COUNTRIES <= {rows[0]["country"] for rows in sites.values()}
    assert {r["source"] for r in shipped_rows} == {
        "000_f99e81eacf2887d0.txt", "001_3c8410ed9ff33dd3.txt", "002_0f1de8c70af6e04c.txt",
        "004_daa9e54431a242cd.txt"}


def test_every_site_is_named_by_one_of_its_quotes(sites):
    """A claim pinned on the wrong place is as bad as a wrong coordinate: each site needs a quote that names it
    (by its name, the part before a bracket, its local name or an alias)."""
    unnamed = []
    for sid, rows in sites.items():
        name = rows[0]["name"]
        names = {name, name.split(" (")[0], *site_value(rows, "name_local").split(" / "),
                 *(a.strip() for a in site_value(rows, "aliases").split(";"))}
        names = {fold(n) for n in names if n.strip()}
        if not any(n in fold(r["quote"]) for r in rows for n in names):
            unnamed.append(sid)
    assert unnamed == []


def test_flagged_claims_say_why_in_a_sentence(shipped_rows):
    for r in shipped_rows:
        if r["flag"]:
            assert r["flag_reason"].endswith(".") and len(r["flag_reason"]) > 30, r
