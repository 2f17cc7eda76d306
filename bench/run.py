"""Benchmark: `mapgen build` against the programs a user would otherwise write, on the same table.

    python bench/run.py --n 10000                              # today's synthetic sites, medians of 3 runs
    python bench/run.py --shape settlements --n 10000          # towns without geonames_id (the gazetteer path)
    python bench/run.py --shape claims --n 1000 --claims-per-place 100
    python bench/run.py --n 1000000 --runs 1 --no-browser      # naive folium is skipped above --naive-max

Programs (each its own process, interpreter start and imports included, in an order that rotates from run to
run so that load on the machine falls on all of them):
  mapgen       `mapgen build --self-contained` (or, with --files, without: the page then loads data/*.js and
               assets/*.js, counted in its bytes) (its gazetteer caches in the run's own folder: the first
               run of the settlements shape starts with an empty cache and is reported apart, "cold"; for the
               other shapes a build of 100 places fills them first)
  naive        bench/naive.py: a folium Marker + Popup per place, a FeatureGroup per category, LayerControl
  fastcluster  bench/fastcluster.py: folium FastMarkerCluster, popups made by its callback
  explore      bench/explore.py: GeoDataFrame.explore() with popups and tooltips
Every page works offline (bench/peers.py points folium's CDN links at installed files) and is checked in
Chromium to draw every place and open a popup (bench/browser.py); memory is the peak of the whole process tree
(bench/treemem.py). The table is printed as Markdown.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import SHAPES  # noqa: E402
from treemem import Measured, run  # noqa: E402

LABELS = {"mapgen": "mapgen", "naive": "naive folium", "fastcluster": "folium FastMarkerCluster",
          "explore": "GeoDataFrame.explore()"}


@dataclass
class Program:
    name: str
    cmd: list[str]
    page: Path
    runs: list[Measured] = field(default_factory=list)
    skipped: str = ""

    def ok(self) -> list[Measured]:
        return [m for m in self.runs if not m.error]

    def median(self, what: str) -> float | None:
        values = [getattr(m, what) for m in self.ok()]
        return statistics.median(values) if values else None

    def failure(self) -> str:
        """Why it has no figures, on one line (a table cell)."""
        return " ".join((self.skipped or next((m.error for m in self.runs if m.error), "")).split())


def sizes(path: Path) -> tuple[int, int]:
    """Raw and gzip (level 6) bytes of a page and, for mapgen's page built without --self-contained, of what it
    loads before it is ready: data/*.js and assets/*.js (not the quote chunks, which wait for a popup)."""
    files = [path]
    if (path.parent / "data" / "sites.js").exists() and b"data/sites.js" in path.read_bytes():
        files += sorted((path.parent / "data").glob("*.js")) + sorted((path.parent / "assets").glob("*.js"))
    raw = gz = 0
    for f in files:
        data = f.read_bytes()
        raw, gz = raw + len(data), gz + len(gzip.compress(data, 6))
    return raw, gz


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "–" if value is None else f"{value:{spec}}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", choices=SHAPES, default="sites", help="kind of table (default sites)")
    ap.add_argument("--n", type=int, default=10000, help="number of places (default 10000)")
    ap.add_argument("--claims-per-place", type=int, default=100, help="claims per place, shape claims (default 100)")
    ap.add_argument("--runs", type=int, default=3, help="builds per program; medians are reported (default 3)")
    ap.add_argument("--browser-runs", type=int, help="page loads per program (default: --runs)")
    ap.add_argument("--programs", default="mapgen,naive,fastcluster,explore",
                    help="comma-separated, of " + ", ".join(LABELS))
    ap.add_argument("--naive-max", type=int, default=20000, help="skip naive folium above this N (default 20000)")
    ap.add_argument("--peer-max", type=int, default=0, help="skip the other peers above this N (default: never)")
    ap.add_argument("--timeout", type=float, default=1800, help="stop a build after this many seconds")
    ap.add_argument("--mem-limit", type=float, default=16000, help="stop a build whose tree passes this many MB")
    ap.add_argument("--page-timeout", type=float, default=300, help="give up on a page after this many seconds")
    ap.add_argument("--pan-limit", type=float, default=60, help="stop panning a page after this many seconds")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measure")
    ap.add_argument("--files", action="store_true",
                    help="build mapgen without --self-contained: its page loads data/sites.js, and a large "
                         "table's quotes in chunks when a popup opens (what a table of a million places needs)")
    ap.add_argument("--keep", type=Path, help="keep the generated table and outputs in this directory")
    args = ap.parse_args()
    wanted = [p.strip() for p in args.programs.split(",") if p.strip()]
    if not wanted or set(wanted) - set(LABELS):
        ap.error(f"--programs: choose among {', '.join(LABELS)}")

    work = args.keep or Path(tempfile.mkdtemp(prefix="mapgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"generating {args.n} places of shape {args.shape} in {work} …", file=sys.stderr)
    table = json.loads(subprocess.run(
        [sys.executable, str(HERE / "synth.py"), str(work / "table"), "--n", str(args.n), "--shape", args.shape,
         "--claims-per-place", str(args.claims_per_place)], check=True, capture_output=True, text=True).stdout)
    sites, seeds, raw = Path(table["sites"]), Path(table["seeds"]), table["raw_json_bytes"]
    cache = work / "cache"  # mapgen's gazetteer index: this run's own, never the user's
    shutil.rmtree(cache, ignore_errors=True)
    # matplotlib (which explore() imports) keeps its font cache under XDG_CACHE_HOME too: leave it where it was,
    # or every run's first explore() would rebuild it
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    env = dict(os.environ, XDG_CACHE_HOME=str(cache),
               MPLCONFIGDIR=os.environ.get("MPLCONFIGDIR") or str(Path(xdg) / "matplotlib"))
    py = sys.executable
    out = work / "mapgen-out"
    programs = {
        "mapgen": Program("mapgen", [py, "-m", "mapgen", "build", *([] if args.files else ["--self-contained"]),
                                     "--sites", str(sites), "--seeds", str(seeds), "--out", str(out)],
                          out / "index.html"),
        **{name: Program(name, [py, str(HERE / f"{name}.py"), str(sites), str(work / f"{name}.html"), "--offline"],
                         work / f"{name}.html") for name in ("naive", "fastcluster", "explore")},
    }
    programs = {name: programs[name] for name in wanted}
    for name, prog in programs.items():
        if name == "naive" and args.n > args.naive_max:
            prog.skipped = f"not run above --naive-max {args.naive_max}"
        elif name in ("fastcluster", "explore") and args.peer_max and args.n > args.peer_max:
            prog.skipped = f"not run above --peer-max {args.peer_max}"

    cold: Measured | None = None
    if args.shape == "settlements" and "mapgen" in programs:
        print("mapgen, first run with an empty gazetteer cache …", file=sys.stderr)
        cold = run(programs["mapgen"].cmd, env, args.timeout, args.mem_limit)
    elif "mapgen" in programs:
        # mapgen's first build on a machine caches the places it labels near the sites (from the gazetteer);
        # a build of a few places of the shape does so here, so that every measured build finds them, as a user's
        # builds after their first do (the settlements shape's first build is measured and reported apart)
        print("mapgen, filling its gazetteer cache with a build of 100 places …", file=sys.stderr)
        small = json.loads(subprocess.run(
            [py, str(HERE / "synth.py"), str(work / "warm"), "--n", "100", "--shape", args.shape,
             "--claims-per-place", "2"], check=True, capture_output=True, text=True).stdout)
        subprocess.run([py, "-m", "mapgen", "build", "--sites", small["sites"], "--seeds", small["seeds"], "--out",
                        str(work / "warm-out")], env=env, check=True, capture_output=True)
    names = [n for n, p in programs.items() if not p.skipped]
    for r in range(args.runs):
        for name in names[r % len(names):] + names[:r % len(names)]:
            prog = programs[name]
            if prog.runs and prog.runs[-1].error:
                continue  # it failed or was stopped once: don't spend the machine on it again
            print(f"run {r + 1}/{args.runs}: {name} …", file=sys.stderr)
            prog.runs.append(run(prog.cmd, env, args.timeout, args.mem_limit))

    built = {n: p for n, p in programs.items() if p.ok()}
    page_bytes = {n: sizes(p.page) for n, p in built.items()}
    browser = {}
    if not args.no_browser and built:
        from browser import PageSpec, measure

        specs = {n: PageSpec(p.page, n == "mapgen", args.n, table["first_id"], table["first_name"])
                 for n, p in built.items()}
        browser = measure(specs, args.browser_runs or args.runs, timeout=args.page_timeout, pan_limit=args.pan_limit)

    kinds = sorted({m.kind for p in programs.values() for m in p.ok()} | ({cold.kind} if cold else set()))
    print(f"shape {args.shape}: N = {args.n} places, {table['claims']} claims; "
          f"raw JSON of the data {raw / 1e6:.2f} MB; "
          f"medians of {args.runs} build(s), order rotating; memory of the process tree, each page once, "
          f"counted by {'/'.join(kinds) or '–'} (bench/treemem.py)")
    print()
    print("| program | build (s) | peer ÷ mapgen | whole tree peak (MB) | largest process (MB) | page (MB) | "
          "page gzip (MB) | interactive (s) | worst pan/zoom step (s) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ours = programs["mapgen"].median("wall") if "mapgen" in programs else None
    failures = []

    def row(label: str, wall: float | None, tree: float | None, largest: float | None, name: str | None) -> None:
        ratio = "1.0×" if name == "mapgen" else (f"{wall / ours:.1f}×" if wall and ours else "–")
        raw_b, gz_b = page_bytes.get(name or "", (None, None))
        times = browser.get(name or "")
        inter = fmt(times.median("interactive")) if times else "–"
        pan = fmt(times.median("pan"), ".3f") if times else "–"
        if times and times.pan_note:
            pan += f" ({times.pan_note})"
        if times and times.error:
            inter, pan = times.error, "–"
            failures.append(f"{label}: {times.error}")
        print(f"| {label} | {fmt(wall)} | {ratio} | {fmt(tree, '.0f')} | {fmt(largest, '.0f')} | "
              f"{fmt(raw_b / 1e6 if raw_b else None)} | {fmt(gz_b / 1e6 if gz_b else None)} | {inter} | {pan} |")

    for name, prog in programs.items():
        if not prog.ok():
            print(f"| {LABELS[name]} | {prog.failure()} | – | – | – | – | – | – | – |")
            if not prog.skipped:
                failures.append(f"{LABELS[name]}: {prog.failure()}")
            continue
        row(LABELS[name], prog.median("wall"), prog.median("tree_mb"), prog.median("largest_mb"), name)
        if name == "mapgen" and cold is not None:
            if cold.error:
                print(f"| mapgen, first run (cold cache) | {cold.error} | – | – | – | – | – | – | – |")
            else:
                row("mapgen, first run (cold cache)", cold.wall, cold.tree_mb, cold.largest_mb, None)
    if "mapgen" in built:
        files = [f for f in out.rglob("*") if f.is_file()]
        print(f"\nmapgen wrote {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.2f} MB in all; "
              f"index.html is {page_bytes['mapgen'][0] / raw:.2f} × the raw JSON. The folium pages link Leaflet "
              "(and jQuery, markercluster) from installed files; mapgen's page "
              + ("links them from the CDN, served from the installed copies (their integrity checked)."
                 if args.files else "has them inline."))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        raise SystemExit("FAILED:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
