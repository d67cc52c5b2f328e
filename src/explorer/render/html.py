"""Small HTML fragments shared by the detail pane, the positions panel and the PDF cards (Qt-free).

All dataset text passes through `esc` or `markup.to_html`; nothing here emits
an <img>, a stylesheet link or a script.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from ..core.markup import clean_text, safe_url, truncate_for_display
from ..core.model import Source
from .palette import LIGHT, readable_on


def esc(text: str) -> str:
    """Untrusted text as inert HTML for display: controls removed, very long text truncated."""
    return html.escape(truncate_for_display(clean_text(text)))


def chip(text: str, color: str) -> str:
    return (f'<span style="background-color:{color}; color:{readable_on(color)}; '
            f'font-size:small;">&nbsp;{esc(text)}&nbsp;</span>')


def event_link(event_id: str, text: str) -> str:
    return f'<a href="event:{quote(event_id)}">{esc(text)}</a>'


INK = LIGHT.text  # text on paper
PAPER_LINK = f"color:{INK}; text-decoration:none"  # a link on paper reads as text; it still works on screen


def source_item(s: Source, muted: str = LIGHT.muted, print_url: bool = False) -> str:
    """One source as a list item; `print_url`: for paper, where a link cannot be followed, the
    title in the text colour and the address printed in full below it, both still links.

    The printed address is the source's own, character for character (escaped for HTML, never
    shortened): the text layout breaks it where a line ends, after a `/` or, failing that,
    anywhere, without inserting anything."""
    url = safe_url(s.url) if s.url else None
    href = html.escape(url, quote=True) if url else ""
    style = f' style="{PAPER_LINK}"' if print_url else ""
    title = f'<a href="{href}"{style}>{esc(s.title)}</a>' if url else esc(s.title)
    extra = [esc(x) for x in (s.publisher, s.page) if x]
    if s.accessed:
        extra.append("accessed " + esc(s.accessed))
    tail = f' <span style="color:{muted}">— {", ".join(extra)}</span>' if extra else ""
    address = (f'<br><a href="{href}" style="color:{muted}; text-decoration:none; font-size:small">'
               f'{html.escape(url)}</a>' if url and print_url else "")
    quote_html = f'<br><i>“{esc(s.quote)}”</i>' if s.quote else ""
    return f"<li>{title}{tail}{address}{quote_html}</li>"


PRECISION_WORDS = {
    "day": "exact day", "month": "month known", "year": "year known",
    "decade": "decade known", "century": "century known",
}


def precision_text(date) -> str:
    words = [PRECISION_WORDS.get(date.precision, date.precision)]
    if getattr(date, "first", None) is not None or getattr(date, "last", None) is not None:
        words.insert(0, "period")
    if date.approximate:
        words.append("approximate")
    if date.uncertain:
        words.append("uncertain")
    return ", ".join(words)


LANG_NAMES = {"ja": "Japanese", "ru": "Russian", "en": "English", "uk": "Ukrainian", "zh": "Chinese"}


def event_chips(ds, ev) -> str:
    """Category and parties of an event as coloured chips (party names as of the event's date)."""
    chips = []
    if ev.category in ds.categories:
        c = ds.categories[ev.category]
        chips.append(chip(c.name, c.color))
    for pid in ev.parties:
        if pid in ds.parties:
            chips.append(chip(ds.parties[pid].name_at(ev.start), ds.parties[pid].color))
    return " ".join(chips)
