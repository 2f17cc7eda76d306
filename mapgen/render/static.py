"""Static maps for print, social cards and readers without JavaScript: matplotlib over Natural Earth
outlines, drawn offline (no tiles), deterministic bytes.

Titles, names and credits come from the table and the command line: matplotlib would read `$…$` in them
as mathtext (crashing on an unknown command, drawing "Paid $5 and $6" as math) and, with usetex, as LaTeX.
Every text is drawn literally: parse_math=False on each, and a scoped rc_context for those matplotlib
makes itself (legend), leaving the process's rcParams as they were."""

from __future__ import annotations

import io
import json
import math
import re
import textwrap

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..gazetteer import country_outlines_text  # noqa: E402
from ..model import Site  # noqa: E402
from ..vocab import CATEGORIES, CATEGORY_SLUGS  # noqa: E402
from .strings import label  # noqa: E402

COLOURS = {c.slug: c.colour for c in CATEGORIES}
LABELS = {c.slug: label("category", c.slug) for c in CATEGORIES}


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


def _labels(ax, sites: list[Site], numbered: bool) -> None:
    """Name the pins. Pins drawn within a few pixels of each other (six Moscow sites on a map of Europe) share
    one label listing their names, instead of names printed over each other."""
    groups: list[tuple[tuple[float, float], list[str]]] = []
    for k, s in enumerate(sites, start=1):
        x, y = ax.transData.transform((s.lon, s.lat))
        name = _drawable(f"{k}. {s.name}" if numbered else s.name)
        near = next((g for g in groups if math.hypot(g[0][0] - x, g[0][1] - y) < 24), None)
        if near:
            near[1].append(name)
        else:
            groups.append(((x, y), [name]))
    for (x, y), names in groups:
        lon, lat = ax.transData.inverted().transform((x, y))
        ax.annotate("\n".join(names), (lon, lat), xytext=(8, -6), textcoords="offset points", fontsize=11,
                    va="top", parse_math=False, zorder=5, color="#222",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75})


def _scale_bar(ax, x0: float, x1: float, y0: float, y1: float) -> None:
    """A bar of a round number of kilometres, about a fifth of the width, in the lower right: on a city-sized
    sketch with no streets it is what tells the reader how far apart the stops are."""
    mid = (y0 + y1) / 2
    km_per_degree = 111.32 * math.cos(math.radians(mid))
    target = (x1 - x0) * km_per_degree / 5
    km = max((n * 10 ** e for e in range(-1, 5) for n in (1, 2, 5) if n * 10 ** e <= target), default=0.1)
    length = km / km_per_degree
    right, base = x1 - (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    ax.plot([right - length, right], [base, base], color="#222", linewidth=3, solid_capstyle="butt", zorder=6)
    ax.annotate(f"{km:g} km", ((right - length / 2), base), xytext=(0, 5), textcoords="offset points",
                ha="center", fontsize=11, color="#222", zorder=6, parse_math=False)


# control characters and lone surrogates (a non-UTF-8 byte in an option) that the font renderer refuses
UNDRAWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _drawable(text: str) -> str:
    return UNDRAWABLE.sub("\ufffd", text)


def render_png(sites: list[Site], title: str, attribution: str, *, width_px: int = 1600, height_px: int = 1000,
               route: bool = False, numbered: bool = False, start: tuple[float, float] | None = None) -> bytes:
    """A map of `sites` coloured by category (by each site's first claim), with title, legend and credits."""
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        return _render_png(sites, _drawable(title), _drawable(attribution), width_px, height_px, route, numbered, start)


def _render_png(sites: list[Site], title: str, attribution: str, width_px: int, height_px: int, route: bool,
                numbered: bool, start: tuple[float, float] | None) -> bytes:
    dpi = 100
    fig = plt.figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    ax = fig.add_axes((0.01, 0.07, 0.98, 0.84))
    world = gpd.GeoDataFrame.from_features(json.loads(country_outlines_text("50m"))["features"], crs="EPSG:4326")
    points = [(s.lat, s.lon) for s in sites] + ([start] if start else [])
    x0, x1, y0, y1 = _extent(points, (0.98 * width_px) / (0.84 * height_px))
    ax.set_facecolor("#dfe7ec")
    world.cx[x0:x1, y0:y1].plot(ax=ax, color="#f4f1ea", edgecolor="#8c8c8c", linewidth=0.5)
    path = ([start] if start else []) + [(s.lat, s.lon) for s in sites]
    if route and len(path) > 1:
        ax.plot([p[1] for p in path], [p[0] for p in path], color="#333", linewidth=1.6, linestyle="--", zorder=3)
    if start:
        ax.scatter([start[1]], [start[0]], s=90, c="#111", marker="s", zorder=4)
        ax.annotate("Start", (start[1], start[0]), xytext=(8, 6), textcoords="offset points", fontsize=11, zorder=5,
                    parse_math=False)
    used = []
    for s in sites:
        cat = s.claims[0].category
        if cat not in used:
            used.append(cat)
        marker = {"site": "o", "settlement": "o", "region": "o"}[s.precision]
        face = "none" if s.precision == "region" else COLOURS[cat]
        ax.scatter([s.lon], [s.lat], s=110 if s.precision != "site" else 80, c=face, marker=marker,
                   edgecolors=COLOURS[cat] if s.precision == "region" else "white", linewidths=1.6, zorder=4)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if len(sites) <= 15:
        _labels(ax, sites, numbered)
    if x1 - x0 <= 30:  # beyond a region, plate carrée stretches distances too much for one bar to be true
        _scale_bar(ax, x0, x1, y0, y1)
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for side in ax.spines.values():
        side.set_color("#999")
    fig.text(0.01, 0.955, title, fontsize=22, fontweight="bold", va="center", parse_math=False)
    fig.text(0.01, 0.925, f"{len(sites)} places; colours by category; borders are today's", fontsize=12,
             color="#444", va="center", parse_math=False)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=COLOURS[c],
                      markeredgecolor="white", label=LABELS[c]) for c in CATEGORY_SLUGS if c in used]
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=11, framealpha=0.92)
    # credits name every source: wrap them to the image width rather than let them run off its edge
    fig.text(0.01, 0.012, textwrap.fill(attribution, width=int(width_px / 7.5)), fontsize=10, color="#333",
             va="bottom", linespacing=1.3, parse_math=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
