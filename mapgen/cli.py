"""Command line: parse arguments, call the pipeline, print results. No logic of its own."""

from __future__ import annotations

import argparse
import sys
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
