"""Each seed as a readable page with an anchor per line, so a citation opens the passage in context."""

from __future__ import annotations

import functools
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as urlquote

from markupsafe import Markup

from ..model import Atlas
from ..read import Source
from .page import csp_policy, hash_source
from .strings import LANG, environment, render, strings

STYLE = """
body{font:16px/1.55 Georgia,"Noto Serif",serif;margin:0;color:#1d1d1f;background:#fbfaf7}
header{font-family:system-ui,sans-serif;padding:16px 20px;background:#fff;border-bottom:1px solid #ddd}
header h1{margin:0 0 4px;font-size:22px} header p{margin:2px 0;font-size:14px}
ol{margin:0;padding:12px 20px 40px 64px;max-width:52rem} li{margin:0 0 .6em;padding:2px 6px;scroll-margin-top:40vh}
li::marker{font:12px system-ui,sans-serif;color:#888} li:target{background:#fff3b0;outline:2px solid #c9a227}
mark{background:#ffe58a;padding:0 1px} .by{font:13px system-ui,sans-serif;color:#555;display:block}
a.place{color:inherit;text-decoration-color:#0b5cad;text-underline-offset:2px}
.unmapped{text-decoration:underline dotted #777;text-underline-offset:2px;cursor:help}
.suspect{text-decoration:line-through #a33} .warn{font:13px system-ui,sans-serif;color:#8a1f11;display:block}
a{color:#0b5cad} .text{white-space:pre-wrap;overflow-wrap:anywhere}
.back{padding:0 20px 20px;font-family:system-ui} .list{padding:12px 40px}
@media (prefers-color-scheme:dark){body{background:#1b1b1d;color:#e8e8e8}header{background:#222;border-color:#444}
li:target{background:#4a3f12} mark{background:#6b5a10;color:#fff} a{color:#8ab4f8} .by{color:#bbb}
.warn{color:#ff9e8f}}
"""


# No script, one hashed stylesheet, no style attributes: the strictest policy a page can have.
CSP = csp_policy(scripts=(), styles=[hash_source(STYLE)])
ROOT = "../"  # from sources/ to the build root
escape = html.escape  # the spelling of quotes the pages have always had (&quot;, &#x27;)
CHUNK = 5000  # lines of a source page rendered and handed to the writer at a time
LINES = Markup("<!--mapgen-lines-->")  # where the lines go in the page shell


def _page_values(title: str, lang: str) -> dict[str, Any]:
    """What the layout of every source page needs."""
    return {"lang": lang, "s": strings(lang), "csp": CSP, "title": title, "style": Markup(STYLE), "root": ROOT}


def _segments(text: str, quotes: list[str]) -> list[tuple[str, bool]]:
    """The line cut into (text, quoted) pieces: every quoted passage is one piece (overlaps merged)."""
    if not quotes:
        return [(text, False)]
    spans = []
    for q in quotes:
        start = text.find(q)
        if start >= 0:
            spans.append((start, start + len(q)))
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    out.append((text[pos:], False))
    return out


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")  # what urllib's quote() leaves as it is
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_HASHED = re.compile(r".*-[0-9a-f]{12}")
# device names Windows refuses whatever the extension
_DEVICES = {"con", "prn", "aux", "nul", *(f"com{k}" for k in range(10)), *(f"lpt{k}" for k in range(10))}


def _hashed(file: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", file).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-.")[:40].strip("-.") or "source"
    return f"{slug}-{hashlib.sha256(file.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def source_pages(files: Iterable[str]) -> dict[str, str]:
    """The page file name under sources/ of each seed, decided once here and handed to every page that
    links to it (payload, source index): a name that is short plain ASCII keeps its name (`a.txt` ->
    `a.txt.html`, so published links stay valid); any other (spaces, Cyrillic, %, #, ?, quotes, `index`,
    very long, or equal to another but for case) becomes an ASCII slug plus a hash of the name, which
    never needs escaping, never collides and never reaches the file system's name limit."""
    files = list(files)
    folded: dict[str, int] = {}
    for f in files:
        folded[f.casefold()] = folded.get(f.casefold(), 0) + 1
    pages = {}
    for f in files:
        plain = (_PLAIN.fullmatch(f) and not _HASHED.fullmatch(f) and folded[f.casefold()] == 1
                 and f.casefold() != "index" and f.split(".")[0].casefold() not in _DEVICES)
        pages[f] = f"{f if plain else _hashed(f)}.html"
    if len({p.casefold() for p in pages.values()}) != len(pages):  # 48-bit hashes: never seen, but never silent
        raise ValueError("two seeds map to the same source page name; rename one")
    return pages


class _LineMarkup:
    """The markup of source_lines.html's macros, rendered once with placeholders and cut around them: filling
    in the (escaped) values is then a string join per line."""

    def __init__(self, quoted_label: str, unmapped_label: str, warning_label: str, lang: str) -> None:
        self.unmapped_label, self.warning_label = unmapped_label, warning_label
        # the map's own words on a line (who quotes it, warnings) are in the interface's language, even on the
        # page of a text in another
        macros: Any = environment().get_template("source_lines.html").make_module({"root": ROOT, "lang": lang})
        self.line = str(macros.line(Markup("\x00"), Markup("\x00"), Markup("\x00"))).split("\x00")
        self.mark = str(macros.mark(Markup("\x00"))).split("\x00")
        self.by = str(macros.quoted_by(Markup("\x00"), Markup("\x00"))).split("\x00")
        self.quoted_by = str(macros.quoted_by(quoted_label, Markup("\x00"))).split("\x00")
        self.link = str(macros.site_link(Markup("\x00"), Markup("\x00"))).split("\x00")
        self.place = str(macros.place(Markup("\x00"), Markup("\x00"))).split("\x00")
        self.unmapped = str(macros.unmapped(Markup("\x00"), Markup("\x00"))).split("\x00")
        self.suspect = str(macros.suspect(Markup("\x00"))).split("\x00")
        self.warning = str(macros.warning(Markup("\x00"), Markup("\x00"))).split("\x00")

    def site_link(self, site_id: str, name: str) -> str:
        """The link to a site's pin, as markup: made once per site, not once per line quoting it."""
        href = site_id if _URL_SAFE.fullmatch(site_id) else urlquote(site_id)  # a slug, always: quote() is slow
        return self.link[0] + escape(href) + self.link[1] + escape(name) + self.link[2]

    def render(self, n: int, text: str, quotes: list[str] | None, links: list[str] | None,
               notes: LineNotes | None = None) -> str:
        """One line of the page; `links` are site_link's markup."""
        extra = ""
        if notes:
            body, extra = self._annotated(text, quotes or [], notes)
        elif quotes:
            body = "".join(self.mark[0] + escape(part) + self.mark[1] if marked else escape(part)
                           for part, marked in _segments(text, quotes))
        else:
            body = escape(text)
        by = self.quoted_by[0] + ", ".join(links) + self.quoted_by[1] if links else ""
        a, b, c, d, e = self.line
        return f"{a}{n}{b}{n}{c}{body}{d}{by}{extra}{e}"

    def quoted_once(self, n: int, text: str, quote: str, link: str) -> str | None:
        """`render` for the line most quoted lines are: one passage, found, quoted by one site, no notes. A
        register's source page has a million of them, so this case is written out directly; None otherwise."""
        at = text.find(quote)
        if at < 0:
            return None
        a, b, c, d, e = self.line
        end = at + len(quote)
        return (f"{a}{n}{b}{n}{c}{escape(text[:at])}{self.mark[0]}{escape(quote)}{self.mark[1]}"
                f"{escape(text[end:])}{d}{self.quoted_by[0]}{link}{self.quoted_by[1]}{e}")

    def _annotated(self, text: str, quotes: list[str], notes: LineNotes) -> tuple[str, str]:
        """A line with places and warnings: quoted and warned passages as spans, place names inside them linked
        to their pin or underlined with the reason they have none (shown on hover). The warnings and the
        reasons are also written after the text, for readers who cannot hover; the text itself stays the
        source's, character for character."""
        out: list[str] = []
        unmapped: dict[str, str] = {}
        for part, marked in _segments(text, quotes + [p for p, _ in notes.suspect]):
            inner = self._places(part, notes, unmapped)
            if not marked:
                out.append(inner)
            elif any(part in p for p, _ in notes.suspect) and not any(part in q for q in quotes):
                out.append(self.suspect[0] + inner + self.suspect[1])
            else:
                out.append(self.mark[0] + inner + self.mark[1])
        extra = "".join(self.warning[0] + escape(self.warning_label) + self.warning[1] + escape(note)
                        + self.warning[2] for _, note in notes.suspect)
        if unmapped:
            listed = "; ".join(f"{escape(name)} ({escape(reason)})" for name, reason in unmapped.items())
            extra += self.by[0] + escape(self.unmapped_label) + self.by[1] + listed + self.by[2]
        return "".join(out), extra

    def _places(self, text: str, notes: LineNotes, unmapped: dict[str, str]) -> str:
        """`text` escaped, its place names linked or underlined; the underlined ones are added to `unmapped`."""
        if not notes.places:
            return escape(text)
        out, pos = [], 0
        for m in notes.pattern.finditer(text):
            site_id, reason = notes.places[m.group()]
            out.append(escape(text[pos:m.start()]))
            name = escape(m.group())
            if site_id:
                out.append(self.place[0] + escape(urlquote(site_id)) + self.place[1] + name + self.place[2])
            else:
                out.append(self.unmapped[0] + escape(self.unmapped_label + " " + reason) + self.unmapped[1] + name
                           + self.unmapped[2])
                unmapped.setdefault(m.group(), reason)
            pos = m.end()
        out.append(escape(text[pos:]))
        return "".join(out)


@dataclass
class LineNotes:
    """What the curators say about one line: its place names (-> site id on this map, or "" and the reason it
    has no pin) and passages not to be trusted (passage, note)."""

    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    suspect: list[tuple[str, str]] = field(default_factory=list)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The line's place names, the longest first where several start at one place (compiled once)."""
        names = sorted(self.places, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def line_notes(source: Source, atlas: Atlas) -> dict[int, LineNotes]:
    """The ledger's mentions and the passage warnings of one seed, by line (a reason is shown without its kind:
    "person: …" reads as "…")."""
    shown = {s.id for s in atlas.sites}
    notes: dict[int, LineNotes] = {}
    for d in atlas.mentions:
        if d.source != source.file or (d.site_id and d.site_id not in shown):
            continue
        here = notes.setdefault(d.line, LineNotes())
        here.places[d.mention] = (d.site_id, d.reason.split(": ", 1)[-1] if d.reason else "")
    for p in atlas.passages:
        if p.source == source.file:
            notes.setdefault(p.line, LineNotes()).suspect.append((p.passage, p.note))
    return notes


def render_source(source: Source, atlas: Atlas, lang: str = LANG) -> Iterator[bytes]:
    """The page of one seed, in pieces: the shell around the lines, then the lines CHUNK at a time. Its own
    words (not the source's) are in `lang`."""
    s = strings(lang)
    markup = _LineMarkup(s["quoted_for"], s["unmapped"], s["warning"], lang)
    quoted: dict[int, list[tuple[str, str]]] = {}  # line -> (link to the site quoting it, quote)
    for site in atlas.sites:
        link = None  # made for the sites that quote this source only: a million sites quote other seeds
        for c in site.claims:
            if c.source == source.file:
                link = link or markup.site_link(site.id, site.name_in(lang))
                quoted.setdefault(c.line, []).append((link, c.quote))
    values = _page_values(s["source_title"].format(title=source.title), lang)
    original = source.url if source.url.startswith("https://") else ""
    shell = render("source.html", **values, source=source, original=original, lines=LINES)
    top, bottom = shell.split(LINES)  # data are escaped, so the marker is there once
    yield top.encode()
    annotated = line_notes(source, atlas)
    if not source.lines:
        yield b"\n"
    for first in range(0, len(source.lines), CHUNK):
        chunk = []
        for n, text in enumerate(source.lines[first:first + CHUNK], start=first + 1):
            here, notes = quoted.get(n), annotated.get(n)
            line = None
            if here is not None and len(here) == 1 and notes is None:
                line = markup.quoted_once(n, text, here[0][1], here[0][0])
            if line is None:
                links = list(dict.fromkeys(link for link, _ in here)) if here else None
                line = markup.render(n, text, [q for _, q in here] if here else None, links, notes)
            chunk.append(line)
        yield "".join(chunk).encode()
    yield bottom.encode()


def render_source_index(atlas: Atlas, lang: str = LANG) -> str:
    pages = source_pages(atlas.sources)
    rows = [{"href": pages[s.file], "title": s.title, "origin": s.origin, "licence": s.licence}
            for s in atlas.sources.values()]
    return render("source_index.html", **_page_values(strings(lang)["index_title"], lang), sources=rows)
