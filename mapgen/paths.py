"""Where each file of a build lives, relative to the build's root: decided here once, and used by the build,
the templates and the page script (which is handed them in its config)."""

from __future__ import annotations

INDEX = "index.html"
SITES_JS = "data/sites.js"
OUTLINE_JS = "data/outline.js"
PLACES_JS = "data/places.js"  # settlements near the sites, labelled offline (render/orientation.py)
QUOTES = "data/quotes/"  # the quotes of a large table, a file per chunk of sites, loaded when a popup opens
GEOJSON = "sites.geojson"
CSV = "sites.csv"
SOURCES = "sources/"
SOURCE_INDEX = SOURCES + "index.html"
ASSETS = "assets/"


def asset(name: str) -> str:
    return ASSETS + name


def period_page(slug: str) -> str:
    return f"period/{slug}.html"


def category_page(slug: str) -> str:
    return f"category/{slug}.html"


def source_page(page: str) -> str:
    """`page` is the file name render.sources.source_pages chose for a seed."""
    return SOURCES + page


def quote_chunk(k: int) -> str:
    return f"{QUOTES}{k}.js"


def for_script() -> dict[str, str]:
    """What the page script links to, by name."""
    return {"geojson": GEOJSON, "csv": CSV, "sources": SOURCES, "quotes": QUOTES}
