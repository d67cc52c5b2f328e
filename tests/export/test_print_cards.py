"""Cards for paper (#23.1): every source's address printed, no text lost in any layout or page size,
the context of a card alone on its page, stances as the app tells them."""

import pypdf
import pytest

from explorer.core.loading import load_dataset
from explorer.export.card_html import card_html
from explorer.export.cards import CardOptions, export_cards
from tests.export.printed_text import card_fragments, missing, pdf_text, squash


@pytest.fixture(scope="module")
def ds(qapp):
    from tests.helpers import BUNDLED

    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def timeline(ds, qapp):
    from explorer.ui.print_view import timeline_painter

    return timeline_painter(ds)


def by_length(ds):
    return sorted(ds.events, key=lambda e: len(card_html(ds, e, True, 1.0)))


def longest(ds, n):
    """The cards with the most to say: the ones that test fitting and continuing."""
    return by_length(ds)[::-1][:n]


def shortest(ds, n):
    return by_length(ds)[:n]


def test_every_printed_source_shows_its_address(ds, tmp_path):
    out = tmp_path / "cards.pdf"
    export_cards(ds, ds.events, out, CardOptions("A4", 4, positions=False))
    text = pdf_text(out, ds.title)
    sources = [s for e in ds.events for s in e.details().sources if s.url]
    assert len(sources) > 50
    assert [s.url for s in sources if squash(s.url) not in text] == []
    # the addresses are links too, and the link goes where the printed address says
    uris = {a.get_object()["/A"]["/URI"] for p in pypdf.PdfReader(out).pages for a in p.get("/Annots", [])}
    assert {s.url for s in sources} <= uris


@pytest.mark.parametrize("page_size", ["A4", "Letter", "A5"])
@pytest.mark.parametrize("per_page", [1, 2, 4])
def test_no_card_text_is_cut(ds, tmp_path, timeline, page_size, per_page):
    """The cards with the most to say, and the shortest: each piece of each card is in the PDF,
    whole (compared across line, slot and page breaks)."""
    events = longest(ds, 5) + shortest(ds, 1)
    out = tmp_path / "cards.pdf"
    export_cards(ds, events, out, CardOptions(page_size, per_page), timeline=timeline)
    text = pdf_text(out, ds.title)
    lost = {e.id: m for e in events if (m := missing(card_fragments(ds, e), text))}
    assert lost == {}


def test_katakana_middle_dot_copies_as_itself(ds, tmp_path):
    ev = ds.event("treaty-of-saint-petersburg")
    out = tmp_path / "c.pdf"
    export_cards(ds, [ev], out, CardOptions("A4", 1))
    assert "樺太・千島交換条約" in pypdf.PdfReader(out).pages[0].extract_text()


def test_a_long_card_continues_in_the_next_slot(ds, tmp_path):
    ev = longest(ds, 1)[0]
    out = tmp_path / "cards.pdf"
    pages = export_cards(ds, [ev], out, CardOptions("A5", 4))
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "(continued)" in text and pages >= 1
    assert "more points" not in text  # nothing is summarised away


def test_type_is_sized_to_the_slot(ds, tmp_path, timeline):
    """One a page uses the page (larger type than the usual 10 pt when the card fits);
    four a page are smaller, but never below the smallest size."""
    import explorer.export.cards as cards

    short = min(ds.events, key=lambda e: len(card_html(ds, e, True, 1.0)))
    sizes = {}
    for per_page in (1, 4):
        w = cards.CardWriter(ds, str(tmp_path / f"{per_page}.pdf"), CardOptions("A4", per_page), timeline)
        w.card(short)
        w.close()
        sizes[per_page] = w.last_scale
    smallest, _usual, largest = cards.TYPE[("A4", 1)]
    assert sizes[1] > 1.1 and sizes[1] <= largest
    assert cards.TYPE[("A4", 4)][0] <= sizes[4] < sizes[1]


def test_one_card_a_page_shows_its_context(ds, tmp_path, timeline):
    """Above the card: the app's timeline around its date (its lanes and its cursor label) and
    the stance band with each side's name on that date."""
    ev = ds.event("joint-declaration-1956")
    out = tmp_path / "cards.pdf"
    export_cards(ds, [ev], out, CardOptions("A4", 1), timeline=timeline)
    first = squash(pypdf.PdfReader(out).pages[0].extract_text())
    head = first[:first.index(squash("Soviet–Japanese Joint Declaration signed"))]
    assert squash("19 October 1956") in head  # the cursor's date label
    assert squash("Other parties") in head  # a lane of the timeline
    assert squash("Normalisation talks open in London") in head  # a neighbour's label on it
    assert squash("Shape: category") not in head  # the timeline's legend is left out on a card
    assert squash("Soviet Union") in head and "Japan" in head  # the band's sides, named as on that date


def test_stances_say_since_set_by_and_before_that(ds, qapp):
    html = card_html(ds, ds.event("joint-declaration-1956"), True, 1.0)
    assert "since 19 October 1956, set by <i>Soviet–Japanese Joint Declaration signed</i>" in html
    assert "Before that (until 19 October 1956):" in html
    assert "cellpadding=" in html and "border-collapse:collapse" in html  # padded, single rules


def test_paper_links_read_as_text_and_the_mistake_is_boxed(ds, qapp):
    ev = next(e for e in ds.events if e.details().misconception and e.details().sources)
    html = card_html(ds, ev, True, 1.0)
    assert "A COMMON MISTAKE" in html and "border-left:" in html
    assert "text-decoration:none" in html
    url = next(s.url for s in ev.details().sources)
    assert f">{url}</a>" in html.replace("&amp;", "&")  # the address itself, printed and linked


def test_places_and_incoming_relations_are_on_the_card(ds, tmp_path):
    ev = ds.event("joint-declaration-1956")
    incoming = [o for o, _ in ds.incoming(ev.id)]
    assert incoming and ev.details().places
    out = tmp_path / "c.pdf"
    export_cards(ds, [ev], out, CardOptions("A4", 2))
    text = pdf_text(out, ds.title)
    assert squash("Places:") in text
    assert all(squash(o.title) in text for o in incoming)


def test_the_bundled_font_has_every_character_of_the_bundled_dataset(qapp):
    """Each Japanese character of the dataset is drawn by the bundled font (no fallback to
    whatever the system has, which on a bare machine is a missing-glyph box)."""
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    from explorer.qt_fonts import install_fonts
    from explorer.resources import bundled_dataset

    install_fonts(qapp)
    assert "Explorer Sans CJK" in QFontDatabase.families()
    text = "".join(p.read_text(encoding="utf-8") for p in bundled_dataset().rglob("*.toml"))
    cjk = sorted({ch for ch in text if 0x3000 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF})
    assert len(cjk) > 50
    for weight in (QFont.Weight.Normal, QFont.Weight.Bold):
        f = QFont("Explorer Sans CJK")
        f.setWeight(weight)
        raw = QRawFont.fromFont(f)
        assert raw.familyName() == "Explorer Sans CJK"
        # by code point: PySide converts a one-character str to QChar wrongly beyond Latin-1 here
        missing = [ch for ch in cjk if not raw.supportsCharacter(ord(ch))]
        assert missing == [], f"rebuild the font: packaging/fonts/subset_fonts.py (missing {''.join(missing)})"
