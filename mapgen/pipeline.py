"""The steps of each command, in the order data flows: read → validate → model → render → write.

The command line and a notebook call these; they return what was made and raise InputError with every
located problem. Tables of thousands of places are validated in a second process while this one models and
renders them (tables large enough to be read in parts are validated first, in this process: see `_read`); the
output replaces the old one only once the validation has passed.
"""

from __future__ import annotations

import ctypes
import difflib
import gc
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer
from .mentions import Decision, read_ledger
from .model import Atlas, Site, build_atlas, select
from .parallel import Standby
from .passages import Passage, read_passages
from .project import Project, load_project
from .read import InputError, Parts, Problem, Source, read_parts, read_sources
from .records import Record
from .render.page import OSM_TILES
from .render.strings import check_language, strings, untranslated
from .validate import Validation
from .vocab import CATEGORY_SLUGS, PERIOD_SLUGS

if TYPE_CHECKING:  # pyproj, behind route, takes 50 ms to import: only `visit` needs it
    from .route import Route

# Below this many sites a build takes well under a second and a second process is not worth starting.
PARALLEL_FROM = 2000


@dataclass(frozen=True)
class Loaded:
    """A project's files, read and validated: the table's records, the seeds they quote, the ledger of the
    seeds' place names, the passages the map warns against, and what is worth a look (warnings)."""

    records: list[Record]
    sources: dict[str, Source]
    mentions: list[Decision]
    passages: list[Passage]
    warnings: list[Problem]
    path: str


def _large_blocks_unmapped() -> None:
    """Have the C allocator map each block of 4 MB or more on its own, and unmap it when freed. glibc otherwise
    raises that threshold to the size of the blocks freed so far, and keeps later blocks of that size (a column of
    a million rows' cells is a 14 MB list) in its heap once freed, where the small objects made next (records,
    sites) are not put: 300 MB more at a million rows. (From 1 MB on, the pages' and downloads' many blocks of a
    megabyte or two made a build about 5 s slower.) Elsewhere than glibc, nothing is done."""
    try:
        ctypes.CDLL(None).mallopt(-3, 4 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError, TypeError):
        pass


def _read(sites: Path, seeds: Path, background: bool | None = None,
          gazetteer: Gazetteer | None = None) -> tuple[Loaded, Validation]:
    """Everything read, and the table validated, or its validation started in a second process (a table of
    thousands of places read whole, unless `background` says otherwise). The warnings are known once the
    validation is done."""
    _large_blocks_unmapped()
    sources = read_sources(seeds)
    mentions = read_ledger(seeds, sources)
    passages = read_passages(seeds, sources)
    table = read_parts(sites, 1 if background is False else min(4, os.cpu_count() or 1))
    in_parts = isinstance(table, Parts)
    checked = Validation(table, seeds, sources, gazetteer)
    del table  # its cells and bytes are let go before the checks start: a second process would keep their pages
    if background is None:
        # A table large enough to be read in parts is checked here, before it is modelled: a forked process
        # copies every record it reads (it writes their reference counts), two gigabytes at a million rows,
        # and the checks take seconds.
        background = len(checked.records) >= PARALLEL_FROM and not in_parts
    checked.start(background)
    if not background:
        checked.problems()
    return Loaded(checked.take_records(), sources, mentions, passages, [], checked.path), checked


def load(sites: Path, seeds: Path, gazetteer: Gazetteer | None = None) -> Loaded:
    """Read and validate in this process; raise InputError with every problem found."""
    loaded, checked = _read(sites, seeds, False, gazetteer)
    return replace(loaded, warnings=checked.raise_problems())


def _model(loaded: Loaded, checked: Validation) -> Atlas:
    """The atlas; a table too broken to model is reported by its problems, not by the crash."""
    try:
        return build_atlas(loaded.records, loaded.sources, loaded.mentions, loaded.passages, consume=True)
    except Exception:
        checked.raise_problems()
        raise


def load_atlas(sites: Path, seeds: Path) -> tuple[Atlas, list[Problem]]:
    """Read, validate and model: the atlas and the warnings."""
    loaded, checked = _read(sites, seeds)
    atlas = _model(loaded, checked)
    return atlas, checked.raise_problems()


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """A build allocates millions of small objects and no reference cycles: the cyclic collector would rescan
    them again and again (a fifth of a 100,000-site build) for nothing to collect. It is switched back on
    afterwards, so a program calling the pipeline keeps its collector."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True)
class Built:
    atlas: Atlas
    files: int
    index_bytes: int
    warnings: list[Problem]


def _tiles(tiles: str | None, project: Project) -> str | None:
    """An option given wins; then the project's setting; then OpenStreetMap's tiles."""
    return tiles if tiles is not None else (project.tiles or OSM_TILES)


SELF_CONTAINED_MAX = 64_000_000  # bytes of a self-contained index.html beyond which the build warns


def build(sites: Path, seeds: Path, out: Path, self_contained: bool = False, tiles: str | None = None,
          progress: Callable[[str], None] = lambda _: None, title: str = "", lang: str = "",
          vector_tiles: bool = False) -> Built:
    """The explorer map into `out`. It is rendered into a temporary directory while the validator runs and
    replaces the previous map only if the table is valid; a table too broken to render is reported by its
    problems, not by the crash. Settings not given come from the project file beside `sites`. `lang`: the
    pages' language before a reader picks one (every map page carries all of them)."""
    from .files import build_files, check_tiles
    from .render.orientation import installed_settlements
    from .write import check_target, write_tree

    project = load_project(sites.parent)
    tiles = check_tiles(_tiles(tiles, project))
    lang = check_language(lang or project.lang)
    inputs = [sites, seeds]
    check_target(out, inputs)
    # a child forked before the table is read, while this process holds little, for the places near the sites:
    # it loads the gazetteer's settlements at once (on a machine's first build, makes their cache)
    with _no_cyclic_gc(), closing(Standby(prepare=installed_settlements)) as standby:
        loaded, checked = _read(sites, seeds)
        warnings: list[Problem] = untranslated()  # shown in English until translated
        atlas = _model(loaded, checked)
        del loaded  # the atlas holds what the pages need
        try:
            big = len(atlas.sites) >= 1000
            files = build_files(atlas, self_contained, progress if big else lambda _: None,
                                parallel=len(atlas.sites) >= PARALLEL_FROM, tiles=tiles,
                                title=title or project.title, description=project.description,
                                search_example=project.search_example,
                                maps=(project.periods, project.categories), lang=lang, standby=standby)
            if vector_tiles:  # tiles.html and tiles/ (sites.pmtiles, by tippecanoe): render/vector_tiles.py
                from .render.vector_tiles import tile_files

                files = itertools.chain(files, tile_files(atlas, tiles, title or project.title, lang,
                                                          progress if big else lambda _: None))
            n = write_tree(out, files, before_swap=lambda: warnings.extend(checked.raise_problems()), inputs=inputs)
        except InputError:
            raise
        except Exception:
            checked.raise_problems()
            raise
    size = (out / "index.html").stat().st_size
    if self_contained and size > SELF_CONTAINED_MAX:
        warnings.append(Problem(str(out / "index.html"), 0, "", f"holds {size / 1e6:.0f} MB inline: phones and some "
                                "browsers give up on a page this large; build without --self-contained, and its "
                                "pages load each place's quotes when its popup opens", warning=True))
    return Built(atlas, n, size, warnings)


def pick_sites(atlas: Atlas, ids: Sequence[str]) -> list[Site]:
    """The sites named, in the order given; an unknown id is refused with the closest ids and names."""
    known = {s.id: s for s in atlas.sites}
    problems = []
    for sid in ids:
        if sid not in known:
            by_name = [s.id for s in atlas.sites if sid.casefold() in s.name.casefold()
                       or sid.casefold() in s.name_local.casefold()]
            close = list(dict.fromkeys(difflib.get_close_matches(sid, list(known), n=5, cutoff=0.5) + by_name))[:6]
            hint = f"; did you mean: {', '.join(close)}?" if close else "; `mapgen validate` lists the table"
            problems.append(Problem("sites", 0, "site_id", f"unknown site {sid!r}{hint}"))
    if problems:
        raise InputError(problems)
    return [known[sid] for sid in dict.fromkeys(ids)]


@dataclass(frozen=True)
class Visit:
    stops: list[Site]
    route: Route
    files: list[Path]
    warnings: list[Problem]


def visit(sites: Path, seeds: Path, site_ids: Sequence[str], out: Path, start: tuple[float, float] | None = None,
          title: str | None = None, lang: str = "", link_base: str = "") -> Visit:
    """The shortest order through the named sites, written as GPX, KML and a printable sheet into `out`, in
    `lang`; with `link_base` (the published map) each stop links to its place there. Settings not given come
    from the project file beside `sites`."""
    from .files import check_link_base

    project = load_project(sites.parent)
    lang = check_language(lang or project.lang)
    link_base = check_link_base(link_base or project.link_base)
    atlas, warnings = load_atlas(sites, seeds)
    return visit_atlas(atlas, site_ids, out, start, title, warnings, inputs=(sites, seeds), lang=lang,
                       link_base=link_base)


def visit_atlas(atlas: Atlas, site_ids: Sequence[str], out: Path, start: tuple[float, float] | None = None,
                title: str | None = None, warnings: Sequence[Problem] = (), inputs: Sequence[Path] = (),
                lang: str = "en", link_base: str = "") -> Visit:
    """`visit` for an atlas already loaded (a notebook's); `inputs` are files it must never overwrite."""
    from .files import check_link_base
    from .render.exports import render_gpx, render_kml
    from .render.itinerary import OVERVIEW_MM, render_sheet
    from .render.static import render_png
    from .route import plan
    from .write import write_files

    lang = check_language(lang)
    link_base = check_link_base(link_base)
    chosen = pick_sites(atlas, site_ids)
    route = plan([(s.lat, s.lon) for s in chosen], start)
    stops = [chosen[k] for k in route.order]
    s = strings(lang)
    names = ", ".join(stop.name_in(lang) for stop in stops[:3]) + (" …" if len(stops) > 3 else "")
    title = title or s["visit_title"].format(names=names)
    png = render_png(stops, title, s["png_visit_credit"], route=True, numbered=True, start=start, lang=lang,
                     print_mm=OVERVIEW_MM)
    files = [(out / "visit.gpx", render_gpx(stops, title, lang).encode()),
             (out / "visit.kml", render_kml(stops, title, lang).encode()),
             (out / "visit.html", render_sheet(atlas, stops, route, start, png, title, lang, link_base).encode())]
    write_files(files, inputs=list(inputs), create_parent=True)
    return Visit(stops, route, [path for path, _ in files], list(warnings))


@dataclass(frozen=True)
class Embed:
    atlas: Atlas  # the sites shown
    title: str
    snippet: str  # the <iframe> for an article
    bytes: int
    warnings: list[Problem]


def embed(sites: Path, seeds: Path, out: Path, periods: Sequence[str] = (), categories: Sequence[str] = (),
          site_ids: Sequence[str] = (), png: Path | None = None, title: str | None = None, link_base: str = "",
          tiles: str | None = None, lang: str = "", auto_height: bool = False) -> Embed:
    """One self-contained page of the selected sites for an article (and a PNG of them), in `lang`."""
    from .files import check_link_base, check_tiles

    project = load_project(sites.parent)
    link_base = check_link_base(link_base or project.link_base)
    tiles = check_tiles(_tiles(tiles, project))
    lang = check_language(lang or project.lang)
    atlas, warnings = load_atlas(sites, seeds)
    return embed_atlas(atlas, out, periods, categories, site_ids, png, title, link_base, tiles,
                       warnings, inputs=(sites, seeds), search_example=project.search_example, lang=lang,
                       auto_height=auto_height, map_title=project.title)


def embed_title(atlas: Atlas, periods: Sequence[str], categories: Sequence[str], site_ids: Sequence[str],
                lang: str = "en", map_title: str = "") -> str:
    """What an embed shows, as its default title: "Great Purge, memorial and commemoration: a map of 12 places";
    the named sites when only sites are chosen; the map's own title (`map_title`, else mapgen's) for all."""
    from .render.strings import in_sentence, label

    s = strings(lang)
    if not (periods or categories or site_ids):
        return map_title or str(s["title"])
    parts = [label("period", p, lang) for p in PERIOD_SLUGS if p in periods]
    parts += [label("category", c, lang) if not parts else in_sentence(label("category", c, lang), lang)
              for c in CATEGORY_SLUGS if c in categories]
    if not parts:
        named = [atlas.site(sid).name_in(lang) for sid in dict.fromkeys(site_ids)]
        parts = named[:3] + (["…"] if len(named) > 3 else [])
    return str(s["embed_title"].format(what=", ".join(parts), places=s.plural("description_places", len(atlas.sites))))


def embed_atlas(atlas: Atlas, out: Path, periods: Sequence[str] = (), categories: Sequence[str] = (),
                site_ids: Sequence[str] = (), png: Path | None = None, title: str | None = None,
                link_base: str = "", tiles: str | None = OSM_TILES, warnings: Sequence[Problem] = (),
                inputs: Sequence[Path] = (), search_example: str = "", lang: str = "en", auto_height: bool = False,
                map_title: str = "") -> Embed:
    """`embed` for an atlas already loaded; `inputs` are files it must never overwrite. Without a link base, a
    warning says that its links work only beside the built map."""
    from .files import check_link_base, check_tiles, credits, embed_html, iframe_snippet
    from .write import write_files

    link_base = check_link_base(link_base)
    tiles = check_tiles(tiles)
    problems = [Problem("--period", 0, "", f"unknown period {p!r}; one of {', '.join(PERIOD_SLUGS)}")
                for p in periods if p not in PERIOD_SLUGS]
    problems += [Problem("--category", 0, "", f"unknown category {c!r}; one of {', '.join(CATEGORY_SLUGS)}")
                 for c in categories if c not in CATEGORY_SLUGS]
    if problems:
        raise InputError(problems)
    pick_sites(atlas, site_ids)
    subset = select(atlas, list(periods), list(categories), list(site_ids))
    if not subset.sites:
        raise InputError([Problem("embed", 0, "", "no site matches this selection; widen --period/--category")])
    lang = check_language(lang)
    title = title or embed_title(subset, periods, categories, site_ids, lang, map_title)
    initial = {k: list(v) for k, v in (("periods", periods), ("categories", categories)) if v and not site_ids}
    # the picture's address from the page: both are published at the link base
    picture = Path(os.path.relpath(png, out.parent)).as_posix() if png else ""
    page = embed_html(subset, title, initial, link_base, tiles, search_example, lang, out.name, picture).encode()
    files = [(out, page)]
    if png:
        from .render.static import render_png

        files.append((png, render_png(list(subset.sites), title, credits(subset, lang, link_base), lang=lang,
                                      periods=periods, categories=categories)))
    write_files(files, inputs=list(inputs))
    warnings = list(warnings)
    if not link_base:
        beside = "" if (out.parent / "index.html").is_file() else "; no built map is beside it now"
        warnings.append(Problem(str(out), 0, "", "its links to the full map and the source texts are relative "
                                "(index.html, sources/…): they work only while the file stays in the folder of "
                                f"the built map{beside}. Pass --link-base with the published map's address "
                                "(https://example.org/map/) or set link_base in mapgen.toml", warning=True))
    return Embed(subset, title, iframe_snippet(out.name, title, link_base, lang, auto_height), len(page), warnings)


# What `export` writes, by the file's suffix.
EXPORTS = (".gpkg", ".parquet")


def export(sites: Path, seeds: Path, out: Path) -> tuple[Atlas, list[Problem]]:
    """The table for GIS: a GeoPackage (layers `sites` and `claims`) or a GeoParquet file (one row per claim),
    chosen by `out`'s suffix."""
    from .render.frame import render_gpkg, render_parquet
    from .write import write_files

    if out.suffix not in EXPORTS:
        raise InputError([Problem(str(out), 0, "", f"write a {' or a '.join(EXPORTS)} file (the suffix says which)")])
    atlas, warnings = load_atlas(sites, seeds)
    body = render_gpkg(atlas) if out.suffix == ".gpkg" else render_parquet(atlas)
    write_files([(out, body)], inputs=[sites, seeds])
    return atlas, warnings
