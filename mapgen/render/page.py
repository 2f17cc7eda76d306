"""A map page: a Leaflet map shell, the data payload, and mapgen's own script.

folium writes one JavaScript block per marker and escapes nothing inside popups (see NOTES.md), so
pins and popups are made in the browser from one JSON payload instead. The shell is built on branca,
folium's element layer, with folium's own Map template: importing folium itself compiles some 300
templates (0.8 s), more than the rest of a 10,000-site build. Element ids are fixed so builds are
byte-identical.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from ..assets import GESTURE, LEAFLET, Asset, own
from ..vocab import CATEGORIES
from .payload import to_script_json

TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
}
ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a> · mapgen'


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


def _asset_tags(spec: PageSpec) -> list[str]:
    tags = []
    for asset in LEAFLET + (GESTURE if spec.embed else []):
        if spec.assets == "inline":
            tags.append(f"<style>{_inline_css(asset)}</style>" if asset.kind == "css"
                        else _script(asset.local.read_text(encoding="utf-8")))
            continue
        href = asset.cdn if spec.assets == "cdn" else f"{spec.root}assets/{asset.name}"
        tags.append(f'<link rel="stylesheet" href="{href}">' if asset.kind == "css"
                    else f'<script src="{href}"></script>')
    if spec.assets == "inline":
        tags.append(f"<style>{own('mapgen.css')}{category_css()}</style>")
    else:
        tags.append(f'<link rel="stylesheet" href="{spec.root}assets/mapgen.css">')
    return tags


def render_page(spec: PageSpec, payload_json: str, outline_json: str) -> str:
    """One HTML page. The payload and outline are inlined when `spec.inline_data`, else loaded from data/."""
    shell = MapShell(center=[55.0, 37.0], zoom=4, maxZoom=18, minZoom=2, worldCopyJump=True, zoomSnap=0.5)
    if spec.embed:
        shell.options["gestureHandling"] = True
    page = Page()
    page._id = "page"
    page.add_child(shell)

    head = [f"<title>{html.escape(spec.title)}</title>",
            f'<meta name="description" content="{html.escape(spec.description)}">']
    if spec.canonical:
        head.append(f'<link rel="canonical" href="{html.escape(spec.canonical)}">')
    head += _asset_tags(spec)
    for k, text in enumerate(head):
        page.header.add_child(Raw(text), name=f"h{k:02d}")

    config = {
        "mapVar": shell.get_name(), "root": spec.root, "initial": spec.initial, "pages": spec.pages,
        "tiles": TILES, "attribution": ATTRIBUTION, "embed": spec.embed, "canonical": spec.canonical,
        "data": spec.geojson_href,
    }
    body = [
        '<aside id="mg-panel" aria-label="Search, filters and legend"><header><div>'
        f'<h1>{html.escape(spec.title)}</h1><p id="mg-count" aria-live="polite"></p></div>'
        '<button id="mg-toggle" type="button" aria-expanded="false" aria-controls="mg-panel-body">'
        "Filters</button></header></aside>",
        f'<p class="mg-sr" id="mg-summary">{html.escape(spec.description)}</p>',
        "<noscript><p class=\"mg-noscript\">This map needs JavaScript. The places and their sources are also "
        f'in <a href="{spec.root}sites.geojson">sites.geojson</a> and the <a href="{spec.root}sources/index.html">'
        "source texts</a>.</p></noscript>",
        f'<script type="application/json" id="mapgen-config">{to_script_json(config)}</script>',
    ]
    if spec.inline_data:
        body.append(f'<script type="application/json" id="mapgen-data">{payload_json}</script>')
        body.append(f'<script type="application/json" id="mapgen-outline">{outline_json}</script>')
    else:
        body.append(f'<script src="{spec.root}data/sites.js"></script>')
        body.append(f'<script src="{spec.root}data/outline.js"></script>')
    for k, text in enumerate(body):
        page.html.add_child(Raw(text), name=f"b{k:02d}")
    page.tail = (_script(own("mapgen.js")) if spec.assets == "inline"
                 else f'<script src="{spec.root}assets/mapgen.js"></script>')
    return page.render()
