"""The fixed vocabularies of the table: categories, periods, precision, flags (the columns are in schema.py).

They live in one place so that the validator, the map legend and the README agree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
    colour: str  # Okabe-Ito palette: distinguishable with the common colour-vision deficiencies


CATEGORIES: tuple[Category, ...] = (
    Category("execution_burial_site", "Execution and burial site", "#D55E00"),
    Category("camp_prison_exile", "Camp, prison or exile", "#0072B2"),
    Category("massacre_war_crime", "Massacre or war crime", "#CC79A7"),
    Category("deportation", "Deportation", "#E69F00"),
    Category("show_trial_persecution", "Show trial or persecution", "#56B4E9"),
    Category("uprising_suppressed", "Suppressed uprising", "#009E73"),
    Category("memorial", "Memorial and commemoration", "#6B6B6B"),
)
CATEGORY_SLUGS: tuple[str, ...] = tuple(c.slug for c in CATEGORIES)


@dataclass(frozen=True)
class Period:
    slug: str
    label: str
    start: int
    end: int | None  # None: up to today

    def overlaps(self, start_year: int, end_year: int) -> bool:
        return start_year <= (self.end if self.end is not None else 9999) and end_year >= self.start

    def years(self) -> str:
        return f"{self.start}–{self.end}" if self.end is not None else f"{self.start}–today"


PERIODS: tuple[Period, ...] = (
    Period("revolution-civil-war", "Revolution and Civil War", 1917, 1922),
    Period("collectivization", "NEP and collectivization", 1923, 1935),
    Period("great-purge", "Great Purge", 1936, 1938),
    Period("world-war-ii", "Second World War", 1939, 1945),
    Period("late-stalinism", "Late Stalinism", 1946, 1953),
    Period("after-stalin", "After Stalin", 1954, 1991),
    Period("remembrance", "Remembrance", 1992, None),
)
PERIOD_SLUGS: tuple[str, ...] = tuple(p.slug for p in PERIODS)

PRECISIONS: dict[str, str] = {
    "site": "the spot itself, within about 1 km",
    "settlement": "a town or village as a whole",
    "region": "only the region is known",
}

FLAGS: dict[str, str] = {
    "citation_needed": "The source marks this passage as lacking a citation.",
    "dubious": "The passage reads as vandalised, implausible or editorialising.",
    "unsourced": "An aside the source gives without any reference.",
    "disputed": "Historians dispute the figure or attribution.",
    "misdated": "The source's date differs from the one other accounts give.",
    "reference_only": "The source names this only in its reference list, not in its running text.",
}


@functools.cache
def periods_of(start_year: int, end_year: int) -> tuple[str, ...]:
    """A claim belongs to every period its years overlap. (Cached: a large table repeats few year spans.)"""
    return tuple(p.slug for p in PERIODS if p.overlaps(start_year, end_year))
