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
from ..vocab import Period

LANG = "en"  # the language pages are written in, until the renderers are handed one
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # the map's own title and description (a user's --title replaces the title)
        "title": "Places of Soviet political repression",
        "description": "Interactive map of {n} places of Soviet political repression{what}: execution and burial "
                       "grounds, camps, massacres, deportations, show trials and memorials, with {claims} claims "
                       "each quoting its source.",
        "page_title": "{what} — {title}",
        "by_period": "By period",
        "by_category": "By category",
        "years_span": "{start}–{end}",
        "years_open": "{start}–today",
        # the vocabularies
        "category:execution_burial_site": "Execution and burial site",
        "category:camp_prison_exile": "Camp, prison or exile",
        "category:massacre_war_crime": "Massacre or war crime",
        "category:deportation": "Deportation",
        "category:show_trial_persecution": "Show trial or persecution",
        "category:uprising_suppressed": "Suppressed uprising",
        "category:famine": "Famine",
        "category:memorial": "Memorial and commemoration",
        "period:revolution-civil-war": "Revolution and Civil War",
        "period:collectivization": "NEP and collectivization",
        "period:great-purge": "Great Purge",
        "period:world-war-ii": "Second World War",
        "period:late-stalinism": "Late Stalinism",
        "period:after-stalin": "After Stalin",
        "period:remembrance": "Remembrance",
        "precision:site": "the spot itself, within about 1 km",
        "precision:settlement": "a town or village as a whole",
        "precision:region": "only the region is known",
        "flag:citation_needed": "The source marks this passage as lacking a citation.",
        "flag:dubious": "The passage reads as vandalised, implausible or editorialising.",
        "flag:unsourced": "An aside the source gives without any reference.",
        "flag:disputed": "Historians dispute the figure or attribution.",
        "flag:misdated": "The source's date differs from the one other accounts give.",
        "flag:reference_only": "The source names this only in its reference list, not in its running text.",
        # map page
        "panel_label": "Search, filters and legend",
        "filters": "Filters",
        "map_label": "Map",
        "noscript_before": "This map needs JavaScript. The places and their sources are also in",
        "noscript_and": "and the",
        "noscript_sources": "source texts",
        "osm_credit": "map tiles © OpenStreetMap contributors",
        "folium_line": "line",
        "tiles_attribution": "Map tiles: {host}",
        "tiles_credit": "map tiles from {host}",
        # source pages
        "source_title": "{title} — source text",
        "licence": "Licence: {licence}",
        "original": "original",
        "file": "File",
        "lines": "{n} lines.",
        "source_help": "Highlighted passages are quoted on the map; the line a citation points to is outlined. "
                       "Places linked in the text are on the map; a place with a dotted underline is not, and "
                       "the line says why. A struck-through passage is one the map warns against.",
        "unmapped": "Not on the map:",
        "warning": "⚠ Not to be trusted:",
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
        "sheet_visiting": "Visiting",
        "sheet_checked": "Checked",
        "sheet_checked_value": "{date}: the notes above are the map's, each with its source; the quotes below "
                               "are the sources' own words",
        "gps_today": "Today: {note}",
        "gps_remembrance": "Remembrance: {note}",
        "gps_visiting": "Visiting: {note}",
        "gps_checked": "as of {date}",
        "sheet_cite": "— {title}, line {line} ({origin}; {licence})",
        "sheet_footer": "Quotes are verbatim from the sources named; flagged claims are marked ⚑. Made with mapgen. "
                        "Outlines: Natural Earth.",
    },
}


def strings(lang: str = LANG) -> dict[str, str]:
    """The interface strings of one language."""
    return STRINGS[lang]


def label(kind: str, slug: str, lang: str = LANG) -> str:
    """What a category, period, precision or flag is called on pages."""
    return STRINGS[lang][f"{kind}:{slug}"]


def years(period: Period, lang: str = LANG) -> str:
    """A period's span of years; the last period runs up to today."""
    s = STRINGS[lang]
    if period.end is None:
        return s["years_open"].format(start=period.start)
    return s["years_span"].format(start=period.start, end=period.end)


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
