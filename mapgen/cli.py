"""Command line: parse arguments, call the pipeline, print results. No logic of its own."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .gazetteer import Gazetteer
from .read import InputError, read_sources, read_table
from .validate import summary, validate


def _load(args: argparse.Namespace, gazetteer: Gazetteer):
    """Read and validate; raise InputError with every problem found."""
    sources = read_sources(Path(args.seeds))
    table = read_table(Path(args.sites))
    problems = validate(table, Path(args.seeds), sources, gazetteer)
    if problems:
        raise InputError(problems)
    return table, sources


def cmd_validate(args: argparse.Namespace) -> int:
    table, _ = _load(args, Gazetteer())
    print(summary(table))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_files
    from .model import build_atlas
    from .write import check_target, write_tree

    started = time.perf_counter()
    out = Path(args.out)
    check_target(out)
    table, sources = _load(args, Gazetteer())
    atlas = build_atlas(table, sources)
    big = len(atlas.sites) >= 1000

    def progress(stage: str) -> None:
        if big:
            print(f"  building {stage}…", file=sys.stderr, flush=True)

    files = build_files(atlas, args.self_contained, progress)
    n = write_tree(out, files)
    index = out / "index.html"
    print(f"{out}/: wrote {n} files for {len(atlas.sites)} sites and {atlas.claim_count} claims "
          f"(index.html {index.stat().st_size / 1024:.0f} KB{', self-contained' if args.self_contained else ''}) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_mentions(args: argparse.Namespace) -> int:
    from .mentions import find_mentions

    gazetteer = Gazetteer()
    table, sources = _load(args, gazetteer)
    mentions = find_mentions(table, sources, gazetteer, args.min_population)
    for m in mentions:
        print(f"{m.source}:{m.line}: {m.name} ({m.known_as}) has no claim from this source")
    print(f"{len(mentions)} uncovered mentions", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mapgen", description="Sourced maps of places of Soviet political repression.")
    p.add_argument("--version", action="version", version=f"mapgen {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def table_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--sites", default="sites.csv", help="the table of claims (default: sites.csv)")
        sp.add_argument("--seeds", default="seeds", help="the directory of source texts (default: seeds/)")

    sp = sub.add_parser("validate", help="check the table against its sources and the gazetteer")
    table_args(sp)
    sp.set_defaults(func=cmd_validate)

    sp = sub.add_parser("build", help="build the explorer map, its data and source pages")
    table_args(sp)
    sp.add_argument("--out", default="output", help="output directory (default: output/)")
    sp.add_argument("--self-contained", action="store_true",
                    help="no CDN: inline Leaflet into index.html and ship it in assets/ for the other pages")
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("mentions", help="list place names in the seeds that no claim covers yet")
    table_args(sp)
    sp.add_argument("--min-population", type=int, default=15000,
                    help="smallest GeoNames town to look for (default 15000)")
    sp.set_defaults(func=cmd_mentions)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem{'s' if len(err.problems) != 1 else ''} found", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
