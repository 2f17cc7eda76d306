"""Benchmark: `mapgen build` against the obvious folium program on the same synthetic table.

    python bench/run.py --n 10000          # medians of 3 alternating runs, both programs
    python bench/run.py --n 100000 --runs 1  # naive folium is skipped above --naive-max (it takes minutes)

Both programs run as separate processes (interpreter start and imports included), alternating, so
that load on the machine falls on both. Peak memory is each process's max RSS (wait4). The browser
measure is the time from navigation until the map is usable: for mapgen, until
`mapgen.visibleSites()` returns all N; for folium, until the load event (its markers are created by
inline scripts before it). Pages are opened from disk with the network blocked.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import make_table  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024


def until(page, expr: str, timeout: float = 600.0) -> None:
    """Poll `expr` from outside the page every 50 ms: Playwright's wait_for_function evaluates it with eval()
    inside the page, which mapgen's Content-Security-Policy forbids."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate(expr):
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {expr}")
        page.wait_for_timeout(50)


def browser_times(pages: dict[str, Path], n: int, runs: int, pan: bool) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or "/usr/bin/chromium"
    out: dict[str, dict[str, list[float]]] = {name: {"interactive": [], "pan": []} for name in pages}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for name, page_path in pages.items():
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.route("http*://**/*", lambda route: route.abort())
                page.goto(page_path.as_uri(), wait_until="commit", timeout=600_000)
                until(page, f"window.mapgen && mapgen.visibleSites().length === {n}" if name == "mapgen"
                      else "document.readyState === 'complete'")
                out[name]["interactive"].append(page.evaluate("performance.now()") / 1000)
                if pan and name == "mapgen":
                    out[name]["pan"].append(page.evaluate(PAN_JS) / 1000)
                page.close()
        browser.close()
    return {name: {k: statistics.median(v) for k, v in m.items() if v} for name, m in out.items()}


# The longest single step while panning and zooming: each step waits for two animation frames,
# so it includes the cluster recomputation and the repaint.
PAN_JS = """async () => {
  const map = mapgen.map, frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  let worst = 0;
  const steps = [() => map.panBy([400, 0], {animate: false}), () => map.panBy([0, 300], {animate: false}),
                 () => map.setZoom(map.getZoom() + 2, {animate: false}), () => map.panBy([-300, 0], {animate: false}),
                 () => map.setZoom(map.getZoom() - 2, {animate: false}), () => map.panBy([0, -300], {animate: false})];
  for (const step of steps) {
    const t = performance.now(); step(); await frames(); worst = Math.max(worst, performance.now() - t);
  }
  return worst;
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="number of sites (default 10000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per program; medians are reported (default 3)")
    ap.add_argument("--naive-max", type=int, default=20000, help="skip naive folium above this N (default 20000)")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measure")
    ap.add_argument("--keep", type=Path, help="keep the generated table and outputs in this directory")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="mapgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"generating {args.n} synthetic sites in {work} …", file=sys.stderr)
    sites, seeds, rows = make_table(args.n, work)
    raw = len(json.dumps([{k: v for k, v in r.items() if v} for r in rows], ensure_ascii=False).encode())
    naive = args.n <= args.naive_max

    ours_out, naive_html = work / "mapgen-out", work / "naive.html"
    ours_cmd = [sys.executable, "-m", "mapgen", "build", "--self-contained", "--sites", str(sites), "--seeds",
                str(seeds), "--out", str(ours_out)]
    naive_cmd = [sys.executable, str(HERE / "naive.py"), str(sites), str(naive_html), "--local-leaflet"]
    t: dict[str, list[tuple[float, float]]] = {"mapgen": [], "naive": []}
    for run in range(args.runs):
        print(f"run {run + 1}/{args.runs} …", file=sys.stderr)
        t["mapgen"].append(timed(ours_cmd))
        if naive:
            t["naive"].append(timed(naive_cmd))

    def med(name: str, k: int) -> float:
        return statistics.median(x[k] for x in t[name])

    size = {"mapgen": (ours_out / "index.html").stat().st_size}
    if naive:
        size["naive"] = naive_html.stat().st_size
    claims = len(rows)
    print(f"N = {args.n} sites, {claims} claims; raw JSON of the data {raw / 1e6:.2f} MB; "
          f"medians of {args.runs} run(s)")

    def line(what: str, a: float, b: float | None, unit: str, fmt: str = ".2f", better: str = "lower") -> None:
        if b is None:
            print(f"{what:<28} mapgen {a:{fmt}} {unit}   (naive folium not run at this N)")
            return
        ratio = b / a if better == "lower" else a / b
        print(f"{what:<28} mapgen {a:{fmt}} {unit}   naive folium {b:{fmt}} {unit}   ratio {ratio:.1f}x")

    line("build wall time", med("mapgen", 0), med("naive", 0) if naive else None, "s")
    line("peak RSS", med("mapgen", 1), med("naive", 1) if naive else None, "MB", ".0f")
    line("index.html size", size["mapgen"] / 1e6, size["naive"] / 1e6 if naive else None, "MB")
    print(f"{'index.html / raw JSON':<28} {size['mapgen'] / raw:.2f}")
    if not args.no_browser:
        pages = {"mapgen": ours_out / "index.html"}
        if naive:
            pages["naive"] = naive_html
        b = browser_times(pages, args.n, args.runs, pan=True)
        line("interactive in Chromium", b["mapgen"]["interactive"], b["naive"]["interactive"] if naive else None,
             "s")
        print(f"{'worst pan/zoom step':<28} mapgen {b['mapgen']['pan']:.2f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
