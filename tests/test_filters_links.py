"""Filters, links, search and the list keep their word (issue 13): a place named in a link or picked in search
opens under the filter it came with, which stays and is said; an empty filter says so and offers a way back;
years and periods never contradict each other; the list of places follows the filter; each claim's quote is
read with its citation; near me shows the reader on the map; the page follows the reader's colour scheme."""

from __future__ import annotations

import pytest
from conftest import SEEDS, SITES, Visit

from mapgen.cli import main

pytestmark = pytest.mark.browser

PHONE = {"has_touch": True, "is_mobile": True}


NOTICE = "(() => { const n = document.querySelector('.mg-notice'); return n.hidden ? '' : n.textContent; })()"
POPUP_NAME = "(document.querySelector('.leaflet-popup-content h2') || {}).textContent || ''"


def test_a_link_to_a_place_its_filter_hides_keeps_the_filter_and_says_so(visit):
    link = "period=great-purge&category=memorial&years=1937-1938&site=butovo"
    v = visit("index.html#" + link)
    v.until(f"{POPUP_NAME} === 'Butovo firing range'")
    assert v.js("mapgen.getFilter()") == {"periods": ["great-purge"], "categories": ["memorial"],
                                          "years": [1937, 1938]}
    assert v.js("location.hash") == "#" + link
    assert "Butovo firing range lies outside the current filter" in v.js(NOTICE)
    assert "butovo" not in v.js("mapgen.visibleSites()")
    # closing the popup takes the extra pin and the sentence away; the filter is still the link's
    v.page.keyboard.press("Escape")
    v.js("mapgen.map.closePopup()")
    v.until(f"{NOTICE} === '' || {NOTICE}.startsWith('No place')")
    assert v.js("mapgen.getFilter().categories") == ["memorial"]


def test_search_opens_a_hidden_place_without_clearing_the_filter(visit):
    v = visit()
    v.js("mapgen.setFilter({categories: ['famine']})")
    v.page.fill("#mg-q", "Kurapaty")
    v.page.click(".mg-result >> nth=0")
    v.until(f"{POPUP_NAME} === 'Kurapaty'")
    assert v.js("mapgen.getFilter().categories") == ["famine"]
    assert "outside the current filter" in v.js(NOTICE)
    v.page.click(".mg-notice button")  # "Show all places"
    v.until("mapgen.visibleSites().length === mapgen.sites().length")
    assert v.js(NOTICE) == ""


def test_an_empty_filter_says_so_and_offers_a_way_back(visit):
    v = visit()
    v.page.click("button[aria-label='None categories']")
    v.until(f"{NOTICE}.startsWith('No place matches these filters.')")
    assert v.js("document.getElementById('mg-count').textContent") == "0 of 87 places"
    assert v.js("document.querySelector('.mg-frame').disabled")
    v.page.click(".mg-notice button")
    v.until("mapgen.visibleSites().length === 87")


def test_framing_to_what_the_filter_shows(visit, shipped_rows):
    v = visit()
    v.js("mapgen.setFilter({categories: ['execution_burial_site']})")
    v.page.click(".mg-frame")
    v.page.wait_for_timeout(1200)
    where = {r["site_id"]: [float(r["lat"]), float(r["lon"])] for r in shipped_rows}
    inside = v.js("(where) => { const b = mapgen.map.getBounds(); "
                  "return mapgen.visibleSites().filter(id => b.contains(where[id])).length; }", where)
    assert inside >= len(v.js("mapgen.visibleSites()")) - 2  # all but a lone outlier or two are in view


def test_years_and_periods_never_contradict_each_other(visit):
    v = visit()
    v.page.fill("input[name=y0]", "1937")
    v.page.keyboard.press("Tab")
    v.page.fill("input[name=y1]", "1938")
    v.page.keyboard.press("Tab")
    ticked = "[...document.querySelectorAll('input[name=period]:checked')].map(b => b.value)"
    assert v.js(ticked) == ["great-purge"]
    # ticking a period sets the years it spans
    v.page.check("input[name=period][value=world-war-ii]")
    assert v.js("mapgen.getFilter().years") == [1936, 1945]
    assert v.js(ticked) == ["great-purge", "world-war-ii"]
    v.page.click("button.mg-yearfilter, .mg-yearfilter button")  # "All years"
    assert v.js("mapgen.getFilter().years") == [1917, 2023]
    assert len(v.js(ticked)) == 7
    # a link with years alone ticks their periods
    v = visit("index.html#years=1944-1945")
    assert v.js(ticked) == ["world-war-ii"]


def test_the_list_of_places_follows_the_filter_and_opens_a_place(visit):
    v = visit()
    v.page.keyboard.press("Tab")  # the skip link is the first stop
    assert v.js("document.activeElement.className") == "mg-skip"
    assert v.js("getComputedStyle(document.activeElement).top") == "8px"  # shown when focused
    v.page.keyboard.press("Enter")
    v.until("document.activeElement.id === 'mg-list'")
    rows = "document.querySelectorAll('#mg-list tbody tr').length"
    assert v.js(rows) == 87
    v.js("mapgen.setFilter({categories: ['memorial']})")
    names = v.js("[...document.querySelectorAll('#mg-list .mg-list-open')].map(b => b.textContent)")
    assert len(names) == len(v.js("mapgen.visibleSites()")) and "Solovetsky Stone" in names
    assert v.js("[...document.querySelectorAll('#mg-list thead th')].map(t => t.textContent)") == \
        ["Place", "Where", "Years", "Categories", "Questioned"]
    v.page.click("#mg-list .mg-list-open >> text=Solovetsky Stone")
    v.until(f"{POPUP_NAME} === 'Solovetsky Stone'")
    assert v.js("document.getElementById('mg-list').hidden")
    v.js("mapgen.showList(true)")
    assert not v.js("document.getElementById('mg-list').hidden")
    v.page.keyboard.press("Escape")
    assert v.js("document.getElementById('mg-list').hidden")
    v.js("mapgen.showList(true)")
    v.js("mapgen.showList(false)")
    assert v.js("document.getElementById('mg-list').hidden")
    assert v.violations() == []


def test_the_same_quote_from_two_sources_is_shown_once_with_both_citations(visit):
    v = visit("index.html#site=cherdyn")
    v.until(f"{POPUP_NAME} === 'Cherdyn'")
    quotes = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-quote')].map(q => q.textContent)")
    assert len(quotes) == len(set(quotes))
    cites = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-cite a')].map(a => a.getAttribute('href'))")
    assert any("#L59" in c for c in cites) and any("#L405" in c for c in cites)


# the five popups with the most text in the shipped table (quotes, flags and notes)
LONGEST = ["katyn", "estonia", "siberia", "sandarmokh", "kurapaty"]


@pytest.mark.parametrize("site", LONGEST)
def test_a_phone_sees_the_first_quote_with_its_citation_without_scrolling(visit, site):
    v = visit(f"index.html#site={site}", width=375, height=812, **PHONE)
    v.until("!!document.querySelector('.leaflet-popup-content .mg-cite a')")
    v.page.wait_for_timeout(400)
    seen = v.js("""(() => { const box = document.querySelector('.leaflet-popup-content').getBoundingClientRect();
        const a = document.querySelector('.leaflet-popup-content .mg-cite a').getBoundingClientRect();
        const q = document.querySelector('.leaflet-popup-content .mg-quote').getBoundingClientRect();
        return [a.top >= box.top, a.bottom <= box.bottom, q.top >= box.top, a.bottom <= innerHeight,
                box.top >= 0]; })()""")
    v.shot(f"phone-popup-{site}.png")
    assert seen == [True] * 5, seen


def test_each_place_opens_in_a_maps_app(visit):
    v = visit("index.html#site=butovo")
    v.until("!!document.querySelector('.leaflet-popup-content .mg-maps')")
    hrefs = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-maps a')].map(a => a.href)")
    assert hrefs[0].startswith("geo:55.5311") and ",37.5947" in hrefs[0]
    assert hrefs[1].startswith("https://www.openstreetmap.org/?mlat=55.53110&mlon=37.59470#map=15/")


def test_near_me_shows_the_reader_and_the_nearest_places_on_the_map(visit):
    here = {"latitude": 62.5, "longitude": 34.0}  # Karelia: Sandarmokh is the nearest place
    v = visit(geolocation=here, permissions=["geolocation"])
    v.page.click("button.mg-near")
    v.page.wait_for_selector(".mg-result-note")
    v.page.wait_for_timeout(800)
    assert v.js("mapgen.map.getBounds().contains([62.5, 34.0])")
    assert v.js("mapgen.map.getBounds().contains([62.8908, 34.6781])")  # Sandarmokh in view too
    assert v.js("mapgen.map.getZoom()") >= 6
    assert v.js("document.querySelector('.mg-here').textContent") == "You are here"


def test_a_phone_on_its_side_folds_the_panel(visit):
    v = visit(width=812, height=375, **PHONE)
    panel = v.js("document.getElementById('mg-panel').getBoundingClientRect().height")
    assert panel < 80, panel  # a bar with the title and "Filters", not 40% of the map
    assert v.js("getComputedStyle(document.getElementById('mg-toggle')).display") != "none"


def test_dark_mode_darkens_the_map_and_its_popups(visit):
    v = visit("index.html#site=butovo", color_scheme="dark")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    colour = "(s) => getComputedStyle(document.querySelector(s)).backgroundColor"
    assert v.js(colour, ".folium-map") == "rgb(27, 42, 51)"
    assert v.js(colour, ".leaflet-popup-content-wrapper") == "rgb(30, 31, 34)"
    assert v.js("getComputedStyle(document.querySelector('.mg-land')).fill") == "rgb(44, 47, 51)"
    assert v.violations() == []


def test_reduced_motion_makes_zooms_jump(visit):
    v = visit(reduced_motion="reduce")
    assert v.js("mapgen.map.options.zoomAnimation") is False
    v = visit()
    assert v.js("mapgen.map.options.zoomAnimation") is True


def test_a_place_picked_in_search_by_keyboard_takes_the_focus_into_its_popup(visit):
    v = visit(width=375, height=812, **PHONE)
    v.page.click("#mg-toggle")
    v.page.fill("#mg-q", "Sandarmokh")
    v.page.keyboard.press("ArrowDown")
    v.page.keyboard.press("Enter")
    v.until("document.activeElement.matches('.leaflet-popup-content h2')")
    assert v.js("document.activeElement.textContent") == "Sandarmokh"
    # the panel folded, the map's controls are back under its bar, not left mid-screen
    top = v.js("document.querySelector('.leaflet-top.leaflet-left').getBoundingClientRect().top")
    bar = v.js("document.getElementById('mg-panel').getBoundingClientRect().bottom")
    assert bar <= top <= bar + 20, (bar, top)


def test_a_large_tables_quotes_load_when_a_popup_opens(tmp_path, monkeypatch, browser):
    """Past QUOTES_INLINE_MAX the page's data file holds no quote: each chunk of sites has its quotes in a file
    of its own, loaded (by <script>, so from file:// too) when one of its popups opens; a self-contained
    index.html still carries them all."""
    import csv

    import mapgen.render.payload as payload

    monkeypatch.setattr(payload, "QUOTES_INLINE_MAX", 1000)
    monkeypatch.setattr(payload, "QUOTE_CHUNK", 3000)
    out = tmp_path / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    data = (out / "data" / "sites.js").read_text(encoding="utf-8")
    chunks = sorted((out / "data" / "quotes").glob("*.js"))
    assert len(chunks) > 3 and '"quoteChunks":[0,' in data
    assert "Butovo firing range near Moscow" not in data
    assert "Butovo firing range near Moscow" in (out / "index.html").read_text(encoding="utf-8")
    assert "Butovo firing range near Moscow" in chunks[0].read_text(encoding="utf-8")
    v = Visit(browser, (out / "category" / "memorial.html").as_uri() + "#site=solovetsky-stone")
    v.until("!!document.querySelector('.leaflet-popup-content .mg-quote')")
    loaded = v.js("[...document.scripts].filter(s => s.src.includes('/data/quotes/')).map(s => s.src.split('/').pop())")
    assert len(loaded) == 1  # only the chunk this place is in
    quotes = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-quote')].map(q => q.textContent)")
    with open(SITES, encoding="utf-8") as f:
        wanted = [r["quote"] for r in csv.DictReader(f) if r["site_id"] == "solovetsky-stone"]
    assert quotes == list(dict.fromkeys(wanted))  # the table's words, in its order
    assert v.errors == [] and v.violations() == []
    v.close()
