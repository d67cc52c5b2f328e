"""Dates and times as TimelineJS's sheet reader writes them in cells.

- Legacy ("V1") sheets have one "Start Date" / "End Date" cell per date, read by
  TimelineJS3's `parseDate` (TLDate.js): `1945`, `-500`, `1945-09-02`, an ISO date
  with a time, `9/2/1945` (month/day/year), `9/1945` (month/year), optionally
  followed by a time `10:30`. Their "Tag" column is the group (ConfigFactory.js,
  `extractGoogleEntryData_V1`).
- "Time" cells (`parseTime` in DateUtil.js): `10:30`, `10:30:15`, `10:30 pm`, `22h`.

Only ASCII digits are digits (JavaScript's `\\d` is ASCII-only too).
"""

from __future__ import annotations

import re

_ISO_SHORT = re.compile(r"^([+-]?[0-9]+?)(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")
_ISO_TIME = re.compile(r"^([+-]?[0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?"
                       r"(Z|[+-][0-9]{2}:?(?:[0-9]{2})?)?$")
_MDY = re.compile(r"([0-9]+)/([0-9]+)/([0-9]+)")
_MY = re.compile(r"([0-9]+)/([0-9]+)")
_TIME = re.compile(r"^([0-9]{1,2})(?:[:h.]([0-9]{2}))?(?::([0-9]{2}))?\s*([ap])?\.?m?\.?$", re.I)


def parse_sheet_date(text: str) -> dict | None:
    """TimelineJS date parts (strings) for a legacy date cell; None if TimelineJS would find no year."""
    s = (text or "").strip()
    if not s:
        return None
    m = _ISO_SHORT.match(s)
    if m:
        out = {"year": m.group(1).lstrip("+")}
        if m.group(2):
            out["month"] = m.group(2)
        if m.group(3):
            out["day"] = m.group(3)
        return out
    m = _ISO_TIME.match(s)
    if m:  # a time zone is ignored: Explorer keeps the time of day as written
        return {"year": m.group(1).lstrip("+"), "month": m.group(2), "day": m.group(3), "hour": m.group(4),
                "minute": m.group(5)}
    out: dict = {}
    m = _MDY.search(s)
    if m:
        out.update(month=m.group(1), day=m.group(2), year=m.group(3))
        s = (s[:m.start()] + s[m.end():]).strip()
    else:
        m = _MY.search(s)
        if m:
            out.update(month=m.group(1), year=m.group(2))
            s = (s[:m.start()] + s[m.end():]).strip()
    if ":" in s:
        out.update(parse_time(s) or {})
    return out if out.get("year") else None


def parse_time(text: str) -> dict | None:
    """{'hour', 'minute'} (strings) of a time cell; None if it is not a time."""
    m = _TIME.match((text or "").strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(4):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(4).lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return {"hour": str(hour), "minute": str(minute)}
