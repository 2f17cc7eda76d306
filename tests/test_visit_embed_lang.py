"""`mapgen visit --lang` and `mapgen embed --lang` (issue 14): the sheet, the GPS files, the picture and the embed
in the reader's language; names in that language where the table has them; quotes as their source wrote them."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import SEEDS, SITES

from mapgen.cli import main
from mapgen.model import Claim, Site
from mapgen.records import PARSE, CellError
from mapgen.render.strings import catalogues, languages, strings

MOSCOW = ["butovo", "kommunarka", "donskoye"]
OTHERS = [code for code in languages() if code != "en"]


def test_site_name_in_a_language_else_the_table_name():
    names = PARSE["names"]("ru:Бутовский полигон; pl: Poligon w Butowie ")
    assert names == ("ru:Бутовский полигон", "pl:Poligon w Butowie")
    site = Site("b", "Butovo firing range", 55.5, 37.6, "site", "RU", (Claim(1937, 1938, "memorial", "q", "s.txt", 1),),
                names=names)
    assert site.name_in("ru") == "Бутовский полигон"
    assert site.name_in("pl") == "Poligon w Butowie"
    assert site.name_in("en") == site.name_in("uk") == "Butovo firing range"
    for bad, why in (("de:", "not a language code and a name"), ("ru:A; ru:B", "names the language 'ru' twice"),
                     ("Бутово", "not a language code and a name")):
        with pytest.raises(CellError, match=why):
            PARSE["names"](bad)


def _own(lang: str, prefix: str) -> list[str]:
    """The English of the interface strings starting with `prefix` that `lang` translates (plain text only)."""
    en, cat = catalogues()["en"]["page"], catalogues()[lang]["page"]
    return [v for k, v in en.items() if k.startswith(prefix) and isinstance(v, str) and "{" not in v
            and k in cat and cat[k] != v and len(v) > 3]


class _Furniture(HTMLParser):
    """The sheet's own words: headings of the facts and the table, captions, link texts, alt texts, the footer and
    the summary; not the table's data (notes, quotes, names), which may well hold the same English words."""

    OWN = {"dt", "th", "figcaption", "a", "footer", "p"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.words.append(attrs.get("alt") or "")
        elif tag not in ("meta", "br", "link"):
            self.stack.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in self.OWN and self.stack[-1][1] not in ("cite", "flag"):
            self.words.append(data)


def _furniture(page: str) -> str:
    parser = _Furniture()
    parser.feed(page)
    return "\n".join(parser.words)


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheets")
    for lang in languages():
        assert main(["visit", *MOSCOW, "--lang", lang, "--link-base", "https://example.org/map/",
                     "--out", str(out / lang), "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    return out


@pytest.mark.parametrize("lang", OTHERS)
def test_visit_sheet_in_each_language(sheets, lang):
    from mapgen import pipeline

    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    sheet = (sheets / lang / "visit.html").read_text(encoding="utf-8")
    s = strings(lang)
    assert f'<html lang="{lang}">' in sheet
    furniture = _furniture(sheet)
    for english in _own(lang, "sheet_"):
        assert english not in furniture, english
    for key in ("sheet_place", "sheet_coordinates", "sheet_on_map", "sheet_open_in_maps"):
        assert html.escape(s[key], quote=False) in sheet
    for sid in MOSCOW:
        name = atlas.site(sid).name_in(lang)
        assert html.escape(name, quote=False) in sheet
        assert f"index.html#site={sid}&amp;lang={lang}" in sheet  # the map opens in the sheet's language
    # quotes stay as the source wrote them, marked with its language
    assert sheet.count('<blockquote lang="en">') == sum(len(atlas.site(sid).claims) for sid in MOSCOW)
    assert f"<html lang=\"{lang}\">" in sheet and '<blockquote lang="en">“In 2007, one such site' in sheet


def test_visit_in_russian_names_numbers_and_gps_files(sheets):
    sheet = (sheets / "ru" / "visit.html").read_text(encoding="utf-8")
    assert "<span>Бутовский полигон</span>" in sheet and "Butovo firing range</" not in sheet
    assert "17,5" in sheet and "17.5" not in sheet  # a decimal comma
    gpx = ET.parse(sheets / "ru" / "visit.gpx").getroot()
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    names = [w.findtext("g:name", namespaces=ns) for w in gpx.findall("g:wpt", ns)]
    assert names == ["1. Донское кладбище", "2. Расстрельный полигон «Коммунарка»", "3. Бутовский полигон"]
    kml = ET.parse(sheets / "ru" / "visit.kml").getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = [m.findtext("k:name", namespaces=ns) for m in kml.iter("{http://www.opengis.net/kml/2.2}Placemark")]
    assert marks[:3] == names
    assert kml.findtext("k:Document/k:name", namespaces=ns).startswith(strings("ru")["visit_title"].split("{")[0])


def test_sheet_marks_a_name_left_in_english(tmp_path):
    """A stop with no name in the sheet's language shows the table's (English) name, marked as English."""
    from mapgen import pipeline

    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    plain = next(s for s in atlas.sites if s.name_in("ru") == s.name)
    assert main(["visit", plain.id, "--lang", "ru", "--out", str(tmp_path / "v"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    sheet = (tmp_path / "v" / "visit.html").read_text(encoding="utf-8")
    assert f'<span lang="en">{html.escape(plain.name, quote=False)}</span>' in sheet


def test_visit_and_embed_refuse_an_unknown_language(tmp_path, capsys):
    assert main(["visit", "butovo", "--lang", "xx", "--out", str(tmp_path / "v"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 1
    assert "'xx' is not a language of the interface" in capsys.readouterr().err
    assert main(["embed", "--site", "butovo", "--lang", "xx", "--out", str(tmp_path / "e.html"),
                 "--sites", str(SITES), "--seeds", str(SEEDS)]) == 1
    assert "'xx' is not a language of the interface" in capsys.readouterr().err
    assert not (tmp_path / "v").exists() and not (tmp_path / "e.html").exists()


def test_project_language_is_the_default(tmp_path):
    from mapgen.project import init

    folder = tmp_path / "p"
    init(folder)
    toml = folder / "mapgen.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('lang = "en"', 'lang = "ru"'), encoding="utf-8")
    assert main(["visit", "butovo", "--out", str(tmp_path / "v"), "--sites", str(folder / "sites.csv"),
                 "--seeds", str(folder / "seeds")]) == 0
    assert '<html lang="ru">' in (tmp_path / "v" / "visit.html").read_text(encoding="utf-8")
    assert main(["visit", "butovo", "--lang", "en", "--out", str(tmp_path / "w"), "--sites",
                 str(folder / "sites.csv"), "--seeds", str(folder / "seeds")]) == 0
    assert '<html lang="en">' in (tmp_path / "w" / "visit.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", OTHERS)
def test_embed_in_each_language(tmp_path, capsys, lang):
    assert main(["embed", "--period", "great-purge", "--lang", lang, "--out", str(tmp_path / "e.html"),
                 "--link-base", "https://example.org/map/", "--sites", str(SITES), "--seeds", str(SEEDS)]) == 0
    snippet = capsys.readouterr().out
    page = (tmp_path / "e.html").read_text(encoding="utf-8")
    s = strings(lang)
    assert f'<html lang="{lang}">' in page and f'"lang":"{lang}"' in page
    from mapgen import pipeline
    from mapgen.model import select

    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    n = len(select(atlas, ["great-purge"], [], []).sites)
    title = html.unescape(page.split("<title>", 1)[1].split("</title>", 1)[0])
    assert title == s["embed_title"].format(what=s["period:great-purge"], places=s.plural("description_places", n))
    assert f'title="{html.escape(s["iframe_title"].format(title=title))}"' in snippet


def test_png_legend_and_credits_in_the_language(monkeypatch):
    from matplotlib.backends.backend_agg import RendererAgg

    from mapgen import pipeline
    from mapgen.files import credits
    from mapgen.model import select
    from mapgen.render.static import render_png

    drawn: list[str] = []
    real = RendererAgg.draw_text
    monkeypatch.setattr(RendererAgg, "draw_text", lambda self, gc, x, y, s, *a, **kw:
                        drawn.append(s) or real(self, gc, x, y, s, *a, **kw))
    atlas, _ = pipeline.load_atlas(SITES, SEEDS)
    subset = select(atlas, [], ["memorial"], [])
    render_png(list(subset.sites), "t", credits(subset, "ru", "https://example.org/map/"), lang="ru",
               categories=["memorial"])
    s = strings("ru")
    assert s["png_legend_title"] in drawn and s["category:memorial"] in drawn
    assert any("Бутовский полигон" in t for t in drawn)
    text = " ".join(drawn).replace("\n", " ")
    assert s["png_sources"].split("{")[0].strip() in text
    assert "https://example.org/map/index.html" in text


@pytest.mark.browser
def test_an_embed_offers_only_the_periods_and_categories_it_shows(browser, tmp_path):
    from conftest import Visit

    out = tmp_path / "memorial.html"
    assert main(["embed", "--category", "memorial", "--out", str(out), "--sites", str(SITES),
                 "--seeds", str(SEEDS)]) == 0
    v = Visit(browser, out.as_uri())
    v.page.click("#mg-toggle")
    periods = v.js("[...document.querySelectorAll('input[name=period]')].map(b => b.value)")
    categories = v.js("[...document.querySelectorAll('input[name=category]')].map(b => b.value)")
    legend = v.js("[...document.querySelectorAll('.mg-mini li')].map(li => li.textContent)")
    assert "revolution-civil-war" not in periods and "remembrance" in periods
    assert "memorial" in categories
    assert legend == ["Memorial and commemoration"]  # Butovo's execution claims are outside the selection
    assert v.errors == []
    v.close()
