"""Where a statement comes from. A claim's quote cites a line of a seed text; a note about a site today (what
stands there, remembrance) may cite a web page or a seed line. Written in the table as a URL or as
`seed:FILE:LINE`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .read import Source


@dataclass(frozen=True, slots=True)
class TextLine:
    """A numbered line of a seed in seeds/."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"seed:{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class WebPage:
    """A published page, by its http(s) URL."""

    url: str

    def __str__(self) -> str:
        return self.url


Citation = TextLine | WebPage
SEED_REF = re.compile(r"seed:(?P<file>[^:]+):(?P<line>[0-9]{1,9})")


def parse_citation(text: str) -> Citation | None:
    """A validated cell as a citation; None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    m = SEED_REF.fullmatch(text)
    return TextLine(m["file"], int(m["line"])) if m else WebPage(text)


def citation_syntax_problem(text: str) -> str | None:
    """Why `text` is neither empty, nor seed:FILE:LINE, nor an http(s) URL readers can follow; or None."""
    text = text.strip()
    if not text or SEED_REF.fullmatch(text):
        return None
    parts = urlsplit(text)
    if (parts.scheme not in ("http", "https") or not parts.hostname or not text.startswith(parts.scheme + "://")
            or any(c.isspace() or c in '"<>\\' for c in text)):
        return (f"{text[:60]!r} is neither an http(s) URL nor seed:FILE:LINE; give the address of the page that "
                "says it (https://…) or the seed line (seed:000_f99e81eacf2887d0.txt:117)")
    return None


def citation_problem(citation: Citation, sources: dict[str, Source]) -> str | None:
    """Why a seed line cited is not there to read, or None (a web page is checked by its syntax only: the
    build never goes online)."""
    if not isinstance(citation, TextLine):
        return None
    source = sources.get(citation.file)
    if source is None:
        return f"{citation.file!r} is not a seed listed in sources.csv"
    if not 1 <= citation.line <= len(source.lines):
        return f"line {citation.line} is outside {citation.file} (1..{len(source.lines)})"
    return None
