"""The main window as an adapter of the session: widgets follow it, actions drive it (offscreen)."""

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QImage

from explorer.core.query import Filter
from explorer.ui.shell.actions import Act
from tests.helpers import WINDOW_FIXTURE, day


def column_text(win, party):
    return win.positions.columns[party].toPlainText().strip()


def selected_id(win):
    ev = win.session.selected_event()
    return ev.id if ev else None


def test_selecting_updates_the_detail_pane_and_the_cursor(win):
    win.session.select_id("treaty-1900")
    text = win.detail.toPlainText()
    assert "Treaty of Rock Island" in text and "1 May 1900" in text and "exact day" in text
    assert "岩島条約" in text and "Rock Island" in text
    assert win.timeline.cursor_day() == day("1900-05-01")
    assert win.timeline.events.selected == win.session.selected


def test_nothing_selected_shows_the_question_and_a_way_into_the_story(win, qtbot):
    text = win.detail.toPlainText()
    assert "Why do North and South still disagree about the island?" in text and "Start the story" in text
    win.detail.anchorClicked.emit(QUrl("story:start"))
    assert win.session.story_step == 0 and win.story_bar.isVisible()


def test_positions_follow_the_cursor_and_tell_the_previous_stance_from_history(win):
    win.timeline.set_cursor(day("1960-01-01"))  # as if dragged
    assert win.session.cursor == day("1960-01-01")
    south = column_text(win, "south")
    assert "The island is South's after the war." in south
    assert "since 1 July 1950, set by Island war" in south
    assert "Before that (until 1 July 1950):" in south and "South accepts the 1900 treaty." in south
    win.session.set_cursor(day("2020-01-01"))  # a jump elsewhere first: "before that" does not depend on it
    win.session.set_cursor(day("1960-01-01"))
    assert "South accepts the 1900 treaty." in column_text(win, "south")


def test_scrubbing_across_a_change_tints_it_without_moving_anything(win):
    win.session.set_view(day("1940"), day("1960"))
    win.session.set_cursor(day("1950-05-20"))
    win.positions.settle()
    before = column_text(win, "north")
    win.session.step_cursor(+1)  # Shift+→: about four months, across 1 July 1950
    assert "north" in win.positions.highlighted and "changed here" in column_text(win, "north")
    win.positions.settle()
    assert not win.positions.highlighted and "changed here" not in column_text(win, "north")
    assert before != column_text(win, "north")


def test_a_picture_right_after_a_jump_is_the_settled_one(win, qtbot):
    win.session.set_cursor(day("2005"))
    win.session.jump_to(day("1920"))  # across two changes of South's stance: a jump, not a scrub
    qtbot.wait(1)
    first = win.grab().toImage()
    win.positions.settle()  # what the panel looks like once any highlight is over
    qtbot.wait(1)
    assert not win.positions.highlighted
    assert first == win.grab().toImage()


def test_display_name_follows_the_date(win):
    win.session.set_cursor(day("1940"))
    assert column_text(win, "north").startswith("Northern Kingdom")
    win.session.set_cursor(day("1960"))
    assert column_text(win, "north").startswith("North")


def test_compare_two_dates(win):
    win.session.set_cursor(day("1920"))
    win.acts[Act.PIN_DATE].trigger()
    win.session.set_cursor(day("2005"))
    text = column_text(win, "south")
    assert "South accepts the 1900 treaty." in text and "only as a border question" in text
    assert "Changes in between" in text and "Reasons added" in text
    assert win.positions.heading.text().startswith("Comparing 1 January 1920 with 1 January 2005")
    win.acts[Act.PIN_DATE].trigger()
    assert win.session.pinned is None and "Comparing" not in win.positions.heading.text()


def test_history_lists_every_stance_and_a_click_moves_the_cursor(win):
    win.session.set_cursor(day("1960"))
    text = win.positions.history.toPlainText()
    assert text.count("(in force at the cursor)") == 2
    assert text.index("South accepts the 1900 treaty.") < text.index("only as a border question")
    win.positions.history.anchorClicked.emit(QUrl(f"day:{day('2000-03-01')}"))
    assert win.session.cursor == day("2000-03-01") and win.positions.tabs.currentIndex() == 0


def test_lane_modes(win):
    win.acts[Act.LANES_CATEGORY].trigger()
    assert [lane.id for lane in win.timeline.layout_.lanes] == ["treaty", "talks"]
    win.acts[Act.LANES_PARTY].trigger()
    assert [lane.id for lane in win.timeline.layout_.lanes][:2] == ["north", "south"]


def test_story_bar_and_escape(win, qtbot):
    win.acts[Act.STORY].trigger()
    assert selected_id(win) == "treaty-1900" and win.story_bar.isVisible()
    assert "gives the island to North" in win.story_bar.narrative.text()
    win.acts[Act.STORY_NEXT].trigger()
    assert selected_id(win) == "war-1950"
    assert win.story_bar.narrative.text() == "South takes the island in a war & keeps it."  # plain, not escaped
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Escape)
    assert win.session.story_step == -1 and not win.story_bar.isVisible()
    assert not win.acts[Act.STORY].isChecked()


def test_related_link_selects_and_other_schemes_do_nothing(win):
    win.session.select_id("talks-2000")
    assert "responds to" in win.detail.toPlainText()
    win.detail.anchorClicked.emit(QUrl("event:war-1950"))
    assert selected_id(win) == "war-1950"
    assert "is answered by" in win.detail.toPlainText() and "A common mistake" in win.detail.toPlainText()
    win.detail.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert win.detail.opened_externally == [] and selected_id(win) == "war-1950"


def test_search_marks_words_and_counts_the_match(win):
    win.session.set_filter(Filter(query="summit"))
    assert win.search_bar.text.text() == "summit"
    assert win.search_bar.count.text() == "2 of 6 match"
    win.session.step_match(+1)
    assert win.search_bar.count.text() == "match 1 of 2"
    assert f"background-color:{win.theme.mark_bg}" in win.detail.toHtml()  # the word is marked


def test_window_renders_non_blank(win, qtbot):
    win.session.select_id("talks-2000")
    qtbot.wait(50)
    img: QImage = win.grab().toImage()
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
    assert len(colours) > 30  # timeline, eras, chips and text, not a blank window
    assert win.timeline.events.label_count() >= 5


def test_settings_persist(make_window):
    w = make_window(size=(900, 700))
    w.session.set_lane_mode("category")
    w.close()
    w2 = make_window(path=None)
    assert w2.session.preferred_lane_mode == "category"
    assert w2.settings.value("last_dataset") == str(WINDOW_FIXTURE)
