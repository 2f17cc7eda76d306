"""Synthetic tables that pass validation honestly: points inside their country, quotes really in the seed."""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

import shapely
from shapely.geometry import shape

from mapgen.gazetteer import country_outlines_text
from mapgen.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

COUNTRIES = ["RU", "BY", "UA", "PL", "KZ", "LT", "LV", "EE", "DE", "FI"]
SEED = "synthetic.txt"
# mapgen refuses a seed over 128 MiB: past this many lines (about 50 MB), the text goes on in synthetic-2.txt, …
SEED_LINES = 400_000
VERBS = {
    "execution_burial_site": "people were shot and buried in the forest near",
    "camp_prison_exile": "prisoners were held in the camp at",
    "massacre_war_crime": "civilians were killed by soldiers at",
    "deportation": "families were deported from",
    "show_trial_persecution": "a trial of alleged saboteurs was staged in",
    "uprising_suppressed": "an uprising was put down by troops at",
    "memorial": "a memorial to the victims was unveiled at",
}


def points_in(country: str, n: int, rng: random.Random) -> list[tuple[float, float]]:
    geoms = [shape(f["geometry"]) for f in json.loads(country_outlines_text("50m"))["features"]
             if f["properties"]["iso_a2"] == country]
    geom = shapely.union_all(shapely.make_valid(geoms)).buffer(-0.1)  # stay clear of coasts and borders
    shapely.prepare(geom)
    minx, miny, maxx, maxy = geom.bounds
    maxx = min(maxx, 150.0) if country == "RU" else maxx  # no antimeridian wrap
    minx = max(minx, 20.0) if country == "RU" else minx
    out: list[tuple[float, float]] = []
    while len(out) < n:
        xs = [rng.uniform(minx, maxx) for _ in range(4 * n)]
        ys = [rng.uniform(miny, maxy) for _ in range(4 * n)]
        inside = shapely.contains_xy(geom, xs, ys)
        out.extend((round(y, 5), round(x, 5)) for x, y, ok in zip(xs, ys, inside, strict=True) if ok)
    return out[:n]


SHAPES = ("sites", "settlements", "claims")


def _claim(rng: random.Random, name: str, lines: list[str]) -> dict[str, str]:
    """One claim about `name`: a quote really on a new line of the seed."""
    cat = rng.choice(list(VERBS))  # the categories of the first benchmark: the same table as then
    start = rng.randint(1917, 2020)
    end = min(start + rng.choice((0, 0, 1, 2, 5)), 2025)
    quote = f"Between {start} and {end} {VERBS[cat]} {name}."
    lines.append(f"Record {len(lines) + 1}. {quote} Further details are in the archive file.")
    part, line = divmod(len(lines) - 1, SEED_LINES)
    return {"start_year": str(start), "end_year": str(end), "category": cat, "quote": quote,
            "source": seed_name(part), "line": str(line + 1)}


def seed_name(part: int) -> str:
    return SEED if part == 0 else SEED.replace(".txt", f"-{part + 1}.txt")


def towns(n: int, rng: random.Random) -> list[tuple[str, float, float, str]]:
    """n real GeoNames places (name, lat, lon, country) inside their country's outline, so that settlement rows
    without a geonames_id validate: first from COUNTRIES, then from anywhere if n is larger."""
    from mapgen.gazetteer import Gazetteer

    gazetteer = Gazetteer()
    places = sorted(gazetteer.places.values(), key=lambda p: (p.country not in COUNTRIES, p.geonames_id))
    inside = gazetteer.inside([p.lat for p in places], [p.lon for p in places], [p.country for p in places])
    places = [p for p, ok in zip(places, inside, strict=True) if ok]
    if n > len(places):
        raise SystemExit(f"only {len(places)} GeoNames places to make settlement rows of, not {n}")
    home = [p for p in places if p.country in COUNTRIES]
    chosen = rng.sample(home, n) if n <= len(home) else home + rng.sample(places[len(home):], n - len(home))
    return [(p.name, p.lat, p.lon, p.country) for p in chosen]


def make_table(n_sites: int, directory: Path, seed: int = 1937, shape: str = "sites",
               claims_per_place: int = 100) -> tuple[Path, Path, list[dict[str, str]]]:
    """Write sites.csv and seeds/ (synthetic.txt + sources.csv) for n_sites places of one shape:
    `sites`: synthetic points at precision site, 1-3 claims each (the table of the first benchmark);
    `settlements`: real GeoNames towns at precision settlement without geonames_id, 1-3 claims each;
    `claims`: synthetic points with `claims_per_place` claims each (a register's shape)."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}")
    rng = random.Random(seed)
    seeds = directory / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    if shape == "settlements":
        places = [(name, lat, lon, country) for name, lat, lon, country in towns(n_sites, rng)]
    else:
        per_country = {c: n_sites // len(COUNTRIES) + (1 if k < n_sites % len(COUNTRIES) else 0)
                       for k, c in enumerate(COUNTRIES)}
        places = [(f"Place {i:06d}", lat, lon, c)
                  for i, (c, (lat, lon)) in enumerate((c, p) for c, k in per_country.items()
                                                      for p in points_in(c, k, rng))]
    lines: list[str] = []
    rows: list[dict[str, str]] = []
    precision = "settlement" if shape == "settlements" else "site"
    for i, (name, lat, lon, country) in enumerate(places):
        site = {"site_id": f"site-{i:06d}", "name": name, "lat": str(lat), "lon": str(lon), "precision": precision,
                "country": country}
        claims = claims_per_place if shape == "claims" else rng.choice((1, 1, 2, 3))
        for _ in range(claims):
            rows.append({**site, **_claim(rng, name, lines), "name_local": f"Место {i}", "aliases": "",
                         "geonames_id": "", "flag": "", "flag_reason": "", "today": "", "remembrance": ""})
    parts = range(0, len(lines), SEED_LINES)
    for part, first in enumerate(parts):
        (seeds / seed_name(part)).write_text("\n".join(lines[first:first + SEED_LINES]) + "\n", encoding="utf-8")
    (seeds / "sources.csv").write_text("file,title,origin,licence,url\n" + "".join(
        f"{seed_name(part)},Synthetic register,generated by bench/synth.py,CC0,\n" for part in range(len(parts))),
        encoding="utf-8")
    sites = directory / "sites.csv"
    with sites.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS), lineterminator="\n",
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return sites, seeds, rows


def main() -> None:
    """Write the table into DIR and print what the benchmark needs to know of it as JSON: run as a process of
    its own, so the benchmark's process (whose memory its children inherit in their peak RSS) stays small."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--shape", choices=SHAPES, default="sites")
    ap.add_argument("--claims-per-place", type=int, default=100)
    args = ap.parse_args()
    sites, seeds, rows = make_table(args.n, args.dir, shape=args.shape, claims_per_place=args.claims_per_place)
    raw = sum(len(json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False).encode()) + 2 for r in rows)
    print(json.dumps({"sites": str(sites), "seeds": str(seeds), "claims": len(rows), "raw_json_bytes": raw,
                      "first_id": rows[0]["site_id"], "first_name": rows[0]["name"]}))


if __name__ == "__main__":
    main()
