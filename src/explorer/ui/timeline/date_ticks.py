"""The calendar units of the date axis and their ticks and labels: from billions of years down to
days, BCE too. Beyond millennia (deep time, EDTF long years) ticks count years before the present
(1950, as "BP" does) and read "10 ka", "66 Ma", "13.8 Ga"."""

from __future__ import annotations

from ...core.dates import MONTHS_SHORT, PRESENT_YEAR, civil_from_days, days_from_civil, year_label

# (name, kind, step) from coarse to fine; kind says which calendar field steps ("ago": years before 1950)
DEEP = [(f"{n} {u}", "ago", n * size) for u, size, steps in (
    ("Ga", 10**9, (5, 2, 1)), ("Ma", 10**6, (500, 200, 100, 50, 20, 10, 5, 2, 1)),
    ("ka", 10**3, (500, 200, 100, 50, 20, 10))) for n in steps]
UNITS = DEEP + [
    ("5 millennia", "year", 5000), ("2 millennia", "year", 2000),
    ("millennia", "year", 1000), ("5 centuries", "year", 500), ("centuries", "year", 100),
    ("50 years", "year", 50), ("20 years", "year", 20), ("decades", "year", 10), ("5 years", "year", 5),
    ("2 years", "year", 2), ("years", "year", 1), ("6 months", "month", 6),
    ("3 months", "month", 3), ("months", "month", 1), ("weeks", "day", 7),
    ("2 days", "day", 2), ("days", "day", 1),
]
_APPROX_DAYS = {"ago": 365.2425, "year": 365.2425, "month": 30.44, "day": 1.0}
# Room a label needs, by kind: its text ("1950", "Sep 1956", "20 Oct 1956", "300 ka") and 16 px at
# least to the next. "Readable" means that: at fit-all on 1366 px the bundled dataset spans
# 1690-2055 in 1,240 px, 34 px a decade, so its axis has a tick and a grid line every 10 years and
# a label every 20; from about 1,700 px of plot (a 1920 px window) every decade is labelled.
LABEL_ROOM = {"ago": 64, "year": 44, "month": 70, "day": 90}


def unit_days(unit) -> float:
    return _APPROX_DAYS[unit[1]] * unit[2]


def pick_unit(span_days: float, width_px: float, label_px: float | None = None):
    """The finest unit whose ticks are at least `label_px` apart (default: the room its labels need)."""
    px_per_day = max(width_px, 1.0) / max(span_days, 1e-9)
    best = UNITS[0]
    for unit in UNITS:
        room = label_px if label_px is not None else LABEL_ROOM[unit[1]]
        if unit_days(unit) * px_per_day >= room:
            best = unit
    return best


MINOR_PX = 16  # minor ticks closer than this are left out (a grid line every few pixels is noise)


def minor_unit(unit, px_per_day: float = 0.0):
    """The next finer unit whose ticks fall on the unit's own (decades under 50 years, not 20),
    None when its ticks would be closer than MINOR_PX (given the scale)."""
    i = UNITS.index(unit)
    for finer in UNITS[i + 1:]:
        if finer[1] != unit[1] or unit[2] % finer[2] == 0:
            return finer if unit_days(finer) * px_per_day >= MINOR_PX or not px_per_day else None
    return None


def ticks(unit, lo: float, hi: float, limit: int = 2000) -> list[int]:
    """Day numbers of calendar boundaries of `unit` within [lo, hi]."""
    _, kind, step = unit
    out: list[int] = []
    if kind == "ago":
        y_lo, y_hi = civil_from_days(int(lo))[0], civil_from_days(int(hi))[0]
        n = (PRESENT_YEAR - y_lo) // step * step  # the most years ago a tick at or after `lo` can be
        while len(out) < limit and PRESENT_YEAR - n <= y_hi:
            out.append(days_from_civil(PRESENT_YEAR - n, 1, 1))
            n -= step
    elif kind == "day":
        first = int(lo) - int(lo) % step
        out = list(range(first, int(hi) + 1, step))
    else:
        y0, m0, _ = civil_from_days(int(lo))
        if kind == "year":
            y = y0 - y0 % step
            while len(out) < limit:
                d = days_from_civil(y, 1, 1)
                if d > hi:
                    break
                out.append(d)
                y += step
        else:
            idx = (y0 * 12 + m0 - 1) // step * step
            while len(out) < limit:
                d = days_from_civil(idx // 12, idx % 12 + 1, 1)
                if d > hi:
                    break
                out.append(d)
                idx += step
    return [d for d in out if lo <= d <= hi][:limit]


def ago_label(years: int) -> str:
    """'10 ka', '66 Ma', '13.8 Ga' (years before 1950); 'in 5 Ga' for the future; '0' for 1950."""
    size, unit = next(((s, u) for s, u in ((10**9, "Ga"), (10**6, "Ma"), (10**3, "ka"), (1, "a"))
                       if abs(years) >= s), (1, "a"))
    value = f"{abs(years) / size:.3f}".rstrip("0").rstrip(".")
    if years == 0:
        return "0"
    return f"{value} {unit}" if years > 0 else f"in {value} {unit}"


def label(unit, day: float) -> str:
    y, m, d = civil_from_days(int(round(day)))
    kind = unit[1]
    if kind == "ago":
        return ago_label(PRESENT_YEAR - y)
    if kind == "year":
        return year_label(y)
    if kind == "month":
        return f"{MONTHS_SHORT[m - 1]} {year_label(y)}" if m != 1 or unit[2] > 1 else year_label(y)
    return f"{d} {MONTHS_SHORT[m - 1]} {year_label(y)}" if d != 1 or m != 1 else f"1 Jan {year_label(y)}"
