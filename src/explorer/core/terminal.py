"""Dataset text made safe to print on a terminal.

A title or message printed raw can hold escape sequences: ESC ] 0 ; … BEL retitles
the terminal window, ESC [ 2 J clears the screen, a carriage return or newline
starts a forged line ("dataset.toml:1:1: error: …"), and bidi overrides make text
read differently from what it is. `for_terminal` shows each such character as a
visible escape (`\\x1b`, `\\n`, `\\u202e`) and leaves all other text, 日本, Итуруп
and emoji included, as it is.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls (tab, newline and carriage return too: one field stays on one line), DEL
_ASCII_CONTROLS = re.compile("[\x00-\x1f\x7f]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Categories shown escaped: controls (C0, DEL, C1), invisible format characters (bidi
# embeddings, overrides, isolates and marks, zero-width space, word joiner, BOM, soft
# hyphen, tag characters…), line and paragraph separators, and lone surrogates (from
# undecodable file names), which a terminal cannot even encode.
_ESCAPED = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
# Joiners are part of normal text between two visible characters: emoji sequences
# (👩‍💻), Indic conjuncts, Persian words. Elsewhere they are escaped like the others.
_JOINERS = frozenset("\u200c\u200d")
_VISIBLE = ("L", "M", "N", "S", "P")


def for_terminal(text: str) -> str:
    """`text` as one field of one line: every control, bidi and invisible format
    character is shown as a Python-style escape instead of acting on the terminal."""
    if text.isascii():
        return _ASCII_CONTROLS.sub(_escape_match, text) if not text.isprintable() else text
    if text.isprintable():  # no control, format or separator character (the usual case)
        return text
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if cat not in _ESCAPED:
            out.append(ch)
        elif ch in _JOINERS and 0 < i < last and _visible(text[i - 1]) and _visible(text[i + 1]):
            out.append(ch)
        else:
            out.append(_escape(ch))
    return "".join(out)


def _visible(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch).startswith(_VISIBLE) and ch not in _JOINERS


def _escape(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    n = ord(ch)
    if n <= 0xFF:
        return f"\\x{n:02x}"
    if n <= 0xFFFF:
        return f"\\u{n:04x}"
    return f"\\U{n:08x}"


def _escape_match(m: re.Match) -> str:
    return _escape(m.group())
