"""Year/month/day fields of other tools ↔ EDTF text.

TimelineJS years are astronomical, like EDTF's: TLDate.js builds a JavaScript
`Date` and calls `setFullYear(year)` (ISO 8601 years: 0 is 1 BC, -1 is 2 BC,
leap years at 0 and -4), and cosmological `BigYear`s are plain numbers. So a
TimelineJS year is the EDTF year, both ways, and a round trip gives back the
same number (year 0 included). TimelineJS *labels* year -500 "500 BCE" (it
prints the absolute value with a suffix); Explorer shows it as 501 BC, which
is what the date is, and exports its own label as `display_date`.

Years beyond ±9999 become EDTF long years (`Y-13800000000`), which have no
month or day. Only ASCII digits count (int() would accept '١٩٤٥').
"""

from __future__ import annotations

import re

from ..core.dates import MAX_LONG_YEAR, MAX_YEAR, MIN_YEAR, Date, DateError, days_in_month

_WHOLE = re.compile(r"[+-]?[0-9]+")


def whole_number(v, what: str) -> int | None:
    """An int from a JSON number or text ('1945', ' -500 ', '13,800,000,000'); None if empty."""
    if v is None or isinstance(v, bool):
        return None if v is None else _bad(v, what)
    if isinstance(v, float):
        return int(v) if v.is_integer() else _bad(v, what)
    if isinstance(v, int):
        return v
    text = re.sub(r"[\s,]+", "", str(v))  # as TimelineJS's sheet reader does ("13,800,000,000")
    if not text:
        return None
    if not _WHOLE.fullmatch(text):
        _bad(v, what)
    return int(text)


def _bad(v, what: str):
    raise DateError(f"{what} `{v}` is not a whole number (digits 0-9)")


def edtf_from_parts(year, month=None, day=None, *, approximate: bool = False,
                    dropped: list[str] | None = None) -> str:
    """EDTF for the given (astronomical) parts; raises DateError with a readable reason.

    A year beyond ±9999 keeps only the year; what was left out is appended to `dropped`."""
    y = whole_number(year, "year")
    if y is None:
        raise DateError("no year")
    m = whole_number(month, "month")
    d = whole_number(day, "day")
    if not MIN_YEAR <= y <= MAX_YEAR:
        if abs(y) > MAX_LONG_YEAR:
            raise DateError(f"year {y:,} is beyond the years Explorer can show (±{MAX_LONG_YEAR:,})")
        if (m is not None or d is not None) and dropped is not None:
            dropped.append("month and day of a year beyond ±9999 (such years have year precision only)")
        if approximate and dropped is not None:
            dropped.append("approximate: a year beyond ±9999 cannot be marked approximate in EDTF")
        return f"Y{y}"
    text = f"-{-y:04d}" if y < 0 else f"{y:04d}"
    if d is not None and m is None:
        raise DateError("a day without a month")
    if m is not None:
        if not 1 <= m <= 12:
            raise DateError(f"month {m} does not exist")
        text += f"-{m:02d}"
        if d is not None:
            if not 1 <= d <= days_in_month(y, m):
                raise DateError(f"day {d} does not exist in month {m} of year {y}")
            text += f"-{d:02d}"
    if approximate:
        text += "~"
    Date.parse(text)
    return text


def parts_from_date(d: Date) -> dict:
    """TimelineJS date object for an Explorer date (the same astronomical year)."""
    out = {"year": d.year}
    if d.month is not None:
        out["month"] = d.month
    if d.day is not None:
        out["day"] = d.day
    return out
