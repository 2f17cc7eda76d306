"""The pages in headless Chromium, offline: time until interactive, a check that pins are drawn and a popup
opens, and the worst pan/zoom step.

Interactive means: for mapgen, `mapgen.visibleSites()` returns every place and pins or clusters are in the
page; for a folium page, the load event has fired and every place is a marker (or circle marker) on the map or
in a marker cluster, and some are drawn. Then the first place's popup must open with its claims and stay open.
A page that does not get there (or crashes) is reported as failed, and the benchmark exits with an error: a map
that draws nothing must never be timed as fast.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

# The page's Leaflet map: mapgen's API, or the folium map (a global `map_…`).
FIND_MAP = """(() => {
  if (window.mapgen && mapgen.map) return mapgen.map;
  if (window.__benchMap) return window.__benchMap;
  if (!window.L) return null;
  for (const k of Object.keys(window)) {
    try { if (window[k] instanceof L.Map) { window.__benchMap = window[k]; return window[k]; } } catch (e) {}
  }
  return null;
})()"""

# Places on a folium map (markers and circle markers, on the map or in a cluster group), 0 if none is drawn.
FOLIUM_POINTS = """() => {
  const map = @MAP@;
  if (!map || document.readyState !== 'complete') return -1;
  const points = new Set();
  const isPoint = l => (l instanceof L.Marker || l instanceof L.CircleMarker)
                       && !(L.MarkerCluster && l instanceof L.MarkerCluster);
  map.eachLayer(l => {
    if (L.MarkerClusterGroup && l instanceof L.MarkerClusterGroup) l.getLayers().forEach(m => points.add(m));
    else if (isPoint(l)) points.add(l);
  });
  const drawn = document.querySelectorAll('.leaflet-marker-pane > *, .leaflet-overlay-pane path').length;
  return drawn ? points.size : 0;
}""".replace("@MAP@", FIND_MAP)

MAPGEN_READY = """() => {
  if (!window.mapgen) return -1;
  const drawn = document.querySelectorAll('.leaflet-marker-pane > *, .leaflet-overlay-pane path').length;
  return drawn ? mapgen.visibleSites().length : 0;
}"""

# Open the first place's popup as a reader would (zooming into its cluster first); the popup's text once it shows,
# whether it is still open a second later (a popup taller than the map pans its marker out of view, and a cluster
# group then removes the marker and closes its popup), and its height.
STILL_OPEN = """
  let text = '';
  for (let i = 0; i < 50 && !text; i++) {
    const el = document.querySelector('.leaflet-popup-content');
    if (el && el.textContent.trim()) text = el.textContent; else await new Promise(done => setTimeout(done, 100));
  }
  await new Promise(done => setTimeout(done, 1000));
  const el = document.querySelector('.leaflet-popup-content');
  return [text, !!el, el ? el.offsetHeight : 0];
"""
FOLIUM_POPUP = """async () => {
  const map = @MAP@;
  let target = null, group = null;
  map.eachLayer(l => {
    if (target) return;
    if (L.MarkerClusterGroup && l instanceof L.MarkerClusterGroup) { group = l; target = l.getLayers()[0]; }
    else if ((l instanceof L.Marker || l instanceof L.CircleMarker)
             && !(L.MarkerCluster && l instanceof L.MarkerCluster)) target = l;
  });
  if (!target) return ['', false, 0];
  if (group) await new Promise(done => group.zoomToShowLayer(target, done));
  else map.setView(target.getLatLng(), Math.max(map.getZoom(), 8), {animate: false});
  if (target.getPopup && target.getPopup()) target.openPopup();
  else target.fire('click', {latlng: target.getLatLng()}, true);  // a GeoJSON layer's popup is its group's
  @STILL_OPEN@
}""".replace("@MAP@", FIND_MAP).replace("@STILL_OPEN@", STILL_OPEN)

MAPGEN_POPUP = """async (id) => {
  mapgen.openSite(id);
  @STILL_OPEN@
}""".replace("@STILL_OPEN@", STILL_OPEN)

# The longest single step while panning and zooming: each step waits for two animation frames, so it includes
# the cluster recomputation and the repaint. Stops early once `limit` ms have gone by (a step cannot be cut).
PAN_JS = """async (limit) => {
  const map = @MAP@, frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  map.closePopup();
  let worst = 0, done = 0;
  const began = performance.now();
  const steps = [() => map.panBy([400, 0], {animate: false}), () => map.panBy([0, 300], {animate: false}),
                 () => map.setZoom(map.getZoom() + 2, {animate: false}), () => map.panBy([-300, 0], {animate: false}),
                 () => map.setZoom(map.getZoom() - 2, {animate: false}), () => map.panBy([0, -300], {animate: false})];
  for (const step of steps) {
    const t = performance.now(); step(); await frames(); worst = Math.max(worst, performance.now() - t);
    done++;
    if (performance.now() - began > limit) break;
  }
  return [worst, done, steps.length];
}""".replace("@MAP@", FIND_MAP)


@dataclass
class PageSpec:
    path: Path
    mapgen: bool
    places: int
    first_id: str
    first_name: str


@dataclass
class PageTimes:
    interactive: list[float] = field(default_factory=list)
    pan: list[float] = field(default_factory=list)
    pan_note: str = ""
    error: str = ""
    popup_px: int = 0  # height of the first place's popup content

    def median(self, what: str) -> float | None:
        values = getattr(self, what)
        return statistics.median(values) if values else None


def _wait(page, expr: str, want: int, timeout: float) -> int:
    """Poll `expr` from outside the page every 50 ms until it returns `want` (Playwright's wait_for_function
    evaluates with eval() inside the page, which mapgen's Content-Security-Policy forbids); the last value."""
    deadline = time.perf_counter() + timeout
    got = page.evaluate(expr)
    while got != want:
        if time.perf_counter() > deadline:
            return got
        page.wait_for_timeout(50)
        got = page.evaluate(expr)
    return got


def _from_disk(route) -> None:
    """A CDN file mapgen's page links, served from the installed copy whose integrity it carries."""
    from mapgen.assets import GESTURE, PAGE

    local = {a.cdn: a.local for a in PAGE + GESTURE if a.sri}
    if route.request.url in local:
        route.fulfill(path=str(local[route.request.url]), headers={"Access-Control-Allow-Origin": "*"})
    else:
        route.abort()


def measure(pages: dict[str, PageSpec], runs: int, pan: bool = True, timeout: float = 600.0,
            pan_limit: float = 60.0) -> dict[str, PageTimes]:
    """Each page `runs` times in a fresh tab, programs alternating. A page that crashes, does not draw every
    place in time, or whose popup does not open (or does not stay open) is reported with `error` and not
    measured again."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or "/usr/bin/chromium"
    out = {name: PageTimes() for name in pages}
    names = list(pages)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        for run in range(runs):
            for name in names[run % len(names):] + names[:run % len(names)]:
                spec, times = pages[name], out[name]
                if times.error:
                    continue
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.route("http*://**/*", lambda route: route.abort())
                page.route("https://cdn.jsdelivr.net/**", _from_disk)  # mapgen's page built without --self-contained
                try:
                    page.goto(spec.path.as_uri(), wait_until="commit", timeout=timeout * 1000)
                    got = _wait(page, MAPGEN_READY if spec.mapgen else FOLIUM_POINTS, spec.places, timeout)
                    if got != spec.places:
                        times.error = f"{max(got, 0)} of {spec.places} places drawn after {timeout:.0f} s"
                        continue
                    times.interactive.append(page.evaluate("performance.now()") / 1000)
                    text, still_open, height = (page.evaluate(MAPGEN_POPUP, spec.first_id) if spec.mapgen
                                                else page.evaluate(FOLIUM_POPUP))
                    if not (spec.first_name in text if spec.mapgen else re.search(r"line \d+", text)):
                        times.error = f"no popup opened with its place's claims (its text: {text[:80]!r})"
                        continue
                    if not still_open:
                        times.error = "its popup opens, then closes by itself within a second"
                        continue
                    times.popup_px = max(times.popup_px, height)
                    if pan:
                        worst, done, steps = page.evaluate(PAN_JS, pan_limit * 1000)
                        times.pan.append(worst / 1000)
                        if done < steps:
                            times.pan_note = f"stopped after {done} of {steps} steps"
                except PlaywrightError as exc:  # the tab crashed (out of memory) or a navigation timed out
                    times.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                finally:
                    try:
                        page.close()
                    except PlaywrightError:
                        pass
        browser.close()
    return out
