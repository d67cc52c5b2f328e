"""Every importable fixture opens in the window with its markers painted (#19.1: the plot was blank
for every imported dataset: no parties, zero lanes, y limits clamped)."""

from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from explorer.core.session import lane_modes
from explorer.interop import ImportError_, import_file, write_dataset

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "interop"
IMPORTABLE = sorted(p.name for p in FIX.iterdir() if p.suffix in (".json", ".csv", ".timeline")
                    and p.name not in ("old_format.timeline",))


@pytest.mark.parametrize("name", IMPORTABLE)
def test_an_imported_timeline_shows_its_markers(name, make_window, tmp_path, qtbot):
    try:
        out = write_dataset(import_file(FIX / name), tmp_path / "imported")
    except ImportError_ as e:
        pytest.fail(f"{name}: {e.problems}")
    win = make_window(out)
    ds = win.session.dataset
    assert win.session.lane_mode in lane_modes(ds)
    if not any(e.parties for e in ds.events):
        assert win.session.lane_mode == "category"  # no parties: lanes by category
    win.session.fit_all()
    win.timeline.plot.grab()  # paint
    drawn = win.timeline.events.drawn()
    painted = [h for h in drawn["hits"] if h[4] >= 0 or h[4] <= -2]
    assert painted, f"{name}: nothing painted"
    lo_y, hi_y = win.timeline.vb.viewRange()[1]
    assert hi_y - lo_y >= 0.9 * max(len(win.timeline.layout_.lanes), 1)  # not clamped to no lanes
    # the markers are really on screen: pixels of a lane's colour in the plot
    img = win.timeline.plot.grab().toImage()
    colours = {QColor(lane.color).name() for lane in win.timeline.layout_.lanes}
    seen = {img.pixelColor(x, y).name() for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)}
    assert colours & seen, f"{name}: no marker colour on screen"
