"""Export a dataset as a TimelineJS document (JSON; `sheet_csv` writes the same as a sheet).

TimelineJS puts headlines, text, group names, era headlines, display dates and
media captions/credits into the page with innerHTML (newer versions sanitize
some of them, older ones none), so every text from the dataset is HTML-escaped
here (group and display date twice, see `esc_twice`); the only markup is what
Explorer generates itself (`explorer_html`).
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from ..core.dates import Date, civil_from_days
from ..core.model import Dataset
from . import notes as N
from .dates_out import parts_from_date
from .explorer_html import md_html, note_html, positions_html, sources_html
from .model import UNGROUPED  # imports put events without a group there: exported without a group
JS_DATE_YEARS = (-271820, 275759)  # outside these TimelineJS needs its cosmological scale (TimelineConfig.js)

# URLs TimelineJS shows as media (MediaType.js), leaving out Wikipedia articles and plain web pages,
# which are references: they stay in the Sources list only.
_MEDIA = re.compile(
    r"^https?://(?:[^/?#]*\.)?(?:youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com|soundcloud\.com|twitter\.com"
    r"|flickr\.com/photos|flic\.kr|instagram\.com/p/|documentcloud\.org)"
    r"|^https?://[^/?#]*google\.[^/]+/maps/"
    r"|^https?://[^?#]+\.(?:jpe?g|png|gif|svg)(?:\?[^#]*)?(?:#.*)?$", re.I)


def esc(text: str) -> str:
    """Text for an HTML text node (TimelineJS assigns these with innerHTML)."""
    return escape(text, quote=False)


def esc_twice(text: str) -> str:
    """Text for `group` and `display_date`: TimelineJS 3.x runs them through `stripMarkup`
    (DOMParser → textContent, which decodes entities once) and then assigns the result with
    innerHTML, so a `<` escaped once would become a tag again; `<` is escaped twice. Older
    versions, without stripMarkup, show such a `<` as "&lt;" (never as a tag)."""
    return esc(text).replace("&lt;", "&amp;lt;")


_UNSAFE_IN_EMBED = set("'\"<>`\\ \t\n\r")


def media_url(url: str) -> bool:
    """A URL TimelineJS shows as media. TimelineJS pastes media URLs into iframe HTML by string
    concatenation, so a URL with a quote, an angle bracket or a space could break out of the
    attribute: such a URL stays a source (an escaped link) and is never media."""
    return bool(url) and bool(_MEDIA.match(url)) and not _UNSAFE_IN_EMBED.intersection(url)


def to_dict(ds: Dataset, with_positions: bool = True) -> dict:
    """A TimelineJS document for `ds`: summary first, then note, positions and sources as HTML."""
    events = []
    deep = False
    for ev in ds.events:
        slide, far = _slide(ds, ev, with_positions)
        deep = deep or far
        events.append(slide)
    eras = []
    lo, hi = ds.span()
    for era in ds.eras:  # TimelineJS eras need both ends: an open end stops at the data's edge
        first = era.date.first or _date_of_day(lo)
        last = era.date.last or _date_of_day(hi - 1)
        deep = deep or _far(first) or _far(last)
        eras.append({"start_date": parts_from_date(first), "end_date": parts_from_date(last),
                     "text": {"headline": esc(era.name)}})
    out = {"title": {"text": {"headline": esc(ds.title), "text": md_html(ds.description)}}, "events": events}
    if eras:
        out["eras"] = eras
    if deep:
        out["scale"] = "cosmological"
    return out


def _far(d: Date) -> bool:
    return not JS_DATE_YEARS[0] <= d.year <= JS_DATE_YEARS[1]


def _slide(ds: Dataset, ev, with_positions: bool) -> tuple[dict, bool]:
    d = ev.date
    first = d.first if hasattr(d, "first") else d
    last = d.last if hasattr(d, "last") else None
    if first is None:  # open start: TimelineJS needs a start
        first, last = last, None
    det = ev.details()  # read once: it may be unpacked from the load cache
    kept, rest = N.split(det.notes)
    start = parts_from_date(first)
    slide = {"unique_id": ev.id, "start_date": start}
    end = parts_from_date(last) if last is not None else None
    t0, t1 = N.times_from(kept.get(N.TIME, ""))
    if first.precision == "day":
        start.update(t0)
    if end is not None and last.precision == "day":
        end.update(t1)
    elif end is None and t1 and first.precision == "day":  # same day, with an end time
        end = {**start, **t1}
    positions = []
    if with_positions and ds.side_ids and ds.positions:
        for pid in ds.side_ids:
            pos = ds.position_at(pid, ev.start)
            if pos is not None and pid in ds.parties:
                positions.append((ds.parties[pid].name_at(ev.start), pos.stance))
    text = md_html(det.summary) + note_html(rest) + positions_html(positions) + sources_html(det.sources)
    slide["text"] = {"headline": esc(ev.title), "text": text}
    if ev.category != UNGROUPED:
        slide["group"] = esc_twice(ds.categories[ev.category].name if ev.category in ds.categories else ev.category)
    slide["display_date"] = esc_twice(kept.get(N.DISPLAY) or d.display())
    if end is not None:
        slide["end_date"] = end
    media = next((s for s in det.sources if media_url(s.url)), None)
    if media is not None:
        slide["media"] = {"url": media.url, "caption": esc(media.title), "credit": esc(media.publisher)}
    return slide, _far(first) or (last is not None and _far(last))


def _date_of_day(day: int) -> Date:
    y, m, d = civil_from_days(day)
    return Date(y) if abs(y) > 9999 else Date(y, m, d, "day")


def write(ds: Dataset, out: str | Path, with_positions: bool = True, protect: tuple = ()) -> None:
    """Write the TimelineJS JSON atomically; `protect`: paths it must not land in (the dataset read)."""
    from ..core.output import write_text_atomic

    write_text_atomic(out, json.dumps(to_dict(ds, with_positions), ensure_ascii=False, indent=2) + "\n", protect)
