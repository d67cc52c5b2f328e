"""10,000 synthetic events keep working end to end (no timing assertions: see bench/)."""

import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings

from bench import make_dataset


def test_ten_thousand_events(qtbot, tmp_path):
    from explorer.core.loading import open_dataset as load
    from explorer.core.loading import open_dataset as load_cached
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    root = make_dataset.write(10_000, tmp_path / "big", per_file=1000, seed=7)
    r = load(root)
    assert r.dataset is not None and not r.errors, r.problems[:3]
    ds = r.dataset
    assert len(ds.events) == 10_000
    assert any(e.start < 0 for e in ds.events)  # BCE years
    assert any(e.is_interval for e in ds.events)
    assert {e.date.precision for e in ds.events} >= {"day", "month", "year", "decade"}
    assert any("ja" in e.names for e in ds.events) and any("ru" in e.names for e in ds.events)
    again = load_cached(root)
    assert [e.id for e in again.dataset.events] == [e.id for e in ds.events]

    make_app()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_dataset(root)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    lo, hi = ds.span()
    for span in (hi - lo, 365 * 30, 365, 30):  # whole range down to a month
        mid = ds.events[len(ds.events) // 2].start
        win.timeline.set_range(mid - span / 2, mid + span / 2)
        win.timeline.plot.grab()
    s = win.session
    win.search_bar.text.setText("treaty")
    qtbot.waitUntil(lambda: s.matches is not None, timeout=5000)
    assert 0 < len(s.matches) < len(ds.events)
    assert int(np.count_nonzero(~win.timeline.events.dimmed)) == len(s.matches)
    s.step_match(+1)
    assert s.selected in s.matches
    assert s.selected_event().title in win.detail.toPlainText()


def test_level_of_detail_at_every_zoom(qtbot, tmp_path):
    """Density when crowded, markers and labels when not, also with non-matches hidden;
    every drawn event can be hovered, and no label is placed outside the view."""
    from explorer.core.loading import open_dataset as load
    from explorer.ui.shell.app import make_app
    from explorer.ui.timeline.view import TimelineView

    make_app()
    ds = load(make_dataset.write(3000, tmp_path / "lod", per_file=1000, seed=3)).dataset
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1000, 420)
    view.set_dataset(ds)
    view.show()
    item = view.events
    mid = ds.events[len(ds.events) // 2].start
    lo, hi = ds.span()
    seen_density = seen_labels = False
    for hidden in (False, True):
        if hidden:  # hide every other event: crowded lanes are decided after filtering
            view.set_dimmed(np.arange(len(ds.events)) % 2 == 1)
            item.set_hide_dimmed(True)
        for span in (hi - lo, 365 * 200, 365 * 20, 365 * 2, 60, 10):
            view.set_range(mid - span / 2, mid + span / 2)
            view.plot.grab()
            assert not getattr(item, "_paint_failed", False)
            drawn = item.drawn()
            density = [h for h in drawn["hits"] if h[4] <= -2]
            events = [h for h in drawn["hits"] if h[4] >= 0]
            seen_density |= bool(density)
            seen_labels |= drawn["labels"] > 0
            left, right = drawn["view_px"]
            assert all(h[0] <= right for h in events)  # nothing placed right of the view
            if hidden:
                assert all(h[4] % 2 == 0 for h in events)  # hidden events are not drawn
    assert seen_density and seen_labels
