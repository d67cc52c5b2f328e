"""G (#19.8): legacy TimelineJS sheets (Start Date, End Date, Tag…)."""

from tests.helpers.interop import FIX, imported, run

from explorer.interop import detect_format
from explorer.interop.legacy import parse_sheet_date, parse_time


def test_g_legacy_v1_sheet(tmp_path):
    imp, ds = imported("legacy_v1.csv", tmp_path)
    assert ds.title == "A legacy sheet"
    by = {e.title: e for e in ds.events}
    assert by["Year only"].date.edtf() == "1945"
    assert by["Surrender"].date.edtf() == "1945-09-02"  # 9/2/1945 is month/day/year, as TimelineJS reads it
    assert by["Declaration"].date.edtf() == "1956-10-19/1956-12-12"
    assert by["A month"].date.edtf() == "1945-08"
    assert by["Old year"].date.edtf() == "-0500"
    assert by["With a time"].date.edtf() == "1945-01-02" and "starts 10:30" in by["With a time"].notes
    # Tag is the group, Media the source
    assert ds.categories[by["Surrender"].category].name == "War"
    assert ds.categories[by["Old year"].category].name == "Ancient"
    src = by["Surrender"].sources[0]
    assert (src.url, src.title, src.publisher) == ("https://upload.wikimedia.org/x.jpg", "The ceremony", "US Navy")
    # an unreadable end date drops the end only; an unreadable start skips the row
    assert by["Bad end"].date.edtf() == "1960"
    text = "\n".join(imp.unmapped)
    assert "End Date `sometime later` is not a date; end date dropped" in text
    assert "Start Date `whenever` is not a date; row skipped" in text
    assert "Bad start" not in by
    assert [e.name for e in ds.eras] == ["Deportations"]
    assert any("legacy TimelineJS sheet" in n for n in imp.notes)


def test_g_legacy_sheet_via_cli_and_sniffing(tmp_path):
    r = run("import", FIX / "legacy_v1.csv", "-o", tmp_path / "ds")
    assert r.returncode == 0, r.stderr
    p = tmp_path / "sheet-without-suffix"
    p.write_bytes((FIX / "legacy_v1.csv").read_bytes())
    assert detect_format(p) == "csv"


def test_g_timelinejs_date_cells():
    assert parse_sheet_date("1945") == {"year": "1945"}
    assert parse_sheet_date("-13800000000") == {"year": "-13800000000"}
    assert parse_sheet_date("+1945-09") == {"year": "1945", "month": "09"}
    assert parse_sheet_date("1945-09-02T09:04:00Z") == {"year": "1945", "month": "09", "day": "02",
                                                        "hour": "09", "minute": "04"}
    assert parse_sheet_date("12/25/1950 8:15") == {"month": "12", "day": "25", "year": "1950",
                                                   "hour": "8", "minute": "15"}
    assert parse_sheet_date("3/1950") == {"month": "3", "year": "1950"}
    assert parse_sheet_date("") is None and parse_sheet_date("soon") is None
    assert parse_sheet_date("١٩٤٥") is None  # only ASCII digits
    assert parse_time("10:30 pm") == {"hour": "22", "minute": "30"} and parse_time("12:05 am")["hour"] == "0"
    assert parse_time("25:00") is None
