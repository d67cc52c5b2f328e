"""An event as HTML: the one path used by the detail pane and the PDF cards (Qt-free).

All dataset text passes through `esc` or `markup.to_html`. `Look` says how the
result is drawn: on screen (links, theme colours, search words marked) or on
paper (sizes in points, sources with their full address printed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..core.markup import short_title, to_html
from ..core.model import Dataset, Event
from .html import INK, LANG_NAMES, esc, event_chips, event_link, precision_text, source_item
from .palette import LIGHT, PAPER_TINT, Theme

RELATION_WORDS = {
    "implements": ("implements", "is implemented by"), "supersedes": ("supersedes", "is superseded by"),
    "responds-to": ("responds to", "is answered by"), "invokes": ("invokes", "is invoked by"),
    "repudiates": ("repudiates", "is repudiated by"), "follows": ("follows", "is followed by"),
    "part-of": ("is part of", "includes"), "contradicts": ("contradicts", "is contradicted by"),
    "see-also": ("see also", "see also"), "causes": ("causes", "is caused by"),
}


MAX_PLACES = 60  # an event names a handful; a hostile file may name 100,000 (the pane stays fast)


def relation_words(relation: str, incoming: bool = False) -> str:
    """A relation id as words ("responds-to" → "responds to"; incoming: "is answered by")."""
    pair = RELATION_WORDS.get(relation)
    return pair[1 if incoming else 0] if pair else relation.replace("-", " ")


@dataclass(frozen=True)
class Look:
    theme: Theme = LIGHT
    paper: bool = False  # print: sizes in points, URLs printed, no theme backgrounds
    scale: float = 1.0  # paper only: type size factor
    query: str = ""  # screen only: words to mark
    # paper only: sources cited by number from a list printed elsewhere (the handout's sources
    # page), keyed by (title, url); None prints each source in full where it is cited
    source_refs: dict | None = field(default=None, compare=False, hash=False)

    def pt(self, size: float) -> str:
        return f"{size * self.scale:.1f}pt"


def mark_words(fragment: str, query: str, look: Look) -> str:
    """Mark the query's words in an HTML fragment's text (never inside tags or entities)."""
    words = sorted({w for w in query.split() if len(w) > 1}, key=len, reverse=True)
    if not words:
        return fragment
    pattern = re.compile("|".join(re.escape(html.escape(w)) for w in words), re.IGNORECASE)
    style = f"background-color:{look.theme.mark_bg}; color:{look.theme.mark_text}"
    out = []
    for part in re.split(r"(<[^>]*>|&[#\w]+;)", fragment):
        if part.startswith("<") or (part.startswith("&") and part.endswith(";")):
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: f"<span style='{style}'>{m.group(0)}</span>", part))
    return "".join(out)


PAPER_RULE = LIGHT.muted  # the dark rule of a boxed note on paper: prints in black and white



def misconception_box(text: str, look: Look) -> str:
    """"A common mistake": the correction of a widespread error, boxed so it is not read as the story."""
    t = look.theme
    if look.paper:  # a rule down the left and a light tint: reads as a box in colour and in grey
        return (f"<table width='100%' cellpadding='{look.scale * 7:.0f}' cellspacing='0'"
                f" style='margin-top:{look.pt(6)}; margin-bottom:{look.pt(4)}; border-collapse:collapse'><tr>"
                f"<td style='border-left:{max(2, round(4 * look.scale))}px solid {PAPER_RULE};"
                f" background-color:{PAPER_TINT}; color:{INK}; font-size:{look.pt(9.5)}'>"
                f"<b style='font-size:{look.pt(8.5)}'>A COMMON MISTAKE</b><br>{esc(text)}</td></tr></table>")
    return (f"<table width='100%' cellpadding='6' cellspacing='0' style='margin-top:6px;"
            f" background-color:{t.banner_bg}; color:{t.banner_text}; border-left:3px solid {t.muted}'>"
            f"<tr><td><b>A common mistake</b><br>{esc(text)}</td></tr></table>")


def _heading(text: str, look: Look, muted: str) -> str:
    if look.paper:
        return (f"<p style='margin:{look.pt(5)} 0 0 0; color:{muted}; font-size:{look.pt(8.5)}'>"
                f"<b>{text.upper()}</b></p>")
    return f"<h4>{text}</h4>"


def event_html(ds: Dataset, ev: Event, look: Look = Look()) -> str:
    """Title, date, chips, names, summary, notes, misconception, places, relations and sources."""
    d = ev.details()  # read once: it may be unpacked from the load cache
    muted = look.theme.muted if not look.paper else LIGHT.muted
    mark = (lambda h: mark_words(h, look.query, look)) if look.query and not look.paper else (lambda h: h)
    title = (f"<p style='margin:0; font-size:{look.pt(16)}'><b>{esc(short_title(ev.title))}</b></p>" if look.paper
             else f"<h2 style='margin-bottom:2px'>{mark(esc(short_title(ev.title)))}</h2>")
    parts = [title,
             f"<p style='margin-top:0'><b>{esc(ev.date.display())}</b> "
             f"<span style='color:{muted}'>({esc(precision_text(ev.date))})</span></p>",
             f"<p>{event_chips(ds, ev)}</p>"]
    if d.names:
        names = [f"<span style='color:{muted}'>{esc(LANG_NAMES.get(lang, lang))}:</span> {mark(esc(name))}"
                 for lang, name in d.names.items()]
        parts.append("<p>" + "<br>".join(names) + "</p>")
    parts.append(mark(to_html(d.summary)))
    if d.reported:
        parts.append(f"<p style='color:{muted}'><i><b>Reported:</b> {esc(d.reported)}</i></p>")
    if d.notes:
        parts.append(f"<p><i><b>Note:</b> {mark(esc(d.notes))}</i></p>")
    if d.misconception:
        parts.append(misconception_box(d.misconception, look))
    if d.places:
        items = []
        for pid in d.places[:MAX_PLACES]:
            pl = ds.places.get(pid)
            if pl:
                alt = " · ".join(esc(n + (f" ({pl.romanized[k]})" if k in pl.romanized else ""))
                                 for k, n in pl.names.items() if k != "en")
                items.append(f"{mark(esc(pl.name))} <span style='color:{muted}'>{mark(alt)}</span>")
        more = f"; … and {len(d.places) - MAX_PLACES:,} more" if len(d.places) > MAX_PLACES else ""
        parts.append("<p><b>Places:</b> " + "; ".join(items) + more + "</p>")
    rel = []
    for r in ev.related:
        other = ds.event(r.id)
        label = other.title if other else r.id
        rel.append(f"<li>{esc(relation_words(r.relation))} → {_ref(r.id, label, look)}</li>")
    for o, r in ds.incoming(ev.id):
        rel.append(f"<li>{esc(relation_words(r.relation, incoming=True))} ← {_ref(o.id, o.title, look)}</li>")
    if rel:
        parts.append(_heading("Related events", look, muted) + "<ul style='margin-top:0'>" + "".join(rel) + "</ul>")
    if d.sources:
        parts.append(sources_html(d.sources, look, muted))
    return "".join(parts)


def sources_html(sources, look: Look, muted: str) -> str:
    """Sources as a numbered list; on paper with their addresses printed, or (`look.source_refs`)
    as the numbers of a list printed elsewhere."""
    if look.paper and look.source_refs is not None:
        nums = sorted({look.source_refs[(s.title, s.url)] for s in sources if (s.title, s.url) in look.source_refs})
        cited = ", ".join(f"[{n}]" for n in nums)
        return (f"<p style='margin-top:{look.pt(5)}; color:{muted}; font-size:{look.pt(8.5)}'>"
                f"<b>SOURCES</b> {cited} <i>(listed at the end)</i></p>")
    small = f" style='margin-top:0; font-size:{look.pt(8.5)}'" if look.paper else ""
    return (_heading("Sources", look, muted) + f"<ol{small}>"
            + "".join(source_item(s, muted, look.paper) for s in sources) + "</ol>")


def _ref(event_id: str, title: str, look: Look) -> str:
    return f"<i>{esc(short_title(title))}</i>" if look.paper else event_link(event_id, short_title(title))


def intro_html(ds: Dataset, look: Look = Look()) -> str:
    """What the detail pane shows when nothing is selected: the question, the introduction, the story."""
    muted = look.theme.muted
    parts = [f"<h2 style='margin-bottom:4px'>{esc(ds.question or ds.title)}</h2>"]
    intro = ds.introduction or ds.description
    if intro:
        parts.append(to_html(intro))
    if ds.stories:
        parts.append(f"<p><a href='story:start'><b>▶ Start the story</b></a> "
                     f"<span style='color:{muted}'>({len(ds.stories[0].steps)} steps; Ctrl+T, then PgDn)</span></p>")
    parts.append(f"<p style='color:{muted}'>Or select an event on the timeline (click it, or use ← and →); "
                 f"drag the red cursor to see each side's stance at any date.</p>")
    return "".join(parts)
