"""Dates in the Library of Congress EDTF notation (levels 0 and 1).

A `Date` is one calendar date with a precision (year, month or day, or a
decade/century written with ``X`` digits) and optional qualifiers; an
`Interval` joins two dates, either end of which may be open (``..``).
Both map onto a continuous axis of *day numbers* (days since 1970-01-01 in the
proleptic Gregorian calendar) that works for BCE years (astronomical
numbering: year 0 is 1 BC, -43 is 44 BC). Years of four digits run from -9999
to 9999; beyond that EDTF's long-year form (``Y-13800000000``, ``Y170000002``)
has year precision only, up to ±99,999,999,999 (day numbers stay exact: Python
ints, below 2**53 in the layout's float64 arrays). Only ASCII digits are digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)

MIN_YEAR = -9999
MAX_YEAR = 9999
MAX_LONG_YEAR = 99_999_999_999  # Y-form years: 3.65e13 days, exact in float64 (2**53 ≈ 9e15)
PRESENT_YEAR = 1950  # "years ago" counts back from here, as "before present" (BP) does


class DateError(ValueError):
    """A string that is not a valid EDTF date; the message says why."""


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Day number of a proleptic Gregorian date (0 = 1970-01-01); any year."""
    y = year - (month <= 2)
    era = y // 400  # Python floors
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int) -> tuple[int, int, int]:
    """Inverse of `days_from_civil`: (year, month, day) for a day number."""
    z += 719468
    era = z // 146097  # Python floors: no adjustment for negative days (that made 1 in 146,097 wrong)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


def year_label(year: int) -> str:
    """'1945', '44 BC' (astronomical -43), '1 BC' (year 0); beyond four digits
    '170,000,002', '12,001 BC' and, from a million years back, '13.8 billion years ago'."""
    if year > MAX_YEAR:
        return f"{year:,}"
    if year > 0:
        return str(year)
    if year >= MIN_YEAR:
        return f"{1 - year} BC"
    if 1 - year < 1_000_000:
        return f"{1 - year:,} BC"
    return years_ago_text(PRESENT_YEAR - year)


def years_ago_text(ago: int) -> str:
    """'13.8 billion years ago', '66 million years ago': three significant digits, for a million or more."""
    size, word = (10**9, "billion") if ago >= 999_500_000 else (10**6, "million")
    return f"{float(f'{ago / size:.3g}'):g} {word} years ago"


_OPEN_START = days_from_civil(MIN_YEAR, 1, 1)
_OPEN_END = days_from_civil(MAX_YEAR + 1, 1, 1)

PRECISIONS = ("century", "decade", "year", "month", "day")

_DATE_RE = re.compile(
    r"^(?P<year>-?(?:[0-9]{4}|[0-9]{2}XX|[0-9]{3}X))"
    r"(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?"
    r"(?P<q>[~?%])?$"
)
_LONG_RE = re.compile(r"^Y(?P<year>-?[0-9]+)(?P<rest>.*)$")
_BARE_LONG_RE = re.compile(r"^-?[0-9]{5,}$")


_SPANS = {"year": 1, "decade": 10, "century": 100}


class Date:
    """One EDTF date: year (astronomical), optional month/day, qualifiers.

    Treat as immutable. A plain slotted class rather than a frozen dataclass:
    a 100,000-event dataset builds this many of them, and this is ~4× faster.
    `start` and `end` (day numbers, end exclusive) are computed once here, since
    the axis, sorting and drawing read them constantly."""

    __slots__ = ("year", "month", "day", "precision", "approximate", "uncertain", "start", "end")

    def __init__(self, year: int, month: int | None = None, day: int | None = None, precision: str = "year",
                 approximate: bool = False, uncertain: bool = False):
        self.year = year
        self.month = month
        self.day = day
        self.precision = precision
        self.approximate = approximate
        self.uncertain = uncertain
        start = days_from_civil(year, month or 1, day or 1)
        self.start = start
        if precision == "day":
            self.end = start + 1
        elif precision == "month":
            self.end = start + days_in_month(year, month)
        else:
            self.end = days_from_civil(year + _SPANS[precision], 1, 1)

    def _key(self) -> tuple:
        return (self.year, self.month, self.day, self.precision, self.approximate, self.uncertain)

    def __eq__(self, other: object) -> bool:
        return type(other) is Date and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Date(year={self.year}, month={self.month}, day={self.day}, precision={self.precision!r}, "
                f"approximate={self.approximate}, uncertain={self.uncertain})")

    def __reduce__(self):  # with start and end: re-opening from the load cache skips the calendar sums
        return (date_from_parts, (self.year, self.month, self.day, self.precision, self.approximate, self.uncertain,
                                 self.start, self.end))

    # -- parsing and formatting -------------------------------------------
    @classmethod
    def parse(cls, text: str) -> "Date":
        if not isinstance(text, str):
            raise DateError(f"a date must be text, not {type(text).__name__}")
        n = len(text)
        if n == 10 and text[4] == "-" and text[7] == "-" and text.isascii() and text[:4].isdigit() and \
                text[5:7].isdigit() and text[8:].isdigit():  # isascii: isdigit() is true for '²' and '١' too
            year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
            if 1 <= month <= 12 and 1 <= day <= (days_in_month(year, month) if day > 28 else 28):
                return cls(year, month, day, "day")
        elif n == 4 and text.isascii() and text.isdigit():
            return cls(int(text), None, None, "year")
        stripped = text.strip()
        if stripped.startswith("Y"):
            return cls._parse_long(text, stripped)
        m = _DATE_RE.match(stripped)
        if not m:
            if _BARE_LONG_RE.match(stripped):
                raise DateError(f"`{text}`: a year of more than four digits is written with a Y: Y{stripped}")
            if not stripped.isascii() and any(c.isdigit() for c in stripped):
                raise DateError(f"`{text}` is not an EDTF date: only the digits 0-9 can be used")
            raise DateError(
                f"`{text}` is not an EDTF date (expected YYYY, YYYY-MM or "
                "YYYY-MM-DD, optionally with ~ ? or %)"
            )
        ytext = m["year"]
        q = m["q"] or ""
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        if "X" in ytext:
            if month is not None:
                raise DateError(f"`{text}`: a decade or century cannot have a month")
            precision = "century" if ytext.endswith("XX") else "decade"
            year = int(ytext.replace("X", "0"))
        else:
            year = int(ytext)
            precision = "day" if day is not None else "month" if month is not None else "year"
        if ytext.startswith("-") and year == 0:
            raise DateError(f"`{text}`: year -0 does not exist; write 0000")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"`{text}`: month {month} does not exist")
        if day is not None and not 1 <= day <= days_in_month(year, month):
            raise DateError(
                f"`{text}`: {MONTHS[month - 1]} {year_label(year)} has "
                f"{days_in_month(year, month)} days, not {day}"
            )
        return cls(year, month, day, precision, q in "~%" and q != "", q in "?%" and q != "")

    @classmethod
    def _parse_long(cls, text: str, stripped: str) -> "Date":
        """EDTF's long year `Y-13800000000` / `Y170000002`: year precision, no qualifier."""
        m = _LONG_RE.match(stripped)
        if not m:
            raise DateError(f"`{text}` is not an EDTF date (a long year is Y and a whole number: Y-13800000000)")
        digits = m["year"].lstrip("-")
        if len(digits) > 12:  # the format stops at ±99,999,999,999 (and int() of 4,300+ digits raises)
            raise DateError(f"`{text[:40]}…`: a year of {len(digits)} digits; the longest year is 11 digits")
        if m["rest"]:
            what = "cannot be approximate or uncertain" if m["rest"] in ("~", "?", "%") else "has no month or day"
            raise DateError(f"`{text}`: a Y year (more than four digits) {what} in EDTF; say so in the notes")
        year = int(m["year"])
        if len(digits) <= 4 or digits.startswith("0"):
            short = f"{'-' if year < 0 else ''}{abs(year):04d}"
            raise DateError(f"`{text}`: the Y form is for years of more than four digits, without leading zeros; "
                            f"write {short if abs(year) <= MAX_YEAR else f'Y{year}'}")
        if abs(year) > MAX_LONG_YEAR:
            raise DateError(f"`{text}`: years beyond ±{MAX_LONG_YEAR:,} are not supported")
        return cls(year, None, None, "year")

    def edtf(self) -> str:
        """The EDTF text; `Date.parse(d.edtf()) == d`."""
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            return f"Y{self.year}"
        sign = "-" if self.year < 0 else ""
        y = f"{abs(self.year):04d}"
        if self.precision == "decade":
            y = y[:3] + "X"
        elif self.precision == "century":
            y = y[:2] + "XX"
        s = sign + y
        if self.month is not None:
            s += f"-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            s += "%"
        elif self.approximate:
            s += "~"
        elif self.uncertain:
            s += "?"
        return s

    __str__ = edtf

    @property
    def qualified(self) -> bool:
        return self.approximate or self.uncertain

    # -- display -------------------------------------------------------------
    def display(self, short: bool = False) -> str:
        """Natural text: '7 February 1855', 'September 1945', 'c. 1855', '44 BC'."""
        months = MONTHS_SHORT if short else MONTHS
        if self.precision == "century":
            text = f"{year_label(self.year)}s" if self.year > 0 else f"century of {year_label(self.year)}"
        elif self.precision == "decade":
            text = f"{year_label(self.year)}s" if self.year > 0 else f"decade of {year_label(self.year)}"
        elif self.precision == "year":
            text = year_label(self.year)
        elif self.precision == "month":
            text = f"{months[self.month - 1]} {year_label(self.year)}"
        else:
            text = f"{self.day} {months[self.month - 1]} {year_label(self.year)}"
        return _qualify(text, self.approximate, self.uncertain)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.start, self.end)


def _qualify(text: str, approximate: bool, uncertain: bool) -> str:
    if approximate:
        text = "c. " + text
    if uncertain:
        text += "?"
    return text


def date_from_parts(year, month, day, precision, approximate, uncertain, start, end) -> Date:
    """A Date from its already checked parts and day span, without parsing or checking again
    (unpickling, and the loader's fast path, which computed them itself)."""
    d = _new_date(Date)
    d.year, d.month, d.day, d.precision, d.approximate, d.uncertain, d.start, d.end = (
        year, month, day, precision, approximate, uncertain, start, end)
    return d


_new_date = object.__new__
_unpickle_date = date_from_parts  # the name pickles of earlier versions refer to


@dataclass(frozen=True, slots=True)
class Interval:
    """An EDTF interval `A/B`; either end may be None (open, written `..`)."""

    first: Date | None
    last: Date | None
    start: int = field(init=False, compare=False, repr=False)
    end: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:  # an open end reaches the edge of four-digit years, or just past a long year
        object.__setattr__(self, "start", self.first.start if self.first else min(_OPEN_START, self.last.start))
        object.__setattr__(self, "end", self.last.end if self.last else max(_OPEN_END, self.first.end))

    def __reduce__(self):  # the dataclass default (setstate through fields()) is 4x slower
        return (Interval, (self.first, self.last))

    @classmethod
    def parse(cls, text: str) -> "Interval":
        if not isinstance(text, str):
            raise DateError(f"a date must be text, not {type(text).__name__}")
        a, sep, b = text.strip().partition("/")
        if not sep:
            raise DateError(f"`{text}` is not an interval (expected A/B)")
        first = None if a in ("..", "") else Date.parse(a)
        last = None if b in ("..", "") else Date.parse(b)
        if first is None and last is None:
            raise DateError(f"`{text}`: an interval needs at least one end")
        if first is not None and last is not None and last.end <= first.start:
            raise DateError(
                f"`{text}`: the interval ends ({last.display()}) before it "
                f"starts ({first.display()})"
            )
        return cls(first, last)

    def edtf(self) -> str:
        return f"{self.first.edtf() if self.first else '..'}/{self.last.edtf() if self.last else '..'}"

    __str__ = edtf

    @property
    def precision(self) -> str:
        ends = [d for d in (self.first, self.last) if d]
        return min((d.precision for d in ends), key=PRECISIONS.index)

    @property
    def qualified(self) -> bool:
        return any(d.qualified for d in (self.first, self.last) if d)

    @property
    def approximate(self) -> bool:
        return any(d.approximate for d in (self.first, self.last) if d)

    @property
    def uncertain(self) -> bool:
        return any(d.uncertain for d in (self.first, self.last) if d)

    def display(self, short: bool = False) -> str:
        a, b = self.first, self.last
        if a is None:
            return f"until {b.display(short)}"
        if b is None:
            return f"from {a.display(short)}"
        plain = not (a.qualified or b.qualified)
        if plain and a.precision == b.precision == "day" and a.year == b.year:
            months = MONTHS_SHORT if short else MONTHS
            if a.month == b.month:
                return f"{a.day}–{b.day} {months[a.month - 1]} {year_label(a.year)}"
            return f"{a.day} {months[a.month - 1]} – {b.day} {months[b.month - 1]} {year_label(a.year)}"
        if plain and a.precision == b.precision == "month" and a.year == b.year:
            months = MONTHS_SHORT if short else MONTHS
            return f"{months[a.month - 1]}–{months[b.month - 1]} {year_label(a.year)}"
        if plain and a.precision == b.precision == "year" and a.year > 0:
            return f"{year_label(a.year)}–{year_label(b.year)}"
        return f"{a.display(short)} – {b.display(short)}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.start, self.end)


When = Union[Date, Interval]


def parse_when(text: str) -> When:
    """Parse a date or an interval."""
    if isinstance(text, str) and "/" in text:
        return Interval.parse(text)
    return Date.parse(text)


def day_to_iso(day: int) -> str:
    """ISO-like text of a day number; BCE as a negative (astronomical) year."""
    y, m, d = civil_from_days(day)
    sign = "-" if y < 0 else ""
    return f"{sign}{abs(y):04d}-{m:02d}-{d:02d}"


def display_day(day: int) -> str:
    y, m, d = civil_from_days(int(day))
    if not MIN_YEAR <= y <= MAX_YEAR:  # deep time: days and months mean nothing there
        return year_label(y)
    return f"{d} {MONTHS[m - 1]} {year_label(y)}"
