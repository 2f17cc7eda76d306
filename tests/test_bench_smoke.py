"""The benchmark runs end to end on a small N, so it cannot rot; its figures are not asserted here."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_benchmark_smoke_run():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--n", "300", "--runs", "1"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for measure in ("build wall time", "peak RSS", "index.html size", "interactive in Chromium"):
        assert re.search(rf"^{measure}\s+mapgen [\d.]+ \S+\s+naive folium [\d.]+ \S+\s+ratio [\d.]+x$", out, re.M), out
    assert re.search(r"^worst pan/zoom step\s+mapgen [\d.]+ s$", out, re.M), out
