"""A map page: a Leaflet map shell, the data payload, and mapgen's own script.

folium writes one JavaScript block per marker and escapes nothing inside popups (see NOTES.md), so
pins and popups are made in the browser from one JSON payload instead. The shell is the one folium's Map
template writes, kept in templates/map.html: importing folium itself compiles some 300 templates (0.8 s),
more than the rest of a 10,000-site build. Element ids are fixed so builds are byte-identical.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from .. import paths
from ..assets import GESTURE, PAGE, Asset, own
from ..vocab import CATEGORIES
from .payload import to_script_json
from .strings import LANG, render, strings

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a> · mapgen'  # Leaflet's, HTML
CSP_PLACEHOLDER = "<!--mapgen-csp-->"  # in the CSP <meta>, filled once the page is rendered
MAP_VAR = "map_mapgen"  # the map's element id and script variable, fixed so builds are byte-identical


def url_attr(url: str) -> str:
    """A URL for an href/src attribute: characters a URL may not hold are percent-encoded (existing %XX
    escapes kept), then the whole is escaped for the attribute."""
    return html.escape(url_encode(url))


def url_encode(url: str) -> str:
    """Percent-encode what a URL may not hold raw (space, quotes, <, >, non-ASCII, a lone %); ' too, so
    that the URL is safe in any quoting."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    return quote(url, safe="/:@!$&()*+,;=-._~%?#[]")


def tile_origin(url: str) -> str:
    """The origin a tile URL template asks, as a CSP source: `https://{s}.host` becomes `https://*.host`."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1].replace("{s}.", "*.")
    return f"{parts.scheme.lower()}://{host.lower()}"


def tile_config(url: str | None, lang: str = LANG) -> dict[str, str] | None:
    """What mapgen.js needs to draw tiles: the template, Leaflet's attribution (HTML) and the host the credit
    line names (the page words it in the reader's language)."""
    if url is None:
        return None
    s = strings(lang)
    if url == OSM_TILES:
        return {"url": url, "attribution": OSM_ATTRIBUTION, "host": ""}
    host = urlsplit(url).hostname or ""
    host = host.replace("{s}.", "")
    return {"url": url, "attribution": s["tiles_attribution"].format(host=html.escape(host)), "host": host}


def hash_source(text: str) -> str:
    """A CSP hash source for an inline <script> or <style> whose content is exactly `text`. The HTML parser
    turns CR LF and CR into LF before the browser hashes (leaflet.css has CR LF), so this does too."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_policy(scripts: Iterable[str] = (), styles: Iterable[str] = (),
               images: Iterable[str] = ("'self'", "data:")) -> Markup:
    """The Content-Security-Policy, escaped for the <meta> content attribute: nothing is allowed unless
    listed. `scripts`/`styles` are sources (hashes of inline blocks, 'self', CDN origins); with none, the
    page runs no script at all."""
    def sources(values: Iterable[str]) -> str:
        return " ".join(dict.fromkeys(values)) or "'none'"

    policy = (f"default-src 'none'; script-src {sources(scripts)}; style-src {sources(styles)}; "
              f"img-src {sources(images)}; object-src 'none'; base-uri 'none'; form-action 'none'")
    return Markup(html.escape(policy, quote=False))


_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def with_csp(page: str, sources: dict[str, list[str]], images: list[str]) -> str:
    """Fill the page's CSP placeholder, allowing exactly the inline <script> and <style> blocks the page
    holds (found after rendering, so the hashes are of the bytes the browser reads). Blocks with a `type`
    or `src` are not matched: JSON data blocks never run and need no hash."""
    scripts, styles = list(sources.get("script", [])), list(sources.get("style", []))
    for kind, text in _INLINE.findall(page):
        (scripts if kind == "script" else styles).append(hash_source(text))
    return page.replace(CSP_PLACEHOLDER, csp_policy(scripts, styles, images), 1)


@dataclass
class PageSpec:
    title: str  # <title> and heading
    description: str  # meta description and screen-reader summary
    root: str = ""  # path from the page to the build root ("" or "../")
    initial: dict[str, list[str]] = field(default_factory=dict)  # periods/categories shown first
    pages: list[dict[str, Any]] = field(default_factory=list)  # links to pre-filtered pages
    assets: str = "inline"  # Leaflet and mapgen scripts: "inline", "local" (root/assets/) or "cdn"
    inline_data: bool = True  # payload and outline inside the page, or from root/data/*.js
    downloads: bool = True  # link the GeoJSON and CSV (an embed does only with a link base to reach them)
    embed: bool = False  # compact, gesture handling, links open in a new tab
    canonical: str = ""  # where the full map lives (for embeds)
    tiles: str | None = OSM_TILES  # tile URL template (checked by build.check_tiles), None: no tiles
    search_example: str = ""  # the search box's hint, a project's own place names ("" : mapgen's)
    lang: str = LANG  # the language the page is written in, until the reader picks another
    heading: dict[str, Any] = field(default_factory=dict)  # own title/description, the page's period or category
    social: bool = False  # Open Graph and Twitter card tags (an embed's; a full map's once it knows its address)
    url: str = ""  # the page's own absolute address, for og:url ("" : unknown)
    image: str = ""  # absolute address of a static picture of the map (og:image, twitter:image)
    image_alt: str = ""  # what that picture shows
    fallback_image: str = ""  # the picture's address from the page, shown without JavaScript (an embed's PNG)


def category_css() -> str:
    return "".join(f".mg-c{k}{{--c:{c.colour}}}" for k, c in enumerate(CATEGORIES))


def _inline_css(asset: Asset) -> str:
    text = asset.local.read_text(encoding="utf-8")
    # Leaflet's stylesheet points at images for the default marker and layer control, which we do not
    # use; dropping the references keeps a self-contained page from asking for files it lacks.
    return re.sub(r"url\((?!['\"]?data:|#)[^)]*\)", "none", text)


def _assets(spec: PageSpec, origins: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Leaflet and mapgen's stylesheet as the template takes them: `text` to inline, or `href` (and `sri`)
    to link; `origins` collects the CSP sources the links need beyond the inline hashes. A CDN file is
    linked only with the integrity of the pinned file; one without (its local copy differs from the CDN's)
    is inlined instead."""
    assets: list[dict[str, Any]] = []
    for asset in PAGE + (GESTURE if spec.embed else []):
        if spec.assets == "inline" or (spec.assets == "cdn" and not asset.sri):
            text = _inline_css(asset) if asset.kind == "css" else asset.local.read_text(encoding="utf-8")
            assets.append({"kind": asset.kind, "text": Markup(text)})
            continue
        kind = "script" if asset.kind == "js" else "style"
        if spec.assets == "cdn":
            assets.append({"kind": asset.kind, "href": asset.cdn, "sri": asset.sri})
            origins[kind].append(tile_origin(asset.cdn))
        else:
            assets.append({"kind": asset.kind, "href": url_encode(spec.root + paths.asset(asset.name))})
            origins[kind].append("'self'")
    if spec.assets == "inline":
        assets.append({"kind": "css", "text": Markup(own("mapgen.css") + category_css())})
    else:
        assets.append({"kind": "css", "href": url_encode(spec.root + paths.asset("mapgen.css"))})
        origins["style"].append("'self'")
    return assets


def render_page(spec: PageSpec, payload_json: str, outline_json: str, places_json: str = "[]") -> str:
    """One HTML page. The payload, outline and places (render/orientation.py, as JSON for a script) are inlined
    when `spec.inline_data`, else loaded from data/."""
    options: dict[str, Any] = {"center": [55.0, 37.0], "zoom": 4, "maxZoom": 18, "minZoom": 2,
                               "worldCopyJump": True, "zoomSnap": 0.5}
    if spec.embed:
        options["gestureHandling"] = True
    origins: dict[str, list[str]] = {"script": [], "style": []}
    tiles = None if spec.tiles in (None, "none") else spec.tiles
    root = url_encode(spec.root)
    config = {
        "mapVar": MAP_VAR, "root": root, "initial": spec.initial, "pages": spec.pages,
        "tiles": tile_config(tiles, spec.lang), "attribution": ATTRIBUTION, "embed": spec.embed,
        "canonical": url_encode(spec.canonical), "data": spec.downloads, "paths": paths.for_script(),
        "lang": spec.lang, "heading": spec.heading,
    }
    if spec.search_example:  # only when set: the shipped map's pages keep their bytes
        config["searchExample"] = spec.search_example
    values: dict[str, Any] = {
        "lang": spec.lang, "s": strings(spec.lang), "csp": Markup(CSP_PLACEHOLDER), "title": spec.title,
        "description": spec.description, "canonical": url_encode(spec.canonical) if spec.canonical else "",
        "assets": _assets(spec, origins), "root": root, "config": Markup(to_script_json(config)),
        "inline_data": spec.inline_data, "map_var": MAP_VAR, "options": options,
        "embed": spec.embed, "social": spec.social, "url": url_encode(spec.url) if spec.url else "",
        "image": url_encode(spec.image) if spec.image else "", "image_alt": spec.image_alt,
        "fallback_image": url_encode(spec.fallback_image) if spec.fallback_image else "",
        "full_map": url_encode(spec.canonical or spec.root + paths.INDEX),
    }
    if spec.inline_data:
        values.update(payload=Markup(payload_json), outline=Markup(outline_json), places=Markup(places_json))
    else:
        origins["script"].append("'self'")
    if spec.assets == "inline":
        values["script"] = own("mapgen.js")
    else:
        origins["script"].append("'self'")
    images = ["'self'", "data:"] + ([tile_origin(tiles)] if tiles else [])
    return with_csp(render("map.html", **values), origins, images)
