"""Command line: parse arguments, call the pipeline, print results. No logic of its own."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from . import __version__
from .gazetteer import Gazetteer
from .read import InputError, Problem, Source, Table, read_sources, read_table
from .render.page import OSM_TILES
from .terminal import is_utf8, printable
from .validate import Validation, summary, validate

# Below this many sites a build takes well under a second and a second process is not worth starting.
PARALLEL_FROM = 2000
# Options whose text is shown on pages and in files, as opposed to paths and ids.
TEXT_OPTIONS = frozenset({"title", "link_base", "tiles"})


def _load(args: argparse.Namespace, gazetteer: Gazetteer):
    """Read and validate; raise InputError with every problem found."""
    sources = read_sources(Path(args.seeds))
    table = read_table(Path(args.sites))
    problems = validate(table, Path(args.seeds), sources, gazetteer)
    if problems:
        raise InputError(problems)
    return table, sources


def _load_atlas(args: argparse.Namespace):
    """Read, validate and model; the model is used only if the table is valid (an invalid one may not even
    model, and then the validator names the cause)."""
    from .model import build_atlas

    table, sources, checked = _read_and_check(args)
    try:
        atlas = build_atlas(table, sources)
    except Exception:
        checked.raise_problems()
        raise
    checked.raise_problems()
    return atlas


def _read_and_check(args: argparse.Namespace) -> tuple[Table, dict[str, Source], Validation]:
    sources = read_sources(Path(args.seeds))
    table = read_table(Path(args.sites))
    return table, sources, Validation(table, Path(args.seeds), sources, len(table.rows) >= PARALLEL_FROM)


def cmd_validate(args: argparse.Namespace) -> int:
    table, _ = _load(args, Gazetteer())
    print(printable(summary(table)))
    return 0


def _inputs(args: argparse.Namespace) -> list[Path]:
    """What a command reads: outputs may never be written over these or into their folders."""
    return [Path(args.sites), Path(args.seeds)]


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_files, check_tiles
    from .model import build_atlas
    from .write import check_target, write_tree

    started = time.perf_counter()
    tiles = check_tiles(args.tiles)
    out = Path(args.out)
    check_target(out, _inputs(args))
    # A build allocates millions of small objects and no reference cycles: the cyclic collector would
    # rescan them again and again (a fifth of a 100,000-site build) for nothing to collect. It is switched
    # back on afterwards, so a program calling main() keeps its collector.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The map is rendered into a temporary directory while the validator runs; it replaces the output
        # only if the table is valid. A table too broken to render is reported by its problems, not the crash.
        table, sources, checked = _read_and_check(args)
        try:
            atlas = build_atlas(table, sources)
            big = len(atlas.sites) >= 1000

            def progress(stage: str) -> None:
                if big:
                    print(f"  building {stage}…", file=sys.stderr, flush=True)

            files = build_files(atlas, args.self_contained, progress, parallel=len(atlas.sites) >= PARALLEL_FROM,
                                tiles=tiles)
            n = write_tree(out, files, before_swap=checked.raise_problems, inputs=_inputs(args))
        except InputError:
            raise
        except Exception:
            checked.raise_problems()
            raise
    finally:
        if collecting:
            gc.enable()
    index = out / "index.html"
    print(printable(f"{out}/: wrote {n} files for {len(atlas.sites)} sites and {atlas.claim_count} claims "
                    f"(index.html {index.stat().st_size / 1024:.0f} KB"
                    f"{', self-contained' if args.self_contained else ''}) in {time.perf_counter() - started:.1f} s"))
    return 0


def _pick_sites(atlas, ids: list[str]):
    import difflib

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


def _latlon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not LAT,LON (e.g. 55.7558,37.6173)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r} is outside -90..90, -180..180")
    return lat, lon


def cmd_visit(args: argparse.Namespace) -> int:
    from .render.exports import render_gpx, render_kml
    from .render.itinerary import km, render_sheet
    from .render.static import render_png
    from .route import plan
    from .write import write_files

    atlas = _load_atlas(args)
    chosen = _pick_sites(atlas, args.site_ids)
    route = plan([(s.lat, s.lon) for s in chosen], args.start)
    stops = [chosen[k] for k in route.order]
    title = args.title or f"Visit: {', '.join(s.name for s in stops[:3])}{' …' if len(stops) > 3 else ''}"
    png = render_png(stops, title, "Straight lines between stops. Outlines: Natural Earth.", width_px=1400,
                     height_px=900, route=True, numbered=True, start=args.start)
    out = Path(args.out)
    write_files([(out / "visit.gpx", render_gpx(stops, title).encode()),
                 (out / "visit.kml", render_kml(stops, title).encode()),
                 (out / "visit.html", render_sheet(atlas, stops, route, args.start, png, title).encode())],
                inputs=_inputs(args), create_parent=True)
    for k, (site, leg) in enumerate(zip(stops, route.legs_m, strict=True), start=1):
        print(printable(f"{k:>2}. {site.name:<40} {km(leg):>12}"))
    print(f"total {km(route.total_m)} (geodesic; roads are longer); order: {route.method}")
    print(printable(f"wrote {out}/visit.html, visit.gpx, visit.kml"))
    return 0


def cmd_embed(args: argparse.Namespace) -> int:
    from .build import check_link_base, check_tiles, credits, embed_html, iframe_snippet
    from .model import select
    from .vocab import CATEGORY_SLUGS, PERIOD_SLUGS
    from .write import write_files

    link_base, tiles = check_link_base(args.link_base), check_tiles(args.tiles)
    atlas = _load_atlas(args)
    problems = [Problem("--period", 0, "", f"unknown period {p!r}; one of {', '.join(PERIOD_SLUGS)}")
                for p in args.period if p not in PERIOD_SLUGS]
    problems += [Problem("--category", 0, "", f"unknown category {c!r}; one of {', '.join(CATEGORY_SLUGS)}")
                 for c in args.category if c not in CATEGORY_SLUGS]
    if problems:
        raise InputError(problems)
    _pick_sites(atlas, args.site)
    subset = select(atlas, args.period, args.category, args.site)
    if not subset.sites:
        raise InputError([Problem("embed", 0, "", "no site matches this selection; widen --period/--category")])
    title = args.title or "Places of Soviet political repression"
    initial = {k: v for k, v in (("periods", args.period), ("categories", args.category)) if v and not args.site}
    files = [(Path(args.out), embed_html(subset, title, initial, link_base, tiles).encode())]
    if args.png:
        from .render.static import render_png

        files.append((Path(args.png), render_png(list(subset.sites), title, credits(subset))))
    write_files(files, inputs=_inputs(args))
    size = len(files[0][1]) / 1024
    print(printable(f"wrote {args.out} ({len(subset.sites)} sites, {size:.0f} KB)"
                    f"{' and ' + args.png if args.png else ''}"), file=sys.stderr)
    print(printable(iframe_snippet(Path(args.out).name, title, link_base)))
    return 0


def cmd_mentions(args: argparse.Namespace) -> int:
    from .mentions import find_mentions

    gazetteer = Gazetteer()
    table, sources = _load(args, gazetteer)
    countries = frozenset(c.strip().upper() for c in args.countries.split(",")) if args.countries else None
    mentions = find_mentions(table, sources, gazetteer, args.min_population, countries)
    for m in mentions:
        print(printable(f"{m.source}:{m.line}: {m.name} ({m.known_as}) has no claim from this source"))
    print(f"{len(mentions)} uncovered mentions", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mapgen", description="Sourced maps of places of Soviet political repression.")
    p.add_argument("--version", action="version", version=f"mapgen {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def table_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--sites", default="sites.csv", help="the table of claims (default: sites.csv)")
        sp.add_argument("--seeds", default="seeds", help="the directory of source texts (default: seeds/)")

    def tiles_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--tiles", default=OSM_TILES, metavar="URL|none",
                        help="background tile server, a URL template with {z}/{x}/{y}; 'none' for a map that "
                        "contacts no server (default: OpenStreetMap's, which sees each reader's IP address)")

    sp = sub.add_parser("validate", help="check the table against its sources and the gazetteer")
    table_args(sp)
    sp.set_defaults(func=cmd_validate)

    sp = sub.add_parser("build", help="build the explorer map, its data and source pages")
    table_args(sp)
    sp.add_argument("--out", default="output", help="output directory (default: output/)")
    sp.add_argument("--self-contained", action="store_true",
                    help="no CDN: inline Leaflet into index.html and ship it in assets/ for the other pages")
    tiles_arg(sp)
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("visit", help="plan a visit: shortest order, GPX/KML and a printable sheet")
    table_args(sp)
    sp.add_argument("site_ids", nargs="+", metavar="SITE_ID", help="sites to visit (ids from sites.csv)")
    sp.add_argument("--start", type=_latlon, help="where the group sets out, as LAT,LON")
    sp.add_argument("--out", default="visit", help="directory for visit.html, visit.gpx, visit.kml (default visit/)")
    sp.add_argument("--title", help="title of the sheet and GPS files")
    sp.set_defaults(func=cmd_visit)

    sp = sub.add_parser("embed", help="one self-contained HTML map for an article, with an iframe snippet")
    table_args(sp)
    sp.add_argument("--period", action="append", default=[], help="only sites with a claim in this period")
    sp.add_argument("--category", action="append", default=[], help="only sites with a claim in this category")
    sp.add_argument("--site", action="append", default=[], help="this site (repeatable)")
    sp.add_argument("--out", required=True, help="the HTML file to write")
    sp.add_argument("--png", help="also write a static image of the same selection")
    sp.add_argument("--title", help="title shown on the map and image")
    sp.add_argument("--link-base", default="", help="URL of the published full map, for citation links "
                    "(default: relative, for an embed placed in the build's output directory)")
    tiles_arg(sp)
    sp.set_defaults(func=cmd_embed)

    sp = sub.add_parser("mentions", help="list place names in the seeds that no claim covers yet")
    table_args(sp)
    sp.add_argument("--min-population", type=int, default=15000,
                    help="smallest GeoNames town to look for (default 15000)")
    sp.add_argument("--countries", metavar="CC,CC", help="look for GeoNames towns in these countries only "
                    "(default: the former Soviet sphere, China, Mongolia, Mexico and the table's countries)")
    sp.set_defaults(func=cmd_mentions)
    return p


def _bad_text(args: argparse.Namespace) -> list[Problem]:
    """Options holding bytes that are not UTF-8 (Python keeps them as lone surrogates), and text options that
    end up on pages holding control characters."""
    problems = []
    for name, value in sorted(vars(args).items()):
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                continue
            option = f"--{name.replace('_', '-')}"
            if not is_utf8(item):
                problems.append(Problem(option, 0, "", f"{printable(item)!r} is not valid UTF-8 text; pass UTF-8"))
            elif name in TEXT_OPTIONS and printable(item) != item:
                problems.append(Problem(option, 0, "", f"{printable(item)!r} holds control or direction-override "
                                        "characters; remove them"))
    return problems


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        problems = _bad_text(args)
        if problems:
            raise InputError(problems)
        return args.func(args)
    except InputError as err:
        for problem in err.problems:
            print(printable(str(problem)), file=sys.stderr)
        print(f"{len(err.problems)} problem{'s' if len(err.problems) != 1 else ''} found", file=sys.stderr)
        return 1
    except OSError as err:  # a full disk, a vanished folder: say what and where, without a traceback
        where = f" ({err.filename})" if err.filename else ""
        print(printable(f"error: {err.strerror or err}{where}; nothing was changed"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
