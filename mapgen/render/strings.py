"""Interface strings of the pages, one catalogue per language (mapgen/data/i18n/<code>.json), and the one Jinja
environment that renders them.

Templates take every word they show from `strings(lang)`, so a translation is a new catalogue and no
template changes; the page script carries every catalogue's "script" part and switches without a reload.
Values with `{name}` are filled with `str.format` in the template; the result is text
and is escaped like any other value.
"""

from __future__ import annotations

import functools
import json
import pickle
import re
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader
from jinja2.bccache import Bucket
from markupsafe import Markup

from .. import geoindex, paths
from ..read import InputError, Problem
from ..vocab import Period

LANG = "en"  # the build's language unless told another (`mapgen build --lang`, mapgen.toml `lang`)
_FOLDER = "data/i18n"  # one catalogue per language: <code>.json with its "page" and "script" strings


class Strings(dict[str, Any]):
    """One language's page strings. A value is text, or, where it counts something, a dict of CLDR plural
    forms ("one", "few", "many", "other") chosen by `plural`; missing keys fall back to English."""

    def __init__(self, lang: str, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.lang = lang

    def plural(self, key: str, n: int, **values: Any) -> str:
        """`key`'s form for the count `n` by the language's rules (Babel, CLDR), with `{n}` written in
        the language's digits and separators."""
        forms = self[key]
        form = forms.get(Locale.parse(self.lang).plural_form(n), forms["other"])
        return str(form.format(n=format_decimal(n, locale=self.lang), **values))

    def number(self, n: float) -> str:
        """A number as the language writes it (1 234 in Russian, 1,234 in English)."""
        return str(format_decimal(n, locale=self.lang))


@functools.cache
def catalogues() -> dict[str, dict[str, Any]]:
    """Every language's catalogue, English first, then by code."""
    folder = resources.files("mapgen").joinpath(_FOLDER)
    found = {f.name[:-5]: json.loads(f.read_text(encoding="utf-8"))
             for f in folder.iterdir() if f.name.endswith(".json")}
    return {code: found[code] for code in sorted(found, key=lambda c: (c != "en", c))}


def languages() -> list[str]:
    """The interface's languages, English first."""
    return list(catalogues())


def check_language(code: str) -> str:
    """A language the interface speaks (--lang, mapgen.toml), or an InputError that lists them."""
    if code not in catalogues():
        raise InputError([Problem("--lang", 0, "", f"{code!r} is not a language of the interface; use one of: "
                                  f"{', '.join(languages())}")])
    return code


def missing(lang: str) -> list[str]:
    """The keys a catalogue lacks (shown in English)."""
    en, cat = catalogues()["en"], catalogues()[lang]
    return [f"{part}.{key}" for part in ("page", "script") for key in en[part] if key not in cat.get(part, {})]


def untranslated() -> list[Problem]:
    """A warning for each language that lacks strings: the build names them, the page shows them in English."""
    found = []
    for lang in languages():
        keys = missing(lang)
        if keys:
            shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
            found.append(Problem(f"{_FOLDER}/{lang}.json", 0, "", f"{len(keys)} strings not translated, shown in "
                                 f"English: {shown}; add them from en.json", warning=True))
    return found


@functools.cache
def strings(lang: str = LANG) -> Strings:
    """The page strings of one language."""
    return Strings(lang, {**catalogues()["en"]["page"], **catalogues()[lang]["page"]})


def label(kind: str, slug: str, lang: str = LANG) -> str:
    """What a category, period, precision or flag is called on pages."""
    return str(strings(lang)[f"{kind}:{slug}"])


def in_sentence(label: str, lang: str = LANG) -> str:
    """A category's name inside a sentence: its first letter lowered, except where the language keeps its
    capitals (German) or the name starts with an abbreviation (NEP, II)."""
    first = label.split(" ")[0]
    if strings(lang)["label_in_sentence"] == "keep" or (len(first) > 1 and first.isupper()):
        return label
    return label[:1].lower() + label[1:]


def years(period: Period, lang: str = LANG) -> str:
    """A period's span of years; the last period runs up to today."""
    s = strings(lang)
    if period.end is None:
        return str(s["years_open"].format(start=period.start))
    return str(s["years_span"].format(start=period.start, end=period.end))


# The page strings the page script needs too (it switches language without a reload): the default title,
# description and landmarks' names, and the names of the vocabularies.
_SHARED = re.compile(r"(title|page_title|description(_places|_claims)?|label_in_sentence|years_span|years_open"
                     r"|panel_label|map_label|filters|osm_credit|tiles_credit|(category|period|precision|flag):.*)$")


def script_catalogues() -> dict[str, dict[str, Any]]:
    """What the page script carries of each language: its own strings, the shared page strings, the name of
    the language in itself, and its locale for Intl."""
    out = {}
    for code, cat in catalogues().items():
        shared = {k: v for k, v in cat["page"].items() if _SHARED.match(k)}
        out[code] = {"locale": code, "languageName": cat["name"], **shared, **cat["script"]}
    return out


# markupsafe writes " and ' as &#34; and &#39;; html.escape, which wrote these pages before templates, as
# &quot; and &#x27;. Pages keep the old spelling, so they stay byte-identical. The two are the same
# character references wherever the parser decodes them; inside <script> and <style> it does not, so
# those blocks are left as they are.
_REFERENCE = re.compile(r"(<(script|style)\b[^>]*>.*?</\2>)|&#(34|39);", re.S)
_SPELLING = {"34": "&quot;", "39": "&#x27;"}


def respell(page: str) -> str:
    """The page with the character references for quotes spelled as html.escape spells them."""
    if "&#3" not in page:
        return page
    return _REFERENCE.sub(lambda m: m.group(1) or _SPELLING[m.group(3)], page)


def _script_text(text: str) -> Markup:
    """Code for an inline <script>: a vendored library could hold the closing tag in a string; break it so
    the page parses."""
    return Markup(text.replace("</script", "<\\/script"))


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, where a damaged file (a full disk, a build killed while writing)
    is compiled again instead of failing the build. The folder is the user's own, like Python's own caches."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, OSError, IndexError, KeyError):
            bucket.reset()


def _compiled_templates() -> FileSystemBytecodeCache | None:
    """Compiling the templates costs a build about half a second; Jinja keeps them compiled in the user's cache
    folder, each checked against its template's text (a changed template is compiled again), None where there
    is no folder to write."""
    folder = geoindex.default_cache_dir()
    if folder is None or not geoindex.writable(folder / "templates"):
        return None
    return _CompiledTemplates(str(folder / "templates"))


@functools.cache
def environment() -> Environment:
    """Created once: templates are compiled on first use and kept. Data are only ever values passed to
    `render`, never compiled."""
    env = Environment(loader=PackageLoader("mapgen", "templates"), autoescape=True, keep_trailing_newline=True,
                      bytecode_cache=_compiled_templates())
    env.filters["script_text"] = _script_text
    env.globals["paths"] = paths
    return env


def render(name: str, **values: Any) -> str:
    """One template rendered to a string."""
    return respell(environment().get_template(name).render(**values))
