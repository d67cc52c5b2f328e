"""F (#19.7): deep time (EDTF long years) and TimelineJS years in round trips; I (#16.7): only ASCII digits."""

import json

import numpy as np
import pytest
from hypothesis import given, strategies as st
from tests.helpers.interop import FIX, imported, loaded, run

from explorer.core.dates import Date, DateError, Interval, display_day, parse_when, year_label
from explorer.core.layout import TimelineLayout
from explorer.interop import import_file, write_dataset
from explorer.interop.tjs_export import to_dict


@pytest.mark.parametrize("text, shown", [
    ("Y-13800000000", "13.8 billion years ago"),
    ("Y-4540000000", "4.54 billion years ago"),
    ("Y-66000000", "66 million years ago"),
    ("Y-300000", "300,001 BC"),  # astronomical, like -0043 = 44 BC
    ("Y-10000", "10,001 BC"),
    ("Y170000002", "170,000,002"),
])
def test_f_long_years_parse_and_display(text, shown):
    d = Date.parse(text)
    assert d.precision == "year" and d.display() == shown and d.edtf() == text
    assert Date.parse(d.edtf()) == d
    assert isinstance(d.start, int) and d.end - d.start in (365, 366)


@pytest.mark.parametrize("bad, words", [
    ("Y1945", "write 1945"),
    ("Y-43", "write -0043"),
    ("Y012345", "write Y12345"),
    ("Y-13800000000~", "cannot be approximate"),
    ("Y12345-05", "has no month or day"),
    ("-13800000000", "written with a Y: Y-13800000000"),
    ("Y-100000000000", "beyond ±99,999,999,999"),
    ("Y", "not an EDTF date"),
])
def test_f_long_year_mistakes_are_explained(bad, words):
    with pytest.raises(DateError, match=words.replace("?", r"\?")):
        parse_when(bad)


@given(st.integers(-99_999_999_999, 99_999_999_999).filter(lambda y: abs(y) > 9999))
def test_f_long_years_round_trip_and_day_numbers_are_exact(year):
    d = Date.parse(f"Y{year}")
    assert d.year == year and Date.parse(d.edtf()) == d
    assert d.start < d.end and abs(d.start) < 2**53  # exact in the layout's float64 arrays too
    assert float(d.start) == d.start


def test_f_deep_time_intervals_and_open_ends():
    i = Interval.parse("Y-66000000/Y-23000000")
    assert i.display() == "66 million years ago – 23 million years ago"
    assert Interval.parse("../Y-300000").start <= Interval.parse("../Y-300000").end
    assert Interval.parse("Y-300000/..").end > Date.parse("9999").start
    assert display_day(Date.parse("Y-13800000000").start) == "13.8 billion years ago"
    assert year_label(-43) == "44 BC" and year_label(1945) == "1945"


def test_f_timelinejs_deep_time_import_and_export(tmp_path):
    imp, ds = imported("tjs_deep_time.json", tmp_path)
    assert ds.event("big-bang").date.edtf() == "Y-13800000000"
    assert ds.event("sapiens").date.edtf() == "Y-300000"
    assert ds.event("dinosaurs").date.edtf() == "Y-66000000/Y-23000000"  # the month is dropped, and reported
    assert any("month and day of a year beyond ±9999" in k for k in imp.unmapped)
    assert ds.event("far-future").date.edtf() == "Y170000002"
    assert ds.eras[0].date.edtf() == "Y-4600000000/Y-4000000000"
    assert any("-200,000,000,000" in k and "event skipped" in k for k in imp.unmapped)
    # year 0 and -1 are two different years (astronomical, as TimelineJS's JavaScript dates are)
    assert ds.event("year-zero").date.edtf() == "0000" and ds.event("year-minus-one").date.edtf() == "-0001-03"
    assert not ds.event("year-zero").notes  # on its cosmological scale TimelineJS labels years "… years ago"
    # the layout keeps exact day numbers
    lay = TimelineLayout(ds, "category")
    assert lay.start.min() == ds.event("big-bang").date.start and lay.start.dtype == np.float64
    # export: the same numbers, and the cosmological scale
    doc = to_dict(ds)
    assert doc["scale"] == "cosmological"
    years = {s["unique_id"]: s["start_date"]["year"] for s in doc["events"]}
    original = json.loads((FIX / "tjs_deep_time.json").read_text(encoding="utf-8"))
    for s in original["events"]:
        if s["unique_id"] in years:
            assert years[s["unique_id"]] == int(str(s["start_date"]["year"]).replace(",", "")), s
    assert doc["eras"][0]["start_date"] == {"year": -4600000000}


@pytest.mark.parametrize("year", [0, -1, -500, -753, 1, 1945, -9999, -13800000000, -300000, 170000002])
def test_f_a_timelinejs_year_comes_back_the_same(tmp_path, year):
    p = tmp_path / "y.json"
    p.write_text(json.dumps({"events": [{"start_date": {"year": year}, "text": {"headline": "x"}}]}))
    ds = loaded(write_dataset(import_file(p), tmp_path / "ds"))
    assert to_dict(ds)["events"][0]["start_date"]["year"] == year


def test_f_timelinejs_labels_of_bce_years_are_kept_in_the_notes(tmp_path):
    p = tmp_path / "bce.json"
    p.write_text(json.dumps({"events": [
        {"unique_id": "zero", "start_date": {"year": 0}, "text": {"headline": "Year zero"}},
        {"unique_id": "minus-one", "start_date": {"year": -1, "month": 3}, "text": {"headline": "Year minus one"}},
        {"unique_id": "caesar", "start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "Ides"}},
        {"unique_id": "modern", "start_date": {"year": 1945}, "text": {"headline": "Modern"}}]}))
    ds = loaded(write_dataset(import_file(p), tmp_path / "ds"))
    # TimelineJS prints the year's absolute value with "BCE"; Explorer shows the astronomical year
    assert ds.event("zero").date.display() == "1 BC" and ds.event("zero").notes == "Shown in the original as: 0"
    assert ds.event("minus-one").notes == "Shown in the original as: March 1 BCE"
    assert ds.event("caesar").date.display() == "15 March 45 BC"
    assert ds.event("caesar").notes == "Shown in the original as: March 15, 44 BCE"
    assert not ds.event("modern").notes
    # and the export shows TimelineJS readers the same label as before
    assert to_dict(ds)["events"][0]["display_date"] == "March 15, 44 BCE"


def test_f_cli_lists_and_validates_deep_time(tmp_path):
    assert run("import", FIX / "tjs_deep_time.json", "-o", tmp_path / "ds").returncode == 0
    assert run("validate", tmp_path / "ds").returncode == 0
    r = run("list", tmp_path / "ds")
    assert r.returncode == 0 and "13.8 billion years ago" in r.stdout


def test_f_axis_labels_deep_time_in_ka_ma_ga(qapp):
    from explorer.ui.timeline.date_ticks import ago_label, label, pick_unit, ticks

    lo, hi = Date.parse("Y-13800000000").start, Date.parse("2000").end
    unit = pick_unit(hi - lo, 1000)
    labels = [label(unit, t) for t in ticks(unit, lo, hi)]
    assert unit[1] == "ago" and 3 <= len(labels) <= 20 and labels[0].endswith("Ga")
    lo, hi = Date.parse("Y-66000000").start, Date.parse("Y-23000000").end
    unit = pick_unit(hi - lo, 1000)
    assert all(x.endswith(" Ma") for x in (label(unit, t) for t in ticks(unit, lo, hi)))
    lo, hi = Date.parse("Y-300000").start, Date.parse("Y-100000").end
    unit = pick_unit(hi - lo, 1000)
    assert [label(unit, t) for t in ticks(unit, lo, hi)][:2] == ["300 ka", "280 ka"]
    assert ago_label(13_800_000_000) == "13.8 Ga" and ago_label(-5 * 10**9) == "in 5 Ga"
    # history keeps its calendar labels
    lo, hi = Date.parse("1900").start, Date.parse("2000").end
    unit = pick_unit(hi - lo, 1000)
    assert unit[1] == "year" and "1950" in [label(unit, t) for t in ticks(unit, lo, hi)]


@pytest.mark.parametrize("text", ["²²²²", "١٩٤٥", "١٩٤٥-٠٩-٠٢", "1945-٠٩-02", "۱۹۴۵", "１９４５", "194５~",
                                  "Y-١٣٨٠٠٠٠٠", "1945/١٩٤٦"])
def test_i_only_ascii_digits_are_digits(text):
    with pytest.raises(DateError) as e:
        parse_when(text)
    assert type(e.value) is DateError and "EDTF" in str(e.value)


def test_i_unicode_digits_give_clean_messages_in_the_cli(tmp_path, make_dataset):
    r = run("positions", "--at", "²²²²")
    assert r.returncode != 0 and "Traceback" not in r.stderr and "²²²²" in r.stderr
    root = make_dataset({"dataset.toml": '''schema = 1
[dataset]
id = "d"
title = "D"
description = "D"
language = "en"
[[category]]
id = "c"
name = "C"
color = "#123456"
[[event]]
id = "e"
date = "١٩٤٥"
title = "E"
summary = "S"
category = "c"
parties = []
'''})
    r = run("validate", root)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert "only the digits 0-9" in r.stdout + r.stderr
    p = tmp_path / "digits.json"
    p.write_text(json.dumps({"events": [{"start_date": {"year": "١٩٤٥"}, "text": {"headline": "x"}},
                                        {"start_date": {"year": 1945}, "text": {"headline": "y"}}]}))
    imp = import_file(p)
    assert [e["title"] for e in imp.events] == ["y"] and any("digits 0-9" in k for k in imp.unmapped)
