"""The "Timeline" desktop app (thetimelineproj) `.timeline` XML files.

<timeline> holds <eras>, <categories> (name, color "r,g,b", parent) and
<events> (start, end "YYYY-MM-DD HH:MM:SS", text, description, category,
fuzzy, milestone, hyperlink…). A container is an event whose text starts with
"[id]"; its subevents start with "(id)". Only Gregorian timelines
(<timetype>gregoriantime</timetype>) can be imported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..core.dates import DateError, parse_when
from .dates_out import edtf_from_parts
from .model import (
    ERA_PALETTE, PALETTE, IdMaker, Imported, ImportError_, color_from, html_to_markdown, plain_text, read_source, slug,
    source_from_url,
)

_TIME = re.compile(r"^\s*(-?\d+)-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_CONTAINER = re.compile(r"^\s*\[(\d+)\]\s*(.*)$", re.S)
_SUB = re.compile(r"^\s*\((\d+)\)\s*(.*)$", re.S)
KNOWN_EVENT = {"start", "end", "text", "description", "category", "categories", "fuzzy", "milestone", "hyperlink",
               "progress", "locked", "ends_today", "default_color", "labels", "alert", "icon", "fuzzy_start",
               "fuzzy_end"}
IGNORED = {"progress": "progress: task progress has no meaning in a history",
           "locked": "locked: editing locks are not kept", "alert": "alert: reminders are not kept",
           "icon": "icon: pictures are not shown in Explorer",
           "default_color": "default_color: colours come from the category"}


def read(path: str | Path) -> Imported:
    path = Path(path)
    raw = read_source(path)
    head = raw[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in raw.upper():
        raise ImportError_([f"{path}:1:1: DTDs and entities are not accepted in .timeline files"])
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        line, col = e.position
        raise ImportError_([f"{path}:{line}:{col + 1}: XML error: {e.msg if hasattr(e, 'msg') else e}"]) from None
    if root.tag != "timeline":
        raise ImportError_([f"{path}:1:1: not a .timeline file: the root element is <{root.tag}>, not <timeline>"])
    timetype = (root.findtext("timetype") or "gregoriantime").strip()
    if timetype != "gregoriantime":
        raise ImportError_([f"{path}:1:1: only Gregorian timelines can be imported (this one is `{timetype}`)"])
    imp = Imported(str(path), title=path.stem.replace("_", " "))
    cats: dict[str, str] = {}
    cat_ids = IdMaker()
    cat_ids.used.add("general")  # kept for events without a known category
    for c in root.iterfind("categories/category"):
        name = plain_text(c.findtext("name") or "")
        if not name or name in cats:
            continue
        cid = cats[name] = cat_ids.make(name, "category")
        color = color_from(c.findtext("color") or "") or PALETTE[len(cats) % len(PALETTE)]
        imp.categories.append({"id": cid, "name": name, "color": color})
        if (c.findtext("parent") or "").strip():
            imp.skip("category parent: categories are flattened (Explorer has one level)")
        for k in ("progress_color", "done_color", "font_color"):
            if (c.findtext(k) or "").strip():
                imp.skip(f"category {k}: not used by Explorer")
    for e in root.iterfind("eras/era"):
        s, en = _when(e.findtext("start")), _when(e.findtext("end"))
        if s is None or en is None:
            imp.skip("era: unreadable start or end; era skipped")
            continue
        color = color_from(e.findtext("color") or "") or ERA_PALETTE[len(imp.eras) % len(ERA_PALETTE)]
        name = plain_text(e.findtext("name") or "") or f"Era {len(imp.eras) + 1}"
        end = ".." if (e.findtext("ends_today") or "").strip().lower() == "true" else en[0]
        imp.eras.append({"name": name, "date": f"{s[0]}/{end}" if s[0] != end else f"{s[0]}/{s[0]}", "color": color})
    ids = IdMaker()
    containers: dict[str, str] = {}
    pending_parts: list[tuple[dict, str]] = []
    for n, e in enumerate(root.iterfind("events/event"), 1):
        ev = _event(e, n, imp, ids, cats)
        if ev is None:
            continue
        title = ev["title"]
        m = _CONTAINER.match(title)
        if m:
            ev["title"] = m.group(2).strip() or f"Container {m.group(1)}"
            containers[m.group(1)] = ev["id"]
            ev.setdefault("tags", []).append("container")
        else:
            m = _SUB.match(title)
            if m:
                ev["title"] = m.group(2).strip() or ev["title"]
                pending_parts.append((ev, m.group(1)))
        imp.events.append(ev)
    for ev, cid in pending_parts:
        if cid in containers:
            ev["related"] = [{"id": containers[cid], "relation": "part-of"}]
        else:
            imp.skip("subevent: its container is missing; the link is dropped")
    if any(ev["category"] == "general" for ev in imp.events) and "general" not in cats.values():
        imp.categories.append({"id": "general", "name": "General", "color": "#7f7f7f"})
    if root.find("view") is not None:
        imp.skip("view: the saved view and hidden categories are not kept")
    return imp


def _when(text: str | None) -> tuple[str, str] | None:
    """(EDTF day, "HH:MM" or "") from 'YYYY-MM-DD HH:MM:SS'."""
    m = _TIME.match(text or "")
    if not m:
        return None
    y, mo, d, hh, mm, _ = m.groups()
    try:
        day = edtf_from_parts(int(y), int(mo), int(d), bce_historical=False)
    except DateError:
        return None
    t = f"{int(hh):02d}:{mm}" if hh is not None and (int(hh) or int(mm)) else ""
    return day, t


def _event(e, n: int, imp: Imported, ids: IdMaker, cats: dict) -> dict | None:
    for child in e:
        if child.tag not in KNOWN_EVENT:
            imp.skip(f"event <{child.tag}>: not a .timeline event field")
        elif child.tag in IGNORED and (child.text or "").strip() not in ("", "0", "False"):
            imp.skip(IGNORED[child.tag])
    s, en = _when(e.findtext("start")), _when(e.findtext("end"))
    if s is None:
        imp.skip(f"event {n}: unreadable start `{(e.findtext('start') or '').strip()[:40]}`; event skipped")
        return None
    fuzzy = (e.findtext("fuzzy") or "").strip().lower() == "true"
    q = "~" if fuzzy else ""
    date = s[0] + q
    if en is not None and en[0] != s[0]:
        candidate = f"{s[0]}{q}/{en[0]}{q}"
        try:
            parse_when(candidate)
            date = candidate
        except DateError as err:
            imp.skip(f"event {n}: {err}; end dropped")
    title = (e.findtext("text") or "").strip() or f"Event {n}"
    ev: dict = {"id": ids.make(f"{title} {s[0][:4]}", "event"), "date": date, "title": title,
                "summary": html_to_markdown(e.findtext("description") or "")}
    cat = plain_text(e.findtext("category") or "")
    ev["category"] = cats.get(cat, "general")
    if cat and cat not in cats:
        imp.skip("event category: names a category that is not defined; put in General")
    ev["parties"] = []
    notes = []
    times = [t for t in (s[1], en[1] if en else "") if t]
    if times:
        notes.append("Time of day in the original: " + " – ".join(times))
    if notes:
        ev["notes"] = " ".join(notes)
    tags = []
    if (e.findtext("milestone") or "").strip().lower() == "true":
        tags.append("milestone")
    labels = (e.findtext("labels") or "").strip()
    if labels:
        tags += [slug(x, "label") for x in re.split(r"[,;]", labels) if x.strip()]
    if tags:
        ev["tags"] = tags
    if (e.findtext("ends_today") or "").strip().lower() == "true":
        imp.skip("ends_today: the event's end is fixed at its saved end date")
    link = (e.findtext("hyperlink") or "").strip()
    if link:
        src = source_from_url(link.split(";")[0])
        if src is None:
            imp.skip("hyperlink: only http(s) links can become sources")
        else:
            ev["source"] = [src]
    return ev
