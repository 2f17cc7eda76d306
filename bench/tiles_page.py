"""The vector-tile page of a build (`mapgen build --vector-tiles`) as a reader on a web host gets it: served by a
local HTTP server that answers range requests (as any static host or CDN does), opened in headless Chromium
(its Content-Security-Policy lets it ask no other host). Reports the time until the page is ready (dots drawn,
the list of places in view made), the requests and bytes it took, and the time to open the first listed place's
popup with its quote (zoomed out on a large table, the list names groups: the first is zoomed into until places
are listed, as a reader would).

    python bench/tiles_page.py OUT_DIR [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import statistics
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from browser import CHROMIUM_ARGS  # noqa: E402


class RangeHandler(SimpleHTTPRequestHandler):
    """Serves byte ranges (206 Partial Content: `bytes=first-last`, `first-` or `-suffix`) read by seeking, as a
    static host does; Python's http.server answers every GET whole. Counts the bytes of each answer."""

    sent: list[int] = []  # bytes of each answer, for the run under way

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file() or not any(match.groups()):
            head = super().send_head()
            if path.is_file():
                self.sent.append(path.stat().st_size)
            return head
        size = path.stat().st_size
        first = int(match.group(1)) if match.group(1) else max(0, size - int(match.group(2)))
        last = min(int(match.group(2)), size - 1) if match.group(1) and match.group(2) else size - 1
        if first >= size or first > last:
            self.send_error(416)
            return None
        with path.open("rb") as fh:
            fh.seek(first)
            body = fh.read(last - first + 1)
        self.sent.append(len(body))
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


def until(page, expr: str, timeout: float) -> None:
    """Poll from outside: the page's CSP forbids the eval() that Playwright's wait_for_function uses."""
    for _ in range(int(timeout / 0.02)):
        if page.evaluate(expr):
            return
        page.wait_for_timeout(20)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {expr}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="a build made with --vector-tiles")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    if not (args.out / "tiles.html").is_file():
        raise SystemExit(f"{args.out}: no tiles.html; build with `mapgen build --vector-tiles`")
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(args.out)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ready, popup, requests, sent = [], [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                RangeHandler.sent.clear()
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(base + "tiles.html")  # its CSP lets it ask its own server only
                until(page, "document.documentElement.dataset.mapgen === 'ready'", args.timeout)
                ready.append(page.evaluate("performance.now()") / 1000)
                requests.append(len(RangeHandler.sent))
                sent.append(sum(RangeHandler.sent))
                t = page.evaluate("performance.now()")
                for _ in range(20):  # zoomed out on a large table the list names groups: zoom into the first
                    if page.locator("#mg-list .mg-place").count():
                        break
                    zoom = page.evaluate("mapgenTiles.zoom")
                    page.click("#mg-list .mg-group")
                    until(page, f"mapgenTiles.zoom !== {zoom} && mapgenTiles.ready", args.timeout)
                page.click("#mg-list .mg-place")
                page.wait_for_selector(".leaflet-popup-content .mg-quote", timeout=args.timeout * 1000)
                popup.append((page.evaluate("performance.now()") - t) / 1000)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    archive = (args.out / "tiles" / "sites.pmtiles").stat().st_size
    print(f"tiles page of {args.out}: archive {archive / 1e6:.1f} MB; medians of {args.runs} loads")
    print(f"ready in {statistics.median(ready):.2f} s after {statistics.median(requests):.0f} requests, "
          f"{statistics.median(sent) / 1e6:.2f} MB; the first listed place's popup with its quote (zooming into "
          f"the first listed group until places are listed) in "
          f"{statistics.median(popup):.2f} s")


if __name__ == "__main__":
    main()
