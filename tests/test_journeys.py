"""Journeys at the edges (issue 13): a phone's popup can be closed with a tap, every target is big enough to hit,
and a keyboard alone can open a cluster, read a popup and get back to where it was."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SEEDS, SITES, Visit

from mapgen.cli import main

pytestmark = pytest.mark.browser

SITE_IDS = ["butovo", "sandarmokh", "katyn"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("journeys") / "out"
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(out), "--self-contained"]) == 0
    assert main(["embed", "--out", str(out / "embed.html"), "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    return out


@pytest.fixture
def visit(browser, out):
    opened = []

    def open_(rel: str = "index.html", **kw) -> Visit:
        v = Visit(browser, (out / rel).as_uri(), **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        assert v.errors == [], v.errors
        assert v.violations() == []
        v.close()


PHONE = {"has_touch": True, "is_mobile": True}

POPUP = """(() => { const p = document.querySelector('.leaflet-popup');
  if (!p || getComputedStyle(p).opacity !== '1') return null;
  const r = p.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom].map(Math.round); })()"""

# The close button: its rectangle, and whether it is what a finger finds at its centre and near its corners
CLOSE = """(() => { const c = document.querySelector('.leaflet-popup-close-button');
  const r = c.getBoundingClientRect(), pts = [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]];
  return { rect: [r.left, r.top, r.right, r.bottom].map(Math.round),
    centre: [r.left + r.width / 2, r.top + r.height / 2],
    hit: pts.map(p => { const e = document.elementFromPoint(r.left + p[0] * r.width, r.top + p[1] * r.height);
      return !!e && c.contains(e); }) }; })()"""


def settled(v: Visit, expr: str, timeout: float = 8.0):
    """The value of `expr` once it has stayed the same (and not null) for a quarter of a second."""
    last, same = None, 0
    for _ in range(int(timeout / 0.05)):
        now = v.js(expr)
        same = same + 1 if now is not None and now == last else 0
        if same >= 5:
            return now
        last = now
        v.page.wait_for_timeout(50)
    raise AssertionError(f"{expr} never settled (last {last})")


def open_popup(v: Visit, site_id: str):
    v.js("mapgen.map.closePopup()")
    v.until("!document.querySelector('.leaflet-popup')")  # a closing popup fades out before it goes
    v.js(f"mapgen.openSite({site_id!r})")
    v.until(f"document.querySelector('.leaflet-popup-content h2') && "
            f"mapgen.visibleSites().includes({site_id!r})")
    return settled(v, POPUP)


def inside(rect, width, height):
    return rect[0] >= 0 and rect[1] >= 0 and rect[2] <= width and rect[3] <= height


# ---------- 1. phones: the popup's × is tappable, and the popup stays on the screen ----------

@pytest.mark.parametrize("page,width,height", [("index.html", 375, 812), ("embed.html", 360, 640),
                                               ("embed.html", 740, 520)])
def test_close_button_is_tappable(visit, page, width, height):
    v = visit(page, width=width, height=height, **PHONE)
    for n, site_id in enumerate(SITE_IDS):
        rect = open_popup(v, site_id)
        assert inside(rect, width, height), (site_id, rect)
        close = v.js(CLOSE)
        assert all(close["hit"]), (site_id, close, v.js("[...document.querySelectorAll('.leaflet-control')]"
                                                        ".map(c => c.className)"))
        if n == 0:
            v.shot(f"journey-close-{page.split('.')[0]}-{width}.png")
        v.page.touchscreen.tap(*close["centre"])
        v.until("!document.querySelector('.leaflet-popup')")
        assert v.js("document.fullscreenElement") is None, "the tap went to the full-screen button"


def test_popup_stays_inside_a_680px_article_column(browser, out):
    """The embed in an <iframe> 680 px wide, as in a newspaper's article column: each popup inside the frame."""
    article = out / "article.html"
    article.write_text('<!doctype html><meta charset="utf-8"><title>Article</title><main><p>Text.</p>'
                       '<iframe src="embed.html" title="Map" style="width:680px;height:520px;border:0"></iframe>'
                       '</main>', encoding="utf-8")
    v = Visit(browser, article.as_uri(), width=1000, height=700, ready=False)
    try:
        frame = v.page.locator("iframe").element_handle().content_frame()
        for _ in range(200):
            if frame.evaluate("document.documentElement.getAttribute('data-mapgen')") == "ready":
                break
            v.page.wait_for_timeout(50)
        for site_id in SITE_IDS:
            frame.evaluate(f"mapgen.map.closePopup(); mapgen.openSite({site_id!r})")
            rect = None
            for _ in range(100):
                v.page.wait_for_timeout(50)
                now = frame.evaluate(POPUP)
                if now and now == rect:
                    break
                rect = now
            assert rect and inside(rect, 680, 520), (site_id, rect)
        v.shot("journey-article-680.png")
        assert v.errors == []
    finally:
        v.close()


@pytest.mark.parametrize("width", [641, 700, 760, 1280])
def test_popup_stays_inside_the_viewport(visit, width):
    v = visit(width=width, height=800)
    panel = v.js("(() => { const r = document.getElementById('mg-panel').getBoundingClientRect();"
                 " return [r.left, r.top, r.right, r.bottom]; })()")
    for site_id in SITE_IDS:
        rect = open_popup(v, site_id)
        assert inside(rect, width, 800), (site_id, rect)
        assert rect[0] >= panel[2], f"{site_id}: the popup {rect} lies under the panel {panel}"
        assert all(v.js(CLOSE)["hit"]), site_id
        text = v.js("(() => { const c = document.querySelector('.leaflet-popup-content');"
                    " return [c.clientWidth, c.scrollWidth]; })()")
        assert text[1] <= text[0] + 1, f"{site_id}: the text runs out of a popup of {text[0]} px"
    v.shot(f"journey-popup-{width}.png")


# ---------- 2. targets: 24 px everywhere, 44 px for the main controls on a touch screen ----------

SIZES = """(sel) => [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
  .map(e => { const r = e.getBoundingClientRect();
    return [e.getAttribute('aria-label') || e.textContent.trim().slice(0, 20) || e.className || e.tagName,
            Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]; })"""

EVERY_TARGET = [".leaflet-marker-pane .mg-pin", ".leaflet-marker-pane .mg-cluster", "button.mg-near", "button.mg-small",
                ".leaflet-popup-close-button", "input[type=number]", "label.mg-check", "#mg-panel summary",
                ".leaflet-control-zoom a", "button.mg-full", "#mg-q", "button.mg-result", ".mg-permalink", "#mg-lang",
                ".mg-maps a"]
MAIN_CONTROLS = ["#mg-toggle", "button.mg-near", "button.mg-small", ".leaflet-popup-close-button", "input[type=number]",
                 "label.mg-check", "#mg-panel summary", ".leaflet-control-zoom a", "button.mg-full", "#mg-q",
                 "button.mg-result", "#mg-lang"]


def measure(v: Visit, selectors: list[str]) -> dict[str, list]:
    return {sel: v.js(SIZES, sel) for sel in selectors}


def small(sizes: dict[str, list], least: float) -> list:
    return [(sel, *t) for sel, found in sizes.items() for t in found if t[1] < least or t[2] < least]


def show_everything(v: Visit, popup: bool = True) -> None:
    """The panel open, search results listed, a popup open: every kind of target on the screen."""
    if v.page.is_visible("#mg-toggle"):
        v.page.click("#mg-toggle")
    v.page.fill("#mg-q", "a")
    v.page.wait_for_selector("button.mg-result")
    if popup:
        open_popup(v, "katyn")


def test_every_target_is_at_least_24px(visit):
    v = visit(width=1280, height=800)
    show_everything(v)
    sizes = measure(v, EVERY_TARGET)
    for sel in EVERY_TARGET:
        if sel != ".leaflet-marker-pane .mg-cluster":
            assert sizes[sel], f"nothing matched {sel}"
    assert small(sizes, 24) == []
    v.shot("journey-targets-1280.png")


def test_main_controls_are_44px_on_a_touch_screen(visit):
    v = visit(width=375, height=812, **PHONE)
    assert v.js("matchMedia('(pointer: coarse)').matches")
    show_everything(v, popup=False)  # the phone's panel covers most of the map when open
    sizes = measure(v, MAIN_CONTROLS)
    v.page.click("#mg-toggle")  # fold it: the map's own controls, pins and popups
    open_popup(v, "katyn")
    sizes.update(measure(v, [".leaflet-popup-close-button", ".leaflet-control-zoom a", "button.mg-full"]))
    for sel in MAIN_CONTROLS:
        assert sizes[sel], f"nothing matched {sel}"
    assert small(sizes, 44) == []
    v.js("mapgen.map.closePopup()")
    assert small(measure(v, [".leaflet-marker-pane .mg-pin", ".leaflet-marker-pane .mg-cluster"]), 24) == []
    v.shot("journey-targets-375.png")


@pytest.mark.parametrize("width,height,context", [(375, 812, PHONE), (1280, 800, {})], ids=["touch", "mouse"])
def test_the_panel_targets_do_not_overlap(visit, width, height, context):
    """Bigger targets must not push one another out of the panel or over each other."""
    v = visit(width=width, height=height, **context)
    if v.page.is_visible("#mg-toggle"):
        v.page.click("#mg-toggle")
    # targets, each with the ones it overlaps that are neither inside it nor around it (a label's checkbox)
    boxes = v.js("""(() => { const all = [...document.querySelectorAll('#mg-panel button, #mg-panel input, ' +
        '#mg-panel label, #mg-panel summary')].filter(e => e.getBoundingClientRect().width > 0);
      const over = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 &&
        b.top < a.bottom - 0.5;
      const name = e => e.getAttribute('aria-label') || e.name || e.textContent.trim().slice(0, 20);
      return all.map(e => { const r = e.getBoundingClientRect(); return [name(e), r.right,
        all.filter(o => o !== e && !o.contains(e) && !e.contains(o) && over(r, o.getBoundingClientRect()))
          .map(name)]; }); })()""")
    panel = v.js("document.getElementById('mg-panel').getBoundingClientRect().right")
    assert [b for b in boxes if b[1] > panel + 0.5] == []
    assert [(b[0], b[2]) for b in boxes if b[2]] == []
    # the map's own controls are hidden (behind a phone's open panel) or clear of each other and of the panel
    controls = v.js("""[...document.querySelectorAll('.leaflet-control')].filter(e =>
        e.getBoundingClientRect().width && getComputedStyle(e).visibility !== 'hidden').map(e => {
        const r = e.getBoundingClientRect(); return [e.className, r.left, r.top, r.right, r.bottom,
        e.matches('a, button') || !!e.querySelector('a, button')]; })""")
    panel_box = v.js("(() => { const r = document.getElementById('mg-panel').getBoundingClientRect();"
                     " return ['panel', r.left, r.top, r.right, r.bottom, true]; })()")

    def over(a, b):
        return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]

    assert [(a[0], b[0]) for i, a in enumerate(controls) for b in controls[i + 1:] if over(a, b)] == []
    assert [a[0] for a in controls if a[5] and over(a, panel_box)] == []
    v.shot(f"journey-panel-{width}.png")


# ---------- 3. keyboard: clusters, pins and popups ----------

FOCUSED = """(() => { const a = document.activeElement; return a ? { tag: a.tagName, cls: String(a.className),
  label: a.getAttribute('aria-label'), inPopup: !!a.closest('.leaflet-popup'),
  text: a.textContent.slice(0, 80) } : null; })()"""


def biggest_cluster(v: Visit):
    v.until("document.querySelectorAll('.leaflet-marker-pane .mg-cluster').length > 0")
    settled(v, "document.querySelectorAll('.leaflet-marker-pane .mg-cluster').length")
    clusters = v.page.locator(".leaflet-marker-pane .mg-cluster")
    counts = [int(clusters.nth(k).inner_text()) for k in range(clusters.count())]
    return clusters.nth(counts.index(max(counts))), max(counts)


def test_a_cluster_has_a_name_that_lists_its_places(visit, shipped_rows):
    v = visit()
    cluster, count = biggest_cluster(v)
    label = cluster.get_attribute("aria-label")
    names = {r["name"] for r in shipped_rows}
    m = re.fullmatch(r"(\d+) places: (.+)", label or "")
    assert m and int(m.group(1)) == count, label
    listed = m.group(2).removesuffix(", …").split(", ")
    assert 1 <= len(listed) <= 3 and set(listed) <= names, listed
    assert m.group(2).endswith(", …") == (count > 3)
    assert v.page.get_by_role("button", name=label).count() == 1


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_cluster_zooms_in_and_focuses_its_first_pin(visit, key):
    v = visit()
    cluster, count = biggest_cluster(v)
    first = re.fullmatch(r"\d+ places: (.+?)(, .*)?", cluster.get_attribute("aria-label")).group(1)
    zoom = v.js("mapgen.map.getZoom()")
    cluster.focus()
    for _ in range(8):  # a cluster may open onto smaller clusters: each holds the first pin, and takes the focus
        v.page.keyboard.press(key)
        v.until("document.activeElement && document.activeElement.closest('.leaflet-marker-pane') && "
                "document.activeElement.getAttribute('aria-label') !== " + json.dumps(v.js(FOCUSED)["label"]))
        now = settled(v, FOCUSED)
        assert now["label"] == first or now["label"].startswith(f"{first}") or \
            re.fullmatch(rf"\d+ places: {re.escape(first)}(, .*)?", now["label"]), now
        if "mg-pin" in now["cls"]:
            break
    else:
        raise AssertionError("the first pin never took the focus")
    assert now["label"] == first
    assert v.js("mapgen.map.getZoom()") > zoom or v.js("document.querySelectorAll('.leaflet-marker-pane .mg-pin')"
                                                       ".length") >= 2
    v.page.keyboard.press(key)  # and the pin opens its popup
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == first
    v.shot(f"journey-cluster-{'enter' if key == 'Enter' else 'space'}.png")


def focus_pin(v: Visit, site_id: str, name: str):
    """Bring a pin onto the map (out of its cluster), close what opened, and put the keyboard focus on it."""
    open_popup(v, site_id)
    v.js("mapgen.map.closePopup()")
    v.until("!document.querySelector('.leaflet-popup')")
    pin = v.page.locator(f".leaflet-marker-pane .mg-pin[aria-label={json.dumps(name)}]")
    pin.focus()
    assert v.js(FOCUSED)["label"] == name
    return pin


def test_enter_on_a_pin_moves_focus_into_its_popup_and_escape_brings_it_back(visit, shipped_rows):
    name = next(r["name"] for r in shipped_rows if r["site_id"] == "butovo")
    v = visit()
    focus_pin(v, "butovo", name)
    v.page.keyboard.press("Enter")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    now = settled(v, FOCUSED)
    assert now["inPopup"] and now["text"] == name, now  # the heading: a screen reader reads the place first
    assert v.js("document.querySelector('.leaflet-popup-close-button').getAttribute('aria-label')") == "Close"
    v.shot("journey-pin-popup-focus.png")
    v.page.keyboard.press("Tab")  # on to the first link of the popup
    assert v.js(FOCUSED)["tag"] == "A" and v.js(FOCUSED)["inPopup"]
    v.page.keyboard.press("Escape")  # from inside the popup
    v.until("!document.querySelector('.leaflet-popup')")
    assert v.js(FOCUSED)["label"] == name, v.js(FOCUSED)
    assert "site=" not in v.js("location.hash")

    v.page.keyboard.press(" ")  # Space opens it too
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    assert settled(v, FOCUSED)["inPopup"]
    for _ in range(30):  # through the popup's links to ×, which Enter presses
        v.page.keyboard.press("Tab")
        if "leaflet-popup-close-button" in v.js(FOCUSED)["cls"]:
            break
        assert v.js(FOCUSED)["inPopup"], v.js(FOCUSED)
    assert "leaflet-popup-close-button" in v.js(FOCUSED)["cls"]
    v.page.keyboard.press("Enter")
    v.until("!document.querySelector('.leaflet-popup')")
    assert v.js(FOCUSED)["label"] == name

    v.page.keyboard.press("Enter")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    v.page.locator(f".leaflet-marker-pane .mg-pin[aria-label={json.dumps(name)}]").focus()
    v.page.keyboard.press("Escape")  # from the pin
    v.until("!document.querySelector('.leaflet-popup')")
    assert v.js(FOCUSED)["label"] == name


def test_a_click_on_the_close_button_gives_the_focus_back_to_the_pin(visit, shipped_rows):
    name = next(r["name"] for r in shipped_rows if r["site_id"] == "sandarmokh")
    v = visit()
    focus_pin(v, "sandarmokh", name)
    v.page.keyboard.press("Enter")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    settled(v, POPUP)
    v.page.click(".leaflet-popup-close-button")
    v.until("!document.querySelector('.leaflet-popup')")
    assert v.js(FOCUSED)["label"] == name
    assert v.js("document.activeElement !== document.body")


def test_page_script_reads_no_private_leaflet_fields():
    from conftest import ROOT

    for path in sorted((ROOT / "mapgen" / "static" / "js").glob("*.js")):
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\.\s*_[A-Za-z]", code), f"{path.name} reads a private field"
