"""Export the timeline view (#23.2): PDF, SVG and PNG of the app's own timeline, which agree on
what they show; the stance band and the map when asked; posters; the dialog."""

import struct
import xml.etree.ElementTree as ET

import pypdf
import pytest
from PySide6.QtGui import QColor, QImage

from explorer.core.dates import parse_when
from explorer.core.loading import load_dataset
from explorer.core.markup import short_title
from explorer.core.output import ExportError
from explorer.ui.export_view import ViewOptions, export_view
from tests.export.printed_text import squash

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ds(qapp):
    from tests.helpers import BUNDLED

    return load_dataset(BUNDLED)


def svg_texts(path) -> list[str]:
    return [e.text or "" for e in ET.parse(path).iter(f"{SVG}text")]


def labels_in(texts, ds) -> list[str]:
    """The texts that are event titles, whole or shortened to fit ("Treaty of Sa…")."""
    titles = [short_title(e.title) for e in ds.events]
    return [t for t in texts if t and any(title == t or (t.endswith("…") and title.startswith(t[:-1]))
                                          for title in titles)]


def test_svg_parses_and_holds_the_event_titles(ds, tmp_path):
    out = tmp_path / "view.svg"
    result = export_view(ds, out, ViewOptions(size="A3", cursor=parse_when("1956-10-19").start))
    root = ET.parse(out).getroot()  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text.startswith(ds.title)
    labels = labels_in(svg_texts(out), ds)
    assert len(labels) >= result.labels > 5  # every drawn title (the stance band's texts come on top)
    assert not list(root.iter(f"{SVG}image"))  # markers are vector shapes, not pictures
    assert "Treaty of Portsmouth" in labels


def test_pdf_svg_and_png_show_the_same_labels(ds, tmp_path):
    options = ViewOptions(size="A4", lo=parse_when("1940").start, hi=parse_when("1965").start,
                          cursor=parse_when("1956-10-19").start, band=True)
    results = {fmt: export_view(ds, tmp_path / f"view.{fmt}", options) for fmt in ("pdf", "svg", "png")}
    labels = labels_in(svg_texts(tmp_path / "view.svg"), ds)
    assert len(labels) > 10
    assert {r.labels for r in results.values()} == {len(labels)}
    # the same titles in the same places: the timeline laid them out alike for each format
    assert results["pdf"].drawn["hits"] == results["svg"].drawn["hits"] == results["png"].drawn["hits"]
    pdf = squash(" ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "view.pdf").pages))
    assert [t for t in labels if squash(t) not in pdf] == []
    shown_in_pdf = [short_title(e.title) for e in ds.events if squash(short_title(e.title)) in pdf]
    assert set(shown_in_pdf) <= {t for t in (short_title(e.title) for e in ds.events)
                                 if any(t == x or (x.endswith("…") and t.startswith(x[:-1])) for x in labels)}


def test_pdf_is_vector(ds, tmp_path):
    out = tmp_path / "view.pdf"
    export_view(ds, out, ViewOptions(lo=parse_when("1940").start, hi=parse_when("1965").start))
    page = pypdf.PdfReader(out).pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    assert not [k for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"]
    assert page.mediabox.width > page.mediabox.height  # a landscape sheet


def test_a_poster_lays_the_whole_span_out_with_more_titles(ds, tmp_path):
    a4 = export_view(ds, tmp_path / "a4.pdf", ViewOptions(size="A4"))
    a2 = export_view(ds, tmp_path / "a2.pdf", ViewOptions(size="A2"))
    lo, hi = ds.span()
    assert a2.lo <= lo and a2.hi >= hi  # the whole span
    assert a2.labels > a4.labels * 1.3  # the poster lays out more of the whole span
    width = pypdf.PdfReader(tmp_path / "a2.pdf").pages[0].mediabox.width
    assert round(float(width) / 72 * 25.4) == 594  # A2 landscape, in millimetres


def test_band_and_map_when_asked(ds, tmp_path):
    day = parse_when("1956-10-19").start
    plain = export_view(ds, tmp_path / "plain.pdf", ViewOptions(cursor=day))
    full = export_view(ds, tmp_path / "full.pdf", ViewOptions(cursor=day, band=True, map=True))
    text = {k: squash(pypdf.PdfReader(tmp_path / f"{k}.pdf").pages[0].extract_text()) for k in ("plain", "full")}
    assert squash("Soviet Union") not in text["plain"]
    assert squash("Soviet Union") in text["full"]  # the band's row, and the map's legend, named for the date
    assert squash("claims (hatched, outlined)") in text["full"] and "claims" not in text["plain"]
    assert full.labels <= plain.labels  # the map takes room from the timeline, never adds titles


def test_png_has_its_dpi_and_the_appearance(ds, tmp_path):
    out = tmp_path / "view.png"
    export_view(ds, out, ViewOptions(size="A4", dark=True, dpi=120))
    img = QImage(str(out))
    assert (img.width(), img.height()) == (round(1122.52 * 120 / 96), round(793.7 * 120 / 96))
    data = out.read_bytes()
    i = data.index(b"pHYs")
    ppm_x, _ppm_y, unit = struct.unpack(">IIB", data[i + 4:i + 13])
    assert unit == 1 and round(ppm_x * 0.0254) == 120
    from explorer.render.palette import DARK

    assert img.pixelColor(3, 3) == QColor(DARK.base)


def test_size_in_pixels_and_refusals(ds, tmp_path):
    out = tmp_path / "view.png"
    export_view(ds, out, ViewOptions(size="900x500"))
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (900, 500)
    with pytest.raises(ExportError, match=r"\.pdf, \.svg or \.png"):
        export_view(ds, tmp_path / "view.jpg", ViewOptions())
    with pytest.raises(ExportError, match="size"):
        export_view(ds, tmp_path / "view.pdf", ViewOptions(size="A9"))
    with pytest.raises(ExportError, match="too large"):
        export_view(ds, tmp_path / "big.png", ViewOptions(size="A2", dpi=1200))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.png"]


def test_the_dialog_exports_what_the_session_shows(ds, tmp_path, qtbot):
    from explorer.core.query import Filter
    from explorer.core.session import Session
    from explorer.ui.dialogs.export_view_dialog import ExportViewDialog

    s = Session()
    s.set_dataset(ds)
    s.set_view(parse_when("1950").start, parse_when("1962").start)
    s.select_id("joint-declaration-1956")
    s.set_filter(Filter(query="declaration"))
    dlg = ExportViewDialog(s, (1200, 700), dark=False)
    qtbot.addWidget(dlg)
    o = dlg.options()
    assert (o.lo, o.hi) == s.view and o.cursor == s.cursor and o.selected == s.selected
    assert o.dimmed is not None and o.dimmed.sum() == len(ds.events) - len(s.matches)
    dlg.range_all.setChecked(True)
    dlg.size.setCurrentIndex(dlg.size.findData("A3"))
    assert (dlg.options().lo, dlg.options().size) == (None, "A3")
    dlg.size.setCurrentIndex(dlg.size.findData("window"))
    assert dlg.options().size == "1200x700"
    assert dlg.run_export(str(tmp_path / "view.svg"))
    assert ET.parse(tmp_path / "view.svg").getroot().tag == f"{SVG}svg"
