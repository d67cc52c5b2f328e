"""TimelineJS (Knight Lab) JSON: read a timeline into Explorer, write a dataset out.

Format: https://timeline.knightlab.com/docs/json-format.html — a `title` slide,
`events` (slides with `start_date`/`end_date` objects, `text.headline`,
`text.text` HTML, `media`, `group`, `display_date`, `unique_id`…), `eras`
and `scale` ("human" or "cosmological").
"""

from __future__ import annotations

import json
from html import escape as esc
from pathlib import Path

from ..core.dates import DateError
from ..core.markup import to_html
from ..core.model import Dataset
from .dates_out import edtf_from_parts, parts_from_date
from .model import (
    ERA_PALETTE, PALETTE, IdMaker, Imported, ImportError_, decode_source, html_to_markdown, plain_text, read_source,
    source_from_url,
)

TIME_FIELDS = ("hour", "minute", "second", "millisecond")
KNOWN_SLIDE = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink",
               "unique_id", "type"}
KNOWN_TOP = {"title", "events", "eras", "scale"}
KNOWN_MEDIA = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}


def read(path: str | Path) -> Imported:
    path = Path(path)
    text = decode_source(path, read_source(path))
    try:
        doc = json.loads(text)
    except RecursionError:
        raise ImportError_([f"{path}:1:1: JSON nesting is too deep"]) from None
    except json.JSONDecodeError as e:
        raise ImportError_([f"{path}:{e.lineno}:{e.colno}: JSON syntax error: {e.msg}"]) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ImportError_([f"{path}:1:1: not a TimelineJS file: expected an object with an `events` list"])
    return from_dict(doc, str(path))


def from_dict(doc: dict, source: str) -> Imported:
    imp = Imported(source)
    for k in sorted(set(doc) - KNOWN_TOP):
        imp.skip(f"top-level `{k}`: not a TimelineJS field")
    if doc.get("scale") == "cosmological":
        imp.notes.append("cosmological scale: years outside -9999..9999 cannot be shown and are skipped")
    title = doc.get("title")
    if isinstance(title, dict):
        text = title.get("text") or {}
        imp.title = plain_text(str(text.get("headline") or ""))
        imp.description = html_to_markdown(str(text.get("text") or ""))
        if title.get("media"):
            imp.skip("title.media: a title slide picture has no place in a dataset")
    groups: dict[str, str] = {}  # group name -> category id
    ids, group_ids = IdMaker(), IdMaker()
    for n, slide in enumerate(doc["events"], 1):
        where = f"events[{n}]"
        if not isinstance(slide, dict):
            imp.skip(f"{where}: not an object")
            continue
        ev = _event(slide, where, imp, ids, groups, group_ids)
        if ev is not None:
            imp.events.append(ev)
    for n, era in enumerate(doc.get("eras") or [], 1):
        _era(era, f"eras[{n}]", imp)
    imp.categories = [{"id": cid, "name": name, "color": PALETTE[i % len(PALETTE)]}
                      for i, (name, cid) in enumerate(groups.items())]
    return imp


def _date(obj, where: str, imp: Imported) -> str | None:
    if not isinstance(obj, dict) or "year" not in obj:
        imp.skip(f"{where}: needs at least a `year`; event skipped")
        return None
    try:
        text = edtf_from_parts(obj.get("year"), obj.get("month"), obj.get("day"))
    except DateError as e:
        imp.skip(f"{where}: {e}; event skipped")
        return None
    if any(obj.get(f) not in (None, "") for f in TIME_FIELDS):
        imp.skip("start_date/end_date hour, minute, second: Explorer dates stop at the day (kept in the note)")
    if obj.get("format"):
        imp.skip("date `format`: Explorer formats dates itself")
    return text


def _time_note(obj) -> str:
    if not isinstance(obj, dict):
        return ""
    h, m = obj.get("hour"), obj.get("minute")
    if h in (None, "") and m in (None, ""):
        return ""
    try:
        return f"{int(h or 0):02d}:{int(m or 0):02d}"
    except (TypeError, ValueError):
        return ""


def _event(slide: dict, where: str, imp: Imported, ids: IdMaker, groups: dict, group_ids: IdMaker) -> dict | None:
    for k in sorted(set(slide) - KNOWN_SLIDE):
        imp.skip(f"{k}: not a TimelineJS slide field")
    start = _date(slide.get("start_date"), f"{where}.start_date", imp)
    if start is None:
        return None
    date = start
    if slide.get("end_date"):
        end = _date(slide.get("end_date"), f"{where}.end_date", imp)
        if end is not None and end != start:
            date = f"{start}/{end}"
            try:
                from ..core.dates import parse_when

                parse_when(date)
            except DateError as e:
                imp.skip(f"{where}: {e}; end date dropped")
                date = start
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    headline = plain_text(str(text.get("headline") or ""))
    body = html_to_markdown(str(text.get("text") or ""))
    if not headline:
        headline = (plain_text(body)[:80] or f"Untitled event {where}").strip()
    ev: dict = {"id": ids.make(str(slide.get("unique_id") or f"{headline} {start[:5]}"), "event"), "date": date,
                "title": headline, "summary": body}
    group = plain_text(str(slide.get("group") or "")) or "General"
    if group not in groups:
        groups[group] = group_ids.make(group, "group")
    ev["category"] = groups[group]
    ev["parties"] = []
    notes = []
    if slide.get("display_date"):
        notes.append(f"Shown in the original as: {plain_text(str(slide['display_date']))}")
    times = [t for t in (_time_note(slide.get("start_date")), _time_note(slide.get("end_date"))) if t]
    if times:
        notes.append("Time of day in the original: " + " – ".join(times))
    if notes:
        ev["notes"] = " ".join(notes)
    media = slide.get("media")
    sources = []
    if isinstance(media, dict) and media.get("url"):
        for k in sorted(set(media) - KNOWN_MEDIA):
            imp.skip(f"media.{k}: not a TimelineJS media field")
        src = source_from_url(str(media.get("url")), str(media.get("caption") or media.get("title") or ""),
                              str(media.get("credit") or ""))
        if src is None:
            imp.skip("media.url: only http(s) links can become sources")
        else:
            sources.append(src)
        if media.get("thumbnail") or media.get("alt"):
            imp.skip("media.thumbnail/alt: pictures are not shown in Explorer")
    if isinstance(slide.get("background"), dict):
        imp.skip("background: slide backgrounds are not shown in Explorer")
    if "autolink" in slide:
        imp.skip("autolink: Explorer never turns plain text into links")
    if sources:
        ev["source"] = sources
    return ev


def _era(era, where: str, imp: Imported) -> None:
    if not isinstance(era, dict):
        imp.skip(f"{where}: not an object")
        return
    start = _date(era.get("start_date"), f"{where}.start_date", imp)
    end = _date(era.get("end_date"), f"{where}.end_date", imp)
    if start is None or end is None:
        return
    text = era.get("text") if isinstance(era.get("text"), dict) else {}
    name = plain_text(str(text.get("headline") or "")) or f"Era {len(imp.eras) + 1}"
    out = {"name": name, "date": f"{start}/{end}", "color": ERA_PALETTE[len(imp.eras) % len(ERA_PALETTE)]}
    desc = html_to_markdown(str(text.get("text") or ""))
    if desc:
        out["description"] = desc
    imp.eras.append(out)


# -- export ------------------------------------------------------------------------------
def to_dict(ds: Dataset, with_positions: bool = True) -> dict:
    """A TimelineJS document for `ds`: summary first, then positions and sources as HTML."""
    events = []
    for ev in ds.events:
        d = ev.date
        first = d.first if hasattr(d, "first") else d
        last = d.last if hasattr(d, "last") else None
        if first is None:  # open start: TimelineJS needs a start
            first, last = last, None
        slide = {"unique_id": ev.id, "start_date": parts_from_date(first),
                 "text": {"headline": ev.title, "text": _slide_html(ds, ev, with_positions)},
                 "group": ds.categories[ev.category].name if ev.category in ds.categories else ev.category,
                 "display_date": d.display()}
        if last is not None:
            slide["end_date"] = parts_from_date(last)
        events.append(slide)
    eras = []
    lo, hi = ds.span()
    for era in ds.eras:  # TimelineJS eras need both ends: an open end stops at the data's edge
        first = era.date.first or _date_of_day(lo)
        last = era.date.last or _date_of_day(hi - 1)
        eras.append({"start_date": parts_from_date(first), "end_date": parts_from_date(last),
                     "text": {"headline": era.name}})
    out = {"title": {"text": {"headline": ds.title, "text": to_html(ds.description)}}, "events": events}
    if eras:
        out["eras"] = eras
    return out


def _date_of_day(day: int):
    from ..core.dates import Date, civil_from_days

    y, m, d = civil_from_days(day)
    return Date(y, m, d, "day")


def _slide_html(ds: Dataset, ev, with_positions: bool) -> str:
    d = ev.details()  # read once: it may be unpacked from the load cache
    parts = [to_html(d.summary)]
    if d.notes:
        parts.append(f"<p><i>Note: {esc(d.notes)}</i></p>")
    if with_positions and ds.side_ids and ds.positions:
        items = []
        for pid in ds.side_ids:
            pos = ds.position_at(pid, ev.start)
            if pos is not None and pid in ds.parties:
                items.append(f"<li><b>{esc(ds.parties[pid].name_at(ev.start))}</b>: {esc(pos.stance)}</li>")
        if items:
            parts.append("<p><b>Positions at this date</b></p><ul>" + "".join(items) + "</ul>")
    if d.sources:
        src = []
        for s in d.sources:
            label = esc(s.title) + (f" — {esc(s.publisher)}" if s.publisher else "")
            src.append(f"<li><a href=\"{esc(s.url)}\">{label}</a></li>" if s.url else f"<li>{label}</li>")
        parts.append("<p><b>Sources</b></p><ol>" + "".join(src) + "</ol>")
    return "".join(parts)


def write(ds: Dataset, out: str | Path, with_positions: bool = True, protect: tuple = ()) -> None:
    from .atomic import write_text_atomic

    write_text_atomic(out, json.dumps(to_dict(ds, with_positions), ensure_ascii=False, indent=2) + "\n", protect)
