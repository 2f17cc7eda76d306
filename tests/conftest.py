"""Shared fixtures: the shipped project, one gazetteer per session (it takes seconds to load)."""

from __future__ import annotations

import csv
import datetime
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mapgen.gazetteer import Gazetteer
from mapgen.read import InputError, Parts, Table, read_sources, read_table
from mapgen.records import Record
from mapgen.validate import Validation

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "sites.csv"
SEEDS = ROOT / "seeds"


def validated(table: Table | Parts) -> tuple[list[Record], list[str]]:
    """A table's records and every problem, checked against the shipped seeds on a fixed day."""
    checked = Validation(table, SEEDS, read_sources(SEEDS), today=datetime.date(2026, 11, 25))
    return list(checked.records), [str(p) for p in checked.problems()]


def outcome(table: Callable[[], Table | Parts]) -> object:
    """`validated` of the table `table()` reads, or the problems that stop it being read."""
    try:
        return validated(table())
    except InputError as err:
        return [str(p) for p in err.problems]


@pytest.fixture(scope="session", autouse=True)
def cache_of_the_run(tmp_path_factory):
    """The gazetteer's index (mapgen/geoindex.py) is made in a folder of this test run, never in the user's cache."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(scope="session")
def shipped_rows() -> list[dict[str, str]]:
    return [row.values for row in read_table(SITES).rows]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seeds, so a test may add or break files."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; a missing browser is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(exe).exists(), "chromium is not installed: run scripts/install (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Records CSP violations from the first byte on (init scripts are not subject to the page's policy).
WATCH_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) {"
             " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });")


class Visit:
    """A page opened with the network cut off, recording everything that went wrong: page errors, failed
    requests, console messages, dialogs a script opened and Content-Security-Policy violations."""

    def __init__(self, browser, url: str, width: int = 1280, height: int = 800, ready: bool = True, **context):
        self.page = browser.new_page(viewport={"width": width, "height": height}, **context)
        self.errors: list[str] = []
        self.network: list[tuple[str, str]] = []  # (resource type, url) asked of the network
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.add_init_script(WATCH_CSP)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("request", lambda r: r.url.startswith("http") and self.network.append((r.resource_type, r.url)))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("http*://**/*", lambda route: route.abort())
        self.page.goto(url)
        if ready:
            self.until("document.documentElement.dataset.mapgen === 'ready'", timeout=15)

    def until(self, expr: str, timeout: float = 10.0) -> None:
        """Wait until `expr` is true. Playwright's wait_for_function polls with eval() inside the page, which
        the page's CSP (rightly) forbids; evaluate() from outside is not subject to it."""
        for _ in range(int(timeout / 0.05)):
            if self.js(expr):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"timed out waiting for {expr}")

    def violations(self) -> list[str]:
        return self.js("window.__csp || []") + [m for m in self.console if "Content Security Policy" in m]

    def _failed(self, request) -> None:
        if request.resource_type != "image":  # tiles fail offline by design
            self.errors.append(f"{request.resource_type} failed: {request.url}")

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory) -> Path:
    """The shipped table built once, self-contained, for the browser tests that only read it."""
    from mapgen.cli import main

    out = tmp_path_factory.mktemp("shipped") / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    return out


@pytest.fixture
def visit(browser, shipped_build):
    """open_("index.html#site=butovo", width=…) -> a Visit of a page of the shipped build; each one opened must
    end with no page error."""
    opened = []

    def open_(rel: str = "index.html", **kw) -> Visit:
        path, _, fragment = rel.partition("#")
        v = Visit(browser, (shipped_build / path).as_uri() + ("#" + fragment if fragment else ""), **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        assert v.errors == [], v.errors
        v.close()
