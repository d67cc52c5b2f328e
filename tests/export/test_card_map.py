"""A small map on each printed card (#21.4): on by default when the dataset has a map, drawn
for the card's date, with a key on the smaller layouts; `--no-map` and datasets without
regions leave it out."""

import pypdf
import pytest

from explorer.commands import main
from explorer.core.dates import days_from_civil
from explorer.core.loading import load_dataset
from explorer.export.cards import CardOptions, export_cards
from explorer.export.map_key import key_rows
from explorer.ui.map.snapshot import card_map_hook
from tests.helpers import BUNDLED, WINDOW_FIXTURE

IDS = ["treaty-of-shimoda", "treaty-of-saint-petersburg", "kuril-landing"]


@pytest.fixture(scope="module")
def ds(qapp):
    return load_dataset(BUNDLED)


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def recording_hook(ds, calls):
    real = card_map_hook(ds)

    def hook(p, rect, day, highlight, legend):
        calls.append((day, rect.width(), rect.height(), legend))
        return real(p, rect, day, highlight, legend)

    return hook


@pytest.mark.parametrize("per_page", [1, 2, 4])
def test_each_card_gets_the_map_on_its_own_date(ds, tmp_path, per_page):
    events = [ds.event(i) for i in IDS]
    calls = []
    export_cards(ds, events, tmp_path / "c.pdf", CardOptions("A4", per_page), map_hook=recording_hook(ds, calls))
    assert [c[0] for c in calls] == [e.start for e in events]
    assert all(c[3] == (per_page == 1) for c in calls)  # its own legend one a page; a key beside it otherwise
    mm = 96 / 25.4
    assert all(25 * mm < c[1] < 70 * mm and 20 * mm < c[2] < 70 * mm for c in calls), calls
    if per_page > 1:  # the box the text flows around: the map as wide as asked (not its frame, margin included)
        from explorer.export.cards import SMALL_MAP_W

        assert all(c[1] <= SMALL_MAP_W + 1e-6 and abs(c[2] - 0.95 * c[1]) < 1e-6 for c in calls), calls
    text = text_of(tmp_path / "c.pdf")
    if per_page == 1:  # the map's legend: its date and what the fills mean
        assert "boundary line in force" in text and "claims (hatched, outlined)" in text
    else:
        assert "Map: 7 February 1855" in text and "Map: 7 May 1875" in text
        assert "hatched: claimed" in text


def test_no_map_option_and_no_hook_leave_it_out(ds, tmp_path):
    events = [ds.event(i) for i in IDS]
    calls = []
    for per_page in (1, 2):
        export_cards(ds, events, tmp_path / "c.pdf", CardOptions("A4", per_page, map=False),
                     map_hook=recording_hook(ds, calls))
        text = text_of(tmp_path / "c.pdf")
        assert "Map: " not in text and "boundary line in force" not in text
    assert calls == []


def test_a_dataset_without_regions_prints_no_map(tmp_path, qapp):
    small = load_dataset(WINDOW_FIXTURE)
    assert small.geo is None
    calls = []
    hook = card_map_hook(small)
    assert hook is None
    export_cards(small, small.events[:2], tmp_path / "c.pdf", CardOptions("A4", 2),
                 map_hook=lambda *a: calls.append(a) or True)
    assert calls == [] and "Map: " not in text_of(tmp_path / "c.pdf")


def test_the_key_names_the_parties_on_the_map_that_day(ds):
    def names(y, m, d):
        return [text for _kind, _pid, text in key_rows(ds, days_from_civil(y, m, d))]

    # 1855: the shogunate and the Russian Empire; Sakhalin claimed by both, held by neither
    assert names(1855, 3, 1) == ["Tokugawa shogunate", "Russian Empire", "hatched: claimed"]
    # 1946: the Soviet Union holds the whole chain and Sakhalin, Japan Hokkaido
    got = names(1946, 6, 1)
    assert set(got[:2]) == {"Soviet Union", "Empire of Japan"}
    # today: Japan claims the four islands Russia administers
    assert "hatched: claimed" in names(2023, 1, 1) and "Russia" in " ".join(names(2023, 1, 1))


def test_cli_no_map(tmp_path, capsys):
    with_map, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    assert main(["export-cards", str(BUNDLED), "-o", str(with_map), "--ids", ",".join(IDS), "--per-page", "2"]) == 0
    assert main(["export-cards", str(BUNDLED), "-o", str(without), "--ids", ",".join(IDS), "--per-page", "2",
                 "--no-map"]) == 0
    assert "Map: 7 May 1875" in text_of(with_map)
    assert "Map: " not in text_of(without)


class _Doc:
    def __init__(self, h):
        self.h = h

    def size(self):
        from PySide6.QtCore import QSizeF

        return QSizeF(100, self.h)


@pytest.mark.parametrize("avail", [500, 800, 870, 950, 1200, 2000])
@pytest.mark.parametrize("shape", ["square", "linear", "steps"])
def test_type_size_search_finds_a_fitting_size_in_few_layouts(avail, shape):
    """The fitting search (cards._fit) returns a size whose text fits, at most one grid step
    below the largest that does, after at most four layouts (it used to step down one by one)."""
    from explorer.export.cards import SCALE_STEP, CardWriter

    def height(s):
        if shape == "square":
            return 600 * s * s + 40
        if shape == "linear":
            return 700 * s + 100
        return 650 * s + 30 * round(s * 10)  # jumps where lines wrap

    calls = []

    def at(s):
        calls.append(s)
        return _Doc(height(s))

    largest, smallest = 1.35, 0.92
    scale, doc = CardWriter._fit(at, avail, largest, smallest)
    grid = [round(largest - k * SCALE_STEP, 4) for k in range(11)] + [smallest]
    fitting = [s for s in grid if height(s) <= avail]
    if not fitting:
        assert doc is None and scale == smallest
    else:
        assert doc is not None and height(scale) <= avail
        assert scale >= max(fitting) - SCALE_STEP - 1e-9
    assert len(calls) <= 4, calls


def test_the_export_dialog_offers_the_map_only_with_one(ds, qtbot):
    from explorer.ui.dialogs.export_dialog import ExportDialog

    for data, has_map in ((ds, True), (load_dataset(WINDOW_FIXTURE), False)):
        scopes = {"selected": data.events[:1], "view": data.events, "matching": [], "all": data.events}
        dlg = ExportDialog(data, scopes, False)
        qtbot.addWidget(dlg)
        assert dlg.map.isEnabled() is has_map and dlg.map.isChecked() is has_map
        assert dlg.options().map is has_map
        if has_map:
            dlg.map.setChecked(False)
            assert dlg.options().map is False


@pytest.mark.parametrize("per_page", [2, 4])
def test_text_flowing_around_the_map_loses_nothing(ds, tmp_path, per_page):
    """With the map in a box at the top right of two or four cards a page, every piece of each
    card's text is still in the PDF (the text flows around the box, and continues in the next slot)."""
    from tests.export.printed_text import card_fragments, missing, pdf_text

    events = [ds.event(i) for i in IDS] + [ds.event("joint-declaration-1956")]
    out = tmp_path / "c.pdf"
    export_cards(ds, events, out, CardOptions("A4", per_page), map_hook=card_map_hook(ds))
    text = pdf_text(out, ds.title)
    assert {e.id: m for e in events if (m := missing(card_fragments(ds, e), text))} == {}
