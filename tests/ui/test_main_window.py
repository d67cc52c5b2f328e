"""The main window with the real dataset (pytest-qt, offscreen)."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from explorer.core.dates import Date
from explorer.ui.shell.actions import Act


@pytest.fixture
def win(qtbot, bundled, tmp_path):
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    make_app()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    assert w.open_dataset(bundled)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


def day(text):
    return Date.parse(text).start


def column_text(win, party):
    return win.positions.columns[party].toPlainText().strip()


def test_selecting_updates_detail(win):
    win.select_id("instrument-of-surrender")
    text = win.detail.toPlainText()
    assert "Instrument of Surrender signed" in text
    assert "2 September 1945" in text and "exact day" in text
    assert "USS Missouri" in text and "降伏文書" in text
    assert win.timeline.cursor_day() == day("1945-09-02")


def test_scrub_soviet_stance_1956_to_1961(win):
    win.timeline.set_cursor(day("1958-01-01"))
    assert "after a peace treaty is signed (Article 9)" in column_text(win, "russia")
    assert column_text(win, "russia").startswith("Soviet Union")
    win.timeline.set_cursor(day("1960-06-01"))
    assert win.positions.last_changes == ["russia"] or "russia" in win.positions.last_changes
    assert "withdrawal of all foreign troops" in column_text(win, "russia")
    assert "Stance changed" in column_text(win, "russia")


def test_scrub_russia_2021_to_2023(win):
    win.timeline.set_cursor(day("2021-06-01"))
    assert "constitution forbids" in column_text(win, "russia").lower()
    assert column_text(win, "russia").startswith("Russian Federation")
    win.timeline.set_cursor(day("2023-01-01"))
    assert "unfriendly" in column_text(win, "russia")


def test_display_name_follows_date(win):
    for when, name in (("1900", "Russian Empire"), ("1960", "Soviet Union"), ("2020", "Russian Federation")):
        win.timeline.set_cursor(day(when))
        assert column_text(win, "russia").startswith(name)


def test_keyboard_navigation(win, qtbot):
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    assert win.dataset.events[win.selected].id == "treaty-of-shimoda"
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
    assert win.dataset.events[win.selected].id == "treaty-of-saint-petersburg"
    qtbot.keyClick(win.timeline, Qt.Key.Key_End)
    assert win.dataset.events[win.selected].id == "national-rally-2026"
    qtbot.keyClick(win.timeline, Qt.Key.Key_Left)
    assert win.dataset.events[win.selected].id == "takaichi-policy-speech-2025"
    before = win.timeline.cursor_day()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert win.timeline.cursor_day() > before
    lo, hi = win.timeline.visible_range()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Plus)
    lo2, hi2 = win.timeline.visible_range()
    assert hi2 - lo2 < hi - lo
    qtbot.keyClick(win.timeline, Qt.Key.Key_F)
    lo3, hi3 = win.timeline.visible_range()
    assert hi3 - lo3 > hi - lo


def test_zoom_changes_axis_units(win, qtbot):
    axis = win.timeline.axis
    win.timeline.set_range(day("1940"), day("1960"))
    qtbot.wait(10)
    win.timeline.axis.tickValues(*win.timeline.visible_range(), 1000)
    assert axis.current_unit[1] == "year"
    win.timeline.set_range(day("1945-06"), day("1945-12"))
    axis.tickValues(*win.timeline.visible_range(), 1000)
    assert axis.current_unit[1] == "month"
    assert "Sep 1945" in axis.labels_for_view(*win.timeline.visible_range())
    win.timeline.set_range(day("1945-08-25"), day("1945-09-08"))
    axis.tickValues(*win.timeline.visible_range(), 1000)
    assert axis.current_unit[1] == "day"
    assert "1 Sep 1945" in axis.labels_for_view(*win.timeline.visible_range())


def test_lane_modes_and_story(win):
    win.acts[Act.LANES_CATEGORY].trigger()
    assert [l.id for l in win.timeline.layout_.lanes][0] == "treaty"
    win.acts[Act.LANES_PARTY].trigger()
    assert [l.id for l in win.timeline.layout_.lanes][:2] == ["japan", "russia"]
    win.acts[Act.STORY].setChecked(True)
    assert win.dataset.events[win.selected].id == "treaty-of-shimoda"
    win.acts[Act.STORY_NEXT].trigger()
    assert win.dataset.events[win.selected].id == "treaty-of-saint-petersburg"
    assert "1875" in win.story_bar.narrative.text()


def test_related_link_selects(win):
    from PySide6.QtCore import QUrl

    win.select_id("joint-declaration-in-force")
    win.detail.anchorClicked.emit(QUrl("event:joint-declaration-1956"))
    assert win.dataset.events[win.selected].id == "joint-declaration-1956"
    win.detail.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert win.detail.opened_externally == []


def test_window_renders_non_blank(win, qtbot):
    win.select_id("san-francisco-treaty")
    qtbot.wait(50)
    img: QImage = win.grab().toImage()
    assert img.width() >= 1000
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
    assert len(colours) > 40  # timeline, eras, chips and text, not a blank window
    assert win.timeline.events._shown_labels > 12  # titles are drawn
    plain = win.detail.toPlainText() + column_text(win, "japan")
    assert "San Francisco" in plain


def test_settings_persist(qtbot, bundled, tmp_path):
    from explorer.ui.shell.main_window import MainWindow

    path = str(tmp_path / "s.ini")
    w = MainWindow(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.open_dataset(bundled)
    w.set_lane_mode("category")
    w.resize(900, 700)
    w.close()
    w2 = MainWindow(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(w2)
    assert w2.timeline.lane_mode == "category"
    assert w2.settings.value("last_dataset") == str(bundled)


def test_many_labels_do_not_crash(qtbot):
    """The PySide6 6.12.0 + pyqtgraph crash appeared once a few hundred TextItems existed."""
    import pyqtgraph as pg

    pw = pg.PlotWidget()
    qtbot.addWidget(pw)
    for i in range(600):
        t = pg.TextItem(f"label {i}")
        t.setPos(i, i % 7)
        pw.addItem(t)
    pw.show()
    qtbot.wait(20)
    for item in list(pw.getPlotItem().items):
        pw.removeItem(item)
    import gc

    gc.collect()
    assert True  # reaching here means the interpreter survived
