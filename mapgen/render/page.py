"""A map page: a Leaflet map shell, the data payload, and mapgen's own script.

folium writes one JavaScript block per marker and escapes nothing inside popups (see NOTES.md), so
pins and popups are made in the browser from one JSON payload instead. The shell is built on branca,
folium's element layer, with folium's own Map template: importing folium itself compiles some 300
templates (0.8 s), more than the rest of a 10,000-site build. Element ids are fixed so builds are
byte-identical.
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

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from ..assets import GESTURE, LEAFLET, Asset, own
from ..vocab import CATEGORIES
from .payload import to_script_json

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a> · mapgen'
CSP_PLACEHOLDER = "<!--mapgen-csp-->"


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


def tile_config(url: str | None) -> dict[str, str] | None:
    """What mapgen.js needs to draw tiles: the template, Leaflet's attribution (HTML) and the credit line."""
    if url is None:
        return None
    if url == OSM_TILES:
        return {"url": url, "attribution": OSM_ATTRIBUTION, "credit": "map tiles © OpenStreetMap contributors"}
    host = urlsplit(url).hostname or ""
    host = host.replace("{s}.", "")
    return {"url": url, "attribution": "Map tiles: " + html.escape(host), "credit": f"map tiles from {host}"}


def hash_source(text: str) -> str:
    """A CSP hash source for an inline <script> or <style> whose content is exactly `text`. The HTML parser
    turns CR LF and CR into LF before the browser hashes (leaflet.css has CR LF), so this does too."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_meta(scripts: Iterable[str] = (), styles: Iterable[str] = (), images: Iterable[str] = ("'self'", "data:")
             ) -> str:
    """The Content-Security-Policy <meta>: nothing is allowed unless listed. `scripts`/`styles` are sources
    (hashes of inline blocks, 'self', CDN origins); with none, the page runs no script at all."""
    def sources(values: Iterable[str]) -> str:
        return " ".join(dict.fromkeys(values)) or "'none'"

    policy = (f"default-src 'none'; script-src {sources(scripts)}; style-src {sources(styles)}; "
              f"img-src {sources(images)}; object-src 'none'; base-uri 'none'; form-action 'none'")
    return f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'


_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def with_csp(page: str, sources: dict[str, list[str]], images: list[str]) -> str:
    """Fill the page's CSP placeholder, allowing exactly the inline <script> and <style> blocks the page
    holds (found after rendering, so the hashes are of the bytes the browser reads). Blocks with a `type`
    or `src` are not matched: JSON data blocks never run and need no hash."""
    scripts, styles = list(sources.get("script", [])), list(sources.get("style", []))
    for kind, text in _INLINE.findall(page):
        (scripts if kind == "script" else styles).append(hash_source(text))
    return page.replace(CSP_PLACEHOLDER, csp_meta(scripts, styles, images), 1)


class Page(Figure):
    """branca's Figure with a language, a charset and its scripts inside <body>."""

    _template = Template(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "{{ this.header.render(**kwargs) }}\n</head>\n<body>\n{{ this.html.render(**kwargs) }}\n"
        "<script>\n{{ this.script.render(**kwargs) }}\n</script>\n{{ this.tail }}\n</body>\n</html>\n"
    )
    tail = ""  # mapgen's own script, which must run after the map exists


class Raw(Element):
    """Markup inserted as it is. branca's Element compiles its text as a Jinja template, so data
    holding `{{ ... }}` would be evaluated; here the text is a value, never a template."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self.text = text


class MapShell(MacroElement):
    """folium's Map template, without `user-scalable=no` (people must be able to zoom the page)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}<meta name="viewport" content="width=device-width, initial-scale=1">
{% endmacro %}
{% macro html(this, kwargs) %}<div class="folium-map" id={{ this.get_name()|tojson }} role="region"
 aria-label="Map"></div>
{% endmacro %}
{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }},
  {{ this.options|tojson }});
L.control.scale().addTo({{ this.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, **options: Any):
        super().__init__()
        self._name = "map"
        self._id = "mapgen"
        self.options = options


@dataclass
class PageSpec:
    title: str  # <title> and heading
    description: str  # meta description and screen-reader summary
    root: str = ""  # path from the page to the build root ("" or "../")
    initial: dict[str, list[str]] = field(default_factory=dict)  # periods/categories shown first
    pages: list[dict[str, Any]] = field(default_factory=list)  # links to pre-filtered pages
    assets: str = "inline"  # Leaflet and mapgen scripts: "inline", "local" (root/assets/) or "cdn"
    inline_data: bool = True  # payload and outline inside the page, or from root/data/*.js
    geojson_href: str | None = "sites.geojson"
    embed: bool = False  # compact, gesture handling, links open in a new tab
    canonical: str = ""  # where the full map lives (for embeds)
    tiles: str | None = OSM_TILES  # tile URL template (checked by build.check_tiles), None: no tiles


def category_css() -> str:
    return "".join(f".mg-c{k}{{--c:{c.colour}}}" for k, c in enumerate(CATEGORIES))


def _inline_css(asset: Asset) -> str:
    text = asset.local.read_text(encoding="utf-8")
    # Leaflet's stylesheet points at images for the default marker and layer control, which we do not
    # use; dropping the references keeps a self-contained page from asking for files it lacks.
    return re.sub(r"url\((?!['\"]?data:|#)[^)]*\)", "none", text)


def _script(text: str) -> str:
    # A vendored library could contain the closing tag in a string; break it so the page parses.
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _asset_tags(spec: PageSpec, origins: dict[str, list[str]]) -> list[str]:
    """The tags that bring in Leaflet and mapgen's stylesheet; `origins` collects the CSP sources that
    the tags need beyond their inline hashes. A CDN file is linked only with the integrity of the pinned
    file; one without (its local copy differs from the CDN's) is inlined instead."""
    tags = []
    for asset in LEAFLET + (GESTURE if spec.embed else []):
        if spec.assets == "inline" or (spec.assets == "cdn" and not asset.sri):
            tags.append(f"<style>{_inline_css(asset)}</style>" if asset.kind == "css"
                        else _script(asset.local.read_text(encoding="utf-8")))
            continue
        if spec.assets == "cdn":
            href = html.escape(asset.cdn)
            extra = f' integrity="{asset.sri}" crossorigin="anonymous"'
            origins["script" if asset.kind == "js" else "style"].append(tile_origin(asset.cdn))
        else:
            href = url_attr(f"{spec.root}assets/{asset.name}")
            extra = ""
            origins["script" if asset.kind == "js" else "style"].append("'self'")
        tags.append(f'<link rel="stylesheet" href="{href}"{extra}>' if asset.kind == "css"
                    else f'<script src="{href}"{extra}></script>')
    if spec.assets == "inline":
        tags.append(f"<style>{own('mapgen.css')}{category_css()}</style>")
    else:
        tags.append(f'<link rel="stylesheet" href="{url_attr(spec.root + "assets/mapgen.css")}">')
        origins["style"].append("'self'")
    return tags


def render_page(spec: PageSpec, payload_json: str, outline_json: str) -> str:
    """One HTML page. The payload and outline are inlined when `spec.inline_data`, else loaded from data/."""
    shell = MapShell(center=[55.0, 37.0], zoom=4, maxZoom=18, minZoom=2, worldCopyJump=True, zoomSnap=0.5)
    if spec.embed:
        shell.options["gestureHandling"] = True
    page = Page()
    page._id = "page"
    page.add_child(shell)

    origins: dict[str, list[str]] = {"script": [], "style": []}
    head = [CSP_PLACEHOLDER, f"<title>{html.escape(spec.title)}</title>",
            f'<meta name="description" content="{html.escape(spec.description)}">']
    if spec.canonical:
        head.append(f'<link rel="canonical" href="{url_attr(spec.canonical)}">')
    head += _asset_tags(spec, origins)
    for k, text in enumerate(head):
        page.header.add_child(Raw(text), name=f"h{k:02d}")

    tiles = None if spec.tiles in (None, "none") else spec.tiles
    root = url_encode(spec.root)
    config = {
        "mapVar": shell.get_name(), "root": root, "initial": spec.initial, "pages": spec.pages,
        "tiles": tile_config(tiles), "attribution": ATTRIBUTION, "embed": spec.embed,
        "canonical": url_encode(spec.canonical), "data": spec.geojson_href,
    }
    body = [
        '<aside id="mg-panel" aria-label="Search, filters and legend"><header><div>'
        f'<h1>{html.escape(spec.title)}</h1><p id="mg-count" aria-live="polite"></p></div>'
        '<button id="mg-toggle" type="button" aria-expanded="false" aria-controls="mg-panel-body">'
        "Filters</button></header></aside>",
        f'<p class="mg-sr" id="mg-summary">{html.escape(spec.description)}</p>',
        "<noscript><p class=\"mg-noscript\">This map needs JavaScript. The places and their sources are also "
        f'in <a href="{url_attr(root + "sites.geojson")}">sites.geojson</a> and the '
        f'<a href="{url_attr(root + "sources/index.html")}">source texts</a>.</p></noscript>',
        f'<script type="application/json" id="mapgen-config">{to_script_json(config)}</script>',
    ]
    if spec.inline_data:
        body.append(f'<script type="application/json" id="mapgen-data">{payload_json}</script>')
        body.append(f'<script type="application/json" id="mapgen-outline">{outline_json}</script>')
    else:
        body.append(f'<script src="{url_attr(root + "data/sites.js")}"></script>')
        body.append(f'<script src="{url_attr(root + "data/outline.js")}"></script>')
        origins["script"].append("'self'")
    for k, text in enumerate(body):
        page.html.add_child(Raw(text), name=f"b{k:02d}")
    if spec.assets == "inline":
        page.tail = _script(own("mapgen.js"))
    else:
        page.tail = f'<script src="{url_attr(root + "assets/mapgen.js")}"></script>'
        origins["script"].append("'self'")
    images = ["'self'", "data:"] + ([tile_origin(tiles)] if tiles else [])
    return with_csp(page.render(), origins, images)
