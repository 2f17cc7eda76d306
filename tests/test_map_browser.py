"""The explorer map in headless Chromium, offline: pins, filters, popups, search, hash, phone width."""

from __future__ import annotations

import re

import pytest

from mapgen.vocab import CATEGORY_SLUGS, PERIOD_SLUGS, periods_of

pytestmark = pytest.mark.browser


def expected(rows, periods=None, categories=None, years=None) -> list[str]:
    """Sites with at least one claim in one of the periods and one of the categories, overlapping the
    years (None: all)."""
    ids = []
    for r in rows:
        ok_p = periods is None or set(periods_of(int(r["start_year"]), int(r["end_year"]))) & set(periods)
        ok_c = categories is None or r["category"] in categories
        ok_y = years is None or (int(r["end_year"]) >= years[0] and int(r["start_year"]) <= years[1])
        if ok_p and ok_c and ok_y and r["site_id"] not in ids:
            ids.append(r["site_id"])
    order = list(dict.fromkeys(r["site_id"] for r in rows))
    return sorted(ids, key=order.index)


def test_every_site_is_on_the_page(visit, shipped_rows):
    v = visit()
    ids = list(dict.fromkeys(r["site_id"] for r in shipped_rows))
    assert v.js("mapgen.sites()") == ids
    v.until(f"mapgen.visibleSites().length === {len(ids)}")
    assert v.js("mapgen.visibleSites()") == ids
    assert v.js("document.getElementById('mg-count').textContent") == f"All {len(ids)} places"
    v.shot("index-1280.png")


def test_self_contained_asks_the_network_only_for_tiles(visit):
    v = visit()
    assert v.network, "tiles should be requested (and fail) so that the offline outline is what shows"
    assert {kind for kind, _ in v.network} <= {"image"}, v.network
    assert all("tile.openstreetmap.org" in url for _, url in v.network)
    assert v.js("document.querySelectorAll('.leaflet-mg-outline-pane path').length") > 100


@pytest.mark.parametrize("period", PERIOD_SLUGS)
def test_each_period_filter(visit, shipped_rows, period):
    v = visit()
    v.js(f"mapgen.setFilter({{periods: ['{period}']}})")
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, periods=[period])


@pytest.mark.parametrize("category", CATEGORY_SLUGS)
def test_each_category_filter(visit, shipped_rows, category):
    v = visit()
    v.js(f"mapgen.setFilter({{categories: ['{category}']}})")
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, categories=[category])


def test_combined_and_empty_filters(visit, shipped_rows):
    v = visit()
    v.js("mapgen.setFilter({periods: ['great-purge', 'world-war-ii'], categories: ['execution_burial_site', "
         "'massacre_war_crime']})")
    want = expected(shipped_rows, ["great-purge", "world-war-ii"], ["execution_burial_site", "massacre_war_crime"])
    assert v.js("mapgen.visibleSites()") == want
    boxes = v.js("[...document.querySelectorAll('input[name=period]')].map(b => b.checked)")
    assert boxes == [p in ("great-purge", "world-war-ii") for p in PERIOD_SLUGS]
    v.js("mapgen.setFilter({periods: []})")
    assert v.js("mapgen.visibleSites()") == []
    v.js("mapgen.setFilter({})")
    assert len(v.js("mapgen.visibleSites()")) == len(set(r["site_id"] for r in shipped_rows))
    with pytest.raises(Exception, match="unknown period"):
        v.js("mapgen.setFilter({periods: ['stalin']})")


def test_checkboxes_drive_the_filter(visit, shipped_rows):
    v = visit()
    v.page.click("fieldset.mg-category button:has-text('None')")
    assert v.js("mapgen.visibleSites()") == []
    v.page.check("input[name=category][value=memorial]")
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, categories=["memorial"])
    assert "category=memorial" in v.js("location.hash")


def test_popup_quotes_verbatim_and_links_to_the_line(visit, shipped_rows):
    row = shipped_rows[0]
    v = visit()
    v.js(f"mapgen.openSite({row['site_id']!r})")
    v.page.wait_for_selector(".leaflet-popup-content .mg-quote")
    quotes = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-quote')].map(q => q.textContent)")
    assert row["quote"] in quotes
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == row["name"]
    assert f"site={row['site_id']}" in v.js("location.hash")
    v.shot("popup.png")
    link = v.page.locator(".leaflet-popup-content .mg-cite a").first
    assert link.get_attribute("href").endswith(f"sources/{row['source']}.html#L{row['line']}")
    link.click()
    v.page.wait_for_load_state()
    target = v.page.locator(f"li#L{row['line']}")
    assert row["quote"] in target.inner_text()
    assert v.js("document.querySelector(':target').id") == f"L{row['line']}"
    assert row["quote"] in v.js(f"document.querySelector('#L{row['line']} mark').textContent") or \
        row["quote"] in v.js(f"[...document.querySelectorAll('#L{row['line']} mark')].map(m=>m.textContent).join('')")


def test_open_site_while_the_map_is_zooming(visit, shipped_rows):
    # Leaflet ignores a zoom asked for during a zoom animation; openSite must still arrive.
    v = visit()
    v.js(f"mapgen.map.setZoom(6); mapgen.openSite({shipped_rows[0]['site_id']!r})")
    v.page.wait_for_selector(".leaflet-popup-content h2", timeout=5000)
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == shipped_rows[0]["name"]


def test_hash_sets_filter_and_opens_site(visit, shipped_rows):
    row = shipped_rows[0]
    v = visit(f"index.html#period=great-purge&category={row['category']}&site={row['site_id']}")
    assert v.js("mapgen.getFilter()")["periods"] == ["great-purge"]
    assert v.js("mapgen.getFilter()")["categories"] == [row["category"]]
    v.page.wait_for_selector(".leaflet-popup-content h2")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == row["name"]


def test_search_by_native_name_with_keyboard(visit, shipped_rows):
    row = next(r for r in shipped_rows if r.get("name_local"))
    v = visit()
    v.page.focus("#mg-q")
    v.page.keyboard.type(row["name_local"][:5])
    v.page.wait_for_selector(".mg-result")
    assert row["name"] in v.js("[...document.querySelectorAll('.mg-result')].map(b => b.textContent).join('|')")
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".leaflet-popup-content h2")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") in {
        r["name"] for r in shipped_rows if r["name_local"].startswith(row["name_local"][:5])}


def test_period_page_is_prefiltered(visit, shipped_rows):
    v = visit("period/great-purge.html")
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, periods=["great-purge"])
    v = visit("category/memorial.html")
    assert v.js("mapgen.getFilter().categories") == ["memorial"]


def test_phone_width(visit):
    v = visit(width=375, height=740)
    assert v.js("document.documentElement.scrollWidth") <= 375
    assert v.page.is_visible("#mg-toggle")
    assert not v.page.is_visible("#mg-q")
    v.shot("index-375.png")
    v.page.click("#mg-toggle")
    assert v.page.is_visible("#mg-q")
    assert v.js("document.getElementById('mg-panel').getBoundingClientRect().right") <= 375
    v.shot("index-375-panel.png")


def test_marker_is_reachable_by_keyboard(visit, shipped_rows):
    v = visit()
    v.js(f"mapgen.openSite({shipped_rows[0]['site_id']!r})")
    v.page.wait_for_selector(".leaflet-popup-content")
    v.page.keyboard.press("Escape")
    pin = v.page.locator(".mg-pin[tabindex='0']").first
    pin.focus()
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".leaflet-popup-content h2")
    assert re.search(r"\S", v.js("document.querySelector('.leaflet-popup-content h2').textContent"))


def test_years_filter_api_hash_and_year_fields(visit, shipped_rows):
    first = min(int(r["start_year"]) for r in shipped_rows)
    last = max(int(r["end_year"]) for r in shipped_rows)
    v = visit()
    assert v.js("mapgen.getFilter().years") == [first, last]
    v.js("mapgen.setFilter({years: [1937, 1938], categories: ['execution_burial_site']})")
    want = expected(shipped_rows, categories=["execution_burial_site"], years=(1937, 1938))
    assert v.js("mapgen.visibleSites()") == want and want
    assert "years=1937-1938" in v.js("location.hash")
    assert v.js("[document.querySelector('input[name=y0]').value, document.querySelector('input[name=y1]').value]") \
        == ["1937", "1938"]
    with pytest.raises(Exception, match="years must be"):
        v.js("mapgen.setFilter({years: [1945, 1939]})")
    # a linked view, then the year fields by keyboard: "From" past "To" leaves only that year
    v = visit("index.html#years=1944-1945")
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, years=(1944, 1945))
    v.page.fill("input[name=y0]", str(last))
    v.page.keyboard.press("Enter")
    assert v.js("mapgen.getFilter().years") == [last, last]
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, years=(last, last))
    v.page.fill("input[name=y0]", "1000")  # out of range: the first year
    v.page.keyboard.press("Tab")
    v.page.fill("input[name=y1]", "3000")
    v.page.keyboard.press("Tab")
    assert v.js("mapgen.getFilter().years") == [first, last]
    assert v.js("mapgen.visibleSites()") == expected(shipped_rows, years=(first, last))


def test_first_view_frames_the_places_not_a_lone_outlier(visit, shipped_rows):
    """One pin far from the rest (Trotsky's house in Mexico) must not shrink everything else to a corner."""
    v = visit()
    where = list({r["site_id"]: [float(r["lat"]), float(r["lon"])] for r in shipped_rows}.values())
    shown = v.js("(where) => where.filter(p => mapgen.map.getBounds().contains(p)).length", where)
    total = len(set(r["site_id"] for r in shipped_rows))
    assert shown >= total - 3, (shown, total)
    assert v.js("mapgen.map.getBounds().contains([55.75, 37.62])"), "Moscow is in the first view"
    assert not v.js("mapgen.map.getBounds().contains([19.36, -99.16])"), "Mexico City is not"


def test_near_me_lists_the_closest_places(visit, shipped_rows):
    from mapgen.gazetteer import distance_km

    here = (55.7558, 37.6173)  # Red Square
    v = visit(geolocation={"latitude": here[0], "longitude": here[1]}, permissions=["geolocation"])
    v.page.click("button.mg-near")
    v.page.wait_for_selector(".mg-result-note")
    sites = {r["site_id"]: (float(r["lat"]), float(r["lon"]), r["name"]) for r in shipped_rows
             if r["precision"] != "region"}  # a region's pin is no place to go to
    by_distance = sorted(sites, key=lambda s: distance_km(*here, *sites[s][:2]))
    shown = v.js("[...document.querySelectorAll('.mg-result-name')].map(n => n.textContent)")
    assert shown == [sites[s][2] for s in by_distance[:8]]
    notes = v.js("[...document.querySelectorAll('.mg-result-note')].map(n => n.textContent)")
    assert notes[0] == f"{distance_km(*here, *sites[by_distance[0]][:2]):.1f} km"
    assert [n["id"] for n in v.js("mapgen.nearest(55.7558, 37.6173, 3)")] == by_distance[:3]
    v.page.click(".mg-result >> nth=0")
    v.page.wait_for_selector(".leaflet-popup-content h2")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == sites[by_distance[0]][2]


def test_near_me_says_when_the_location_is_refused(visit):
    v = visit()  # no permission granted: the browser refuses
    v.page.click("button.mg-near")
    v.page.wait_for_selector(".mg-none")
    said = v.js("document.querySelector('.mg-none').textContent")
    assert said.startswith("You did not allow this page to know your location"), said  # not the browser's words


@pytest.mark.parametrize("site_id", ["katyn", "sandarmokh", "lubyanka"])
def test_open_site_right_after_load_stays_open(visit, shipped_rows, site_id):
    # a pin inside a cluster at the first view: its popup must survive the clustering that settles the view
    v = visit()
    v.js(f"mapgen.openSite({site_id!r})")
    v.page.wait_for_selector(".leaflet-popup-content h2")
    v.page.wait_for_timeout(1000)
    name = next(r["name"] for r in shipped_rows if r["site_id"] == site_id)
    assert v.js("document.querySelector('.leaflet-popup-content h2') && "
                "document.querySelector('.leaflet-popup-content h2').textContent") == name
    assert f"site={site_id}" in v.js("location.hash")


def test_the_readme_link_keeps_its_state(visit):
    """The README's example link used to name a place its own filter hid, so it loaded with every filter
    cleared: the example is now one whose state survives, and this keeps it so."""
    import re

    from conftest import ROOT

    link = re.search(r"`index\.html#([^`]+)`", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert link, "the README shows a link with a hash"
    v = visit("index.html#" + link.group(1))
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    v.page.wait_for_timeout(300)
    assert v.js("location.hash") == "#" + link.group(1)
    site = dict(p.split("=") for p in link.group(1).split("&"))["site"]
    assert v.js("mapgen.visibleSites()").count(site) == 1
