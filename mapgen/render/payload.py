"""The data every map page reads: one compact JSON document, shared by all pages of a build.

Sites and claims are arrays, not objects, so that 100,000 sites stay a few megabytes; the key
names travel once, in `fields`.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Atlas, Site
from ..vocab import CATEGORIES, CATEGORY_SLUGS, FLAGS, PERIODS, PRECISIONS

SITE_FIELDS = ["id", "name", "lat", "lon", "precision", "country", "name_local", "aliases", "today",
               "remembrance", "claims"]
CLAIM_FIELDS = ["start_year", "end_year", "category", "quote", "source", "line", "flag", "flag_reason"]


def site_record(site: Site, source_index: dict[str, int]) -> list[Any]:
    claims = [[c.start_year, c.end_year, CATEGORY_SLUGS.index(c.category), c.quote, source_index[c.source], c.line,
               c.flag, c.flag_reason] for c in site.claims]
    return [site.id, site.name, site.lat, site.lon, site.precision, site.country, site.name_local,
            list(site.aliases), site.today, site.remembrance, claims]


def payload(atlas: Atlas) -> dict[str, Any]:
    from .sources import source_pages  # here: sources -> page -> payload would be an import cycle

    files = list(atlas.sources)
    index = {f: i for i, f in enumerate(files)}
    pages = source_pages(files)  # the page names mapgen.js links to, never rebuilt there
    return {
        "fields": {"site": SITE_FIELDS, "claim": CLAIM_FIELDS},
        "categories": [{"slug": c.slug, "label": c.label, "colour": c.colour} for c in CATEGORIES],
        "periods": [{"slug": p.slug, "label": p.label, "years": p.years(), "start": p.start,
                     "end": p.end if p.end is not None else 9999} for p in PERIODS],
        "precisions": PRECISIONS,
        "flags": FLAGS,
        "sources": [{"file": s.file, "page": pages[s.file], "title": s.title, "origin": s.origin,
                     "licence": s.licence, "url": s.url} for s in atlas.sources.values()],
        "sites": [site_record(s, index) for s in atlas.sites],
    }


def to_script_json(value: Any) -> str:
    """JSON that is safe inside <script> and in a .js file: no '</script>', no '<!--', no line separators,
    no raw '&'. Every value from the table passes through here, so a quote cannot break out as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
