"""The fixed vocabularies of the table: categories, periods, precision, flags (the columns are in schema.py).

They live in one place so that the validator, the map legend and the README agree. What they are called
on pages is interface text, in render/strings.py (`label`), ready to be translated.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    colour: str  # Okabe-Ito palette: distinguishable with the common colour-vision deficiencies


CATEGORIES: tuple[Category, ...] = (
    Category("execution_burial_site", "#D55E00"),
    Category("camp_prison_exile", "#0072B2"),
    Category("massacre_war_crime", "#CC79A7"),
    Category("deportation", "#E69F00"),
    Category("show_trial_persecution", "#56B4E9"),
    Category("uprising_suppressed", "#009E73"),
    # Mass death from hunger caused by requisition and collectivisation (Ukraine and Kazakhstan 1932-33): neither
    # a trial nor a deportation, and the seeds speak of it in its own words.
    Category("famine", "#F0E442"),
    Category("memorial", "#6B6B6B"),
)
CATEGORY_SLUGS: tuple[str, ...] = tuple(c.slug for c in CATEGORIES)


@dataclass(frozen=True)
class Period:
    slug: str
    start: int
    end: int | None  # None: up to today

    def overlaps(self, start_year: int, end_year: int) -> bool:
        return start_year <= (self.end if self.end is not None else 9999) and end_year >= self.start


PERIODS: tuple[Period, ...] = (
    Period("revolution-civil-war", 1917, 1922),
    Period("collectivization", 1923, 1935),
    Period("great-purge", 1936, 1938),
    Period("world-war-ii", 1939, 1945),
    Period("late-stalinism", 1946, 1953),
    Period("after-stalin", 1954, 1991),
    Period("remembrance", 1992, None),
)
PERIOD_SLUGS: tuple[str, ...] = tuple(p.slug for p in PERIODS)

PRECISIONS: tuple[str, ...] = ("site", "settlement", "region")

FLAGS: tuple[str, ...] = ("citation_needed", "dubious", "unsourced", "disputed", "misdated", "reference_only")


@functools.cache
def periods_of(start_year: int, end_year: int) -> tuple[str, ...]:
    """A claim belongs to every period its years overlap. (Cached: a large table repeats few year spans.)"""
    return tuple(p.slug for p in PERIODS if p.overlaps(start_year, end_year))
