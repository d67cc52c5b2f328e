"""The TimelineJS spreadsheet layout, as CSV (what Google Sheets exports).

Columns: Year, Month, Day, Time, End Year, End Month, End Day, End Time,
Display Date, Headline, Text, Media, Media Credit, Media Caption,
Media Thumbnail, Alt Text, Type, Group, Background. A row of Type `title`
describes the timeline, rows of Type `era` are eras.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..core.model import Dataset
from .model import Imported, ImportError_, decode_source, read_source
from .timelinejs import from_dict, to_dict

COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
           "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text", "Type",
           "Group", "Background"]
MAX_FIELD = 10 * 2**20


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
    missing = [c for c in ("Year", "Headline") if c.lower() not in lower]
    if missing:
        raise ImportError_([f"{path}:1:1: not a TimelineJS sheet: no {' or '.join(missing)} column "
                            f"(found: {', '.join(header[:8])})"])
    unknown = [h for h in header if h and h.lower() not in {c.lower() for c in COLUMNS}]
    doc: dict = {"events": [], "eras": []}
    problems = []
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        get = lambda col, row=row: (row[lower[col.lower()]].strip() if col.lower() in lower and  # noqa: E731
                                    lower[col.lower()] < len(row) else "")
        kind = get("Type").lower()
        slide = {"text": {"headline": get("Headline"), "text": get("Text")}}
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
        for col, key in (("Group", "group"), ("Display Date", "display_date")):
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
                problems.append(f"{path}:{n}:1: row {n}: no Year; row skipped")
                continue
            doc["events"].append(slide)
        else:
            problems.append(f"{path}:{n}:1: row {n}: unknown Type `{kind}` (title, era or empty); row skipped")
    imp = from_dict(doc, str(path))
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
        hh, _, mm = time.partition(":")
        out["hour"], out["minute"] = hh, (mm[:2] or "0")
    return out


def to_csv(ds: Dataset, with_positions: bool = True) -> str:
    doc = to_dict(ds, with_positions)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)

    def line(slide: dict, kind: str = "") -> list[str]:
        s = slide.get("start_date") or {}
        e = slide.get("end_date") or {}
        text = slide.get("text") or {}
        row = dict.fromkeys(COLUMNS, "")
        row.update({"Year": s.get("year", ""), "Month": s.get("month", ""), "Day": s.get("day", ""),
                    "End Year": e.get("year", ""), "End Month": e.get("month", ""), "End Day": e.get("day", ""),
                    "Display Date": slide.get("display_date", ""), "Headline": text.get("headline", ""),
                    "Text": text.get("text", ""), "Type": kind, "Group": slide.get("group", "")})
        return [str(row[c]) for c in COLUMNS]

    w.writerow(line(doc["title"], "title"))
    for slide in doc["events"]:
        w.writerow(line(slide))
    for era in doc.get("eras", []):
        w.writerow(line(era, "era"))
    return buf.getvalue()


def write(ds: Dataset, out: str | Path, with_positions: bool = True, protect: tuple = ()) -> None:
    from .atomic import write_text_atomic

    write_text_atomic(out, to_csv(ds, with_positions), protect)
