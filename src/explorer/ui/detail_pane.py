"""The detail pane: everything about the selected event, as safe rich text."""

from __future__ import annotations

from ..core.markup import to_html, short_title
from ..core.model import Dataset, Event
from .html_parts import LANG_NAMES, esc, event_chips, event_link, precision_text, source_item
from .safe_browser import SafeBrowser



class DetailPane(SafeBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("detail")
        self.setAccessibleName("Event details")
        self.current_event: Event | None = None
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.current_event = None
        self.setHtml("<p style='color:gray'>Select an event on the timeline (click it, or use ← and →) to read about it here.</p>")

    def show_event(self, ds: Dataset, ev: Event) -> None:
        self.current_event = ev
        self.setHtml(event_html(ds, ev))


def event_html(ds: Dataset, ev: Event) -> str:
    d = ev.details()  # read once: it may be unpacked from the load cache
    parts = [f"<h2 style='margin-bottom:2px'>{esc(short_title(ev.title))}</h2>"]
    parts.append(f"<p style='margin-top:0'><b>{esc(ev.date.display())}</b> "
                 f"<span style='color:gray'>({esc(precision_text(ev.date))})</span></p>")
    parts.append(f"<p>{event_chips(ds, ev)}</p>")
    if d.names:
        names = [f"{esc(LANG_NAMES.get(lang, lang))}: {esc(name)}" for lang, name in d.names.items()]
        parts.append("<p>" + "<br>".join(names) + "</p>")
    parts.append(to_html(d.summary))
    if d.notes:
        parts.append(f"<p><i><b>Note:</b> {esc(d.notes)}</i></p>")
    if d.places:
        items = []
        for pid in d.places:
            pl = ds.places.get(pid)
            if pl:
                alt = " · ".join(esc(f"{n}" + (f" ({pl.romanized[k]})" if k in pl.romanized else "")) for k, n in pl.names.items() if k != "en")
                items.append(f"{esc(pl.name)} <span style='color:gray'>{alt}</span>")
        parts.append("<p><b>Places:</b> " + "; ".join(items) + "</p>")
    if ev.related or ds.incoming(ev.id):
        rel = [f"<li>{esc(r.relation)} → {event_link(r.id, ds.event(r.id).title if ds.event(r.id) else r.id)}</li>" for r in ev.related]
        rel += [f"<li>{event_link(o.id, o.title)} {esc(r.relation)} this</li>" for o, r in ds.incoming(ev.id)]
        parts.append("<h4>Related events</h4><ul>" + "".join(rel) + "</ul>")
    if d.sources:
        parts.append("<h4>Sources</h4><ol>" + "".join(source_item(s) for s in d.sources) + "</ol>")
    return "".join(parts)
