"""Zoomed in to two weeks of a lane crowded with long periods (dozens of years and decades reaching
into the view): the lane uses the rows the plot has (a retry with one more row is kept only when it
shows more, never when it clusters more), and a badge whose events began before the view has its
text inside the view, not left of it."""

import pytest
from PySide6.QtWidgets import QApplication

from explorer.core.dates import parse_when
from explorer.core.loading import open_dataset
from explorer.ui.timeline.view import TimelineView
from tests.helpers import MINIMAL_HEAD

WORDS = "ferry commission note survey declaration customs draft archive cable delegation airport quota".split()


def _event(eid: str, date: str, party: str, k: int) -> str:
    title = " ".join(WORDS[(k + i) % len(WORDS)] for i in range(3 + k % 4)) + f" {k}"
    return (f'\n[[event]]\nid = "{eid}"\ndate = "{date}"\ntitle = "{title}"\nsummary = "S."\n'
            f'category = "treaty"\nparties = ["{party}"]\n  [[event.source]]\n  title = "A source"\n'
            f'  url = "https://example.org/{eid}"\n')


@pytest.fixture
def crowded(make_dataset):
    text = MINIMAL_HEAD
    for k in range(60):  # periods that began over four decades and all reach into January 1990
        text += _event(f"p{k}", f"{1950 + k % 40}-{1 + k % 12:02d}/1995-{1 + k % 12:02d}", "a" if k % 3 else "b", k)
    for k in range(12):
        text += _event(f"d{k}", f"1990-01-{3 + k:02d}", "a", k)
    return open_dataset(make_dataset({"dataset.toml": text})).dataset


def _day(text: str) -> float:
    return float(parse_when(text).start)


@pytest.mark.parametrize("size, badges", [((1400, 520), True), ((1100, 700), False)])
def test_a_crowded_lane_uses_its_rows_and_its_badges_stay_in_view(qtbot, crowded, size, badges):
    from explorer.ui.shell.app import make_app

    make_app()
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_dataset(crowded, "party")
    view.show()
    view.set_range(_day("1990-01-03"), _day("1990-01-17"))
    QApplication.processEvents()
    view.plot.grab()
    drawn = view.events.drawn()
    left, _top, right, _bottom = drawn["view_rect"]
    assert bool(drawn["badges"]) == badges  # (520 px: too few rows for every period; 700 px: room for all)
    for b in drawn["badges"]:
        assert b[0] >= left - 0.5, ("a badge's text left of the view", b, left)
    # the lanes take rows: dozens of periods and a dozen days are not all folded into one badge per lane
    labelled = {r[4] for r in drawn["label_rects"]}
    assert len(labelled) >= 8, len(labelled)
    used = sum(bottom - top for top, bottom in drawn["lanes"])
    assert used >= 0.5 * (drawn["view_rect"][3] - drawn["view_rect"][1]), drawn["lanes"]
