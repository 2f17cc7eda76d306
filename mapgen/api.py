"""mapgen from Python (a notebook, a script): load a project into an atlas, look at it as a GeoDataFrame, and
write the same maps, embeds and visit plans the command line writes.

    import mapgen
    atlas = mapgen.load("sites.csv", "seeds")      # raises mapgen.InputError with every located problem
    atlas.to_geodataframe()                         # one row per claim; per="site" for one per place
    mapgen.build(atlas, "output")                   # the explorer map, as `mapgen build --self-contained`
    mapgen.embed(atlas, "butovo.html", site_ids=["butovo"])
    mapgen.visit(atlas, ["butovo", "kommunarka"], "visit")
    mapgen.folium_map(atlas, categories=["memorial"])   # a folium.Map: shows inline in Jupyter, .save() works
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from . import pipeline
from .model import Atlas
from .render.folium_map import folium_map
from .render.page import OSM_TILES

__all__ = ["DataWarning", "build", "embed", "folium_map", "load", "visit"]

StrPath = str | PathLike[str]


class DataWarning(UserWarning):
    """Something worth a look that does not stop a build (a note checked more than two years ago)."""


def load(sites: StrPath = "sites.csv", seeds: StrPath = "seeds") -> Atlas:
    """The validated atlas of a project. Every problem of the table, the seeds or the ledgers is raised at once
    in one `InputError` (its `problems` are located: file, line, column); warnings are issued as DataWarning."""
    atlas, found = pipeline.load_atlas(Path(sites), Path(seeds))
    for problem in found:
        warnings.warn(str(problem), DataWarning, stacklevel=2)
    return atlas


def build(atlas: Atlas, out: StrPath = "output", self_contained: bool = True, tiles: str | None = OSM_TILES,
          lang: str = "en") -> int:
    """Write the explorer map of `atlas` into `out` (as `mapgen build`); the number of files written."""
    from .files import build_files, check_tiles
    from .render.strings import check_language
    from .write import check_target, write_tree

    out = Path(out)
    tiles = check_tiles(tiles)
    lang = check_language(lang)
    check_target(out, [])
    return write_tree(out, build_files(atlas, self_contained, tiles=tiles, lang=lang))


def embed(atlas: Atlas, out: StrPath, periods: Sequence[str] = (), categories: Sequence[str] = (),
          site_ids: Sequence[str] = (), png: StrPath | None = None, title: str | None = None, link_base: str = "",
          tiles: str | None = OSM_TILES, lang: str = "en", auto_height: bool = False) -> pipeline.Embed:
    """One self-contained page of the selected sites for an article (as `mapgen embed`), in `lang`."""
    return pipeline.embed_atlas(atlas, Path(out), periods, categories, site_ids, Path(png) if png else None, title,
                                link_base, tiles, lang=lang, auto_height=auto_height)


def visit(atlas: Atlas, site_ids: Sequence[str], out: StrPath = "visit", start: tuple[float, float] | None = None,
          title: str | None = None, lang: str = "en", link_base: str = "") -> pipeline.Visit:
    """The shortest order through the named sites, as GPX, KML and a printable sheet (as `mapgen visit`), in
    `lang`; with `link_base` (the published map) each stop links to its place there."""
    return pipeline.visit_atlas(atlas, site_ids, Path(out), start, title, lang=lang, link_base=link_base)
