"""The benchmark runs end to end on small tables of each shape, so it cannot rot; its figures are not asserted
here. It must refuse to time a page that draws no pins."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from conftest import ROOT

NUMBER = r"[\d.]+"
PEERS = ("naive folium", "folium FastMarkerCluster", r"GeoDataFrame\.explore\(\)")


def bench(*args: str) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), *args], capture_output=True, text=True,
                          timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def row(label: str, browser: bool = True, page: bool = True) -> str:
    """A measured row of the table: build, ratio, memory, page bytes and, with the browser, its two times."""
    pages = rf" {NUMBER} \| {NUMBER} \|" if page else r" – \| – \|"
    shown = rf" {NUMBER} \| {NUMBER} \|$" if browser else r" – \| – \|$"
    return rf"^\| {label} \| {NUMBER} \| {NUMBER}× \| \d+ \| \d+ \|{pages}{shown}"


@pytest.mark.browser
def test_benchmark_smoke_run():
    out = bench("--n", "300", "--runs", "1")
    assert re.search(r"^shape sites: N = 300 places, \d+ claims; .* memory of the process tree, each page once, "
                     r"counted by (cgroup|PSS|RSS|PSS\+RSS) \(bench/treemem\.py\)$", out, re.M), out
    for label in ("mapgen", *PEERS):
        assert re.search(row(label), out, re.M), (label, out)


def test_benchmark_shapes_smoke():
    out = bench("--shape", "settlements", "--n", "60", "--runs", "1", "--no-browser",
                "--programs", "mapgen,fastcluster")
    assert re.search(r"^shape settlements: N = 60 places", out, re.M), out
    for label in ("mapgen", PEERS[1]):
        assert re.search(row(label, browser=False), out, re.M), (label, out)
    cold = row(r"mapgen, first run \(cold cache\)", browser=False, page=False)  # the same page as the warm runs'
    assert re.search(cold, out, re.M), out
    out = bench("--shape", "claims", "--n", "20", "--claims-per-place", "5", "--runs", "1", "--no-browser",
                "--programs", "mapgen,naive", "--naive-max", "10")
    assert re.search(r"^shape claims: N = 20 places, 100 claims;", out, re.M), out
    assert re.search(row("mapgen", browser=False), out, re.M), out
    assert re.search(r"^\| naive folium \| not run above --naive-max 10 \|", out, re.M), out


# Playwright's sync API runs one event loop a process, and the session's browser fixture already holds one:
# the benchmark's measure runs in a process of its own, as it does in bench/run.py.
MEASURE = """import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from browser import PageSpec, measure
spec = PageSpec(Path(sys.argv[2]), False, int(sys.argv[3]), sys.argv[4], sys.argv[5])
r = measure({"naive": spec}, 1, pan=False, timeout=float(sys.argv[6]))["naive"]
print(json.dumps({"interactive": bool(r.interactive), "error": r.error}))
"""


def measured(page, places: int, first_id: str, first_name: str, timeout: float) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT / "bench"), str(page), str(places), first_id,
                           first_name, str(timeout)], check=True, capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.browser
def test_a_page_that_draws_no_pins_is_refused(tmp_path):
    """folium's Popup calls jQuery: without it the page draws nothing, and the benchmark must say so rather than
    time an empty map as fast (it once did)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth import make_table
    finally:
        sys.path.remove(str(ROOT / "bench"))
    sites, _, rows = make_table(5, tmp_path)
    page = tmp_path / "naive.html"
    subprocess.run([sys.executable, str(ROOT / "bench" / "naive.py"), str(sites), str(page), "--offline"],
                   check=True, timeout=300)
    places = len({r["site_id"] for r in rows})
    first = (rows[0]["site_id"], rows[0]["name"])
    assert measured(page, places, *first, 30)["interactive"]  # with jQuery: it works
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<script src="[^"]*jquery[^"]*"></script>', "", html), encoding="utf-8")
    assert page.read_text(encoding="utf-8") != html
    result = measured(page, places, *first, 5)
    assert not result["interactive"] and f"0 of {places} places" in result["error"]


def test_memory_polls_back_off_when_a_poll_is_slow(monkeypatch):
    """Reading a large process's memory map stalls it: polls that take long are spaced out, so that measuring a
    build does not slow it (every 20 ms made a million-place build 60 % slower)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import treemem
    finally:
        sys.path.remove(str(ROOT / "bench"))
    polls = []
    fast = treemem.memory_kb

    def slow(pid: int, pss: bool = True) -> tuple[int, str, int]:
        polls.append(pid)
        time.sleep(0.01)  # a poll of a process holding gigabytes
        return fast(pid, pss)

    monkeypatch.setattr(treemem, "memory_kb", slow)
    measured = treemem.run([sys.executable, "-c", "import time; time.sleep(1.5)"], cgroup=False)
    assert measured.wall >= 1.5 and not measured.error
    assert len(polls) <= 10, f"{len(polls)} polls in 1.5 s: each 10 ms poll should be followed by 200 ms or more"


FORKED = """
import os, time
held = bytearray(300_000_000)  # shared with the child after the fork
pid = os.fork()
more = bytearray(200_000_000) if pid == 0 else None
time.sleep(0.6)
os._exit(0) if pid == 0 else os.waitpid(pid, 0)
"""


@pytest.mark.parametrize("cgroup", [True, False])
def test_a_process_tree_is_measured_with_each_page_once(cgroup: bool):
    """A process holding 300 MB forks a child that adds 200 MB: the tree holds 500 MB, not the 800 MB that
    summing each process's RSS would say; with or without a cgroup to count it (where none can be made, the
    processes' PSS is summed)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import treemem
    finally:
        sys.path.remove(str(ROOT / "bench"))
    measured = treemem.run([sys.executable, "-c", FORKED], cgroup=cgroup)
    assert not measured.error
    assert measured.kind in (("cgroup", "PSS") if cgroup else ("PSS",))
    assert 480 <= measured.tree_mb <= 620, measured
    assert 480 <= measured.largest_mb <= 620, measured


def test_a_cgroup_that_cannot_be_entered_falls_back_to_pss(monkeypatch):
    """A cgroup v2 tree may let a group be made but not entered: the command then runs, measured by PSS."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import treemem
    finally:
        sys.path.remove(str(ROOT / "bench"))

    def refused(self: object) -> None:
        raise PermissionError("cgroup.procs: permission denied")

    made = treemem.MemoryGroup(ROOT / "no-such-cgroup", ("anon",))
    monkeypatch.setattr(treemem.MemoryGroup, "make", classmethod(lambda cls: made))
    monkeypatch.setattr(treemem.MemoryGroup, "join", refused)
    measured = treemem.run([sys.executable, "-c", FORKED])
    assert not measured.error and measured.kind == "PSS" and 480 <= measured.tree_mb <= 620, measured


def test_growth_fits_the_cost_curve():
    sys.path.insert(0, str(ROOT / "bench"))
    from growth import power_law

    a, b = power_law([1000, 10000, 100000], [2 * 1000**1.5, 2 * 10000**1.5, 2 * 100000**1.5])
    assert a == pytest.approx(2) and b == pytest.approx(1.5)
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "growth.py"), "--sizes", "20,60"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for n in (20, 60):
        assert re.search(rf"^\| {n} \| {NUMBER} \| \d+ \| \d+ \|$", proc.stdout, re.M), proc.stdout
    assert re.search(rf"^fitted: time ≈ {NUMBER}(e[+-]\d+)? s · N\^-?{NUMBER}, whole-tree memory ≈ ", proc.stdout,
                     re.M), proc.stdout


@pytest.mark.browser
def test_tiles_page_benchmark_smoke(tmp_path):
    from conftest import SEEDS, SITES

    from mapgen.cli import main

    assert main(["build", "--vector-tiles", "--tiles", "none", "--sites", str(SITES), "--seeds", str(SEEDS),
                 "--out", str(tmp_path / "out")]) == 0
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "tiles_page.py"), str(tmp_path / "out"), "--runs",
                           "1"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(rf"^ready in {NUMBER} s after \d+ requests, {NUMBER} MB; the first listed place's popup with "
                     rf"its quote \(zooming into the first listed group until places are listed\) in {NUMBER} s$",
                     proc.stdout, re.M), proc.stdout
