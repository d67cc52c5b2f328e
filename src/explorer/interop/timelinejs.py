"""TimelineJS (Knight Lab) JSON: read a timeline into Explorer (the export is in `tjs_export`).

Format: https://timeline.knightlab.com/docs/json-format.html — a `title` slide,
`events` (slides with `start_date`/`end_date` objects, `text.headline`,
`text.text` HTML, `media`, `group`, `display_date`, `unique_id`…), `eras`
and `scale` ("human" or "cosmological"). Years are astronomical (see
`dates_out`); years beyond ±9999 become EDTF long years (`Y-13800000000`).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.dates import DateError, parse_when
from . import notes as N
from .dates_out import edtf_from_parts, whole_number
from .explorer_html import split_export
from .model import (
    ERA_PALETTE, PALETTE, IdMaker, Imported, ImportError_, decode_source, html_to_markdown, plain_text, read_source,
    source_from_url,
)
from .tjs_export import UNGROUPED, to_dict, write  # noqa: F401 - the export lives there; kept importable from here

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
    if isinstance(doc, dict) and isinstance(doc.get("timeline"), dict) and "date" in doc["timeline"]:
        raise ImportError_([f"{path}:1:1: this is a TimelineJS 2 (\"timeline\": {{\"date\": […]}}) file; "
                            "open it in TimelineJS 3 or its sheet template and save it again, then import that"])
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ImportError_([f"{path}:1:1: not a TimelineJS file: expected an object with an `events` list"])
    return from_dict(doc, str(path))


def from_dict(doc: dict, source: str) -> Imported:
    imp = Imported(source)
    for k in sorted(set(doc) - KNOWN_TOP):
        imp.skip(f"top-level `{k}`: not a TimelineJS field")
    title = doc.get("title")
    if isinstance(title, dict):
        text = title.get("text") if isinstance(title.get("text"), dict) else {}
        imp.title = plain_text(str(text.get("headline") or ""))
        imp.description = html_to_markdown(str(text.get("text") or ""))
        if title.get("media"):
            imp.skip("title.media: a title slide picture has no place in a dataset")
    groups: dict[str, str] = {}  # group name -> category id
    ids, group_ids = IdMaker(), IdMaker()
    group_ids.used.add(UNGROUPED)
    human = not _cosmological(doc)  # how TimelineJS itself labels the years
    for n, slide in enumerate(doc["events"], 1):
        where = f"events[{n}]"
        if not isinstance(slide, dict):
            imp.skip(f"{where}: not an object; event skipped")
            continue
        ev = _event(slide, where, imp, (ids, groups, group_ids), human)
        if ev is not None:
            imp.events.append(ev)
    for n, era in enumerate(doc.get("eras") or [], 1):
        _era(era, f"eras[{n}]", imp)
    imp.categories = [{"id": cid, "name": name, "color": PALETTE[i % len(PALETTE)]}
                      for i, (name, cid) in enumerate(groups.items())]
    if any(ev["category"] == UNGROUPED for ev in imp.events):
        imp.categories.append({"id": UNGROUPED, "name": "General", "color": "#7f7f7f"})
    return imp


def _date(obj, where: str, imp: Imported, consequence: str) -> str | None:
    if not isinstance(obj, dict) or obj.get("year") in (None, ""):
        imp.skip(f"{where}: needs at least a `year`; {consequence}")
        return None
    dropped: list[str] = []
    try:
        text = edtf_from_parts(obj.get("year"), obj.get("month"), obj.get("day"), dropped=dropped)
    except DateError as e:
        imp.skip(f"{where}: {e}; {consequence}")
        return None
    for what in dropped:
        imp.skip(f"{where}: {what}")
    if any(obj.get(f) not in (None, "") for f in TIME_FIELDS):
        imp.skip("start_date/end_date hour, minute, second: Explorer dates stop at the day (kept in the note)")
    if obj.get("format"):
        imp.skip("date `format`: Explorer formats dates itself")
    return text


def _time(obj) -> str:
    if not isinstance(obj, dict) or (obj.get("hour") in (None, "") and obj.get("minute") in (None, "")):
        return ""
    try:
        h, m = whole_number(obj.get("hour"), "hour") or 0, whole_number(obj.get("minute"), "minute") or 0
    except DateError:
        return ""
    return f"{h:02d}:{m:02d}" if 0 <= h < 24 and 0 <= m < 60 else ""


def _event(slide: dict, where: str, imp: Imported, makers: tuple, human: bool) -> dict | None:
    ids, groups, group_ids = makers
    for k in sorted(set(slide) - KNOWN_SLIDE):
        imp.skip(f"{k}: not a TimelineJS slide field")
    start = _date(slide.get("start_date"), f"{where}.start_date", imp, "event skipped")
    if start is None:
        return None
    date = start
    if slide.get("end_date"):
        end = _date(slide.get("end_date"), f"{where}.end_date", imp, "end date dropped")
        if end is not None and end != start:
            try:
                parse_when(f"{start}/{end}")
                date = f"{start}/{end}"
            except DateError as e:
                imp.skip(f"{where}.end_date: {e}; end date dropped")
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    parts = split_export(str(text.get("text") or ""))
    if parts.positions:
        imp.skip("Positions at this date (from an Explorer export): positions are not event data; left out")
    headline = plain_text(str(text.get("headline") or ""))
    body = html_to_markdown(parts.text)
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    sources = [s for s in (_checked_source(x, imp) for x in parts.sources) if s]
    quote = _media(media, imp, sources)
    if quote:
        body = f"{body}\n\n{quote}".strip()
    if not headline:
        headline = (plain_text(body)[:80] or f"Untitled event {where}").strip()
    ev: dict = {"id": ids.make(str(slide.get("unique_id") or f"{headline} {start.lstrip('Y')[:5]}"), "event"),
                "date": date, "title": headline, "summary": body}
    if str(slide.get("unique_id") or "").strip():
        imp.given_ids.add(ev["id"])
    group = plain_text(str(slide.get("group") or ""))
    if group and group not in groups:
        groups[group] = group_ids.make(group, "group")
    ev["category"] = groups[group] if group else UNGROUPED
    ev["parties"] = []
    lines = list(parts.notes)
    shown = _shown(slide) or (human and _tjs_label(slide.get("start_date"), slide.get("end_date")))
    if shown and shown != parse_when(date).display():  # Explorer's own label needs no note
        lines.append(N.DISPLAY + shown)
    lines.append(N.time_line(_time(slide.get("start_date")), _time(slide.get("end_date"))))
    if N.join(lines):
        ev["notes"] = N.join(lines)
    if isinstance(slide.get("background"), dict):
        imp.skip("background: slide backgrounds are not shown in Explorer")
    if "autolink" in slide:
        imp.skip("autolink: Explorer never turns plain text into links")
    if sources:
        ev["source"] = sources
    return ev


def _shown(slide: dict) -> str:
    """The slide's display_date (or those of its start and end dates)."""
    if slide.get("display_date"):
        return plain_text(str(slide["display_date"]))
    ends = [plain_text(str(d.get("display_date"))) for d in (slide.get("start_date"), slide.get("end_date"))
            if isinstance(d, dict) and d.get("display_date")]
    return " – ".join(ends)


def _cosmological(doc: dict) -> bool:
    """Whether TimelineJS shows this document on its cosmological scale (TimelineConfig.js)."""
    if doc.get("scale"):
        return doc.get("scale") == "cosmological"
    for slide in doc.get("events") or []:
        d = slide.get("start_date") if isinstance(slide, dict) else None
        try:
            y = whole_number(d.get("year"), "year") if isinstance(d, dict) else None
        except DateError:
            continue
        if y is not None and not -271820 <= y <= 275759:
            return True
    return False


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _tjs_label(*dates) -> str:
    """TimelineJS's own English label where it differs from Explorer's: for years up to 0 it
    prints the absolute value and "BCE" (Language.js), so year -753 reads "753 BCE" there
    while it is 754 BC (astronomical, as its JavaScript dates are)."""
    out = []
    for d in dates:
        if not isinstance(d, dict) or d.get("year") in (None, ""):
            continue
        try:
            y = whole_number(d.get("year"), "year")
            m, day = whole_number(d.get("month"), "month"), whole_number(d.get("day"), "day")
        except DateError:
            return ""
        if y > 0 or y < -271820:
            return ""
        text = f"{-y} BCE" if y < 0 else "0"
        if m and 1 <= m <= 12:
            text = f"{MONTHS[m - 1]} {day}, {text}" if day else f"{MONTHS[m - 1]} {text}"
        out.append(text)
    return " – ".join(out)


def _checked_source(src: dict, imp: Imported) -> dict | None:
    """A source read back from Explorer's own "Sources" block: only http(s) URLs."""
    url = src.get("url", "")
    if url and source_from_url(url) is None:
        imp.skip("Sources: only http(s) links are kept")
        src = {k: v for k, v in src.items() if k != "url"}
    return src if src.get("title") else None


def _media(media: dict, imp: Imported, sources: list[dict]) -> str:
    """Add the media URL to `sources` (unless it is there already); return a quote's text if it is one."""
    url = str(media.get("url") or "").strip()
    if not url:
        return ""
    for k in sorted(set(media) - KNOWN_MEDIA):
        imp.skip(f"media.{k}: not a TimelineJS media field")
    if media.get("thumbnail") or media.get("alt"):
        imp.skip("media.thumbnail/alt: pictures are not shown in Explorer")
    credit = plain_text(str(media.get("credit") or ""))
    caption = plain_text(str(media.get("caption") or media.get("title") or ""))
    if "blockquote" in url.lower():  # TimelineJS shows such media as a quote (MediaType.js)
        quote = html_to_markdown(url)
        if not quote:
            return ""
        text = f"“{quote}”" + (f" — {credit}" if credit else "")
        return text + (f"\n\n{caption}" if caption else "")
    if "<iframe" in url.lower():
        imp.skip("media.url: embedded iframe code is not kept")
        return ""
    if url.startswith("//"):  # protocol-relative, as Wikimedia writes them
        url = "https:" + url
    src = source_from_url(url, caption, credit)
    if src is None:
        imp.skip("media.url: only http(s) links can become sources")
    elif all(s.get("url") != src["url"] for s in sources):
        sources.insert(0, src)
    return ""


def _era(era, where: str, imp: Imported) -> None:
    if not isinstance(era, dict):
        imp.skip(f"{where}: not an object; era skipped")
        return
    start = _date(era.get("start_date"), f"{where}.start_date", imp, "era skipped")
    end = _date(era.get("end_date"), f"{where}.end_date", imp, "era skipped") if start else None
    if start is None or end is None:
        return
    try:
        parse_when(f"{start}/{end}")
    except DateError as e:
        imp.skip(f"{where}: {e}; era skipped")
        return
    text = era.get("text") if isinstance(era.get("text"), dict) else {}
    name = plain_text(str(text.get("headline") or "")) or f"Era {len(imp.eras) + 1}"
    out = {"name": name, "date": f"{start}/{end}", "color": ERA_PALETTE[len(imp.eras) % len(ERA_PALETTE)]}
    desc = html_to_markdown(str(text.get("text") or ""))
    if desc:
        out["description"] = desc
    imp.eras.append(out)
