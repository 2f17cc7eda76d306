"""Hostile text stays text on every page; builds are atomic and reproducible; no input crashes the loader."""

from __future__ import annotations

import csv
import datetime
import os
from pathlib import Path

import pytest
from conftest import SEEDS, SITES, Visit, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapgen.files
import mapgen.pipeline
import mapgen.read
from mapgen.cli import main
from mapgen.read import InputError, parse_table, read_sources
from mapgen.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from mapgen.validate import validate

HOSTILE_LINES = [
    "The camp was closed in 1953 <script>window.x=1</script> after the uprising.",
    'Prisoners wrote "</script><script>window.x=2</script>" on the wall of the barracks in 1951.',
    'An inscription read <img src=x onerror="window.x=3"> at the site in 1938.',
    "A plaque says 'javascript:window.x=4' and ${window.x=5} and `backtick` and {{ 7*7 }} in 1992.",
    '=HYPERLINK("http://evil.example","click") was painted on the gate in 1937.',
]
TODAY = datetime.date.today().isoformat()
HOSTILE_NAME = "<script>window.x=6</script>Camp \"A\" & 'B' {{ 7*7 }}"
COLUMNS = list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)


def hostile_project(root: Path) -> tuple[Path, Path]:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "hostile.txt").write_text("\n".join(HOSTILE_LINES) + "\n", encoding="utf-8")
    with (seeds / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "title", "origin", "licence", "url"])
        w.writerow(["hostile.txt", '<img src=x onerror=window.x=11>Hostile "title"', "</script><b>origin</b>",
                    "{{ 7*7 }}", "javascript:window.x=12"])
    base = {"precision": "site", "country": "RU", "source": "hostile.txt", "geonames_id": "", "flag": "",
            "flag_reason": "", "aliases": "", "name_local": "", "today": "", "remembrance": "", "today_source": "",
            "remembrance_source": "", "visiting": "", "visiting_source": "", "checked": ""}
    rows = [
        dict(base, site_id="hostile-a", name=HOSTILE_NAME, lat="55.60", lon="37.60", start_year="1953",
             end_year="1953", category="camp_prison_exile", quote=HOSTILE_LINES[0], line="1",
             name_local='"><svg onload=window.x=7>', aliases="</script><b>x</b>; {{ 7*7 }}",
             today="<iframe src=javascript:window.x=8></iframe>", remembrance="${window.x=9} `tick`",
             today_source="https://example.org/a?b=1&c='onmouseover=window.x=15'",
             remembrance_source="seed:hostile.txt:2",
             visiting="<img src=x onerror=window.x=14>", visiting_source="https://example.org/v", checked=TODAY,
             flag="dubious", flag_reason="<b onmouseover=window.x=10>bold</b>"),
        dict(base, site_id="hostile-a", name=HOSTILE_NAME, lat="55.60", lon="37.60", start_year="1951",
             end_year="1951", category="uprising_suppressed", quote=HOSTILE_LINES[1], line="2"),
        dict(base, site_id="hostile-b", name="</textarea><a href='javascript:window.x=13'>link</a>", lat="56.00",
             lon="38.00", start_year="1938", end_year="1938", category="execution_burial_site",
             quote=HOSTILE_LINES[2], line="3"),
        dict(base, site_id="hostile-c", name="Plaque ${7*7}", lat="55.90", lon="37.20", start_year="1992",
             end_year="1992", category="memorial", quote=HOSTILE_LINES[3], line="4"),
        dict(base, site_id="hostile-d", name="Gate", lat="55.70", lon="37.90", start_year="1937", end_year="1937",
             category="execution_burial_site", quote=HOSTILE_LINES[4], line="5"),
    ]
    sites = write_csv(root / "sites.csv", rows, COLUMNS)
    return sites, seeds


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    sites, seeds = hostile_project(root)
    args = ["--sites", str(sites), "--seeds", str(seeds)]
    assert main(["build", "--self-contained", "--out", str(root / "out"), *args]) == 0
    assert main(["embed", "--out", str(root / "out" / "embed.html"), "--png", str(root / "embed.png"), *args]) == 0
    assert main(["visit", "hostile-a", "hostile-b", "--out", str(root / "visit"), *args]) == 0
    return root


def test_no_markup_from_data_reaches_any_file(hostile):
    files = [p for p in hostile.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".kml", ".gpx")]
    assert len(files) > 15
    for path in files:
        text = path.read_text(encoding="utf-8")
        for raw in ("<script>window.x", "<img src=x", "<svg onload", "<iframe src=javascript", "<b onmouseover",
                    "</script><b>", "<a href='javascript:"):
            assert raw not in text, f"{raw!r} reached {path.relative_to(hostile)} unescaped"


def test_formula_cells_are_neutralised_in_the_csv_export(hostile):
    rows = list(csv.DictReader((hostile / "out" / "sites.csv").open(encoding="utf-8")))
    gate = next(r for r in rows if r["site_id"] == "hostile-d")
    assert gate["quote"] == "'" + HOSTILE_LINES[4]
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


@pytest.fixture
def page(browser):
    opened = []

    def open_(url: str) -> Visit:
        v = Visit(browser, url) if url.endswith("html") and "sources" not in url and "visit" not in url else None
        if v is None:  # plain pages (no map): open without waiting for the map
            v = Visit.__new__(Visit)
            v.page = browser.new_page()
            v.errors, v.network = [], []
            v.page.on("pageerror", lambda e: v.errors.append(str(e)))
            v.page.route("http*://**/*", lambda route: route.abort())
            v.page.goto(url)
        dialogs = []
        v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        v.dialogs = dialogs
        opened.append(v)
        return v

    yield open_
    for v in opened:
        assert v.js("window.x") is None, "data ran as script"
        assert v.dialogs == [] and v.errors == []
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["out/index.html", "out/period/great-purge.html", "out/category/memorial.html",
                                 "out/embed.html"])
def test_hostile_popups_tooltips_and_search_show_text(hostile, page, rel):
    v = page((hostile / rel).as_uri())
    ids = v.js("mapgen.sites()")
    assert ids == ["hostile-a", "hostile-b", "hostile-c", "hostile-d"]
    v.js("mapgen.openSite('hostile-a')")
    v.page.wait_for_selector(".leaflet-popup-content h2")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == HOSTILE_NAME
    popup = v.js("document.querySelector('.leaflet-popup-content').textContent")
    for text in (HOSTILE_LINES[0], HOSTILE_LINES[1], '"><svg onload=window.x=7>', "${window.x=9} `tick`",
                 "<b onmouseover=window.x=10>bold</b>", "<iframe src=javascript:window.x=8></iframe>"):
        assert text in popup
    assert v.js("document.querySelectorAll('.leaflet-popup-content script, .leaflet-popup-content img, "
                ".leaflet-popup-content svg, .leaflet-popup-content iframe, .leaflet-popup-content b').length") == 0
    cite = v.js("document.querySelector('.leaflet-popup-content .mg-cite a').textContent")
    assert cite == '<img src=x onerror=window.x=11>Hostile "title", line 1'
    for sid, line in (("hostile-b", 2), ("hostile-c", 3)):
        v.js(f"mapgen.openSite('{sid}')")
        v.until(f"document.querySelector('.leaflet-popup-content') && "
                f"document.querySelector('.leaflet-popup-content').textContent.includes({HOSTILE_LINES[line]!r})")
    if "embed" not in rel:
        v.js("mapgen.map.closePopup()")
        v.page.fill("#mg-q", "<script>")
        v.page.wait_for_selector(".mg-result")
        assert v.js("document.querySelector('.mg-result-name').textContent") == HOSTILE_NAME
    v.js("mapgen.map.closePopup()")
    v.page.hover(".leaflet-marker-pane .mg-pin >> nth=0")
    v.page.wait_for_selector(".leaflet-tooltip")
    names = [HOSTILE_NAME, "</textarea><a href='javascript:window.x=13'>link</a>", "Plaque ${7*7}", "Gate"]
    assert v.js("document.querySelector('.leaflet-tooltip').textContent") in names


@pytest.mark.browser
def test_hostile_source_page_and_sheet(hostile, page):
    v = page((hostile / "out" / "sources" / "hostile.txt.html").as_uri())
    for n, line in enumerate(HOSTILE_LINES, start=1):
        assert v.js(f"document.querySelector('#L{n} .text').textContent") == line
    assert v.js("[...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript')).length") == 0
    assert v.js("document.querySelector('h1').textContent") == '<img src=x onerror=window.x=11>Hostile "title"'
    v = page((hostile / "visit" / "visit.html").as_uri())
    body = v.js("document.body.textContent")
    assert HOSTILE_NAME in body and HOSTILE_LINES[0] in body


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def previous(tmp_path):
    out = tmp_path / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)]) == 0
    return out, snapshot(out)


@pytest.fixture(params=["in-process", "forked"])
def parallel(request, monkeypatch):
    """Large builds validate and render in child processes; run the small test table both ways."""
    monkeypatch.setattr(mapgen.pipeline, "PARALLEL_FROM", 1 if request.param == "forked" else 10**9)
    return request.param


def test_forked_build_gives_the_same_bytes(tmp_path, monkeypatch):
    """In one process; with the downloads and the places near the sites in others; with the downloads in the
    build's process, as for a table too large to fork beside (files.FORK_DOWNLOADS_MAX)."""
    outs = []
    for name, threshold, downloads_forked in (("serial", 10**9, 10**9), ("forked", 1, 10**9), ("large", 1, 0)):
        monkeypatch.setattr(mapgen.pipeline, "PARALLEL_FROM", threshold)
        monkeypatch.setattr(mapgen.files, "FORK_DOWNLOADS_MAX", downloads_forked)
        assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / name)]) == 0
        outs.append(snapshot(tmp_path / name))
    assert outs[0] == outs[1] == outs[2]


@pytest.mark.parametrize("old,new,message", [
    (",1937,", ",1837,", "1837 is outside"),  # renders, then fails validation before the swap
    (",execution_burial_site,", ",hunger,", "'hunger' is not a category"),  # cannot even render
])
def test_invalid_table_leaves_previous_output(tmp_path, previous, capsys, parallel, old, new, message):
    """The map renders while the validator runs: an invalid table must still be refused with its problems
    (not a crash), and the previous output kept."""
    out, before = previous
    bad = tmp_path / "bad.csv"
    bad.write_text(SITES.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["build", "--sites", str(bad), "--seeds", str(SEEDS), "--out", str(out)]) == 1
    assert snapshot(out) == before
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out"], "temporary directories were left"


def test_failure_mid_build_leaves_previous_output(tmp_path, previous, monkeypatch, parallel):
    out, before = previous

    def broken(atlas):
        raise RuntimeError("disk on fire")  # in a child process when forked: its message must come back

    monkeypatch.setattr(mapgen.files, "render_geojson", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        main(["build", "--self-contained", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)])
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "temporary directories were left behind"


def test_failure_while_swapping_in_a_new_output_leaves_nothing(tmp_path, monkeypatch, capsys):
    """A new --out appears in one rename; if that fails, nothing is left behind. (An existing one is updated
    file by file: tests/test_safety_paths.py.)"""
    out = tmp_path / "out"
    real_rename = os.rename

    def rename(src, dst):
        if Path(dst) == out and ".new-" in Path(src).name:  # the swap of the new build into place
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out)]) == 1
    monkeypatch.undo()
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_clear_errors_for_bad_targets(tmp_path, capsys, monkeypatch):
    args = ["--sites", str(SITES), "--seeds", str(SEEDS)]
    afile = tmp_path / "file.html"
    afile.write_text("x")
    assert main(["build", "--out", str(afile), *args]) == 1
    assert "output path is a file" in capsys.readouterr().err
    full = tmp_path / "home"
    full.mkdir()
    (full / "thesis.docx").write_text("years of work")
    (full / "index.html").write_text("my home page")
    assert main(["build", "--out", str(full), *args]) == 1
    assert "index.html: not written by mapgen" in capsys.readouterr().err
    assert (full / "thesis.docx").read_text() == "years of work"
    assert (full / "index.html").read_text() == "my home page"
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert main(["build", "--out", str(tmp_path / "new"), *args]) == 1
    assert "no permission to write" in capsys.readouterr().err
    monkeypatch.undo()

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mapgen.read.os, "open", unreadable)
    assert main(["validate", *args]) == 1
    assert "cannot read table: Permission denied" in capsys.readouterr().err


def test_embed_png_and_visit_are_reproducible(hostile, tmp_path):
    sites, seeds = hostile / "sites.csv", hostile / "seeds"
    args = ["--sites", str(sites), "--seeds", str(seeds)]
    # the same layout as the fixture's: the embed names its PNG (its fallback without script) by relative path
    (tmp_path / "out").mkdir()
    assert main(["embed", "--out", str(tmp_path / "out" / "embed.html"), "--png", str(tmp_path / "embed.png"),
                 *args]) == 0
    assert (tmp_path / "out" / "embed.html").read_bytes() == (hostile / "out" / "embed.html").read_bytes()
    assert (tmp_path / "embed.png").read_bytes() == (hostile / "embed.png").read_bytes()
    assert main(["visit", "hostile-a", "hostile-b", "--out", str(tmp_path / "v"), *args]) == 0
    assert snapshot(tmp_path / "v") == snapshot(hostile / "visit")


# ---------- fuzzing: the loader and validator return located problems or a table, nothing else ----------

SHIPPED = SITES.read_text(encoding="utf-8")
SOURCES = read_sources(SEEDS)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_and_validate(data: bytes, gazetteer) -> None:
    from mapgen.read import decode_text

    try:
        table = parse_table(decode_text(data, "fuzz.csv"), "fuzz.csv")
    except InputError as err:
        assert err.problems and all(p.path == "fuzz.csv" for p in err.problems)
        return
    problems = validate(table, SEEDS, SOURCES, gazetteer)
    assert all(p.path == "fuzz.csv" and p.line >= 0 for p in problems)
    for p in problems:
        str(p)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(gazetteer, data):
    load_and_validate(data, gazetteer)


MUTATIONS = st.sampled_from(["insert", "delete", "bom", "crlf", "nul", "long", "dup_header", "extra_col",
                             "formula", "quote", "swap_latlon", "unicode"])


@FUZZ
@given(st.lists(st.tuples(MUTATIONS, st.integers(0, 10**6), st.text(max_size=30)), max_size=4))
def test_mutated_table(gazetteer, mutations):
    text = SHIPPED
    for kind, pos, s in mutations:
        at = pos % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + s + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(s) + 1:]
        elif kind == "bom":
            text = "\ufeff" + text
        elif kind == "crlf":
            text = text.replace("\n", "\r\n")
        elif kind == "nul":
            text = text[:at] + "\x00" + text[at:]
        elif kind == "long":
            text = text[:at] + "x" * 200_000 + text[at:]
        elif kind == "dup_header":
            header, _, rest = text.partition("\n")
            text = header + ",site_id\n" + rest
        elif kind == "extra_col":
            text = "\n".join(line + ',"extra"' for line in text.split("\n"))
        elif kind == "formula":
            text = text.replace("Butovo", '=HYPERLINK("http://x","y")', 1)
        elif kind == "quote":
            text = text[:at] + '"' + text[at:]
        elif kind == "swap_latlon":
            header, _, rest = text.partition("\n")
            text = header.replace("lat,lon", "lon,lat") + "\n" + rest
        elif kind == "unicode":
            text = text[:at] + "\u2028\ud7ff\U0001f600" + s + text[at:]
    load_and_validate(text.encode("utf-8", "surrogatepass"), gazetteer)
