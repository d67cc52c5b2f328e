"""The "Timeline" desktop app (thetimelineproj) `.timeline` XML files.

<timeline> holds <eras>, <categories> (name, color "r,g,b", parent) and
<events> (start, end "YYYY-MM-DD HH:MM:SS", text, description, category,
fuzzy — or fuzzy_start and fuzzy_end since Timeline 2.5 —, milestone,
hyperlink, labels…). A container is an event whose text starts with "[id]";
its subevents start with "(id)". Only Gregorian timelines
(<timetype>gregoriantime</timetype>) can be imported. Descriptions, names and
labels are plain text (not HTML). Files of Timeline before 0.10 were text
("# Written by Timeline 0.9.0 …"), which is named in the error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..core.dates import DateError, parse_when
from . import notes as N
from .dates_out import edtf_from_parts
from .model import (
    ERA_PALETTE, PALETTE, UNGROUPED, IdMaker, Imported, ImportError_, color_from, plain_to_markdown, read_source,
    slug, source_from_url,
)

_TIME = re.compile(r"^\s*(-?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?\s*$")
_CONTAINER = re.compile(r"^\s*\[([0-9]+)\]\s*(.*)$", re.S)
_SUB = re.compile(r"^\s*\(([0-9]+)\)\s*(.*)$", re.S)
KNOWN_EVENT = {"start", "end", "text", "description", "category", "categories", "fuzzy", "milestone", "hyperlink",
               "progress", "locked", "ends_today", "default_color", "labels", "alert", "icon", "fuzzy_start",
               "fuzzy_end"}
IGNORED = {"progress": "progress: task progress has no meaning in a history",
           "locked": "locked: editing locks are not kept", "alert": "alert: reminders are not kept",
           "icon": "icon: pictures are not shown in Explorer",
           "default_color": "default_color: colours come from the category"}


class _DTDRefused(Exception):
    pass


def _parse_without_dtd(raw: bytes) -> ET.Element:
    """Parse XML, refusing any DOCTYPE or entity declaration whatever the encoding (an entity
    bomb in UTF-16 passes a byte search for "<!ENTITY")."""
    from xml.parsers import expat

    def refuse(*_args):
        raise _DTDRefused()

    check = expat.ParserCreate()
    check.StartDoctypeDeclHandler = refuse
    check.EntityDeclHandler = refuse
    check.UseForeignDTD(False)
    try:
        check.Parse(raw, True)  # expat stops at the first declaration, before expanding anything
    except expat.ExpatError:
        pass  # ElementTree reports it below, with its position
    return ET.fromstring(raw)


def read(path: str | Path) -> Imported:
    path = Path(path)
    raw = read_source(path)
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"# Written by Timeline"):
        version = raw.split(b"\n", 1)[0].decode("utf-8", "replace").strip("# \r")
        raise ImportError_([f"{path}:1:1: this is a .timeline file in the old text format of Timeline before 0.10 "
                            f"(\"{version[:60]}\"), not XML; open it in Timeline 0.21 (which converts it) and save "
                            "it, or in a newer Timeline, then import that file"])
    head = raw[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in raw.upper():
        raise ImportError_([f"{path}:1:1: DTDs and entities are not accepted in .timeline files"])
    try:
        root = _parse_without_dtd(raw)
    except _DTDRefused:
        raise ImportError_([f"{path}:1:1: DTDs and entities are not accepted in .timeline files"]) from None
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
    cat_ids.used.add(UNGROUPED)  # kept for events without a known category
    for c in root.iterfind("categories/category"):
        name = _plain(c.findtext("name"))
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
        name = _plain(e.findtext("name")) or f"Era {len(imp.eras) + 1}"
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
    if any(ev["category"] == UNGROUPED for ev in imp.events):
        imp.categories.append({"id": UNGROUPED, "name": "General", "color": "#7f7f7f"})
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
        day = edtf_from_parts(int(y), int(mo), int(d))
    except DateError:
        return None
    t = f"{int(hh):02d}:{mm}" if hh is not None and (int(hh) or int(mm)) else ""
    return day, t


def _plain(text: str | None) -> str:
    """A name or label as plain text: `<…>` and `&` are characters, not markup."""
    return " ".join((text or "").split())


def _flag(e, tag: str) -> bool:
    return (e.findtext(tag) or "").strip().lower() == "true"


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
    if en is None and (e.findtext("end") or "").strip():
        imp.skip(f"event {n}: unreadable end `{(e.findtext('end') or '').strip()[:40]}`; end date dropped")
    fuzzy = _flag(e, "fuzzy")  # Timeline before 2.5: one flag; since 2.5: one per end
    q0 = "~" if fuzzy or _flag(e, "fuzzy_start") else ""
    q1 = "~" if fuzzy or _flag(e, "fuzzy_end") else ""
    date = s[0] + (q0 or q1)
    if en is not None and en[0] != s[0]:
        candidate = f"{s[0]}{q0}/{en[0]}{q1}"
        try:
            parse_when(candidate)
            date = candidate
        except DateError as err:
            imp.skip(f"event {n}: {err}; end date dropped")
    title = " ".join((e.findtext("text") or "").split()) or f"Event {n}"
    ev: dict = {"id": ids.make(f"{title} {s[0][:4]}", "event"), "date": date, "title": title,
                "summary": plain_to_markdown(e.findtext("description") or "")}
    cat = _plain(e.findtext("category"))
    ev["category"] = cats.get(cat, UNGROUPED)
    if cat and cat not in cats:
        imp.skip("event category: names a category that is not defined; put in General")
    ev["parties"] = []
    note = N.time_line(s[1], en[1] if en else "")
    if note:
        ev["notes"] = note
    tags = ["milestone"] if _flag(e, "milestone") else []
    labels = [x for x in re.split(r"[,;]", e.findtext("labels") or "") if x.strip()]
    more = [_plain(c.text) for c in e.iterfind("categories/category") if _plain(c.text) and _plain(c.text) != cat]
    if more:
        imp.skip("event categories: Explorer has one category per event; the others became tags")
    for x in labels + more:
        t = slug(x, "label")
        if t not in tags:
            tags.append(t)
    if tags:
        ev["tags"] = tags
    if _flag(e, "ends_today"):
        imp.skip("ends_today: the event's end is fixed at its saved end date")
    link = (e.findtext("hyperlink") or "").strip()
    if link:
        src = source_from_url(link.split(";")[0])
        if src is None:
            imp.skip("hyperlink: only http(s) links can become sources")
        else:
            ev["source"] = [src]
    return ev
