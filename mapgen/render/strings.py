"""Interface strings of the HTML pages, one table per language, and the one Jinja environment that renders them.

Templates take every word they show from `strings(lang)`, so a translation is a new table here and no
template changes. Values with `{name}` are filled with `str.format` in the template; the result is text
and is escaped like any other value.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from .. import paths

LANG = "en"  # the language pages are written in, until the renderers are handed one
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # map page
        "panel_label": "Search, filters and legend",
        "filters": "Filters",
        "map_label": "Map",
        "noscript_before": "This map needs JavaScript. The places and their sources are also in",
        "noscript_and": "and the",
        "noscript_sources": "source texts",
        "osm_credit": "map tiles © OpenStreetMap contributors",
        "tiles_attribution": "Map tiles: {host}",
        "tiles_credit": "map tiles from {host}",
        # source pages
        "source_title": "{title} — source text",
        "licence": "Licence: {licence}",
        "original": "original",
        "file": "File",
        "lines": "{n} lines.",
        "source_help": "Highlighted passages are quoted on the map; the line a citation points to is outlined.",
        "quoted_for": "Quoted on the map for:",
        "back": "Back to the map",
        "index_title": "Sources of the map",
        "index_heading": "Sources",
        "index_intro": "The texts every quote on the map comes from.",
        # visit sheet
        "sheet_summary": "{n} stops {where}; total {total} in straight lines on the ellipsoid (roads are longer). "
                         "Order: {method}.",
        "sheet_from": "from {lat:.4f}, {lon:.4f}",
        "sheet_from_first": "from the first stop",
        "sheet_overview": "Overview map of the route through {n} stops",
        "sheet_place": "Place",
        "sheet_coordinates": "Coordinates",
        "sheet_leg": "Leg",
        "sheet_precision": "precision: {precision}",
        "sheet_distance": "Distance",
        "sheet_from_previous": "{km} from the previous stop (straight line)",
        "sheet_from_start": "{km} from the start (straight line)",
        "sheet_today": "Today",
        "sheet_note_source": "{note} (source: {source})",
        "sheet_source_line": "{title}, line {line}",
        "sheet_remembrance": "Remembrance",
        "sheet_cite": "— {title}, line {line} ({origin}; {licence})",
        "sheet_footer": "Quotes are verbatim from the sources named; flagged claims are marked ⚑. Made with mapgen. "
                        "Outlines: Natural Earth.",
    },
}


def strings(lang: str = LANG) -> dict[str, str]:
    """The interface strings of one language."""
    return STRINGS[lang]


# markupsafe writes " and ' as &#34; and &#39;; html.escape, which wrote these pages before templates, as
# &quot; and &#x27;. Pages keep the old spelling, so they stay byte-identical. The two are the same
# character references wherever the parser decodes them; inside <script> and <style> it does not, so
# those blocks are left as they are.
_REFERENCE = re.compile(r"(<(script|style)\b[^>]*>.*?</\2>)|&#(34|39);", re.S)
_SPELLING = {"34": "&quot;", "39": "&#x27;"}


def respell(page: str) -> str:
    """The page with the character references for quotes spelled as html.escape spells them."""
    if "&#3" not in page:
        return page
    return _REFERENCE.sub(lambda m: m.group(1) or _SPELLING[m.group(3)], page)


def _script_text(text: str) -> Markup:
    """Code for an inline <script>: a vendored library could hold the closing tag in a string; break it so
    the page parses."""
    return Markup(text.replace("</script", "<\\/script"))


@functools.cache
def environment() -> Environment:
    """Created once: templates are compiled on first use and kept. Data are only ever values passed to
    `render`, never compiled."""
    env = Environment(loader=PackageLoader("mapgen", "templates"), autoescape=True, keep_trailing_newline=True)
    env.filters["script_text"] = _script_text
    env.globals["paths"] = paths
    return env


def render(name: str, **values: Any) -> str:
    """One template rendered to a string."""
    return respell(environment().get_template(name).render(**values))
