"""The lane layout (core/layout.py): one mark per event, ticks for its other parties, colour and shape."""

import numpy as np

from explorer.core.layout import NO_PARTY, OTHER_SHAPE, OTHERS, TimelineLayout
from explorer.core.loading import open_dataset
from tests.helpers import BUNDLED, MINIMAL_HEAD, WINDOW_FIXTURE, event, parse_path


def load(path):
    r = open_dataset(path)
    assert r.dataset is not None, r.problems
    return r.dataset


def test_every_event_has_exactly_one_mark_in_the_lane_of_its_first_party():
    ds = load(BUNDLED)
    lay = TimelineLayout(ds, "party")
    marks = lay.event_index[lay.primary]
    assert sorted(marks.tolist()) == list(range(len(ds.events)))
    lane_ids = [lane.id for lane in lay.lanes]
    for i, e in enumerate(ds.events):
        lane = lay.lanes[lay.lane_of_event(i)].id
        first = e.parties[0]
        assert lane == (first if first in lane_ids else OTHERS)


def test_other_parties_get_ticks_not_marks():
    ds = load(BUNDLED)
    lay = TimelineLayout(ds, "party")
    i = ds.index_of("san-francisco-treaty")
    rows = lay.rows_of(i)
    assert lay.primary[rows].sum() == 1
    ticked = {lay.lanes[lay.lane[r]].id for r in rows if not lay.primary[r]}
    # Japan's mark; ticks for Russia and one for the other parties (Allies, US, UK share their lane)
    assert lay.lanes[lay.lane_of_event(i)].id == "japan" and ticked == {"russia", OTHERS}


def test_the_sides_have_lanes_and_the_other_parties_share_one():
    ds = load(BUNDLED)
    lay = TimelineLayout(ds, "party")
    ids = [lane.id for lane in lay.lanes]
    assert ids[:len(ds.sides)] == ds.sides and ids[len(ds.sides):] == [OTHERS]
    # one non-side party keeps its own lane (the window fixture's broker)
    fixture = TimelineLayout(load(WINDOW_FIXTURE), "party")
    assert [lane.id for lane in fixture.lanes] == ["north", "south", "broker"]


def test_colour_is_the_first_party_and_shape_the_category_in_both_modes():
    ds = load(BUNDLED)
    for mode in ("party", "category"):
        lay = TimelineLayout(ds, mode)
        assert lay.color_by == "party"
        colors = [k.id for k in lay.colors]
        for r in range(0, len(lay.event_index), 7):
            e = ds.events[lay.event_index[r]]
            assert colors[lay.color[r]] == e.parties[0]
            assert lay.shapes[[k.id for k in lay.shapes].index(e.category)].shape == lay.shape[r]
    # the plainest shapes for the most frequent categories
    counts = [sum(e.category == k.id for e in ds.events) for k in TimelineLayout(ds).shapes]
    assert counts == sorted(counts, reverse=True)
    assert TimelineLayout(ds).shapes[0].shape == 0


def test_category_lanes_hold_each_event_once():
    ds = load(BUNDLED)
    lay = TimelineLayout(ds, "category")
    assert lay.primary.all() and sorted(lay.event_index.tolist()) == list(range(len(ds.events)))


def test_events_without_parties_keep_a_lane_and_a_neutral_colour(tmp_path):
    text = MINIMAL_HEAD + event("e1") + event("e2", "2001-01-01").replace('parties = ["a", "b"]', "parties = []")
    (tmp_path / "dataset.toml").write_text(text, encoding="utf-8")
    ds = parse_path(tmp_path).dataset
    lay = TimelineLayout(ds, "party")
    assert [lane.id for lane in lay.lanes] == ["a", "b", NO_PARTY]
    assert lay.lanes[lay.lane_of_event(ds.index_of("e2"))].id == NO_PARTY


def test_more_categories_than_shapes_share_the_last_one(tmp_path):
    cats = "".join(f'\n[[category]]\nid = "c{k}"\nname = "C{k}"\ncolor = "#333333"\n' for k in range(14))
    evs = "".join(event(f"e{k}").replace('category = "treaty"', f'category = "c{k}"') for k in range(14))
    (tmp_path / "dataset.toml").write_text(MINIMAL_HEAD + cats + evs, encoding="utf-8")
    lay = TimelineLayout(parse_path(tmp_path).dataset)
    assert max(k.shape for k in lay.shapes) == OTHER_SHAPE
    assert np.all(lay.shape <= OTHER_SHAPE)


def test_visible_rows_and_marks_count():
    ds = load(BUNDLED)
    lay = TimelineLayout(ds, "party")
    a, b = lay.visible(0, ds.event("neutrality-pact").start, ds.event("talks-suspended-2022").start)
    assert b > a and lay.marks_between(a, b) == int(lay.primary[a:b].sum())
