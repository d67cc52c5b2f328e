"""Issue #18, done when: the bundled dataset laid out at three window sizes, four zooms and both
lane modes has no two labels overlapping, none cut by the view's edges, the selected event
labelled, and the cursor's date tag whole."""

import pytest
from PySide6.QtWidgets import QApplication

from explorer.core.dates import parse_when
from tests.helpers import BUNDLED

SIZES = [(1920, 1080), (1366, 768), (1024, 700)]
ZOOMS = [None, ("1940", "1960"), ("1955", "1957"), ("2015", "2023")]
MODES = ["party", "category"]


def overlap(a, b, tol=0.5):
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


def check_frame(win, where):
    tl = win.timeline
    QApplication.processEvents()  # the window's layout settles (legend height) before the picture
    tl.plot.grab()
    drawn = tl.events.drawn()
    left, top, right, bottom = drawn["view_rect"]
    boxes = [r[:4] for r in drawn["label_rects"]] + [b[:4] for b in drawn["badges"]]
    assert drawn["label_rects"], where
    for i, a in enumerate(boxes):
        assert left - 0.5 <= a[0] and a[2] <= right + 0.5 and top - 0.5 <= a[1] and a[3] <= bottom + 0.5, \
            (where, a, drawn["view_rect"])
        for b in boxes[i + 1:]:
            assert not overlap(a, b), (where, a, b)
    labelled = [r[4] for r in drawn["label_rects"]]
    assert len(labelled) == len(set(labelled)), where  # one mark per event: never labelled twice
    sel = win.session.selected
    assert any(r[4] == sel and r[5] == 1 for r in drawn["label_rects"]), (where, win.session.selected_event().id)
    # the lanes stay inside the plot, above the stance band
    lanes = drawn["lanes"]
    assert lanes and lanes[-1][1] <= bottom + 0.5, where
    tag = tl.axis.cursor_tag()
    if tag is not None:
        rect = tag[0]
        bounds = tl.axis.mapRectFromParent(tl.axis.geometry())
        assert bounds.left() - 0.5 <= rect.left() and rect.right() <= bounds.right() + 0.5, where


def in_view(win):
    """The event nearest the middle of the view (the bundled data is not hard-coded)."""
    lo, hi = win.session.view
    mid = (lo + hi) / 2
    events = [e for e in win.dataset.events if lo + (hi - lo) * 0.1 <= e.start <= hi - (hi - lo) * 0.1]
    return min(events, key=lambda e: abs(e.start - mid)).id


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_labels_never_overlap_or_get_cut_and_the_selected_event_is_labelled(make_window, size):
    win = make_window(path=BUNDLED, size=size)
    s = win.session
    for mode in MODES:
        s.set_lane_mode(mode)
        for zoom in ZOOMS:
            if zoom is None:
                s.fit_all()
            else:
                s.set_view(parse_when(zoom[0]).start, parse_when(zoom[1]).end)
            picks = [in_view(win)]
            if zoom is None:
                picks.append("joint-declaration-1956")
            for pick in picks:
                assert s.select_id(pick, reveal=False)
                check_frame(win, (size, mode, zoom, pick))
            s.clear_selection()
