"""Each seed as a readable page with an anchor per line, so a citation opens the passage in context."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import quote as urlquote

from ..model import Atlas
from ..read import Source
from .page import csp_meta, hash_source

STYLE = """
body{font:16px/1.55 Georgia,"Noto Serif",serif;margin:0;color:#1d1d1f;background:#fbfaf7}
header{font-family:system-ui,sans-serif;padding:16px 20px;background:#fff;border-bottom:1px solid #ddd}
header h1{margin:0 0 4px;font-size:22px} header p{margin:2px 0;font-size:14px}
ol{margin:0;padding:12px 20px 40px 64px;max-width:52rem} li{margin:0 0 .6em;padding:2px 6px;scroll-margin-top:40vh}
li::marker{font:12px system-ui,sans-serif;color:#888} li:target{background:#fff3b0;outline:2px solid #c9a227}
mark{background:#ffe58a;padding:0 1px} .by{font:13px system-ui,sans-serif;color:#555;display:block}
a{color:#0b5cad} .text{white-space:pre-wrap;overflow-wrap:anywhere}
.back{padding:0 20px 20px;font-family:system-ui} .list{padding:12px 40px}
@media (prefers-color-scheme:dark){body{background:#1b1b1d;color:#e8e8e8}header{background:#222;border-color:#444}
li:target{background:#4a3f12} mark{background:#6b5a10;color:#fff} a{color:#8ab4f8} .by{color:#bbb}}
"""


# No script, one hashed stylesheet, no style attributes: the strictest policy a page can have.
CSP = csp_meta(scripts=(), styles=[hash_source(STYLE)])


def _page(title: str, body: str, root: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"{CSP}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n"
            f"<p class=\"back\"><a href=\"{html.escape(root)}index.html\">Back to the map</a>"
            "</p>\n</body>\n</html>\n")


def _marked(text: str, quotes: list[str]) -> str:
    """The line, escaped, with every quoted passage inside <mark>."""
    if not quotes:
        return html.escape(text)
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
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


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


def source_href(file: str) -> str:
    """The page of one seed, for callers that know no other seeds (prefer `source_pages`)."""
    return source_pages([file])[file]


def render_source(source: Source, atlas: Atlas) -> Iterator[bytes]:
    quoted: dict[int, list[tuple[str, str]]] = {}  # line -> (link to the site, quote)
    for site in atlas.sites:
        link = f'<a href="../index.html#site={urlquote(site.id)}">{html.escape(site.name)}</a>'
        for c in site.claims:
            if c.source == source.file:
                quoted.setdefault(c.line, []).append((link, c.quote))
    origin = html.escape(source.origin)
    link = f' · <a href="{html.escape(source.url)}">original</a>' if source.url.startswith("https://") else ""
    header = (f"<header><h1>{html.escape(source.title)}</h1><p>{origin} · Licence: {html.escape(source.licence)}"
              f"{link}</p><p>File <code>{html.escape(source.file)}</code>, {len(source.lines)} lines. "
              "Highlighted passages are quoted on the map; the line a citation points to is outlined.</p></header>")
    top, bottom = _page(f"{source.title} — source text", header + "\n<ol>\n\x00\n</ol>", "../").split("\x00")
    yield top.encode()
    items = []
    for n, text in enumerate(source.lines, start=1):
        here = quoted.get(n, [])
        by = ""
        if here:
            links = ", ".join(dict.fromkeys(link for link, _ in here))
            by = f'<span class="by">Quoted on the map for: {links}</span>'
        items.append(f'<li id="L{n}" value="{n}"><span class="text">{_marked(text, [q for _, q in here])}</span>'
                     f"{by}</li>")
        if len(items) == 5000:
            yield ("\n".join(items) + "\n").encode()
            items = []
    yield ("\n".join(items) + bottom).encode()


def render_source_index(atlas: Atlas) -> str:
    pages = source_pages(atlas.sources)
    rows = "".join(
        f'<li><a href="{pages[s.file]}">{html.escape(s.title)}</a> — {html.escape(s.origin)}. '
        f"{html.escape(s.licence)}.</li>" for s in atlas.sources.values())
    return _page("Sources of the map", f"<header><h1>Sources</h1><p>The texts every quote on the map comes "
                 f"from.</p></header>\n<ul class=\"list\">{rows}</ul>", "../")
