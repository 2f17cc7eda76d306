"""The map speaks its visitors' languages (issue 14): complete catalogues, plural forms by each language's
rules (CLDR, in Python through Babel and in the page through Intl), the reader's language chosen from the link,
an earlier choice, the browser and the build, switched without a reload, names in the reader's language and
search across scripts."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from conftest import SEEDS, SITES, Visit

from mapgen.cli import main
from mapgen.read import InputError
from mapgen.render.strings import catalogues, check_language, languages, missing, strings

REQUIRED = ["en", "ru", "uk", "be", "pl", "de"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_the_interface_speaks_the_languages_of_the_places():
    assert set(REQUIRED) <= set(languages())
    assert languages()[0] == "en"


@pytest.mark.parametrize("lang", sorted(catalogues()))
def test_a_catalogue_is_complete_and_has_no_stray_key(lang):
    en, cat = catalogues()["en"], catalogues()[lang]
    assert cat["language"] == lang and cat["name"]
    for part in ("page", "script"):
        assert list(cat[part]) == list(en[part]), set(cat[part]) ^ set(en[part])
    assert missing(lang) == []


@pytest.mark.parametrize("lang", sorted(catalogues()))
def test_translations_keep_the_placeholders_and_the_plural_forms_of_their_language(lang):
    en, cat = catalogues()["en"], catalogues()[lang]
    forms = {*Locale.parse(lang).plural_form.tags, "other"}
    for part in ("page", "script"):
        for key, english in en[part].items():
            value = cat[part][key]
            wanted = set(PLACEHOLDER.findall(json.dumps(english)))
            if isinstance(english, dict):
                assert isinstance(value, dict) and set(value) == forms, (lang, key, sorted(value))
                for form in value.values():
                    # a form may leave the count unsaid ("The one place"), never another value
                    assert wanted - {"{n}"} <= set(PLACEHOLDER.findall(form)) <= wanted, (lang, key, form)
            else:
                assert isinstance(value, str) and set(PLACEHOLDER.findall(value)) == wanted, (lang, key, value)


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["1 место", "2 места", "5 мест", "21 место"]),
    ("uk", ["1 місце", "2 місця", "5 місць", "21 місце"]),
    ("pl", ["1 miejsca", "2 miejsc", "5 miejsc", "21 miejsc"]),  # "mapa … miejsc": the genitive
    ("en", ["1 place", "2 places", "5 places", "21 places"]),
])
def test_python_counts_by_the_rules_of_the_language(lang, words):
    assert [strings(lang).plural("description_places", n) for n in (1, 2, 5, 21)] == words


def test_numbers_are_written_as_the_language_writes_them():
    assert strings("en").plural("description_places", 100000) == "100,000 places"
    assert strings("ru").plural("description_places", 100000) == "100\u00a0000 мест"
    assert strings("de").plural("description_places", 100000).startswith("100.000 ")


def test_an_unknown_language_is_refused_with_the_ones_there_are(tmp_path):
    with pytest.raises(InputError, match="'xx' is not a language of the interface; use one of: en, "):
        check_language("xx")
    assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / "o"),
                 "--lang", "xx"]) != 0
    assert not (tmp_path / "o").exists()


def test_the_historical_terms_are_the_historians(tmp_path):
    assert strings("ru")["period:great-purge"] == "Большой террор"
    assert strings("pl")["period:great-purge"] == "Wielki Terror"
    assert strings("de")["period:great-purge"] == "Großer Terror"


# ---------- in the browser ----------

# What the reader reads of the interface: the panel, the list, the map's controls and an open popup, less the
# quotes (never translated), place names and the sources' titles (proper names).
SEEN = """(() => {
  const skip = '.mg-quote, .mg-name, .mg-local, .mg-cite a, .mg-result-name, .mg-result-local, .mg-about li a, ' +
    '#mg-lang option, .mg-list-open, .mg-cluster, .leaflet-control-attribution, .mg-note .mg-maps';
  const out = [];
  for (const root of document.querySelectorAll('#mg-panel, .leaflet-popup-content, #mg-list')) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.parentElement.closest(skip) && n.textContent.trim()) out.push(n.textContent.trim());
    }
  }
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (e.closest('.leaflet-marker-pane')) continue;
    for (const a of ['aria-label', 'title']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
  }
  return out; })()"""


def english_words() -> set[str]:
    """The English interface strings that every other language must say otherwise (less names and symbols)."""
    en = catalogues()["en"]
    found = set()
    for part in ("page", "script"):
        for value in en[part].values():
            for text in value.values() if isinstance(value, dict) else [value]:
                text = PLACEHOLDER.sub("", text).strip(" ,.:;·—()")
                if len(text) > 4 and re.search(r"[a-z]{4}", text):
                    found.add(text)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("lang", [code for code in sorted(catalogues()) if code != "en"])
def test_each_language_leaves_no_english_on_the_page(visit, lang):
    v = visit(f"index.html#lang={lang}&site=butovo", width=1280, height=900)
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    v.js("mapgen.showList(true)")
    seen = v.js(SEEN)
    same = {t for t in english_words() if catalogues()[lang]["script"].get(t) is None}
    left = [t for t in seen if t in same and not any(t == translated for translated in _translations(lang))]
    assert left == [], left
    assert v.js("document.documentElement.lang") == lang
    v.js("mapgen.showList(false)")
    if lang in ("ru", "pl"):
        v.shot(f"lang-{lang}-desktop.png")


def _translations(lang: str) -> set[str]:
    """Strings of the language that happen to equal an English one (a word both share, such as "Deportation")."""
    cat = catalogues()[lang]
    out = set()
    for part in ("page", "script"):
        for value in cat[part].values():
            for text in value.values() if isinstance(value, dict) else [value]:
                out.add(PLACEHOLDER.sub("", text).strip(" ,.:;·—()"))
    return out


@pytest.mark.browser
def test_lang_in_the_link_and_set_language_switch_without_a_reload(visit):
    v = visit("index.html#lang=ru")
    assert v.js("[mapgen.getLanguage(), document.documentElement.lang]") == ["ru", "ru"]
    assert v.js("document.querySelector('#mg-panel h1').textContent") == "Места советских политических репрессий"
    v.js("window.__same = 1")  # gone if the page reloads
    v.js("mapgen.setLanguage('pl')")
    assert v.js("[mapgen.getLanguage(), document.documentElement.lang, window.__same]") == ["pl", "pl", 1]
    assert "lang=pl" in v.js("location.hash")
    assert v.js("document.querySelector('#mg-panel h1').textContent") == "Miejsca sowieckich represji politycznych"
    assert v.js("document.querySelector('input[name=period][value=great-purge]').parentElement.textContent") \
        .startswith("Wielki Terror")
    v.js("location.hash = '#lang=de'")
    v.until("mapgen.getLanguage() === 'de'")
    assert v.js("document.documentElement.lang") == "de"
    assert set(REQUIRED) <= set(v.js("mapgen.languages()"))
    with pytest.raises(Exception, match="no language"):
        v.js("mapgen.setLanguage('xx')")
    for odd in ("constructor", "__proto__", "toString", "%E0%A4%A", "<b>ru</b>"):
        v = visit(f"index.html#lang={odd}")
        assert v.js("[mapgen.getLanguage(), document.documentElement.lang]") == ["en", "en"], odd


@pytest.mark.browser
def test_the_switch_keeps_the_choice_and_the_browser_language_is_the_default(visit):
    v = visit(locale="uk-UA")
    assert v.js("mapgen.getLanguage()") == "uk"
    v.page.focus("#mg-lang")
    v.page.select_option("#mg-lang", "be")
    assert v.js("[mapgen.getLanguage(), document.activeElement.id]") == ["be", "mg-lang"]
    assert v.js("localStorage.getItem('mapgen.lang')") == "be"
    v.page.reload()
    v.until("document.documentElement.getAttribute('data-mapgen') === 'ready'")
    assert v.js("mapgen.getLanguage()") == "be"  # the reader's own choice beats the browser's language
    v = visit(locale="ja-JP")
    assert v.js("mapgen.getLanguage()") == "en"  # a language the map lacks: the build's


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "site", "name"), [
    ("ru", "butovo", "Бутовский полигон"), ("pl", "katyn", "Katyń"), ("de", "demmin", "Demmin"),
    ("uk", "kurapaty", "Куропати"), ("en", "butovo", "Butovo firing range")])
def test_a_place_is_named_in_the_readers_language(visit, lang, site, name):
    v = visit(f"index.html#lang={lang}&site={site}")
    v.until("!!document.querySelector('.leaflet-popup-content h2')")
    assert v.js("document.querySelector('.leaflet-popup-content h2').textContent") == name


@pytest.mark.browser
@pytest.mark.parametrize(("query", "found"), [
    ("Курапаты", "kurapaty"), ("Kurapaty", "kurapaty"), ("Kuropaty", "kurapaty"), ("Куропати", "kurapaty"),
    ("Katyń", "katyn"), ("Катынь", "katyn"), ("dom soyuzov", "house-of-unions"), ("Бутовский", "butovo"),
    ("Biķerniek", None), ("Gusiew", "gumbinnen")])
def test_search_finds_a_place_by_any_name_in_any_script(visit, query, found):
    v = visit()
    v.page.fill("#mg-q", query)
    first = v.js("(document.querySelector('.mg-result') || {}).id ? document.querySelector('.mg-result-name')"
                 ".textContent : null")
    if found is None:
        assert first is None
        return
    names = {r["site_id"]: r["name"] for r in csv.DictReader(open(SITES, encoding="utf-8"))}
    assert first == names[found]


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    """Tables of 1, 2, 5 and 21 places (the first ones of the shipped table), built."""
    rows = list(csv.DictReader(open(SITES, encoding="utf-8")))
    order = list(dict.fromkeys(r["site_id"] for r in rows))
    built = {}
    for n in (1, 2, 5, 21):
        folder = tmp_path_factory.mktemp(f"n{n}")
        keep = set(order[:n])
        with open(folder / "sites.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(r for r in rows if r["site_id"] in keep)
        assert main(["build", "--sites", str(folder / "sites.csv"), "--seeds", str(SEEDS),
                     "--out", str(folder / "out"), "--self-contained"]) == 0
        built[n] = folder / "out" / "index.html"
    return built


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["1 место", "2 места", "5 мест", "21 место"]),
    ("uk", ["1 місце", "2 місця", "5 місць", "21 місце"]),
    ("pl", ["1 miejsca", "2 miejsc", "5 miejsc", "21 miejsc"]),
])
def test_the_page_counts_by_the_rules_of_the_language(browser, counted, lang, words):
    said = []
    for n in (1, 2, 5, 21):
        v = Visit(browser, Path(counted[n]).as_uri() + f"#lang={lang}")
        said.append(v.js("document.getElementById('mg-summary').textContent"))
        assert v.errors == []
        v.close()
    for text, word in zip(said, words, strict=True):
        assert word in text, (word, text)


def test_a_catalogue_that_lacks_strings_is_named_by_the_build(tmp_path, monkeypatch, capsys):
    import mapgen.render.strings as s

    cut = {code: json.loads(json.dumps(cat)) for code, cat in s.catalogues().items()}
    del cut["pl"]["script"]["nearMe"], cut["pl"]["page"]["sheet_leg"]
    monkeypatch.setattr(s, "catalogues", lambda: cut)
    s.strings.cache_clear()
    try:
        assert main(["build", "--sites", str(SITES), "--seeds", str(SEEDS), "--out", str(tmp_path / "o")]) == 0
    finally:
        s.strings.cache_clear()
    err = capsys.readouterr().err
    assert "pl.json: warning: 2 strings not translated, shown in English: page.sheet_leg, script.nearMe" in err


@pytest.mark.browser
def test_the_tables_own_words_are_marked_as_english_for_a_reader_of_another_language(visit):
    v = visit("index.html#lang=pl&site=katyn")
    v.until("!!document.querySelector('.leaflet-popup-content .mg-flag span')")
    langs = v.js("[...document.querySelectorAll('.leaflet-popup-content .mg-flag span, .leaflet-popup-content "
                 ".mg-quote, .leaflet-popup-content .mg-notes .mg-note span')].map(e => e.lang)")
    assert langs and set(langs) == {"en"}
    assert v.js("document.querySelector('.leaflet-popup-content h2').lang") == ""  # Katyń: the Polish name
    v.js("mapgen.setLanguage('en')")
    assert v.js("document.querySelector('.leaflet-popup-content .mg-flag span').lang") == ""
