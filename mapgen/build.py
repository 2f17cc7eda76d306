"""`mapgen build`: every file of the explorer map, as (path, bytes) pairs for the atomic writer."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator

from .assets import GESTURE, LEAFLET, own
from .gazetteer import country_outlines_text
from .model import Atlas
from .parallel import Background
from .render.geojson import render_geojson
from .render.page import PageSpec, category_css, render_page
from .render.payload import payload, to_script_json
from .render.sources import render_source, render_source_index, source_href
from .render.table import render_csv
from .vocab import CATEGORIES, PERIODS

TITLE = "Places of Soviet political repression"


def page_links() -> list[dict]:
    return [
        {"title": "By period", "links": [{"label": f"{p.label} ({p.years()})", "href": f"period/{p.slug}.html"}
                                         for p in PERIODS]},
        {"title": "By category", "links": [{"label": c.label, "href": f"category/{c.slug}.html"}
                                           for c in CATEGORIES]},
    ]


def describe(atlas: Atlas, what: str = "") -> str:
    return (f"Interactive map of {len(atlas.sites)} places of Soviet political repression{what}: execution and "
            f"burial grounds, camps, massacres, deportations, show trials and memorials, with "
            f"{atlas.claim_count} claims each quoting its source.")


def build_files(atlas: Atlas, self_contained: bool, progress: Callable[[str], None] = lambda _: None,
                parallel: bool = False) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    """Yield the files in a fixed order; nothing here depends on time, randomness or the machine.
    With `parallel`, the two downloads are rendered in child processes meanwhile (same bytes)."""
    geojson = Background(lambda: render_geojson(atlas), fork=parallel)
    table = Background(lambda: render_csv(atlas), fork=parallel)
    progress("payload")
    data = to_script_json(payload(atlas))
    outline = country_outlines_text("110m")
    assets = "local" if self_contained else "cdn"
    yield "data/sites.js", f"window.MAPGEN_DATA={data};\n".encode()
    yield "data/outline.js", f"window.MAPGEN_OUTLINE={outline};\n".encode()
    yield "assets/mapgen.js", own("mapgen.js").encode()
    yield "assets/mapgen.css", (own("mapgen.css") + category_css() + "\n").encode()
    if self_contained:
        for asset in LEAFLET + GESTURE:
            yield f"assets/{asset.name}", asset.local.read_bytes()
    progress("index.html")
    index = PageSpec(title=TITLE, description=describe(atlas), pages=page_links(),
                     assets="inline" if self_contained else "cdn", inline_data=self_contained)
    yield "index.html", render_page(index, data, outline).encode()
    progress("pages by period and category")
    for p in PERIODS:
        spec = PageSpec(title=f"{p.label}, {p.years()} — {TITLE}", description=describe(atlas, f", {p.label}"),
                        root="../", initial={"periods": [p.slug]}, pages=page_links(), assets=assets,
                        inline_data=False, geojson_href="sites.geojson")
        yield f"period/{p.slug}.html", render_page(spec, data, outline).encode()
    for c in CATEGORIES:
        spec = PageSpec(title=f"{c.label} — {TITLE}", description=describe(atlas, f", {c.label.lower()}"),
                        root="../", initial={"categories": [c.slug]}, pages=page_links(), assets=assets,
                        inline_data=False)
        yield f"category/{c.slug}.html", render_page(spec, data, outline).encode()
    progress("source pages")
    for source in atlas.sources.values():
        yield f"sources/{source_href(source.file)}", render_source(source, atlas)
    yield "sources/index.html", render_source_index(atlas).encode()
    progress("sites.geojson, sites.csv")
    yield "sites.geojson", geojson
    yield "sites.csv", table


def embed_html(atlas: Atlas, title: str, initial: dict[str, list[str]], link_base: str) -> str:
    """One self-contained page for an article: only `atlas`'s sites, gesture handling, compact legend."""
    spec = PageSpec(title=title, description=describe(atlas), root=link_base, initial=initial, embed=True,
                    assets="inline", inline_data=True, geojson_href="sites.geojson" if link_base else None,
                    canonical=f"{link_base}index.html" if link_base else "")
    return render_page(spec, to_script_json(payload(atlas)), country_outlines_text("110m"))


def iframe_snippet(src: str, title: str) -> str:
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" loading="lazy" allowfullscreen '
            'style="width:100%;height:min(70vh,560px);min-height:360px;border:0" '
            'referrerpolicy="no-referrer-when-downgrade"></iframe>')


def credits(atlas: Atlas) -> str:
    sources = "; ".join(f"{s.title} ({s.licence})" for s in atlas.sources.values())
    return f"Sources: {sources}. Outlines: Natural Earth. Made with mapgen."
