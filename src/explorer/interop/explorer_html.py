"""The HTML Explorer writes into an exported slide's text, and how an import reads it back.

A slide's `text.text` is the summary (the safe Markdown subset as HTML), then
blocks marked with a class so that re-importing Explorer's own export gives
structured data back instead of summary text:

    <p class="explorer-note"><i>Note: …</i></p>              -> notes
    <div class="explorer-positions">…</div>                  -> left out (positions are not event data)
    <div class="explorer-sources"><p><b>Sources</b></p><ol>  -> sources
      <li><a class="src-title" href="…">Title</a><span class="src-publisher"> — Publisher</span>…</li>

Exports made before the classes existed (`<p><b>Sources</b></p><ol>…</ol>` at
the end) are read too. All text is HTML-escaped; URLs are never changed (only
escaped as attribute values, which HTML parsers undo).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..core.markup import inline

# source fields after the title: (field, text before, text after)
SRC_FIELDS = (("publisher", " — ", ""), ("page", ", ", ""), ("quote", ": “", "”"),
              ("accessed", " (accessed ", ")"))


def esc(text: str, quote: bool = False) -> str:
    return html.escape(text, quote=quote)


def md_html(text: str) -> str:
    """Paragraphs and `- ` lists of the Markdown subset as safe HTML, never shortened
    (core.markup.to_html shortens long text and breaks long words, URLs included)."""
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

    for line in (text or "").splitlines():
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


def note_html(lines: list[str]) -> str:
    if not lines:
        return ""
    return '<p class="explorer-note"><i>Note: ' + "<br>".join(esc(x) for x in lines) + "</i></p>"


def positions_html(items: list[tuple[str, str]]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li><b>{esc(name)}</b>: {esc(stance)}</li>" for name, stance in items)
    return f'<div class="explorer-positions"><p><b>Positions at this date</b></p><ul>{lis}</ul></div>'


def sources_html(sources) -> str:
    if not sources:
        return ""
    out = []
    for s in sources:
        title = esc(s.title)
        head = (f'<a class="src-title" href="{esc(s.url, quote=True)}">{title}</a>' if s.url
                else f'<span class="src-title">{title}</span>')
        tail = "".join(f'<span class="src-{k}">{esc(before)}{esc(getattr(s, k))}{esc(after)}</span>'
                       for k, before, after in SRC_FIELDS if getattr(s, k, ""))
        out.append(f"<li>{head}{tail}</li>")
    return '<div class="explorer-sources"><p><b>Sources</b></p><ol>' + "".join(out) + "</ol></div>"


# -- reading an export back -------------------------------------------------------------
_NOTE = re.compile(r'<p(?: class="explorer-note")?><i>Note: (.*?)</i></p>', re.S)
_POSITIONS = re.compile(r'(?:<div class="explorer-positions">)?<p><b>Positions at this date</b></p>'
                        r'<ul>.*?</ul>(?:</div>)?', re.S)
_SOURCES = re.compile(r'(?:<div class="explorer-sources">)?\s*<p><b>Sources</b></p>\s*<ol>(.*?)</ol>\s*(?:</div>)?\s*$',
                      re.S)


class Parts:
    def __init__(self, text: str, notes: list[str], sources: list[dict], positions: bool):
        self.text, self.notes, self.sources, self.positions = text, notes, sources, positions


def split_export(text: str) -> Parts:
    """Summary HTML, note lines, sources and whether a positions block was left out."""
    notes: list[str] = []
    sources: list[dict] = []
    m = _SOURCES.search(text)
    if m:
        sources = _read_sources(m.group(1))
        text = text[:m.start()]
    text, n_positions = _POSITIONS.subn("", text)
    m = _NOTE.search(text)
    if m and not text[m.end():].strip():  # the note comes right after the summary
        notes = [html.unescape(re.sub(r"<[^>]*>", "", x)).strip() for x in re.split(r"<br\s*/?>", m.group(1))]
        notes = [x for x in notes if x]
        text = text[:m.start()]
    return Parts(text, notes, sources, bool(n_positions))


class _SourceList(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.cur: dict | None = None
        self.field: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li":
            self.cur = {"url": "", "_text": [], "title": None}
        elif self.cur is not None and tag in ("a", "span"):
            if tag == "a" and a.get("href"):
                self.cur["url"] = a["href"]
            cls = (a.get("class") or "").removeprefix("src-")
            self.field.append(cls if cls in ("title", *(f[0] for f in SRC_FIELDS)) else "")
            if self.field[-1]:
                self.cur[self.field[-1]] = ""

    def handle_endtag(self, tag):
        if tag in ("a", "span") and self.field:
            self.field.pop()
        elif tag == "li" and self.cur is not None:
            self.items.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        if self.cur is None:
            return
        field = next((f for f in reversed(self.field) if f), "")
        if field:
            self.cur[field] += data
        else:
            self.cur["_text"].append(data)


def _read_sources(ol: str) -> list[dict]:
    p = _SourceList()
    p.feed(ol)
    p.close()
    out = []
    for item in p.items:
        if item["title"] is None:  # an export from before the classes: "Title — Publisher"
            title, sep, publisher = "".join(item["_text"]).rpartition(" — ")
            item["title"], item["publisher"] = (title, publisher) if sep else (publisher, "")
        src = {"title": " ".join(item["title"].split())}
        if item["url"]:
            src["url"] = item["url"]
        for k, before, after in SRC_FIELDS:
            v = item.get(k) or ""
            v = v[len(before):] if v.startswith(before) else v
            v = v[:-len(after)] if after and v.endswith(after) else v
            if v.strip():
                src[k] = v.strip()
        if src["title"]:
            out.append(src)
    return out
