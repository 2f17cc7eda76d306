"""A project: a folder with `sites.csv`, `seeds/` and `mapgen.toml`, the settings a group's map keeps between
builds (its title, description, search example, tile server, published address). `mapgen init` makes one;
`build`, `embed` and `visit` read its file, and options given on the command line win.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from .read import InputError, Problem, decode_text, read_bytes
from .render.strings import languages
from .vocab import CATEGORY_SLUGS, PERIOD_SLUGS

PROJECT_FILE = "mapgen.toml"
PROJECT_MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class Project:
    """Settings of a map. Empty values fall back to mapgen's own (its title, OpenStreetMap's tiles)."""

    title: str = ""  # the map's title; also the default title of embeds
    description: str = ""  # what the map shows, for search engines and screen readers
    search_example: str = ""  # the hint in the search box, e.g. "Tomsk, Kolpashevo"
    lang: str = "en"  # the interface's language
    tiles: str = ""  # a tile URL template, or "none" for a map that asks no server
    link_base: str = ""  # where the map is published (https://…/), for embeds' links
    periods: tuple[str, ...] | None = None  # the maps by period to build (None: every period the table has)
    categories: tuple[str, ...] | None = None  # the maps by category to build (None: every one the table has)


def load_project(folder: Path) -> Project:
    """The project file in `folder`, or the defaults when there is none. Unknown keys and wrong types are
    located problems: a misspelt `titel` must not be silently ignored."""
    path = folder / PROJECT_FILE
    if not path.exists():
        return Project()
    text = decode_text(read_bytes(path, "the project file", PROJECT_MAX_BYTES, "PROJECT_MAX_BYTES"), str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError([Problem(str(path), getattr(err, "lineno", 0), "", f"not valid TOML: {err}")]) from None
    known = {f.name for f in fields(Project)}
    vocab = {"periods": PERIOD_SLUGS, "categories": CATEGORY_SLUGS}
    problems = []
    for key, value in data.items():
        if key not in known:
            problems.append(Problem(str(path), 0, key, f"unknown setting; the settings are {', '.join(sorted(known))}"))
        elif key in vocab:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(Problem(str(path), 0, key, 'must be a list of names in quotes: ["great-purge"]'))
                continue
            problems += [Problem(str(path), 0, key, f"{v!r} is not one of {', '.join(vocab[key])}")
                         for v in value if v not in vocab[key]]
            data[key] = tuple(value)
        elif not isinstance(value, str):
            problems.append(Problem(str(path), 0, key, f"must be text in quotes, not {type(value).__name__}"))
    if isinstance(data.get("lang", "en"), str) and data.get("lang", "en") not in languages():
        problems.append(Problem(str(path), 0, "lang", f"{data['lang']!r} is not a language of the interface; one "
                                f"of {', '.join(languages())}"))
    if problems:
        raise InputError(problems)
    return Project(**data)


TEMPLATE = resources.files("mapgen") / "data" / "project"


def init(folder: Path) -> list[Path]:
    """A new project in `folder` (created; it must be empty or absent): a table with one example claim, a
    seeds folder with that claim's source, and a project file. It validates and builds as it is, so a group
    can change one thing at a time and see each step work."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError([Problem(str(folder.absolute()), 0, "", "exists and is not an empty folder; name a new one")])
    written = []
    for entry in ("sites.csv", PROJECT_FILE, "README.md", "seeds/sources.csv", "seeds/example.txt"):
        target = folder / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        with resources.as_file(TEMPLATE / entry) as source:
            shutil.copyfile(source, target)
        written.append(target)
    return written
