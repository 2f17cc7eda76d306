"""How mapgen's cost grows with the table: `mapgen build` at several sizes of one shape, one process each, and a
power law fitted to them (time ≈ a·N^b, memory ≈ c·N^d, least squares on the logarithms).

    python bench/growth.py --sizes 1000,10000,100000,1000000

An exponent near 1 is linear growth; the fit says what a table of another size will cost on this machine.
Memory is the peak of the whole process tree (bench/treemem.py). The table is printed as Markdown.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import SHAPES  # noqa: E402
from treemem import Measured, run  # noqa: E402


def power_law(ns: list[int], ys: list[float]) -> tuple[float, float]:
    """(a, b) of y = a·n^b by least squares on log y = log a + b·log n."""
    xs, ls = [math.log(n) for n in ns], [math.log(y) for y in ys]
    mx, my = sum(xs) / len(xs), sum(ls) / len(ls)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ls, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return math.exp(my - b * mx), b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000,1000000", help="comma-separated numbers of places")
    ap.add_argument("--shape", choices=SHAPES, default="sites", help="kind of table (default sites)")
    ap.add_argument("--self-contained", action="store_true", help="build with --self-contained")
    ap.add_argument("--timeout", type=float, default=1800, help="stop a build after this many seconds")
    ap.add_argument("--mem-limit", type=float, default=16000, help="stop a build whose tree passes this many MB")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if len(sizes) < 2:
        ap.error("--sizes: at least two sizes to fit a curve")
    work = Path(tempfile.mkdtemp(prefix="mapgen-growth-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
    measured: dict[int, Measured] = {}
    try:
        for n in sizes:
            print(f"{n} places: generating …", file=sys.stderr)
            table = json.loads(subprocess.run(
                [sys.executable, str(HERE / "synth.py"), str(work / str(n)), "--n", str(n), "--shape", args.shape],
                check=True, capture_output=True, text=True).stdout)
            out = work / str(n) / "out"
            cmd = [sys.executable, "-m", "mapgen", "build", "--sites", table["sites"], "--seeds", table["seeds"],
                   "--out", str(out), *(["--self-contained"] if args.self_contained else [])]
            run(cmd, env, args.timeout, args.mem_limit)  # the gazetteer index and the page cache are warm after this
            shutil.rmtree(out, ignore_errors=True)
            print(f"{n} places: building …", file=sys.stderr)
            measured[n] = run(cmd, env, args.timeout, args.mem_limit)
            shutil.rmtree(work / str(n), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = {n: m for n, m in measured.items() if not m.error}
    print(f"shape {args.shape}, `mapgen build{' --self-contained' if args.self_contained else ''}`, second run "
          f"(warm cache); memory: peak of the process tree ({'/'.join(sorted({m.kind for m in ok.values()}))})\n")
    print("| places | build (s) | whole tree peak (MB) | largest process (MB) |")
    print("| --- | --- | --- | --- |")
    for n, m in measured.items():
        if m.error:
            print(f"| {n:,} | {m.error} | – | – |")
        else:
            print(f"| {n:,} | {m.wall:.2f} | {m.tree_mb:.0f} | {m.largest_mb:.0f} |")
    if len(ok) >= 2:
        ns = list(ok)
        a, b = power_law(ns, [ok[n].wall for n in ns])
        c, d = power_law(ns, [ok[n].tree_mb for n in ns])
        print(f"\nfitted: time ≈ {a:.3g} s · N^{b:.2f}, whole-tree memory ≈ {c:.3g} MB · N^{d:.2f} "
              f"(N from {min(ns):,} to {max(ns):,})")
    if len(ok) < len(measured):
        raise SystemExit("FAILED: " + ", ".join(f"{n}: {m.error}" for n, m in measured.items() if m.error))


if __name__ == "__main__":
    main()
