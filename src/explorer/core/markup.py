"""A safe Markdown subset for summaries and rationale, rendered to HTML.

Supported: *emphasis*, **strong**, [links](https://…) (http/https only),
and "- " bullet lists. Everything else, HTML included, is shown as text:
the output never contains a tag that loads a resource or runs anything.

Parsing is markdown-it-py's CommonMark parser with only those rules on: its
delimiter and link handling are linear in the length of the text (the former
hand-written regexes took seconds on 20 KB of `**a `). The HTML is written
here from the tokens, with every piece of text escaped, so the output holds no
tag but <p>, <ul>, <li>, <b>, <i>, <br> and <a href="http(s)://…">.
"""

from __future__ import annotations

import functools

import html
import re
import unicodedata
from urllib.parse import urlsplit

# C0 controls but tab/newline/CR, DEL and C1 controls, bidi embeddings, overrides
# and isolates: they could disguise text (core/terminal.py escapes a wider set)
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]")
SAFE_SCHEMES = ("http://", "https://")
WEB_SCHEMES = ("http", "https")
# http(s) and a plain ASCII host: with only printable ASCII and no space after it, a URL
# is accepted without the slow checks (the usual case: the loader checks every source)
_PLAIN_URL_HEAD = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#]|\Z)", re.IGNORECASE)

MAX_SHOWN = 20_000  # characters of one text shown in panes and on cards
MAX_TITLE = 300


def clean_text(text: str) -> str:
    """Remove control characters and bidi overrides from untrusted text."""
    return _CONTROLS.sub("", text)


def truncate_for_display(text: str, limit: int = MAX_SHOWN) -> str:
    """For display only: at most `limit` characters of `text`, then a note saying how
    long it was. Never use it on data that is saved or exported.

    Words are never edited (no break characters are inserted, so URLs stay
    intact): the widget breaks long words when it lays the text out."""
    if len(text) <= limit:
        return text
    return text[:limit] + f" … [shortened: {len(text):,} characters in the file]"




def short_title(title: str) -> str:
    """A title for display: controls removed, at most MAX_TITLE characters."""
    return truncate_for_display(clean_text(title), MAX_TITLE)


def url_problem(url: str) -> str | None:
    """Why `url` is not a web address Explorer may link to, or None if it is one.

    A web address is http:// or https:// with a host and no user name (`user@`
    can disguise the real host), and holds no whitespace, control or invisible
    format character (bidi overrides could disguise it). Shared by links in text
    (here), the schema's source `url` and the fast path."""
    if url.isascii() and url.isprintable() and " " not in url and _PLAIN_URL_HEAD.match(url):
        return None
    if not url:
        return "is empty; leave `url` out if there is none"
    for ch in url:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return f"contains {_char_name(ch)}; write the address without it"
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return "is not a valid web address"
    if parts.scheme.lower() not in WEB_SCHEMES or not url[len(parts.scheme):].startswith("://"):
        return "must start with http:// or https://"
    if "@" in parts.netloc:
        return "has a user name before `@`, which can disguise the real host"
    if not parts.hostname:
        return "has no host (like https://example.org/…)"
    return None


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a control character').lower()})"


def safe_url(url: str) -> str | None:
    """`url` itself if it is an http(s) address that may be linked, else None."""
    url = url.strip()
    return url if url_problem(url) is None else None


_md = None


def _parser():
    """The parser, made on first use: importing markdown-it takes ~0.1 s, which start-up
    (titles, the model) need not pay."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
        md.enable(["list", "emphasis", "link", "newline", "escape"])
        md.normalizeLink = lambda url: url  # never alter a URL (no re-encoding)
        md.normalizeLinkText = lambda text: text
        md.validateLink = lambda url: url_problem(url) is None  # any other link stays text
        _md = md
    return _md


# Block structure as today: one level of "- " or "* " bullet lists, nothing else. Lines are
# stripped (so indentation never makes code blocks or nested lists), "1." / "1)"
# at the start of a line stays text (a year like "1945. …" is no list), a bullet
# directly after a bullet ("- - x") is text, not a nested list, and a line after
# a bullet item starts a paragraph (CommonMark would continue the item).
_BULLET = re.compile(r"[-*](?:[ \t]|\Z)")
_ORDERED = re.compile(r"((?:[-*+][ \t]+)?[0-9]{1,9})(?=[.)](?:[ \t]|\Z))")
_NESTED = re.compile(r"[-*+][ \t]+(?=[-*+](?:[ \t]|\Z))")


def _prepare(text: str) -> str:
    lines: list[str] = []
    in_list = False
    for line in text.replace("\x00", "").splitlines():
        s = line.strip()
        if s and (s[0].isdigit() or s[0] in "-*+"):
            if s in ("-", "*") or s[0] == "+":  # an empty item, or "+ " (not in the subset): text
                s = "\\" + s
            else:
                m = _ORDERED.match(s) or _NESTED.match(s)
                if m:
                    s = s[:m.end()] + "\\" + s[m.end():]
        bullet = _BULLET.match(s) is not None
        if in_list and s and not bullet:
            lines.append("")
        in_list = bullet
        lines.append(s)
    return "\n".join(lines)


_BLOCK_TAGS = {
    "paragraph_open": "<p>", "paragraph_close": "</p>",
    "bullet_list_open": "<ul>", "bullet_list_close": "</ul>",
    "ordered_list_open": "<ul>", "ordered_list_close": "</ul>",  # not made (see _prepare)
    "list_item_open": "<li>", "list_item_close": "</li>",
}
_INLINE_TAGS = {
    "em_open": "<i>", "em_close": "</i>", "strong_open": "<b>", "strong_close": "</b>",
    "softbreak": "\n", "hardbreak": "<br>",
}


def _inline_html(children, out: list[str]) -> None:
    links: list[bool] = []  # for each open link: whether an <a> was written
    for tok in children:
        t = tok.type
        if t == "link_open":
            href = str(tok.attrs.get("href", ""))
            ok = url_problem(href) is None  # validateLink already said so; a second lock
            links.append(ok)
            if ok:
                out.append(f'<a href="{html.escape(href, quote=True)}">')
        elif t == "link_close":
            if links and links.pop():
                out.append("</a>")
        elif t in _INLINE_TAGS:
            out.append(_INLINE_TAGS[t])
        else:  # text, and anything unexpected: its text, escaped
            out.append(html.escape(clean_text(tok.content)))


def _render(tokens) -> str:
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            _inline_html(tok.children or (), out)
        elif tok.type.startswith("paragraph") and (tok.hidden or tok.level):
            continue  # a list item holds one paragraph (see _prepare): no <p> in <li>
        else:
            out.append(_BLOCK_TAGS.get(tok.type, ""))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def inline(text: str) -> str:
    """Escape text and apply emphasis and http(s) links (no paragraphs or lists)."""
    return _render(_parser().parseInline(text.replace("\x00", "")))


@functools.lru_cache(maxsize=4096)  # the same stances and reasons recur on card after card
def to_html(text: str, limit: int | None = MAX_SHOWN) -> str:
    """Paragraphs and bullet lists of the Markdown subset, as safe HTML.

    Text over `limit` characters is shortened for display (`truncate_for_display`);
    exports that must keep all of it pass `limit=None`."""
    if limit is not None:
        text = truncate_for_display(text, limit)
    plain = text.strip()
    if plain and text.isprintable() and not _MARKS.search(text) and not (plain[0].isdigit() or plain[0] in "-*+"):
        # one line with nothing the subset reads as markup: what the parser would write, without
        # importing it (~0.1 s of start-up: the first frame's texts are mostly plain)
        return f"<p>{html.escape(plain)}</p>"
    return _render(_parser().parse(_prepare(text)))


_MARKS = re.compile(r"[*_\[\]\\]")  # emphasis, links and escapes: the inline rules that are on


def to_plain(text: str) -> str:
    """The text without Markdown marks (for tooltips and search)."""
    out: list[str] = []
    for tok in _parser().parse(_prepare(text)):
        if tok.type == "inline":
            for child in tok.children or ():
                if child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
                elif child.content:
                    out.append(child.content)
        elif tok.type in ("paragraph_close", "list_item_close") and out and not out[-1].endswith("\n"):
            out.append("\n")
    return clean_text("".join(out).strip())
