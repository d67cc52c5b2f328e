"""A safe Markdown subset for summaries and rationale, rendered to HTML.

Supported: *emphasis*, **strong**, [links](https://…) (http/https only),
and "- " bullet lists. Everything else, HTML included, is shown as text:
the output never contains a tag that loads a resource or runs anything.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\*\w])\*(?=\S)(.+?)(?<=\S)\*(?![\*\w])")
# bidi overrides and other invisible controls that could disguise text
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]")
SAFE_SCHEMES = ("http://", "https://")


MAX_SHOWN = 20_000  # characters of one text shown in panes and on cards
MAX_TITLE = 300
_LONG_WORD = re.compile(r"\S{80}")


def clean_text(text: str) -> str:
    """Remove control characters and bidi overrides from untrusted text."""
    return _CONTROLS.sub("", text)


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """At most `limit` characters, saying how much was left out; very long words get
    break opportunities (zero-width spaces) so text can wrap instead of overflowing."""
    if len(text) > limit:
        text = text[:limit] + f" … [shortened: {len(text):,} characters in the file]"
    if len(text) > 80 and _LONG_WORD.search(text):
        text = re.sub(r"(\S{80})(?=\S)", "\\1\u200b", text)
    return text


def short_title(title: str) -> str:
    return shorten(clean_text(title), MAX_TITLE)


def safe_url(url: str) -> str | None:
    url = url.strip()
    return url if url.lower().startswith(SAFE_SCHEMES) else None


def inline(text: str) -> str:
    """Escape text and apply emphasis and http(s) links."""
    out = []
    pos = 0
    for m in _LINK.finditer(text):
        out.append(_emphasis(html.escape(clean_text(text[pos:m.start()]))))
        label = _emphasis(html.escape(clean_text(m.group(1))))
        url = safe_url(m.group(2))
        if url:
            out.append(f'<a href="{html.escape(url, quote=True)}">{label}</a>')
        else:
            out.append(label)
        pos = m.end()
    out.append(_emphasis(html.escape(clean_text(text[pos:]))))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<b>\1</b>", escaped)
    return _EM.sub(r"<i>\1</i>", escaped)


def to_html(text: str) -> str:
    """Paragraphs and bullet lists of the Markdown subset, as safe HTML (long text shortened)."""
    text = shorten(text)
    blocks: list[str] = []
    items: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append("<p>" + inline(" ".join(para)) + "</p>")
            para.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.splitlines():
        s = line.strip()
        if not s:
            flush()
        elif s.startswith(("- ", "* ")):
            if para:
                flush()
            items.append(s[2:])
        else:
            if items:
                flush()
            para.append(s)
    flush()
    return "".join(blocks)


def to_plain(text: str) -> str:
    """The text without Markdown marks (for tooltips and search)."""
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    return clean_text(_EM.sub(r"\1", text))
