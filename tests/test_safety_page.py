"""Issue 11, the pages' side: hash parsing, escaped options, Content-Security-Policy, tiles as a choice,
the iframe snippet and seed file names that work from every page. One test (or two) per class of bug."""

from __future__ import annotations

import base64
import csv
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SEEDS, SITES, Visit, write_csv

from mapgen.cli import main
from mapgen.read import InputError
from mapgen.records import adapt


class CspVisit(Visit):
    """conftest's Visit on a page that must carry a CSP."""

    def violations(self) -> list[str]:
        assert self.js("!!document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"), "no CSP"
        return super().violations()


def csp_of(text: str) -> dict[str, list[str]]:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    assert len(found) == 1, "one CSP meta per page"
    policy = found[0].replace("&#x27;", "'").replace("&amp;", "&")
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <title>, <h1>, <noscript>, executable
    <script> ("script") and data block (<script type=...>: "data")."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title", "h1", "noscript"):
            key = "data" if tag == "script" and dict(attrs).get("type") else tag
            self._open.append(key)
            self.text.setdefault(key, []).append("")

    def handle_endtag(self, tag):
        if self._open and self._open[-1] in (tag, "data" if tag == "script" else tag):
            self._open.pop()

    def handle_data(self, data):
        for tag in self._open:
            self.text[tag][-1] += data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The shipped table built both ways, an embed and a visit sheet."""
    root = tmp_path_factory.mktemp("safety")
    args = ["--sites", str(SITES), "--seeds", str(SEEDS)]
    assert main(["build", "--self-contained", "--out", str(root / "sc"), *args]) == 0
    assert main(["build", "--out", str(root / "cdn"), *args]) == 0
    assert main(["embed", "--period", "great-purge", "--out", str(root / "embed.html"), *args]) == 0
    assert main(["visit", "butovo", "kommunarka", "--out", str(root / "visit"), *args]) == 0
    return root


# ---------- 1. a malformed percent-escape in the hash never blanks the map ----------

@pytest.mark.browser
def test_malformed_hash_is_ignored_and_the_rest_kept(browser, built):
    index = (built / "sc" / "index.html").as_uri()
    for bad in ("site=%E0%A4%A", "x=%zz", "period=%", "%zz=1&category=%E0%A4"):
        v = CspVisit(browser, f"{index}#{bad}")
        try:
            assert v.errors == [], (bad, v.errors)
            assert len(v.js("mapgen.visibleSites()")) == len(v.js("mapgen.sites()")) > 80, bad
        finally:
            v.close()
    v = CspVisit(browser, f"{index}#x=%zz&site=butovo")
    try:
        v.page.wait_for_selector(".leaflet-popup-content .mg-name", timeout=10000)
        assert v.js("document.querySelector('.leaflet-popup-content .mg-name').textContent") == "Butovo firing range"
        assert v.errors == []
    finally:
        v.close()


# ---------- 2. options are escaped for their context; link bases are http(s) or relative ----------

HOSTILE_TITLE = """</title><script>window.pwned=1</script>"Q" 'A' & <b>bold</b>"""
HOSTILE_BASE = "</noscript><script>window.pwned=2</script>x\"y'z&/"


def test_link_base_is_checked():
    from mapgen.files import check_link_base

    assert check_link_base("") == ""
    assert check_link_base("https://example.org/map") == "https://example.org/map/"
    assert check_link_base("http://example.org/map/") == "http://example.org/map/"
    assert check_link_base("../map") == "../map/"
    for bad in ("javascript:window.pwned=1", "JavaScript:alert(1)//", "data:text/html,x", "//evil.example/",
                "https://", "https:evil", "a\\b", "with space/", "tab\there", "ctl\x1b[31m", "file:///etc/",
                "vbscript:x", " javascript:x", "https://user@evil.example/"):
        with pytest.raises(InputError) as err:
            check_link_base(bad)
        assert err.value.problems[0].path == "--link-base"
        assert "http" in err.value.problems[0].message and "relative" in err.value.problems[0].message


def test_hostile_title_and_link_base_stay_text_in_the_html(built, tmp_path):
    from mapgen.files import embed_html, iframe_snippet
    from mapgen.model import build_atlas
    from mapgen.read import read_sources, read_table

    atlas = build_atlas(adapt(read_table(SITES))[0], read_sources(SEEDS))
    page = embed_html(atlas, HOSTILE_TITLE, {}, HOSTILE_BASE)
    tags = Tags(page)
    assert tags.text["title"] == [HOSTILE_TITLE]
    assert tags.text["h1"] == [HOSTILE_TITLE]
    assert all("pwned" not in s for s in tags.text["script"]), "an option reached a script as code"
    assert not any(t == "b" for t, _ in tags.tags)
    hrefs = [a["href"] for t, a in tags.tags if t in ("a", "link") and a.get("href")]
    assert hrefs and all(h and not re.search(r"[\s\"'<>]", h) for h in hrefs), hrefs
    assert any(h.endswith("sites.geojson") and "%3C/noscript%3E" in h for h in hrefs), hrefs
    for bad in ("javascript:window.pwned=1", "//evil.example/"):
        with pytest.raises(InputError):
            embed_html(atlas, "t", {}, bad)
    (tmp_path / "e.html").write_text(page, encoding="utf-8")
    snippet = iframe_snippet("my map.html", HOSTILE_TITLE, "https://example.org/map")
    iframe = Tags(snippet).tags[0][1]
    assert iframe["src"] == "https://example.org/map/my%20map.html"
    assert iframe["title"] == "Map: " + HOSTILE_TITLE and iframe["allow"] == "geolocation"
    assert "allowfullscreen" in iframe


@pytest.mark.browser
def test_hostile_title_and_link_base_in_chromium(browser, tmp_path):
    from mapgen.files import embed_html
    from mapgen.model import build_atlas
    from mapgen.read import read_sources, read_table

    atlas = build_atlas(adapt(read_table(SITES))[0], read_sources(SEEDS))
    (tmp_path / "e.html").write_text(embed_html(atlas, HOSTILE_TITLE, {}, HOSTILE_BASE), encoding="utf-8")
    v = CspVisit(browser, (tmp_path / "e.html").as_uri())
    try:
        assert v.js("window.pwned") is None and v.dialogs == []
        assert v.js("document.title") == HOSTILE_TITLE
        assert v.js("document.querySelector('h1').textContent") == HOSTILE_TITLE
        assert v.js("document.querySelectorAll('b').length") == 0
        v.js("mapgen.openSite('butovo')")
        v.page.wait_for_selector(".leaflet-popup-content .mg-cite a", timeout=10000)
        cite = v.js("document.querySelector('.mg-cite a').href")
        assert cite.startswith(tmp_path.as_uri() + "/%3C/noscript%3E"), cite
        assert v.errors == [] and v.violations() == []
    finally:
        v.close()


# ---------- 3. a Content-Security-Policy on every page, and no violation when it is used ----------

def test_every_page_type_carries_a_strict_csp(built):
    pages = {"index (self-contained)": built / "sc" / "index.html",
             "period": built / "sc" / "period" / "great-purge.html",
             "category": built / "sc" / "category" / "memorial.html", "index (cdn)": built / "cdn" / "index.html",
             "cdn period": built / "cdn" / "period" / "great-purge.html", "embed": built / "embed.html",
             "source index": built / "sc" / "sources" / "index.html", "visit sheet": built / "visit" / "visit.html"}
    pages.update({f"source {p.name}": p for p in (built / "sc" / "sources").glob("0*.html")})
    for what, path in pages.items():
        text = path.read_text(encoding="utf-8")
        csp = csp_of(text)
        assert csp["default-src"] == ["'none'"], what
        for d in ("object-src", "base-uri", "form-action"):
            assert csp[d] == ["'none'"], (what, d)
        for d in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in csp[d] and "'unsafe-eval'" not in csp[d] and "*" not in csp[d], what
        assert set(csp["img-src"]) <= {"'self'", "data:", "https://tile.openstreetmap.org"}, what
        assert text.index("Content-Security-Policy") < min(
            (text.find(t) for t in ("<script", "<style", "<link") if t in text), default=len(text)), what
        assert not re.search(r"<[a-z][^>]*\sstyle=", text), f"{what}: a style attribute needs 'unsafe-inline'"
    for what in ("index (self-contained)", "embed"):  # nothing from outside the file, not even from its folder
        csp = csp_of(pages[what].read_text(encoding="utf-8"))
        assert all(s.startswith("'sha256-") for s in csp["script-src"] + csp["style-src"]), what
    for what in ("source index", "visit sheet"):
        assert csp_of(pages[what].read_text(encoding="utf-8"))["script-src"] == ["'none'"]
    # CDN builds: every remote file carries the integrity of the pinned file, and the CSP names its origin
    text = pages["index (cdn)"].read_text(encoding="utf-8")
    remote = [a for t, a in Tags(text).tags if t in ("script", "link") and (a.get("src") or a.get("href") or "")
              .startswith("http")]
    assert remote, "a CDN build links Leaflet from the CDN"
    for a in remote:
        assert re.fullmatch(r"sha384-[A-Za-z0-9+/]{64}", a.get("integrity") or ""), a
        assert a.get("crossorigin") == "anonymous", a
    assert "https://cdn.jsdelivr.net" in csp_of(text)["script-src"]


def test_cdn_integrity_is_that_of_the_verified_local_copy():
    from mapgen.assets import GESTURE, LEAFLET, MARKERCLUSTER, PAGE

    with_sri = [a for a in PAGE + MARKERCLUSTER + GESTURE if a.sri]
    assert {a.name for a in with_sri} >= {"leaflet.js", "leaflet.css", "supercluster.min.js",
                                         "leaflet.markercluster.js"}
    for a in with_sri:
        digest = base64.b64encode(hashlib.sha384(a.local.read_bytes()).digest()).decode()
        assert a.sri == f"sha384-{digest}", a.name
    # Leaflet 1.9.3 as leafletjs.com publishes it (sha256), so the sha384 above is of the CDN's file too
    leaflet = {a.name: a for a in LEAFLET}
    assert base64.b64encode(hashlib.sha256(leaflet["leaflet.js"].local.read_bytes()).digest()).decode() == \
        "WBkoXOwTeyKclOHuWtc+i2uENFpDZ9YPdf5Hf+D7ewM="


@pytest.mark.browser
def test_pages_load_without_csp_violations_and_the_map_works(browser, built):
    for rel in ("sc/index.html", "sc/period/great-purge.html", "sc/category/memorial.html", "embed.html"):
        v = CspVisit(browser, (built / rel).as_uri())
        try:
            assert v.js("mapgen.visibleSites().length") > 0, rel
            v.js("mapgen.openSite('butovo')")
            v.page.wait_for_selector(".leaflet-popup-content .mg-quote", timeout=10000)
            v.page.wait_for_timeout(300)
            assert v.errors == [] and v.violations() == [], (rel, v.errors, v.violations())
        finally:
            v.close()
    for rel in ("sc/sources/index.html", "sc/sources/000_f99e81eacf2887d0.txt.html", "visit/visit.html"):
        v = CspVisit(browser, (built / rel).as_uri(), ready=False)
        try:
            v.page.wait_for_load_state("load")
            assert v.js("getComputedStyle(document.body).marginTop") == "0px" or rel.startswith("visit"), rel
            assert v.errors == [] and v.violations() == [], (rel, v.violations())
        finally:
            v.close()


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(browser, built, tmp_path):
    for rel in ("sc/index.html", "sc/period/great-purge.html", "embed.html"):
        text = (built / rel).read_text(encoding="utf-8")
        hostile = tmp_path / Path(rel).name
        (tmp_path / "data").mkdir(exist_ok=True)
        # stored injection: markup that slipped past every escape still may not run
        hostile.write_text(text.replace("</body>", "<script>window.injected=1</script>\n"
                                        "<img src=x onerror=\"window.injected=2\">\n</body>"), encoding="utf-8")
        v = CspVisit(browser, hostile.as_uri(), ready=False)
        try:
            v.page.wait_for_load_state("load")
            v.page.wait_for_timeout(200)
            assert v.js("window.injected") is None, rel
            assert any("script" in x for x in v.violations()), (rel, v.violations())
        finally:
            v.close()


# ---------- 4. tiles are a choice ----------

def test_tiles_are_checked():
    from mapgen.files import check_tiles

    assert check_tiles("none") is None
    url = "https://tiles.example.test/{z}/{x}/{y}.png"
    assert check_tiles(url) == url
    for bad in ("javascript:{z}{x}{y}", "https://tiles.example.test/{z}/{x}.png", "ftp://h/{z}/{x}/{y}",
                "https://tiles.example.test/{z}/{x}/{y}\"><script>", "https:///{z}/{x}/{y}", "//h/{z}/{x}/{y}",
                "https://h/{z}/{x}/{y}/{evil}", "https://h/{z}/{x}/{y} x"):
        with pytest.raises(InputError) as err:
            check_tiles(bad)
        assert err.value.problems[0].path == "--tiles"


@pytest.mark.browser
def test_tiles_none_asks_no_server_and_a_custom_server_only_it(browser, tmp_path):
    from mapgen.files import build_files, embed_html
    from mapgen.model import build_atlas
    from mapgen.read import read_sources, read_table

    atlas = build_atlas(adapt(read_table(SITES))[0], read_sources(SEEDS))
    custom = "https://tiles.example.test/{z}/{x}/{y}.png"
    (tmp_path / "none.html").write_text(embed_html(atlas, "t", {}, "", tiles="none"), encoding="utf-8")
    (tmp_path / "custom.html").write_text(embed_html(atlas, "t", {}, "", tiles=custom), encoding="utf-8")
    index = dict(build_files(atlas, True, tiles=None))["index.html"]
    assert isinstance(index, bytes)
    (tmp_path / "index.html").write_bytes(index)
    for name in ("none.html", "index.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert csp_of(text)["img-src"] == ["'self'", "data:"] and "tile.openstreetmap.org" not in text
        v = CspVisit(browser, (tmp_path / name).as_uri())
        try:
            v.js("mapgen.map.setZoom(6)")
            v.page.wait_for_timeout(400)
            assert v.network == [], v.network
            assert "OpenStreetMap" not in v.js("document.body.innerText")  # what is shown, not the script
            assert v.errors == [] and v.violations() == []
        finally:
            v.close()
    assert csp_of((tmp_path / "custom.html").read_text(encoding="utf-8"))["img-src"] == \
        ["'self'", "data:", "https://tiles.example.test"]
    v = CspVisit(browser, (tmp_path / "custom.html").as_uri())
    try:
        v.page.wait_for_timeout(400)
        hosts = {urlsplit(url).hostname for _, url in v.network}
        assert hosts == {"tiles.example.test"}, v.network
        assert v.errors == [] and v.violations() == []
    finally:
        v.close()


# ---------- 6. seed file names work from every page ----------

NAMES = ["with space.txt", "Курапаты-" + "очень-" * 13 + "длинное.txt", "50%.txt", "a#b?.txt", "it's.txt",
         "index"]


def named_project(root: Path) -> tuple[Path, Path]:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    rows = []
    with (seeds / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "title", "origin", "licence", "url"])
        for k, name in enumerate(NAMES):
            (seeds / name).write_text(f"Preface {k}.\nIn 1937 the NKVD shot prisoners at place {k}.\nEnd.\n",
                                      encoding="utf-8")
            w.writerow([name, f"Title {k}", "test", "CC0", ""])
            rows.append({"site_id": f"place-{k}", "name": f"Place {k}", "lat": f"{55.5 + k * 0.1:.2f}",
                         "lon": f"{37.2 + k * 0.1:.2f}", "precision": "site", "country": "RU",
                         "start_year": "1937", "end_year": "1937", "category": "execution_burial_site",
                         "quote": f"In 1937 the NKVD shot prisoners at place {k}.", "source": name, "line": "2"})
    from mapgen.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

    return write_csv(root / "sites.csv", rows, list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)), seeds


@pytest.mark.browser
def test_every_seed_name_works_from_every_page(browser, tmp_path):
    sites, seeds = named_project(tmp_path)
    out = tmp_path / "out"
    assert main(["build", "--self-contained", "--sites", str(sites), "--seeds", str(seeds), "--out", str(out)]) == 0
    assert Tags((out / "sources" / "index.html").read_text(encoding="utf-8")).text["h1"] == ["Sources"]
    assert all(len(p.name.encode()) <= 100 for p in (out / "sources").iterdir())

    def lands_on(v: CspVisit, href: str, title: str) -> None:
        v.page.goto(href)
        v.page.wait_for_load_state("load")
        assert v.js("document.querySelector('h1') && document.querySelector('h1').textContent") == title, href
        assert v.js("!!document.getElementById('L2')"), href

    titles = {f"Title {k}" for k in range(len(NAMES))}
    v = CspVisit(browser, (out / "index.html").as_uri())
    try:
        cited = []
        for k in range(len(NAMES)):
            v.js(f"mapgen.openSite('place-{k}')")
            v.until(f"document.querySelector('.leaflet-popup-content .mg-name') && document."
                    f"querySelector('.leaflet-popup-content .mg-name').textContent === 'Place {k}'")
            cited.append(v.js("document.querySelector('.leaflet-popup-content .mg-cite a').href"))
        links = "a => [a.href, a.textContent]"
        listed = v.js(f"Array.from(document.querySelectorAll('.mg-about li a')).map({links})")
        assert v.errors == [] and v.violations() == []
        for k, href in enumerate(cited):
            assert href.endswith("#L2"), href
            lands_on(v, href, f"Title {k}")
        assert {t for _, t in listed} == titles
        for href, title in listed:
            lands_on(v, href, title)
        v.page.goto((out / "sources" / "index.html").as_uri())
        index_links = v.js(f"Array.from(document.querySelectorAll('ul a')).map({links})")
        assert {t for _, t in index_links} == titles
        for href, title in index_links:
            lands_on(v, href, title)
        assert v.errors == [] and v.violations() == []
    finally:
        v.close()
