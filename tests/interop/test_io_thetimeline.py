"""B (#19.3), D (#19.5) and G (#19.8) for the Timeline app's `.timeline` files."""

import pytest
from tests.helpers.interop import FIX, imported, run

from explorer.interop import ImportError_, import_file


def test_b_descriptions_and_names_are_plain_text(tmp_path):
    imp, ds = imported("timeline25.timeline", tmp_path)
    ev = next(e for e in ds.events if e.title == "Signing")
    # "<brackets>" is text, not a tag; each line break is kept (as a paragraph break)
    assert ev.summary == "Words in <brackets> stay.\n\nSecond line.\n\nThird paragraph."
    assert ds.categories[ev.category].name == "<Draft> notes"
    # labels are split on , and ; only ("c d" is one label)
    assert ev.tags == ["a", "b", "c-d"]


def test_d_fuzzy_start_and_end_of_timeline_2_5(tmp_path):
    _, ds = imported("timeline25.timeline", tmp_path)
    by = {e.title: e.date.edtf() for e in ds.events}
    assert by["Fuzzy start only"] == "1900-01-01~/1905-06-01"
    assert by["Fuzzy end only"] == "1910-01-01/1912-01-01~"
    assert by["Fuzzy point"] == "1920-05-01~"
    assert by["Signing"] == "1956-10-19"  # no fuzz


def test_d_times_of_day_are_kept_in_the_notes(tmp_path):
    _, ds = imported("timeline25.timeline", tmp_path)
    ev = next(e for e in ds.events if e.title == "Signing")
    assert ev.notes == "Time of day in the original: starts 10:30, ends 16:45"
    assert ev.date.edtf() == "1956-10-19"  # same day: a one-day event, the times only in the note


def test_d_events_on_the_same_day_keep_the_file_order(tmp_path):
    imp, ds = imported("timeline25.timeline", tmp_path)
    same_day = [e.title for e in ds.events if e.date.edtf() == "1956-10-19"]
    assert same_day == ["Signing", "Announcement", "Aftermath"]  # the file's order, not A-Z
    assert [e.id for e in ds.events if e.date.edtf() == "1956-10-19"][0].startswith("1-")
    assert any("order of the file" in n for n in imp.notes)


def test_d_an_unreadable_end_is_reported_as_dropped(tmp_path):
    imp, ds = imported("timeline25.timeline", tmp_path)
    ev = next(e for e in ds.events if e.title == "Unreadable end")
    assert ev.date.edtf() == "1930-01-01"
    text = "\n".join(imp.unmapped)
    assert "1930-02-30" in text and "end date dropped" in text and "event skipped" not in text


def test_g_old_text_format_is_named(tmp_path):
    with pytest.raises(ImportError_) as e:
        import_file(FIX / "old_format.timeline")
    msg = e.value.problems[0]
    assert "old text format" in msg and "Timeline 0.9.0" in msg and "XML error" not in msg
    r = run("import", FIX / "old_format.timeline", "-o", tmp_path / "never")
    assert r.returncode == 1 and "old text format" in r.stderr and not (tmp_path / "never").exists()
