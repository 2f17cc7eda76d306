"""`mapgen build`: every file of the explorer map, as (path, bytes) pairs for the atomic writer."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from . import paths
from .assets import GESTURE, PAGE, own
from .gazetteer import country_outlines_text
from .model import Atlas
from .parallel import Background, Standby
from .read import InputError, Problem
from .render.geojson import render_geojson
from .render.orientation import located, orientation_near, orientation_places
from .render.page import OSM_TILES, PageSpec, category_css, render_page, url_attr
from .render.payload import payload, split_quotes, to_script_json
from .render.sources import render_source, render_source_index, source_pages
from .render.strings import LANG, in_sentence, label, strings, years
from .render.table import render_csv
from .vocab import CATEGORIES, PERIODS, Category, Period


def _unprintable(value: str) -> bool:
    """Whitespace, control, format (bidi, zero-width) or undecodable (surrogate) characters."""
    return any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in value)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


def check_link_base(value: str) -> str:
    """The link base of an embed, checked: an http(s) URL with a host, or a relative path. Anything else
    (javascript:, data:, //host, backslashes, spaces, control characters) would put a script or another
    site behind the page's links. Returned with a trailing slash, so that file names can be appended."""
    def refuse(why: str) -> InputError:
        return InputError([Problem("--link-base", 0, "", f"{value!r} {why}; give the http:// or https:// URL of "
                                   "the published map (https://example.org/map/) or a relative path (../map/), "
                                   "without spaces, backslashes, '?' or '#'")])

    if value == "":
        return ""
    if _unprintable(value):
        raise refuse("contains spaces, control or invisible characters")
    if "\\" in value or "?" in value or "#" in value:
        raise refuse("contains a backslash, '?' or '#'")
    if _SCHEME.match(value):
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https"):
            raise refuse(f"uses the scheme {parts.scheme!r}")
        try:
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            raise refuse("has a malformed port") from None
        if not parts.hostname or "@" in parts.netloc or not value.lower().startswith(parts.scheme.lower() + "://"):
            raise refuse("has no host (or a user name in it)")
    elif value.startswith("//"):
        raise refuse("is a scheme-relative URL")
    return value if value.endswith("/") else value + "/"


TILE_FIELDS = {"s", "z", "x", "y", "r"}


def check_tiles(value: str | None) -> str | None:
    """The tile server: an http(s) URL template with {z}, {x} and {y} (also {s} as the first label of the
    host, and {r}), or `none` (or None) for a map that asks no tile server for anything (None)."""
    def refuse(why: str) -> InputError:
        return InputError([Problem("--tiles", 0, "", f"{value!r} {why}; give a tile URL template such as "
                                   "https://tile.openstreetmap.org/{z}/{x}/{y}.png, or none for no tiles")])

    if value is None or value.strip().lower() == "none":
        return None
    if _unprintable(value) or any(c in value for c in '"<>\\^`|'):
        raise refuse("contains spaces, quotes, <, >, backslashes or invisible characters")
    fields = re.findall(r"\{([^{}]*)\}", value)
    if not {"z", "x", "y"} <= set(fields) or not set(fields) <= TILE_FIELDS:
        raise refuse("needs {z}, {x} and {y} (and no placeholders but {s} and {r})")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not value.startswith(parts.scheme + "://"):
        raise refuse("is not an http:// or https:// URL")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise refuse("has a malformed port") from None
    host = (parts.hostname or "").removeprefix("{s}.")
    if "@" in parts.netloc or not _HOST.fullmatch(host) or "{" in parts.netloc.removeprefix("{s}."):
        raise refuse("needs a plain host name ({s} only as its first label)")
    return value


def shown_vocab(atlas: Atlas, wanted_periods: Iterable[str] | None = None,
                wanted_categories: Iterable[str] | None = None) -> tuple[list[Period], list[Category]]:
    """The periods and categories the atlas has claims in (of those a project wants, if it says): a map by
    period or category is built (and linked) only for those, so a small project's map offers no empty pages."""
    periods = {p for s in atlas.sites for p in s.periods}
    categories = {c for s in atlas.sites for c in s.categories}
    if wanted_periods is not None:
        periods &= set(wanted_periods)
    if wanted_categories is not None:
        categories &= set(wanted_categories)
    return [p for p in PERIODS if p.slug in periods], [c for c in CATEGORIES if c.slug in categories]


def page_links(periods: list[Period], categories: list[Category], lang: str = LANG) -> list[dict]:
    s = strings(lang)
    return [
        {"title": s["by_period"], "kind": "period",
         "links": [{"label": f"{label('period', p.slug, lang)} ({years(p, lang)})", "slug": p.slug,
                    "href": paths.period_page(p.slug)} for p in periods]},
        {"title": s["by_category"], "kind": "category",
         "links": [{"label": label("category", c.slug, lang), "slug": c.slug,
                    "href": paths.category_page(c.slug)} for c in categories]},
    ]


def describe(atlas: Atlas, what: str = "", lang: str = LANG) -> str:
    s = strings(lang)
    return str(s["description"].format(places=s.plural("description_places", len(atlas.sites)), what=what,
                                      claims=s.plural("description_claims", atlas.claim_count)))


# A child forked from a process holding the model doubles each page of it that either reads while it lives
# (parallel.py): up to this many sites the downloads are rendered in such a child meanwhile (at 100,000 sites
# about 0.6 s saved of 5.5, for 0.1 GB more); beyond it, in this process after the pages (at a million sites
# about 5 s more, and 1.8 GB less).
FORK_DOWNLOADS_MAX = 250_000


def near_script(lats: Any, lons: Any) -> list[bytes]:
    """The places to label near the points, as the page's script data (a module's function: a Standby child
    is handed it by name)."""
    return [to_script_json(orientation_near(lats, lons)).encode()]


def build_files(atlas: Atlas, self_contained: bool, progress: Callable[[str], None] = lambda _: None,
                parallel: bool = False, tiles: str | None = OSM_TILES, title: str = "", description: str = "",
                search_example: str = "", maps: tuple[Iterable[str] | None, Iterable[str] | None] = (None, None),
                lang: str = LANG, standby: Standby | None = None) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    """Yield the files in a fixed order; nothing here depends on time, randomness or the machine.
    With `parallel`, the places near the sites are chosen in another process meanwhile (by `standby`, a child
    forked before the model was built, if given), and so are the two downloads up to FORK_DOWNLOADS_MAX sites
    (same bytes).
    `tiles`: a tile URL template, or None/"none" for pages that ask no tile server (see check_tiles).
    `title`, `description`, `search_example`: a project's own (mapgen's when empty); `maps`: the periods and
    categories a project wants maps of (None: each one the atlas has); `lang`: the pages' language before the
    reader picks one (the map pages carry every language)."""
    tiles = check_tiles(tiles)
    # one child for both downloads: a child copies the pages of every site it reads
    geojson, table = Background.together([lambda: render_geojson(atlas), lambda: render_csv(atlas)],
                                         fork=parallel and len(atlas.sites) <= FORK_DOWNLOADS_MAX)
    points = located(atlas.sites)
    near = (standby.give(near_script, *points) if parallel and standby is not None
            else Background(lambda: near_script(*points), fork=parallel))
    progress("payload")
    whole = payload(atlas)
    inline = to_script_json(whole) if self_contained else ""  # a self-contained index.html carries every quote
    chunks = split_quotes(whole)  # a large table's quotes load when a popup asks for them
    data = to_script_json(whole) if chunks or not inline else inline
    del whole  # the JSON holds it now; its lists are a site's worth of memory each
    outline = country_outlines_text("110m")
    assets = "local" if self_contained else "cdn"
    yield paths.SITES_JS, f"window.MAPGEN_DATA={data};\n".encode()
    for k, chunk in enumerate(chunks):
        yield paths.quote_chunk(k), f"window.mapgenQuotes({k},{to_script_json(chunk)});\n".encode()
    yield paths.OUTLINE_JS, f"window.MAPGEN_OUTLINE={outline};\n".encode()
    yield paths.asset("mapgen.js"), own("mapgen.js").encode()
    yield paths.asset("mapgen.css"), (own("mapgen.css") + category_css() + "\n").encode()
    if self_contained:
        for asset in PAGE + GESTURE:
            yield paths.asset(asset.name), asset.local.read_bytes()
    s = strings(lang)
    heading = {"title": title, "description": bool(description)}  # the page script puts mapgen's own in words
    title = title or s["title"]
    periods, categories = shown_vocab(atlas, *maps)
    links = page_links(periods, categories, lang)
    progress("pages by period and category")  # (they load data/*.js: the places near the sites are still coming)
    for p in periods:
        name = label("period", p.slug, lang)
        spec = PageSpec(title=s["page_title"].format(what=f"{name}, {years(p, lang)}", title=title),
                        description=describe(atlas, f", {name}", lang),
                        root="../", initial={"periods": [p.slug]}, pages=links, assets=assets,
                        inline_data=False, tiles=tiles, search_example=search_example, lang=lang,
                        heading={**heading, "description": False, "kind": "period", "slug": p.slug})
        yield paths.period_page(p.slug), render_page(spec, data, outline).encode()
    for c in categories:
        name = label("category", c.slug, lang)
        spec = PageSpec(title=s["page_title"].format(what=name, title=title),
                        description=describe(atlas, f", {in_sentence(name, lang)}", lang),
                        root="../", initial={"categories": [c.slug]}, pages=links, assets=assets,
                        inline_data=False, tiles=tiles, search_example=search_example, lang=lang,
                        heading={**heading, "description": False, "kind": "category", "slug": c.slug})
        yield paths.category_page(c.slug), render_page(spec, data, outline).encode()
    progress("source pages")
    pages = source_pages(atlas.sources)
    for source in atlas.sources.values():
        yield paths.source_page(pages[source.file]), render_source(source, atlas, lang)
    yield paths.SOURCE_INDEX, render_source_index(atlas, lang).encode()
    progress("index.html")
    places = near.result().decode()
    yield paths.PLACES_JS, f"window.MAPGEN_PLACES={places};\n".encode()
    index = PageSpec(title=title, description=description or describe(atlas, lang=lang), pages=links,
                     assets="inline" if self_contained else "cdn", inline_data=self_contained, tiles=tiles,
                     search_example=search_example, lang=lang, heading=heading)
    yield paths.INDEX, render_page(index, inline or data, outline, places).encode()
    progress("sites.geojson, sites.csv")
    yield paths.GEOJSON, geojson
    yield paths.CSV, table


def embed_html(atlas: Atlas, title: str, initial: dict[str, list[str]], link_base: str,
               tiles: str | None = OSM_TILES, search_example: str = "", lang: str = LANG, name: str = "",
               png: str = "") -> str:
    """One self-contained page for an article: only `atlas`'s sites, gesture handling, compact legend.
    `link_base` and `tiles` are checked here too (InputError), whoever calls. `name`: the page's file name and
    `png`: its picture's path from the page, both published at `link_base`: the picture is shown without
    JavaScript, and with an http(s) link base the page gets its address and picture for link previews."""
    link_base = check_link_base(link_base)
    tiles = check_tiles(tiles)
    absolute = urlsplit(link_base).scheme in ("http", "https")
    spec = PageSpec(title=title, description=describe(atlas, lang=lang), root=link_base, initial=initial, embed=True,
                    assets="inline", inline_data=True, downloads=bool(link_base),
                    canonical=f"{link_base}{paths.INDEX}" if link_base else "", tiles=tiles,
                    search_example=search_example, lang=lang, heading={"title": title, "description": False},
                    social=True, url=link_base + name if absolute and name else "",
                    image=link_base + png if absolute and png else "", image_alt=strings(lang)["og_image_alt"],
                    fallback_image=png)
    return render_page(spec, to_script_json(payload(atlas)), country_outlines_text("110m"),
                       to_script_json(orientation_places(atlas.sites)))


def _origin(url: str) -> str:
    """The origin a browser reports for pages under an http(s) URL (default port left out), else ""."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = parts.port
    return f"{scheme}://{host}" + (f":{port}" if port and port != {"http": 80, "https": 443}[scheme] else "")


def iframe_snippet(src: str, title: str, link_base: str = "", lang: str = LANG, auto_height: bool = False) -> str:
    """The <iframe> for an article. `src` is the embed's file name; with a link base it becomes absolute.
    `allow="geolocation"` lets "Near me" ask for the reader's position inside the frame. With `auto_height`, a
    script follows it that sets the frame's height to what the embed asks for (static/js/96-height.js posts
    {type: "mapgen:height", height}): only messages from this frame's own window (and, with an http(s) link
    base, its origin) are heeded, and only a number, kept between 240 and 2000 px."""
    link_base = check_link_base(link_base)
    url = link_base + src
    frame = (f'<iframe src="{url_attr(url)}" title="{html.escape(strings(lang)["iframe_title"].format(title=title))}" '
             f'loading="lazy" allowfullscreen allow="geolocation"{" data-mapgen-height" if auto_height else ""} '
             'style="width:100%;height:min(70vh,560px);min-height:360px;border:0" '
             'referrerpolicy="no-referrer-when-downgrade"></iframe>')
    if not auto_height:
        return frame
    origin = _origin(link_base)
    check = f" || e.origin !== {to_script_json(origin)}" if origin else ""  # JSON: a string, safe in <script>
    listener = ("<script>window.addEventListener('message', function (e) {\n"
                "  var d = e.data, frames = document.querySelectorAll('iframe[data-mapgen-height]');\n"
                "  if (!d || d.type !== 'mapgen:height' || typeof d.height !== 'number' || !isFinite(d.height)"
                f"{check}) return;\n"
                "  for (var i = 0; i < frames.length; i++) {\n"
                "    if (frames[i].contentWindow === e.source) {\n"
                "      frames[i].style.height = Math.round(Math.min(2000, Math.max(240, d.height))) + 'px';\n"
                "    }\n"
                "  }\n"
                "});</script>")
    return frame + "\n" + listener


def credits(atlas: Atlas, lang: str = LANG, link_base: str = "") -> str:
    """The credit line of a picture of the map: its sources (titles as they are), the outlines, and where every
    place is given with its sources (with a link base)."""
    s = strings(lang)
    sources = s["png_sources"].format(sources="; ".join(f"{x.title} ({x.licence})" for x in atlas.sources.values()))
    made = (s["png_credit"].format(url=check_link_base(link_base) + paths.INDEX) if link_base
            else s["png_credit_plain"])
    return f"{sources} {made}"
