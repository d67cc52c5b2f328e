"""Year/month/day fields of other tools ↔ EDTF text.

TimelineJS and spreadsheets write 500 BCE as year -500 (historical numbering,
no year 0); EDTF counts astronomically (-0499 is 500 BC). Both directions go
through here so a round trip is exact.
"""

from __future__ import annotations

from ..core.dates import MAX_YEAR, MIN_YEAR, Date, DateError, days_in_month


def historical_to_astronomical(year: int) -> int:
    return year + 1 if year < 0 else year


def astronomical_to_historical(year: int) -> int:
    return year - 1 if year <= 0 else year


def edtf_from_parts(year, month=None, day=None, *, bce_historical: bool = True, approximate: bool = False) -> str:
    """EDTF for the given parts; raises DateError with a readable reason."""
    try:
        y = int(str(year).strip())
    except (TypeError, ValueError):
        raise DateError(f"year `{year}` is not a whole number") from None
    if bce_historical:
        y = historical_to_astronomical(y)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise DateError(f"year {year} is outside the years Explorer can show ({MIN_YEAR}..{MAX_YEAR})")
    text = f"-{-y:04d}" if y < 0 else f"{y:04d}"
    m = _part(month, "month")
    d = _part(day, "day")
    if d is not None and m is None:
        raise DateError("a day without a month")
    if m is not None:
        if not 1 <= m <= 12:
            raise DateError(f"month {m} does not exist")
        text += f"-{m:02d}"
        if d is not None:
            if not 1 <= d <= days_in_month(y, m):
                raise DateError(f"day {d} does not exist in month {m} of {year}")
            text += f"-{d:02d}"
    if approximate:
        text += "~"
    Date.parse(text)
    return text


def _part(v, what: str) -> int | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return int(str(v).strip())
    except ValueError:
        raise DateError(f"{what} `{v}` is not a whole number") from None


def parts_from_date(d: Date) -> dict:
    """TimelineJS date object for an Explorer date (historical BCE years)."""
    out = {"year": astronomical_to_historical(d.year)}
    if d.month is not None:
        out["month"] = d.month
    if d.day is not None:
        out["day"] = d.day
    return out
