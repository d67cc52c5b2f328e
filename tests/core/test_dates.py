import pytest
from hypothesis import given, strategies as st

from explorer.core.dates import (
    Date, DateError, Interval, civil_from_days, days_from_civil, parse_when, days_in_month,
)


@pytest.mark.parametrize("text,precision,display", [
    ("1945", "year", "1945"),
    ("1945-09", "month", "September 1945"),
    ("1855-02-07", "day", "7 February 1855"),
    ("1855~", "year", "c. 1855"),
    ("1855?", "year", "1855?"),
    ("1855%", "year", "c. 1855?"),
    ("-0043", "year", "44 BC"),
    ("0000", "year", "1 BC"),
    ("-0043-03-15", "day", "15 March 44 BC"),
    ("9999-12-31", "day", "31 December 9999"),
    ("195X", "decade", "1950s"),
    ("19XX", "century", "1900s"),
])
def test_parse_and_display(text, precision, display):
    d = Date.parse(text)
    assert d.precision == precision
    assert d.display() == display
    assert d.edtf() == text


@pytest.mark.parametrize("text,display", [
    ("1947/1949", "1947–1949"),
    ("1945-08-28/1945-09-05", "28 August – 5 September 1945"),
    ("1945-09-01/1945-09-05", "1–5 September 1945"),
    ("1991-12-26/..", "from 26 December 1991"),
    ("../1917", "until 1917"),
    ("-0500/-0400", "501 BC – 401 BC"),
])
def test_intervals(text, display):
    i = Interval.parse(text)
    assert i.display() == display
    assert i.edtf() == text


@pytest.mark.parametrize("bad,words", [
    ("1951-13-08", "month 13 does not exist"),
    ("1951-02-30", "has 28 days, not 30"),
    ("1900-02-29", "has 28 days"),
    ("nineteen", "not an EDTF date"),
    ("1945-9-2", "not an EDTF date"),
    ("1949/1947", "ends (1947) before it starts (1949)"),
])
def test_impossible_dates(bad, words):
    with pytest.raises(DateError, match=__import__("re").escape(words)):
        parse_when(bad)


def test_leap_day_and_axis():
    assert Date.parse("2000-02-29").start == days_from_civil(2000, 2, 29)
    assert days_from_civil(1970, 1, 1) == 0
    assert Date.parse("1945-09").end - Date.parse("1945-09").start == 30
    assert Date.parse("1945").end - Date.parse("1945").start == 365


def test_ordering_by_start_then_end():
    dates = [parse_when(t) for t in ("1946", "1945-09-02", "1945", "1945-09", "-0100")]
    ordered = sorted(dates, key=lambda d: d.sort_key)
    assert [d.edtf() for d in ordered] == ["-0100", "1945", "1945-09", "1945-09-02", "1946"]


dates = st.builds(
    lambda y, m, d, prec, a, u: Date(y, m if prec != "year" else None,
                                     min(d, days_in_month(y, m)) if prec == "day" else None,
                                     prec, a, u),
    st.integers(-9999, 9999), st.integers(1, 12), st.integers(1, 31),
    st.sampled_from(["year", "month", "day"]), st.booleans(), st.booleans(),
)


@given(dates)
def test_roundtrip_property(d):
    assert Date.parse(d.edtf()) == d
    assert d.start < d.end


@given(st.integers(-4_000_000, 3_000_000))
def test_civil_roundtrip(day):
    assert days_from_civil(*civil_from_days(day)) == day


@given(dates, dates)
def test_order_consistent_with_axis(a, b):
    if a.end <= b.start:
        assert a.sort_key < b.sort_key
