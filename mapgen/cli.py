"""Command line: parse arguments, call the pipeline, print results. No logic of its own."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__, pipeline
from .gazetteer import Gazetteer
from .read import InputError, Problem
from .render.strings import languages
from .terminal import is_utf8, printable
from .validate import summary

# Options whose text is shown on pages and in files, as opposed to paths and ids.
TEXT_OPTIONS = frozenset({"title", "link_base", "tiles"})


def _warn(warnings: list[Problem]) -> None:
    for problem in warnings:
        print(printable(str(problem)), file=sys.stderr)


def lang_arg(sp: argparse.ArgumentParser, what: str) -> None:
    sp.add_argument("--lang", help=f"{what} (default: the project file's, else en; one of: "
                                   f"{', '.join(languages())})")


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = pipeline.load(Path(args.sites), Path(args.seeds))
    _warn(loaded.warnings)
    print(printable(summary(loaded.records, loaded.path)))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out = Path(args.out)
    built = pipeline.build(Path(args.sites), Path(args.seeds), out, args.self_contained, args.tiles,
                           progress=lambda stage: print(f"  building {stage}…", file=sys.stderr, flush=True),
                           title=args.title or "", lang=args.lang or "", vector_tiles=args.vector_tiles)
    _warn(built.warnings)
    print(printable(f"{out}/: wrote {built.files} files for {len(built.atlas.sites)} sites and "
                    f"{built.atlas.claim_count} claims (index.html {built.index_bytes / 1024:.0f} KB"
                    f"{', self-contained' if args.self_contained else ''}) in {time.perf_counter() - started:.1f} s"))
    return 0


def _latlon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not LAT,LON (e.g. 55.7558,37.6173)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r} is outside -90..90, -180..180")
    return lat, lon


def cmd_visit(args: argparse.Namespace) -> int:
    from .render.itinerary import km

    out = Path(args.out)
    done = pipeline.visit(Path(args.sites), Path(args.seeds), args.site_ids, out, args.start, args.title,
                          lang=args.lang or "", link_base=args.link_base)
    _warn(done.warnings)
    for k, (site, leg) in enumerate(zip(done.stops, done.route.legs_m, strict=True), start=1):
        print(printable(f"{k:>2}. {site.name:<40} {km(leg):>12}"))
    print(f"total {km(done.route.total_m)} (geodesic; roads are longer); order: {done.route.method}")
    print(printable(f"wrote {out}/visit.html, visit.gpx, visit.kml"))
    return 0


def cmd_embed(args: argparse.Namespace) -> int:
    done = pipeline.embed(Path(args.sites), Path(args.seeds), Path(args.out), args.period, args.category, args.site,
                          Path(args.png) if args.png else None, args.title, args.link_base, args.tiles,
                          lang=args.lang or "", auto_height=args.auto_height)
    _warn(done.warnings)
    print(printable(f"wrote {args.out} ({len(done.atlas.sites)} sites, {done.bytes / 1024:.0f} KB)"
                    f"{' and ' + args.png if args.png else ''}"), file=sys.stderr)
    print(printable(done.snippet))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .project import init

    folder = Path(args.folder)
    for path in init(folder):
        print(printable(f"wrote {path}"))
    print(printable(f"next: cd {folder} && mapgen validate && mapgen build --self-contained"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    atlas, warnings = pipeline.export(Path(args.sites), Path(args.seeds), Path(args.out))
    _warn(warnings)
    print(printable(f"wrote {args.out} ({len(atlas.sites)} sites, {atlas.claim_count} claims)"))
    return 0


def cmd_mentions(args: argparse.Namespace) -> int:
    from .mentions import LEDGER, check_ledger, find_mentions, read_ledger

    gazetteer = Gazetteer()
    seeds = Path(args.seeds)
    loaded = pipeline.load(Path(args.sites), seeds, gazetteer)
    _warn(loaded.warnings)
    decisions = read_ledger(seeds, loaded.sources)
    problems = check_ledger(decisions, {r.id for r in loaded.records}, str(seeds / LEDGER))
    if problems:
        raise InputError(problems)
    countries = frozenset(c.strip().upper() for c in args.countries.split(",")) if args.countries else None
    mentions = find_mentions(loaded.records, loaded.sources, gazetteer, args.min_population, countries, decisions)
    for m in mentions:
        print(printable(f"{m.source}:{m.line}: {m.name} ({m.known_as}) has no claim from this source"))
    print(printable(f"{len(mentions)} undecided mentions (decide each in {seeds / LEDGER} with a site_id or a "
                    f"reason; {len(decisions)} are decided there)"), file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mapgen", description="Sourced maps of places of Soviet political repression.")
    p.add_argument("--version", action="version", version=f"mapgen {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def table_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--sites", default="sites.csv", help="the table of claims (default: sites.csv)")
        sp.add_argument("--seeds", default="seeds", help="the directory of source texts (default: seeds/)")

    def tiles_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--tiles", metavar="URL|none",
                        help="background tile server, a URL template with {z}/{x}/{y}; 'none' for a map that "
                        "contacts no server (default: the project file's `tiles`, else OpenStreetMap's, which "
                        "sees each reader's IP address)")

    sp = sub.add_parser("init", help="start a project of your own: a table, a seeds folder and mapgen.toml")
    sp.add_argument("folder", metavar="DIR", help="a new (or empty) folder")
    sp.set_defaults(func=cmd_init)

    sp = sub.add_parser("validate", help="check the table against its sources and the gazetteer")
    table_args(sp)
    sp.set_defaults(func=cmd_validate)

    sp = sub.add_parser("build", help="build the explorer map, its data and source pages")
    table_args(sp)
    sp.add_argument("--out", default="output", help="output directory (default: output/)")
    sp.add_argument("--title", help="the map's title (default: the project file's, else mapgen's)")
    sp.add_argument("--self-contained", action="store_true",
                    help="no CDN: inline Leaflet into index.html and ship it in assets/ for the other pages")
    sp.add_argument("--vector-tiles", action="store_true",
                    help="also write tiles/sites.pmtiles (vector tiles, by tippecanoe) and tiles.html, a map that "
                    "reads them by HTTP range requests: for a published map of a very large table (it needs a web "
                    "server, not file://)")
    tiles_arg(sp)
    lang_arg(sp, "the language pages open in when the reader's browser asks for none the map has; the map "
                 "pages carry every language and a switch")
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("visit", help="plan a visit: shortest order, GPX/KML and a printable sheet")
    table_args(sp)
    sp.add_argument("site_ids", nargs="+", metavar="SITE_ID", help="sites to visit (ids from sites.csv)")
    sp.add_argument("--start", type=_latlon, help="where the group sets out, as LAT,LON")
    sp.add_argument("--out", default="visit", help="directory for visit.html, visit.gpx, visit.kml (default visit/)")
    sp.add_argument("--title", help="title of the sheet and GPS files")
    sp.add_argument("--link-base", default="", help="URL of the published full map: each stop then links to its "
                    "place there, with a QR code (default: the project file's `link_base`)")
    lang_arg(sp, "the language of the sheet and GPS files")
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
                    "(default: the project file's `link_base`, else relative, for an embed placed in the build's "
                    "output directory)")
    sp.add_argument("--auto-height", action="store_true", help="print with the <iframe> a small script that "
                    "sets its height to what the map asks for")
    tiles_arg(sp)
    lang_arg(sp, "the language of the embed (it keeps the language switch), its picture and its <iframe> title")
    sp.set_defaults(func=cmd_embed)

    sp = sub.add_parser("export", help="the table for GIS: a GeoPackage (.gpkg) or GeoParquet (.parquet) file")
    table_args(sp)
    sp.add_argument("out", metavar="FILE", help="sites.gpkg (layers sites and claims) or sites.parquet (claims)")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("mentions", help="list place names in the seeds' running text that neither a claim nor "
                        "the ledger seeds/mentions.csv has decided")
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
