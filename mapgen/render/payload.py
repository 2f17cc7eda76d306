"""The data every map page reads: one compact JSON document, shared by all pages of a build.

Sites and claims are arrays, not objects, so that 100,000 sites stay a few megabytes; the key
names travel once, in `fields`.
"""

from __future__ import annotations

import json
from operator import attrgetter
from typing import Any

from ..citation import Citation, TextLine
from ..model import Atlas, Site
from ..schema import CLAIM_LEVEL, SITE_LEVEL
from ..vocab import CATEGORIES, CATEGORY_SLUGS, FLAGS, PERIODS, PRECISIONS
from .strings import label, years

# The fields each record carries: the required ones, the claims, then the optional ones, in the schema's order;
# the page decodes them by these names. A record ends at its last value that is not empty (most optional fields
# are: a million places would carry 40 MB of "" and []), and the page reads a missing one as "" or, for a
# field of LISTS, [].
_ON_PAGE = [c for c in SITE_LEVEL if c.on_page]
SITE_FIELDS = [c.field for c in _ON_PAGE if c.required] + ["claims"] + [c.field for c in _ON_PAGE if not c.required]
CLAIM_FIELDS = [c.name for c in CLAIM_LEVEL if c.on_page]
LISTS = [c.field for c in _ON_PAGE if c.kind in ("list", "names")]
_CLAIMS = SITE_FIELDS.index("claims")
_site_values = attrgetter(*(f for f in SITE_FIELDS if f != "claims"))
_claim_values = attrgetter(*CLAIM_FIELDS)
_CATEGORY, _SOURCE = CLAIM_FIELDS.index("category"), CLAIM_FIELDS.index("source")
_CATEGORY_INDEX = {slug: k for k, slug in enumerate(CATEGORY_SLUGS)}
_SITE_CITATIONS = [SITE_FIELDS.index(c.field) for c in _ON_PAGE if c.kind == "citation"]
_SITE_DATES = [SITE_FIELDS.index(c.field) for c in _ON_PAGE if c.kind == "date"]


_EMPTY: tuple[Any, ...] = ("", [], ())  # what a record leaves out at its end


def _trimmed(record: list[Any]) -> list[Any]:
    while record and record[-1] in _EMPTY:
        record.pop()
    return record


def citation_record(citation: Citation | None, source_index: dict[str, int]) -> str | list[int]:
    """A web page as its URL, a seed line as [source index, line] (the page links it to the source page)."""
    if isinstance(citation, TextLine):
        return [source_index[citation.file], citation.line]
    return citation.url if citation else ""


def site_record(site: Site, source_index: dict[str, int]) -> list[Any]:
    """A site as an array of SITE_FIELDS; categories and sources travel as indexes into their lists."""
    claims = []
    for c in site.claims:
        claim = list(_claim_values(c))
        claim[_CATEGORY] = _CATEGORY_INDEX[c.category]
        claim[_SOURCE] = source_index[c.source]
        claims.append(_trimmed(claim))
    record: list[Any] = list(_site_values(site))
    record.insert(_CLAIMS, claims)
    for k in _SITE_CITATIONS:
        record[k] = citation_record(record[k], source_index)
    for k in _SITE_DATES:  # ISO text, as in the table
        record[k] = record[k].isoformat() if record[k] else ""
    return _trimmed(record)


def payload(atlas: Atlas) -> dict[str, Any]:
    from .sources import source_pages  # here: sources -> page -> payload would be an import cycle

    files = list(atlas.sources)
    index = {f: i for i, f in enumerate(files)}
    pages = source_pages(files)  # the page names mapgen.js links to, never rebuilt there
    return {
        "fields": {"site": SITE_FIELDS, "claim": CLAIM_FIELDS, "lists": LISTS},
        "categories": [{"slug": c.slug, "label": label("category", c.slug), "colour": c.colour} for c in CATEGORIES],
        "periods": [{"slug": p.slug, "label": label("period", p.slug), "years": years(p), "start": p.start,
                     "end": p.end if p.end is not None else 9999} for p in PERIODS],
        "precisions": {slug: label("precision", slug) for slug in PRECISIONS},
        "flags": {slug: label("flag", slug) for slug in FLAGS},
        "sources": [{"file": s.file, "page": pages[s.file], "title": s.title, "origin": s.origin,
                     "licence": s.licence, "url": s.url, "language": s.language} for s in atlas.sources.values()],
        "sites": [site_record(s, index) for s in atlas.sites],
    }


QUOTES_INLINE_MAX = 2_000_000  # characters of quotes data/sites.js carries itself; beyond, they load per chunk
QUOTE_CHUNK = 250_000  # characters of quotes in one chunk file (whole sites: a big one makes its chunk bigger)
_QUOTE = CLAIM_FIELDS.index("quote")


def split_quotes(data: dict[str, Any]) -> list[list[list[str]]]:
    """Take the quotes of a large table out of `data` (made by `payload`): the page then loads positions and
    what pins and filters need at once, and a place's quotes only when its popup opens. Each chunk holds the
    quotes of consecutive sites, a list per site in claim order; `data["quoteChunks"]` says which site each
    chunk starts at. A table whose quotes stay under QUOTES_INLINE_MAX keeps them (and gets no chunks)."""
    sites, size = data["sites"], QUOTE_CHUNK
    if sum(len(c[_QUOTE]) for s in sites for c in s[_CLAIMS]) <= QUOTES_INLINE_MAX:
        return []
    chunks: list[list[list[str]]] = []
    starts, held = [], size
    for i, record in enumerate(sites):
        if held >= size:
            starts.append(i)
            chunks.append([])
            held = 0
        quotes = []
        for c in record[_CLAIMS]:
            quotes.append(c[_QUOTE])
            held += len(c[_QUOTE])
            c[_QUOTE] = None
        chunks[-1].append(quotes)
    data["quoteChunks"] = starts
    return chunks


def to_script_json(value: Any) -> str:
    """JSON that is safe inside <script> and in a .js file: no '</script>', no '<!--', no line separators,
    no raw '&'. Every value from the table passes through here, so a quote cannot break out as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
