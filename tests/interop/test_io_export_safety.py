"""A (#16.2): exports never carry runnable markup or spreadsheet formulas; J: URLs are never changed."""

import csv
import html
import io
import json
import re

from tests.helpers.interop import FIX, imported, loaded, run, strings

from explorer.interop import import_file, write_dataset
from explorer.interop.sheet_csv import guard, to_csv, unguard
from explorer.interop.tjs_export import to_dict

RAW_TAG = re.compile(r"<\s*/?\s*(img|script|svg|iframe)\b|<[^>]*\bon[a-z]+\s*=", re.I)  # a tag, or an on…= attribute
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def assert_no_raw_markup(doc):
    for path, s in strings(doc):
        assert not RAW_TAG.search(s), (path, s)


def test_a_timelinejs_export_escapes_every_text(tmp_path):
    ds = loaded(FIX / "hostile_dataset.toml")
    out = tmp_path / "x.json"
    r = run("export", FIX / "hostile_dataset.toml", "--format", "timelinejs", "-o", out)
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_no_raw_markup(doc)
    slide = next(s for s in doc["events"] if s["unique_id"] == "img-title")
    # escaped, so TimelineJS shows the text as written
    assert html.unescape(slide["text"]["headline"]) == "<img src=x onerror=alert('title')>"
    # group and display_date go through TimelineJS's stripMarkup (decodes once) before innerHTML: `<` twice
    assert html.unescape(html.unescape(slide["group"])) == "<script>alert('group')</script>"
    assert "<" not in html.unescape(slide["group"]) and "<" not in html.unescape(slide["display_date"])
    assert html.unescape(html.unescape(slide["display_date"])) == "<img src=x onerror=alert('display')>"
    assert html.unescape(slide["media"]["caption"]) == "<img src=x onerror=alert('caption')>"
    assert html.unescape(slide["media"]["credit"]) == "<script>alert('credit')</script>"
    assert html.unescape(doc["eras"][0]["text"]["headline"]) == "<svg onload=alert('era')>"
    assert "&lt;img" in doc["title"]["text"]["headline"] and "&lt;script&gt;" in doc["title"]["text"]["text"]
    # our own markup is kept: paragraphs, emphasis, the sources list with its link
    text = slide["text"]["text"]
    assert "<i>still text</i>" in text and 'class="explorer-sources"' in text and "&lt;iframe" in text
    assert "Positions at this date" in text and "&lt;img src=x onerror=alert('stance')&gt;" in text
    assert len(doc["events"]) == len(ds.events)


def test_a_imported_hostile_timelinejs_is_escaped_again_on_export(tmp_path):
    _, ds = imported("hostile.json", tmp_path)
    assert any("<img" in e.title for e in ds.events)  # kept as text in the dataset (shown escaped)
    doc = to_dict(ds)
    assert_no_raw_markup(doc)
    rows = list(csv.reader(io.StringIO(to_csv(ds))))
    for row in rows:
        assert not RAW_TAG.search(" ".join(row))


def test_a_csv_export_guards_formula_cells(tmp_path):
    out = tmp_path / "x.csv"
    r = run("export", FIX / "hostile_dataset.toml", "--format", "csv", "-o", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert "'+1+cmd|' /C calc'!A0" in cells and "'\tTabbed" in cells
    for c in cells:
        assert not c.startswith(FORMULA) or re.fullmatch(r"-?[0-9]+", c), repr(c)
    # plain numbers (BCE years) stay numbers; the guard is undone on import
    assert guard("-500") == "-500" and guard("-2+3") == "'-2+3" and unguard("'-2+3") == "-2+3"
    back = loaded(write_dataset(import_file(out), tmp_path / "back"))
    titles = {e.title for e in back.events}
    assert '=HYPERLINK("https://evil.example/","click")' in titles and "+1+cmd|' /C calc'!A0" in titles


LONG = ("https://example.org/a/very/long/path/" + "segment-" * 30 + "end?query=" + "x" * 120
        + "&other=%E2%80%93&z=1#fragment")


def test_j_long_urls_are_never_altered(tmp_path, make_dataset):
    assert len(LONG) > 300
    img = LONG.replace("end?", "picture.jpg?")
    root = make_dataset({"dataset.toml": f'''schema = 1
[dataset]
id = "u"
title = "URLs"
description = "A long link: [here]({LONG})"
language = "en"
[[category]]
id = "c"
name = "C"
color = "#123456"
[[event]]
id = "e"
date = "1950"
title = "Long URLs"
summary = "See [the source]({LONG}) and {LONG} as text."
category = "c"
parties = []
  [[event.source]]
  title = "Long"
  url = "{LONG}"
  [[event.source]]
  title = "Picture"
  url = "{img}"
'''})
    ds = loaded(root)
    doc = to_dict(ds)
    text = doc["events"][0]["text"]["text"]
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]
    assert hrefs.count(LONG) == 2 and img in hrefs
    assert "\u200b" not in json.dumps(doc, ensure_ascii=False)
    assert doc["events"][0]["media"]["url"] == img
    assert LONG in html.unescape(doc["title"]["text"]["text"])
    rows = list(csv.reader(io.StringIO(to_csv(ds), newline="")))
    assert img in rows[2] and LONG in html.unescape(rows[2][COLUMN_TEXT])
    p = tmp_path / "u.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    back = loaded(write_dataset(import_file(p), tmp_path / "back"))
    ev = back.events[0]
    assert [s.url for s in ev.sources] == [LONG, img]
    assert f"[the source]({LONG})" in ev.summary and LONG in back.description


COLUMN_TEXT = 10


def test_j_links_markdown_cannot_hold_stay_as_text_unchanged():
    from explorer.interop.model import html_to_markdown

    url = "https://en.wikipedia.org/wiki/Treaty_of_Shimoda_(1855)?a=1&b=%E2%80%93"
    md = html_to_markdown(f'<p>See <a href="{html.escape(url)}">the treaty</a>.</p>')
    assert md == f"See the treaty <{url}>."
