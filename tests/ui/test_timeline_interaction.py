"""The timeline as a reader uses it (#18, #17.1): cluster badges zoom, relations in words, the legend,
the stance band, labels of search matches, lane heights and the axis at fit-all."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from explorer.core.query import Filter
from explorer.ui.shell.actions import Act
from explorer.ui.timeline.date_ticks import unit_days
from tests.helpers import BUNDLED


def settle(win):
    QApplication.processEvents()
    win.timeline.plot.grab()
    return win.timeline.events.drawn()


def click(win, qtbot, x, y):
    vp = win.timeline.plot.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))


@pytest.fixture
def bundled(make_window):
    return make_window(path=BUNDLED, size=(1366, 768))


def test_a_cluster_badge_zooms_to_its_events(bundled, qtbot):
    s = bundled.session
    s.fit_all()
    badges = settle(bundled)["badges"]
    assert badges, "fit-all of the bundled dataset has crowded stretches"
    x0, y0, x1, y1, count, first, last = max(badges, key=lambda b: b[4])
    before = s.view
    click(bundled, qtbot, x0 + 8, (y0 + y1) / 2)
    lo, hi = s.view
    assert hi - lo < before[1] - before[0]
    assert lo <= first and last <= hi  # all its events in view, and more of them labelled than before
    labelled = {r[4] for r in settle(bundled)["label_rects"]}
    assert len(labelled) >= 3


def test_the_selected_event_shows_its_relations_in_words(win):
    win.session.select_id("war-1950", reveal=False)
    rects = settle(win)["label_rects"]
    tags = {win.dataset.events[r[4]].id: r[6] for r in rects if r[5] == 2}
    # read from the selected event: it repudiates the treaty, and is answered by the summit
    assert tags == {"treaty-1900": "repudiates", "talks-2000": "is answered by"}
    assert all("-" not in t for t in tags.values())  # words, not ids ("responds-to")
    win.session.select_id("treaty-1900", reveal=False)
    rects = settle(win)["label_rects"]
    assert {r[6] for r in rects if r[5] == 2} == {"is repudiated by"}


def test_hovering_an_event_names_it(win, qtbot):
    drawn = settle(win)
    x0, y0, x1, y1, ei = next(h for h in drawn["hits"] if h[4] >= 0)
    qtbot.mouseMove(win.timeline.plot.viewport(), QPoint(round((x0 + x1) / 2), round((y0 + y1) / 2)))
    qtbot.waitUntil(lambda: win.timeline.events.hovered == ei, timeout=2000)


def test_the_legend_is_shown_and_says_what_colour_and_shape_mean(win):
    legend = win.timeline.legend
    assert legend.isVisible() and win.acts[Act.SHOW_LEGEND].isChecked()
    texts = legend.texts()
    assert "Colour: party" in texts and "Shape: category" in texts
    assert {"North", "South", "Broker"} <= set(texts) and {"Treaty", "Talks"} <= set(texts)
    win.acts[Act.SHOW_LEGEND].trigger()
    assert not legend.isVisible()
    win.acts[Act.SHOW_LEGEND].trigger()
    assert legend.isVisible()


def test_party_and_category_colours_never_share_the_timeline(bundled):
    """Marks are coloured by party in both lane modes; category colours never appear on them."""
    for mode in ("party", "category"):
        bundled.session.set_lane_mode(mode)
        lay = bundled.timeline.layout_
        assert lay.color_by == "party"
        assert {k.id for k in lay.colors} <= set(bundled.dataset.parties)


def test_a_click_on_a_stance_moves_the_cursor_into_it_and_selects_its_event(win, qtbot):
    s = win.session
    s.fit_all()
    settle(win)
    band = win.timeline.band
    segments = band.drawn()
    assert {seg[4] for seg in segments} == {0, 1}  # a row per side
    x0, y0, x1, y1, side, first, last = next(seg for seg in segments if seg[5] == seg[6]
                                            and band.band.stance(seg[4], seg[5]).event == "war-1950")
    click(win, qtbot, (x0 + min(x1, x0 + 200)) / 2, (y0 + y1) / 2)
    assert band.band.starts[side][first] <= s.cursor < band.band.ends[side][first]
    assert s.selected_event().id == "war-1950"


def test_stance_tooltip_has_the_whole_stance(win):
    band = win.timeline.band
    settle(win)
    side = band.band.sides.index("north")
    i = band.band.at(side, win.dataset.event("war-1950").start + 10)
    piece = next(p for p in band.band.pieces(side, -1e9, 1e9, 1e-6) if p.first <= i <= p.last)
    tip = band.tooltip(side, piece, win.dataset.event("war-1950").start + 10)
    assert "The island was taken by force and must be returned." in tip and "Set by: Island war" in tip


def test_search_matches_keep_their_labels_in_both_themes(win):
    for mode in ("light", "dark"):
        win.set_appearance(mode)
        win.session.set_filter(Filter(query="summit"))
        rects = settle(win)["label_rects"]
        matches = set(win.session.matches)
        assert matches and matches <= {r[4] for r in rects}, mode
        assert {r[4] for r in rects} <= matches, mode  # non-matches give their room to the matches
        # the item repaints the whole view: no fragment of an old label can stay outside it
        item = win.timeline.events
        assert item.boundingRect().contains(item.viewRect())


def test_small_lanes_get_little_height(bundled):
    bundled.session.fit_all()
    lanes = settle(bundled)["lanes"]
    names = [lane.name for lane in bundled.timeline.layout_.lanes]
    height = {n: b - a for n, (a, b) in zip(names, lanes)}
    assert height["Other parties"] < height["Japan"] and height["Other parties"] < height["Russia"]


def test_the_axis_at_fit_all_on_1366_px(bundled):
    """Readable: a tick and a grid line every 10 years, a label every 20 (labels need their
    text and 16 px between them; decades are 34 px apart here)."""
    s = bundled.session
    s.fit_all()
    settle(bundled)
    axis = bundled.timeline.axis
    lo, hi = s.view
    width = axis.geometry().width()
    levels = axis.tickValues(lo, hi, width)
    assert levels[0][0] == pytest.approx(unit_days(("20 years", "year", 20)))
    assert levels[1][0] == pytest.approx(unit_days(("decades", "year", 10)))
    labels = axis.labels_for_view(lo, hi)
    assert {"1700", "1800", "1900", "1960", "2000"} <= set(labels)
    tag = axis.cursor_tag()  # the cursor opens on the last event, near the right edge: its date is whole
    bounds = axis.mapRectFromParent(axis.geometry())
    assert tag is not None and bounds.left() <= tag[0].left() and tag[0].right() <= bounds.right()


def test_the_whole_view_is_one_mark_per_event(bundled):
    bundled.session.set_view(*[bundled.dataset.event(i).start for i in ("neutrality-pact", "talks-suspended-2022")])
    marks = settle(bundled)
    shown = [h[4] for h in marks["hits"] if h[4] >= 0]
    lay = bundled.timeline.layout_
    cairo = bundled.dataset.index_of("cairo-declaration")
    if cairo in shown:  # drawn once; its other parties' ticks share its lane (all three are third parties)
        assert lay.primary[lay.rows_of(cairo)].sum() == 1
    labels = [r[4] for r in marks["label_rects"]]
    assert len(labels) == len(set(labels))


def test_labels_never_reach_past_the_view(win):
    drawn = settle(win)
    left, top, right, bottom = drawn["view_rect"]
    assert drawn["label_rects"]
    for r in drawn["label_rects"]:
        assert left - 0.5 <= r[0] and r[2] <= right + 0.5


def test_a_click_on_a_lane_name_collapses_it_and_another_opens_it(bundled, qtbot):
    from PySide6.QtCore import QPointF

    s, tl = bundled.session, bundled.timeline
    s.fit_all()
    drawn = settle(bundled)
    japan = [lane.id for lane in tl.layout_.lanes].index("japan")
    top, bottom = drawn["lanes"][japan]
    labels_before = sum(1 for r in drawn["label_rects"] if top <= r[1] < bottom)
    assert labels_before >= 3

    def click_name():
        plan_y = (tl.events.drawn()["lanes"][japan][0] + tl.events.drawn()["lanes"][japan][1]) / 2
        y = plan_y - tl.events.drawn()["view_rect"][1]  # the plot's y is in px from its top
        scene = tl.vb.mapViewToScene(QPointF(0, y))
        x = tl.lane_axis.mapToScene(tl.lane_axis.boundingRect().center()).x()
        pt = tl.plot.mapFromScene(QPointF(x, scene.y()))
        click(bundled, qtbot, pt.x(), pt.y())
        return settle(bundled)

    drawn = click_name()
    top, bottom = drawn["lanes"][japan]
    assert bottom - top < 20 and not [r for r in drawn["label_rects"] if top <= r[1] < bottom]
    drawn = click_name()
    top, bottom = drawn["lanes"][japan]
    assert sum(1 for r in drawn["label_rects"] if top <= r[1] < bottom) == labels_before
