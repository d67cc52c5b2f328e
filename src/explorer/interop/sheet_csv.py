"""The TimelineJS spreadsheet layout, as CSV (what Google Sheets exports).

Columns: Year, Month, Day, Time, End Year, End Month, End Day, End Time,
Display Date, Headline, Text, Media, Media Credit, Media Caption,
Media Thumbnail, Alt Text, Type, Group, Background. A row of Type `title`
describes the timeline, rows of Type `era` are eras. Legacy sheets (TimelineJS's
"V1" layout: Start Date, End Date, Headline, Text, Media, Media Credit, Media
Caption, Media Thumbnail, Type, Tag) are read too; their Tag is the group.

Exported cells that a spreadsheet would run as a formula (starting with = + - @,
tab or CR, and not a plain number) get a `'` in front; importing removes it again.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..core.model import Dataset
from .legacy import parse_sheet_date, parse_time
from .model import Imported, ImportError_, decode_source, read_source
from .timelinejs import from_dict
from .tjs_export import to_dict

COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text", "Type",
           "Group", "Background"]
LEGACY = ["Start Date", "End Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail",
          "Type", "Tag"]
MAX_FIELD = 10 * 2**20
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def guard(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula. A cell that starts with `'` gets one
    more, so that `unguard` gives back exactly what was written (`'=x` stays `'=x`)."""
    if (cell.startswith(_FORMULA) and not _NUMBER.fullmatch(cell)) or cell.startswith("'"):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """Undo `guard`: one leading `'` before a formula character or another `'`."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] and (cell[1:2] in _FORMULA or cell[1:2] == "'") else cell


def read(path: str | Path) -> Imported:
    path = Path(path)
    text = decode_source(path, read_source(path))
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as e:
        raise ImportError_([f"{path}:{reader.line_num}:1: CSV error: {e}"]) from None
    if not rows:
        raise ImportError_([f"{path}:1:1: empty file"])
    header = [h.strip() for h in rows[0]]
    lower = {h.lower(): i for i, h in enumerate(header)}
    legacy = "start date" in lower and "year" not in lower
    missing = [c for c in (("Start Date", "Headline") if legacy else ("Year", "Headline")) if c.lower() not in lower]
    if missing:
        raise ImportError_([f"{path}:1:1: not a TimelineJS sheet: no {' or '.join(missing)} column "
                            f"(found: {', '.join(header[:8])})"])
    known = {c.lower() for c in (LEGACY if legacy else COLUMNS)}
    unknown = [h for h in header if h and h.lower() not in known]
    doc: dict = {"events": [], "eras": []}
    problems = []
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue

        def get(col, row=row):
            i = lower.get(col.lower())
            return unguard(row[i].strip()) if i is not None and i < len(row) else ""

        kind = get("Type").lower()
        slide = {"text": {"headline": get("Headline"), "text": get("Text")}}
        if legacy:
            start, end = parse_sheet_date(get("Start Date")), parse_sheet_date(get("End Date"))
            if get("End Date") and end is None:
                problems.append(f"{path}:{n}:1: row {n}: End Date `{get('End Date')[:40]}` is not a date; "
                                "end date dropped")
        else:
            start = _date(get("Year"), get("Month"), get("Day"), get("Time"))
            end = _date(get("End Year"), get("End Month"), get("End Day"), get("End Time"))
        if start:
            slide["start_date"] = start
        if end:
            slide["end_date"] = end
        if get("Media"):
            slide["media"] = {"url": get("Media"), "credit": get("Media Credit"), "caption": get("Media Caption")}
            if get("Media Thumbnail") or get("Alt Text"):
                slide["media"]["thumbnail"] = get("Media Thumbnail") or None
                slide["media"]["alt"] = get("Alt Text") or None
        for col, key in (("Tag" if legacy else "Group", "group"), ("Display Date", "display_date")):
            if get(col):
                slide[key] = get(col)
        if get("Background"):
            slide["background"] = {"url": get("Background")}
        if kind == "title":
            doc["title"] = slide
        elif kind == "era":
            doc["eras"].append(slide)
        elif kind in ("", "event"):
            if not start:
                what = f"Start Date `{get('Start Date')[:40]}` is not a date" if legacy and get("Start Date") else (
                    "no Start Date" if legacy else "no Year")
                problems.append(f"{path}:{n}:1: row {n}: {what}; row skipped")
                continue
            doc["events"].append(slide)
        else:
            problems.append(f"{path}:{n}:1: row {n}: unknown Type `{kind}` (title, era or empty); row skipped")
    imp = from_dict(doc, str(path))
    if legacy:
        imp.notes.append("a legacy TimelineJS sheet (Start Date, End Date, Tag): dates read as TimelineJS reads them "
                         "(9/2/1945 is month/day/year), Tag became the category")
    for h in unknown:
        imp.skip(f"column `{h}`: not a TimelineJS column")
    for p in problems:
        imp.skip(p)
    return imp


def _date(year: str, month: str, day: str, time: str) -> dict | None:
    if not year:
        return None
    out: dict = {"year": year}
    if month:
        out["month"] = month
    if day:
        out["day"] = day
    if time:
        out.update(parse_time(time) or {})
    return out


def _time(d: dict) -> str:
    return f"{d['hour']:02d}:{d.get('minute', 0):02d}" if isinstance(d.get("hour"), int) else ""


def to_csv(ds: Dataset, with_positions: bool = True) -> str:
    doc = to_dict(ds, with_positions)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)

    def line(slide: dict, kind: str = "") -> list[str]:
        s = slide.get("start_date") or {}
        e = slide.get("end_date") or {}
        text = slide.get("text") or {}
        media = slide.get("media") or {}
        row = dict.fromkeys(COLUMNS, "")
        row.update({"Year": s.get("year", ""), "Month": s.get("month", ""), "Day": s.get("day", ""),
                    "Time": _time(s), "End Year": e.get("year", ""), "End Month": e.get("month", ""),
                    "End Day": e.get("day", ""), "End Time": _time(e),
                    "Display Date": slide.get("display_date", ""), "Headline": text.get("headline", ""),
                    "Text": text.get("text", ""), "Media": media.get("url", ""),
                    "Media Credit": media.get("credit", ""), "Media Caption": media.get("caption", ""),
                    "Type": kind, "Group": slide.get("group", "")})
        return [guard(str(row[c])) for c in COLUMNS]

    w.writerow(line(doc["title"], "title"))
    for slide in doc["events"]:
        w.writerow(line(slide))
    for era in doc.get("eras", []):
        w.writerow(line(era, "era"))
    # a sheet has no `scale`: TimelineJS switches to its cosmological scale itself for years beyond ±271,820
    return buf.getvalue()


def write(ds: Dataset, out: str | Path, with_positions: bool = True, protect: tuple = ()) -> None:
    from ..core.output import write_text_atomic

    write_text_atomic(out, to_csv(ds, with_positions), protect)
