"""The data every map page reads: one compact JSON document, shared by all pages of a build.

Sites and claims travel by column (`column`), not a record each: a browser reads a million places' arrays of
arrays of numbers and strings in seconds, but a few long strings of digits and text in a fraction of that, and
the page then unpacks a place only when it shows it (mapgen.js, 20-data.js).
"""

from __future__ import annotations

import json
from operator import attrgetter
from typing import Any

import numpy as np

from ..citation import Citation, TextLine
from ..model import Atlas, Claim, Site
from ..schema import CLAIM_LEVEL, SITE_LEVEL
from ..vocab import CATEGORIES, CATEGORY_SLUGS, FLAGS, PERIODS, PRECISIONS
from .strings import label, years

# The fields the page reads, by name: the site's (its claims travel apart, by claim), then the claims'.
_ON_PAGE = [c for c in SITE_LEVEL if c.on_page]
SITE_FIELDS = [c.field for c in _ON_PAGE] + ["claims"]
CLAIM_FIELDS = [c.name for c in CLAIM_LEVEL if c.on_page]
LISTS = [c.field for c in _ON_PAGE if c.kind in ("list", "names")]
_KIND = {c.field: c.kind for c in _ON_PAGE}
_CATEGORY_INDEX = {slug: k for k, slug in enumerate(CATEGORY_SLUGS)}
_EMPTY: tuple[Any, ...] = ("", [], ())  # what a column of mostly these leaves out (`column`)


def citation_record(citation: Citation | None, source_index: dict[str, int]) -> str | list[int]:
    """A web page as its URL, a seed line as [source index, line] (the page links it to the source page)."""
    if isinstance(citation, TextLine):
        return [source_index[citation.file], citation.line]
    return citation.url if citation else ""


def _site_column(sites: tuple[Site, ...], field: str, source_index: dict[str, int]) -> list[Any]:
    """One field of every site as the page reads it: citations as citation_record, dates as ISO text."""
    values = list(map(attrgetter(field), sites))
    if _KIND[field] == "citation":
        return [citation_record(v, source_index) for v in values]
    if _KIND[field] == "date":
        return [v.isoformat() if v else "" for v in values]
    return values


def _claim_column(claims: list[Claim], field: str, source_index: dict[str, int]) -> list[Any]:
    """One field of every claim; categories and sources travel as indexes into their lists."""
    values = map(attrgetter(field), claims)
    if field == "category":
        return list(map(_CATEGORY_INDEX.__getitem__, values))
    if field == "source":
        return list(map(source_index.__getitem__, values))
    return list(values)


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
        **columns(atlas.sites, index),
    }


# Whole numbers travel as fixed-width digits of this alphabet (safe in JSON and HTML), counted from their minimum.
_DIGITS = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", dtype=np.uint8)


def _ints(values: Any, scale: int = 1) -> dict[str, Any] | None:
    """{"ints": digits, "width", "min", "scale"}: value k is (min + the k-th `width` digits) / scale. None when
    a value would need more than 8 digits (the page adds them up in a double: exact below 2**48)."""
    a = np.asarray(values, dtype=np.int64)
    low = int(a.min()) if len(a) else 0
    a = a - low
    width = 1
    while len(a) and 64 ** width <= int(a.max()):
        width += 1
    if width > 8:
        return None
    digits = np.empty((len(a), width), dtype=np.uint8)
    for k in range(width - 1, -1, -1):
        digits[:, k] = _DIGITS[a % 64]
        a //= 64
    return {"ints": digits.tobytes().decode("ascii"), "width": width, "min": low, "scale": scale}


def _decimals(values: list[float]) -> dict[str, Any] | None:
    """Coordinates as whole numbers of 10**-k degrees, for the smallest k that gives every value back exactly
    (n / 10**k is the double the decimal reads as, in Python as in JavaScript)."""
    a = np.asarray(values, dtype=np.float64)
    for k in range(8):
        scaled = np.round(a * 10**k)
        if np.array_equal(scaled / 10**k, a):
            return _ints(scaled.astype(np.int64), 10**k)
    return None


def column(values: list[Any]) -> Any:
    """A column of values as the page reads it (20-data.js, `column`): mostly empty ones as {"at": positions,
    "values": the others}; whole numbers and decimals as digits (_ints); strings from a few as {"vocab",
    "index"}, others as one text joined by newlines; anything else (lists, citations, a mix) as a JSON array."""
    if sum(map(values.count, _EMPTY)) * 2 > len(values):  # counted in C: most columns have no empty value
        filled = [k for k, v in enumerate(values) if v not in _EMPTY]
        return {"at": _ints(filled), "values": column([values[k] for k in filled])}
    kinds = set(map(type, values))
    encoded = (_ints(values) if kinds == {int} else _decimals(values) if kinds <= {int, float} and values
               else None)
    if encoded:
        return encoded
    if kinds == {str}:
        distinct = set(values)
        if len(distinct) * 4 <= len(values):
            vocab = sorted(distinct)
            at = {v: k for k, v in enumerate(vocab)}
            return {"vocab": vocab, "index": _ints(list(map(at.__getitem__, values)))}
        if not any("\n" in v for v in values):
            return {"text": "\n".join(values)}
    return values


def columns(sites: tuple[Site, ...], source_index: dict[str, int]) -> dict[str, Any]:
    """The sites by column: "sites" has a column per site field but the claims, "claims" one per claim field over
    every claim in order, and "perSite", how many claims each site has. Read from the model a field at a time
    (a million sites, 1.75 million claims)."""
    claims = [c for s in sites for c in s.claims]
    return {"sites": {"n": len(sites), "columns": {f: column(_site_column(sites, f, source_index))
                                                   for f in SITE_FIELDS if f != "claims"}},
            "claims": {"n": len(claims), "perSite": _ints([len(s.claims) for s in sites]),
                       # the quotes stay a list: split_quotes takes them out of a large table
                       "columns": {f: _claim_column(claims, f, source_index) if f == "quote"
                                   else column(_claim_column(claims, f, source_index)) for f in CLAIM_FIELDS}}}


QUOTES_INLINE_MAX = 2_000_000  # characters of quotes data/sites.js carries itself; beyond, they load per chunk
QUOTE_CHUNK = 250_000  # characters of quotes in one chunk file (whole sites: a big one makes its chunk bigger)


def read_column(encoded: Any, n: int, empty: Any = "") -> list[Any]:
    """The n values of a column made by `column` (for split_quotes and tests; the page has its own reader)."""
    if isinstance(encoded, list):
        return encoded
    if "ints" in encoded:
        lookup = np.zeros(256, dtype=np.int64)
        lookup[_DIGITS] = np.arange(64)
        width = encoded["width"]
        digits = lookup[np.frombuffer(encoded["ints"].encode("ascii"), dtype=np.uint8)].reshape(-1, width)
        ints = (digits @ (64 ** np.arange(width - 1, -1, -1, dtype=np.int64)) + encoded["min"]).tolist()
        return ints if encoded["scale"] == 1 else [v / encoded["scale"] for v in ints]
    if "text" in encoded:
        return encoded["text"].split("\n")
    if "vocab" in encoded:
        return [encoded["vocab"][k] for k in read_column(encoded["index"], n)]
    at = read_column(encoded["at"], n)
    out = [empty] * n
    for k, v in zip(at, read_column(encoded["values"], len(at), empty), strict=True):
        out[k] = v
    return out


def split_quotes(data: dict[str, Any]) -> list[list[list[str]]]:
    """Take the quotes of a large table out of `data` (made by `payload`): the page then loads positions and
    what pins and filters need at once, and a place's quotes only when its popup opens. Each chunk holds the
    quotes of consecutive sites, a list per site in claim order; `data["quoteChunks"]` says which site each
    chunk starts at. A table whose quotes stay under QUOTES_INLINE_MAX keeps them (and gets no chunks)."""
    quotes, size = data["claims"]["columns"]["quote"], QUOTE_CHUNK
    if sum(map(len, quotes)) <= QUOTES_INLINE_MAX:
        return []
    chunks: list[list[list[str]]] = []
    starts, held, at = [], size, 0
    for i, n in enumerate(read_column(data["claims"]["perSite"], data["sites"]["n"])):
        if held >= size:
            starts.append(i)
            chunks.append([])
            held = 0
        mine = quotes[at:at + n]
        at += n
        held += sum(map(len, mine))
        chunks[-1].append(mine)
    del data["claims"]["columns"]["quote"]
    data["quoteChunks"] = starts
    return chunks


def to_script_json(value: Any) -> str:
    """JSON that is safe inside <script> and in a .js file: no '</script>', no '<!--', no line separators,
    no raw '&'. Every value from the table passes through here, so a quote cannot break out as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
