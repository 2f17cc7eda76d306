"""Text for a terminal: data (a site name, a seed file name) may hold escape sequences that would
recolour, retitle or rewrite the screen, so every control and direction-override character is shown
as a visible escape instead."""

from __future__ import annotations

import re

# C0 controls but tab, DEL and C1 controls: never part of text.
CONTROL = "\x00-\x08\x0a-\x1f\x7f-\x9f"
# Bidi embeddings, overrides and isolates, and zero-width characters: they make text read differently from
# what it is, or two different names look the same.
HIDDEN = "\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069"
# What a terminal must not receive raw: the above and the direction marks; line breaks are the terminal's own.
UNSAFE = re.compile(f"(?!\n)[{CONTROL}{HIDDEN}\u200e\u200f]")


def printable(text: str) -> str:
    """`text` with every unsafe character written as a Python-style escape (\\x1b, \\u202e); lone surrogates
    (undecodable bytes in a command-line argument) likewise."""
    text = UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if not is_utf8(text) else text


def is_utf8(text: str) -> bool:
    """False for text holding lone surrogates, which is how Python keeps undecodable bytes of argv."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
