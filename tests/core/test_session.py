"""The session model: selection, cursor, view, story, filter and export scope, without Qt."""

import pytest

from explorer.core.loading import load_dataset
from explorer.core.query import Filter
from explorer.core.session import STORY_SPAN_DAYS, Session, fit_range, lane_modes
from tests.helpers import WINDOW_FIXTURE, Recorder, day


@pytest.fixture
def session():
    s = Session()
    s.set_dataset(load_dataset(WINDOW_FIXTURE), WINDOW_FIXTURE)
    return s


def ids(s):
    return s.selected_event().id if s.selected_event() else None


def test_a_new_dataset_opens_on_the_latest_positions_with_everything_in_view(session):
    ds = session.dataset
    assert session.selected == -1
    assert session.cursor == ds.span()[1] - 1
    lo, hi = session.view
    assert lo < ds.span()[0] and hi > ds.span()[1]
    assert session.lane_mode == "party"


def test_selection_steps_and_moves_the_cursor(session):
    cursor = Recorder(session.cursor_changed)
    selection = Recorder(session.selection_changed)
    session.select_first()
    assert ids(session) == "treaty-1900" and session.cursor == day("1900-05-01")
    session.step_selection(+1)
    assert ids(session) == "survey-1920"
    session.select_last()
    assert ids(session) == "talks-2010"
    session.step_selection(+1)  # stays on the last
    assert ids(session) == "talks-2010"
    assert selection.last == (session.selected,) and cursor.calls
    assert not session.select_id("no-such-event") and ids(session) == "talks-2010"


def test_stepping_from_the_cursor_when_nothing_is_selected(session):
    session.set_cursor(day("1955"))
    session.step_selection(+1)
    assert ids(session) == "broker-offer-1960"
    session.clear_selection()
    session.set_cursor(day("1955"))
    session.step_selection(-1)
    assert ids(session) == "war-1950"


def test_cursor_steps_by_a_share_of_the_view_and_stays_visible(session):
    session.set_view(day("1900"), day("2000"))
    session.set_cursor(day("1950"))
    session.step_cursor(+1)
    assert day("1951") < session.cursor < day("1952-06")
    session.jump_to(day("2010"))
    lo, hi = session.view
    assert lo <= day("2010") <= hi


def test_jumping_keeps_the_view_inside_the_data(session):
    session.set_view(day("1950"), day("1960"))
    session.jump_to(day("2010-06"))
    lo, hi = session.view
    assert hi <= fit_range(session.dataset)[1] + 1  # not decades of empty axis after the last event
    assert lo <= day("2010-06") <= hi


def test_zoom_to_selected_shows_its_neighbours(session):
    session.select_id("war-1950")
    session.zoom_to_selected()
    lo, hi = session.view
    assert lo <= day("1920") and hi >= day("1960")


def test_zoom_in_and_out_around_the_cursor(session):
    session.set_view(day("1900"), day("2000"))
    session.set_cursor(day("1950"))
    session.zoom(0.5)
    lo, hi = session.view
    assert hi - lo == pytest.approx((day("2000") - day("1900")) / 2)
    assert lo < day("1950") < hi
    session.fit_all()
    assert session.view == fit_range(session.dataset)


def test_story_selects_each_step_and_frames_it(session):
    story = Recorder(session.story_changed)
    session.start_story()
    assert session.story_step == 0 and ids(session) == "treaty-1900"
    lo, hi = session.view
    assert hi - lo == pytest.approx(STORY_SPAN_DAYS) and lo <= day("1900-05-01") <= hi
    session.next_step()
    assert ids(session) == "war-1950"
    session.next_step()
    session.next_step()  # stays on the last step
    assert session.story_step == 2 and ids(session) == "talks-2000"
    session.previous_step()
    assert session.story_step == 1
    session.stop_story()
    assert session.story_step == -1 and story.last == (-1,)
    session.next_step()  # not in story mode: nothing happens
    assert session.story_step == -1


def test_filter_matches_and_steps_through_them(session):
    got = Recorder(session.filter_changed)
    session.set_filter(Filter(query="summit"))
    assert [session.dataset.events[i].id for i in session.matches] == ["talks-2000", "talks-2010"]
    assert got.last[1] == session.matches
    session.step_match(+1)
    assert ids(session) == "talks-2000" and session.match_position() == 1
    session.step_match(+1)
    assert ids(session) == "talks-2010" and session.match_position() == 2
    session.step_match(+1)  # wraps around
    assert ids(session) == "talks-2000"
    session.set_filter(Filter(query="岩島条約"))  # names in other scripts are searched
    assert [session.dataset.events[i].id for i in session.matches] == ["treaty-1900"]
    session.set_filter(Filter())
    assert session.matches is None and got.last == (Filter(), None)


def test_export_scope(session):
    assert session.export_scope("selected") == []
    session.select_id("war-1950")
    assert [e.id for e in session.export_scope("selected")] == ["war-1950"]
    session.set_view(day("1940"), day("1965"))
    assert [e.id for e in session.export_scope("view")] == ["war-1950", "broker-offer-1960"]
    assert session.export_scope("matching") == []
    session.set_filter(Filter(categories=frozenset({"treaty"})))
    assert [e.id for e in session.export_scope("matching")] == ["treaty-1900"]
    assert len(session.export_scope("all")) == 6
    with pytest.raises(ValueError):
        session.export_scope("everything")


def test_lane_mode_falls_back_where_the_dataset_has_no_parties(session, make_dataset):
    from tests.helpers import MINIMAL_HEAD, event

    root = make_dataset({"dataset.toml": MINIMAL_HEAD.replace('[dataset]', '[dataset]') + "\n"
                         + event("e1", "2000").replace('parties = ["a", "b"]', "parties = []")})
    ds = load_dataset(root)
    assert lane_modes(ds) == ["category"]
    session.set_lane_mode("party")
    session.set_dataset(ds, root)
    assert session.lane_mode == "category" and session.preferred_lane_mode == "party"
    session.set_dataset(load_dataset(WINDOW_FIXTURE), WINDOW_FIXTURE)
    assert session.lane_mode == "party"


def test_reload_keeps_selection_cursor_and_view(session):
    session.select_id("war-1950")
    session.set_view(day("1940"), day("1970"))
    session.set_cursor(day("1955"))
    session.set_dataset(load_dataset(WINDOW_FIXTURE), WINDOW_FIXTURE, keep_view=True)
    assert ids(session) == "war-1950" and session.cursor == day("1955")
    assert session.view == (day("1940"), day("1970"))


def test_pin_for_compare(session):
    pins = Recorder(session.pin_changed)
    session.set_cursor(day("1920"))
    session.pin()
    assert session.pinned == day("1920") and pins.last == (day("1920"),)
    session.unpin()
    assert session.pinned is None and pins.last == (None,)
