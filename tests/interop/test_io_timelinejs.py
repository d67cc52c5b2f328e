"""C (#19.4), E (#19.6) and H (#19.9): TimelineJS media, empty imports, round trips."""

import json

import pytest
from tests.helpers.interop import FIX, imported, loaded, run

from explorer.interop import ImportError_, import_file, write_dataset
from explorer.interop.sheet_csv import to_csv
from explorer.interop.tjs_export import media_url, to_dict


def test_c_quotes_and_protocol_relative_media(tmp_path):
    imp, ds = imported("tjs_media.json", tmp_path)
    quote = ds.event("quote-only")
    assert quote.summary == "“We shall **never** surrender.\nNot ever.” — A speaker\n\nFrom a speech"
    assert not quote.sources
    both = ds.event("quote-and-text")
    assert both.summary == "Some text first.\n\n“Quoted words.”"
    pic = ds.event("protocol-relative").sources[0]
    assert pic.url == "https://upload.wikimedia.org/wikipedia/commons/a/ab/Example.jpg"
    assert (pic.title, pic.publisher) == ("An example", "Wikimedia Commons")
    assert not ds.event("iframe-media").sources
    assert "media.url: embedded iframe code is not kept" in imp.unmapped


def test_h_explorer_export_blocks_come_back_structured(tmp_path):
    _, ds = imported("tjs_media.json", tmp_path)
    ev = ds.event("sources-block")  # an export made before the blocks had classes
    assert ev.summary == "Summary text."
    assert ev.notes == "An old note."
    assert [(s.title, s.url, s.publisher) for s in ev.sources] == [
        ("Report A", "https://example.org/a?x=1&y=2", "Publisher A"), ("A book without a link", "", "")]


def test_h_round_trip_keeps_groups_display_dates_times_media_and_sources(tmp_path, bundled):
    _, first = imported("tjs_basic.json", tmp_path, "first")
    doc = to_dict(first, with_positions=False)
    slides = {s["unique_id"]: s for s in doc["events"]}
    original = json.loads((FIX / "tjs_basic.json").read_text(encoding="utf-8"))
    # no group where the original had none; the others keep theirs
    assert "group" not in next(s for s in doc["events"] if s["start_date"] == {"year": 2001})
    assert slides["founding-of-rome"]["group"] == "Legend"
    assert sum("group" in s for s in doc["events"]) == sum("group" in s for s in original["events"][:4]) + 1
    # display_date and the time of day go back where they came from
    assert slides["founding-of-rome"]["display_date"] == "21 April 753 BCE"
    surrender = next(s for s in doc["events"] if s["text"]["headline"] == "Surrender signed")
    assert surrender["start_date"] == {"year": 1945, "month": 9, "day": 2, "hour": 9, "minute": 4}
    # the media URL is exported as media again (and stays in the sources list)
    assert surrender["media"] == {"url": "https://upload.wikimedia.org/x.jpg", "caption": "The ceremony",
                                  "credit": "US Navy"}
    # a second import of the export gives the same dataset back
    p = tmp_path / "again.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    again = loaded(write_dataset(import_file(p), tmp_path / "again"))
    for a, b in zip(first.events, again.events):
        da, db = a.details(), b.details()
        assert (a.id, a.date, a.title, a.category, da.summary, da.notes) == (b.id, b.date, b.title, b.category,
                                                                            db.summary, db.notes)
        assert da.sources == db.sources
    # and the same through the sheet layout (which has no column for ids)
    c = tmp_path / "again.csv"
    c.write_text(to_csv(first, with_positions=False), encoding="utf-8")
    sheet = loaded(write_dataset(import_file(c), tmp_path / "sheet"))
    def key(e):
        return e.date.edtf(), e.title, e.notes, e.summary, [(s.title, s.url, s.publisher) for s in e.sources]

    assert sorted(map(key, sheet.events)) == sorted(map(key, first.events))


def test_h_bundled_dataset_round_trip_keeps_sources_structured(tmp_path, bundled):
    ds = loaded(bundled)
    p = tmp_path / "k.json"
    p.write_text(json.dumps(to_dict(ds)), encoding="utf-8")
    imp = import_file(p)
    back = loaded(write_dataset(imp, tmp_path / "back"))
    for a, b in zip(ds.events, back.events):
        assert [(s.title, s.url, s.publisher) for s in a.sources] == [(s.title, s.url, s.publisher)
                                                                      for s in b.sources]
        assert "Sources" not in b.summary and "Positions at this date" not in b.summary
    assert any("positions are not event data" in k for k in imp.unmapped)


def test_h_media_urls():
    assert media_url("https://upload.wikimedia.org/a/b/Example.JPG")
    assert media_url("https://www.youtube.com/watch?v=x") and media_url("https://youtu.be/x")
    assert not media_url("https://en.wikipedia.org/wiki/Treaty_of_Shimoda")
    assert not media_url("https://example.org/page.html") and not media_url("javascript:x.png")


@pytest.mark.parametrize("content", [
    '{"events": []}',
    '{"events": [{"start_date": {"year": "soon"}, "text": {"headline": "x"}}, {"text": {"headline": "y"}}]}',
])
def test_e_an_import_that_keeps_nothing_fails(tmp_path, content):
    p = tmp_path / "nothing.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ImportError_) as e:
        import_file(p)
    assert str(p) in e.value.problems[0] and "nothing to import" in e.value.problems[0]
    r = run("import", p, "-o", tmp_path / "never")
    assert r.returncode == 1 and "nothing to import" in r.stderr
    assert not (tmp_path / "never").exists()
    if "soon" in content:
        assert "year `soon` is not a whole number" in r.stderr


def test_d_timelinejs_end_dates_and_same_day_order(tmp_path):
    p = tmp_path / "day.json"
    p.write_text(json.dumps({"events": [
        {"start_date": {"year": 1945, "month": 9, "day": 2}, "text": {"headline": "Zulu first"}},
        {"start_date": {"year": 1945, "month": 9, "day": 2}, "text": {"headline": "Alpha second"}},
        {"start_date": {"year": 1945, "month": 9, "day": 2}, "end_date": {"year": 1945, "month": 13},
         "text": {"headline": "Mike third"}},
        {"unique_id": "b", "start_date": {"year": 1950}, "text": {"headline": "B"}},
        {"unique_id": "a", "start_date": {"year": 1950}, "text": {"headline": "A"}},
    ]}), encoding="utf-8")
    imp = import_file(p)
    ds = loaded(write_dataset(imp, tmp_path / "ds"))
    assert [e.title for e in ds.events][:3] == ["Zulu first", "Alpha second", "Mike third"]
    assert [e.id for e in ds.events][3:] == ["a", "b"]  # ids the file chose are kept; the note says so
    assert any("keep the ids of the file" in n for n in imp.notes)
    assert "events[3].end_date: month 13 does not exist; end date dropped" in imp.unmapped
    assert not any("event skipped" in k for k in imp.unmapped)
