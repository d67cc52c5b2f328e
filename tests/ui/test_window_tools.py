"""Search and filters, opening and reloading datasets, Problems panel, appearance,
keyboard access (pytest-qt, offscreen)."""


import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from tests.helpers import MINIMAL_HEAD, POSITIONS, WINDOW_FIXTURE, day, event
from explorer.ui.shell.actions import Act


@pytest.fixture
def make_win(make_window):
    def make(path=None, settings_name="settings.ini"):
        return make_window(path, settings_file=settings_name)
    return make


def search(win, qtbot, text):
    win.search_bar.text.setText(text)
    qtbot.waitUntil(lambda: win.session.filter.query == text, timeout=2000)


def dimmed_ids(win):
    d = win.timeline.events.dimmed
    return {e.id for e, off in zip(win.dataset.events, d) if off}


def ids_of(win, indexes):
    return [win.dataset.events[i].id for i in indexes]


def test_search_dims_non_matches_and_counts(win, qtbot):
    win.acts[Act.FIND].trigger()
    assert QApplication.focusWidget() is win.search_bar.text
    search(win, qtbot, "island")
    matches = ids_of(win, win.session.matches)
    assert "treaty-1900" in matches and "survey-1920" in matches
    search(win, qtbot, "summit")
    assert ids_of(win, win.session.matches) == ["talks-2000", "talks-2010"]
    assert "treaty-1900" in dimmed_ids(win) and "talks-2000" not in dimmed_ids(win)
    assert win.search_bar.count.text() == "2 of 6 match"
    search(win, qtbot, "岩島条約")  # names in Japanese
    assert ids_of(win, win.session.matches) == ["treaty-1900"]
    search(win, qtbot, "Скалистый")  # a place's Russian name finds the events there
    assert ids_of(win, win.session.matches) == ["treaty-1900", "war-1950"]
    search(win, qtbot, "zzzz-no-such-thing")
    assert win.session.matches == [] and win.search_bar.count.text() == "No matches"
    win.search_bar.clear()
    assert win.session.matches is None and win.timeline.events.dimmed is None
    assert win.search_bar.count.text() == "6 events"


def test_enter_steps_through_matches(win, qtbot):
    search(win, qtbot, "summit")
    m = win.session.matches
    win.session.clear_selection()
    win.session.set_cursor(win.dataset.events[0].start - 10)
    win.search_bar.text.setFocus()
    qtbot.keyClick(win.search_bar.text, Qt.Key.Key_Return)
    assert win.session.selected == m[0]
    qtbot.keyClick(win.search_bar.text, Qt.Key.Key_Return)
    assert win.session.selected == m[1]
    qtbot.keyClick(win.search_bar.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert win.session.selected == m[0]
    qtbot.keyClick(win.search_bar.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert win.session.selected == m[-1]  # wraps around
    win.acts[Act.FIND_NEXT].trigger()
    assert win.session.selected == m[0]


def test_filters_combine(win, qtbot):
    bar = win.search_bar
    bar.category.setCurrentIndex(bar.category.findData("talks"))
    talks = set(win.session.matches)
    assert talks and all(win.dataset.events[i].category == "talks" for i in talks)
    bar.party.setCurrentIndex(bar.party.findData("broker"))
    both = set(win.session.matches)
    assert ids_of(win, sorted(both)) == ["broker-offer-1960"]
    search(win, qtbot, "summit")
    assert win.session.matches == []
    bar.clear()
    bar.hide_others.setChecked(True)
    assert win.timeline.events.hide_dimmed


def test_export_scope_offers_matching_events(win, qtbot):
    from explorer.ui.dialogs.export_dialog import ExportDialog

    search(win, qtbot, "summit")
    s = win.session
    dlg = ExportDialog(win.dataset, {k: s.export_scope(k) for k in ("selected", "view", "matching", "all")}, True, win)
    qtbot.addWidget(dlg)
    assert dlg.scope_matching.isChecked() and not dlg.scope_selected.isEnabled()
    assert [e.id for e in dlg.chosen_events()] == ["talks-2000", "talks-2010"]


def test_opening_second_dataset_replaces_first(win, mini, qtbot):
    from explorer.ui.shell.file_actions import recent

    win.session.select_id("war-1950")
    search(win, qtbot, "summit")
    assert win.open_dataset(mini)
    assert win.dataset.title == "Mini" and win.windowTitle().startswith("Mini")
    assert [e.id for e in win.dataset.events] == ["e1", "e2", "e3"]
    assert win.session.selected == -1
    assert len(win.positions.columns) == 2
    assert win.search_bar.party.findData("broker") < 0  # filter lists follow the data
    assert win.timeline.layout_.dataset is win.dataset
    assert str(mini.resolve()) == recent(win.settings)[0]


def test_drop_folder_opens_it(win, mini):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(mini))])
    ev = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier)
    win.dropEvent(ev)
    assert win.dataset.title == "Mini"


def write_mini(root, second_event_extra=""):
    (root / "events").mkdir(parents=True, exist_ok=True)
    (root / "dataset.toml").write_text(MINIMAL_HEAD + POSITIONS, encoding="utf-8")
    (root / "events" / "a.toml").write_text(
        event("e1", "1995-05-05") + event("e2", "2001", second_event_extra) + event("e3", "2010-03"),
        encoding="utf-8")


def test_reload_with_broken_file_keeps_last_good_data(make_win, tmp_path, qtbot):
    root = tmp_path / "live"
    write_mini(root)
    win = make_win(root)
    win.session.select_id("e2")
    view = win.timeline.visible_range()
    cursor = win.timeline.cursor_day()
    good = win.dataset
    # an edit breaks the file: wrong type on the title of e2 (line 20 of events/a.toml)
    text = (root / "events" / "a.toml").read_text(encoding="utf-8")
    (root / "events" / "a.toml").write_text(text.replace('title = "Event e2"', "title = 42"), encoding="utf-8")
    qtbot.waitUntil(lambda: bool(win.problems_dock.problems), timeout=5000)  # file watching
    assert win.dataset is good  # last good data stays
    assert win.problems_dock.isVisible()
    item = win.problems_dock.list.topLevelItem(0)
    assert item.text(0) == "error"
    line = text.splitlines().index('title = "Event e2"') + 1
    assert item.text(1).startswith(f"events/a.toml:{line}:")
    assert "title" in item.text(2)
    assert "last good version" in win.problems_dock.summary.text()
    # fixing the file clears the problem and keeps view, selection and cursor
    (root / "events" / "a.toml").write_text(text.replace('title = "Event e2"', 'title = "Event two"'), encoding="utf-8")
    qtbot.waitUntil(lambda: win.dataset is not good, timeout=5000)
    assert win.problems_dock.problems == []
    assert not win.problems_dock.isVisible()
    assert win.dataset.event("e2").title == "Event two"
    assert win.session.selected_event().id == "e2"
    assert win.timeline.cursor_day() == pytest.approx(cursor)
    assert win.timeline.visible_range() == pytest.approx(view)


def test_live_reload_sees_new_files_and_can_be_switched_off(make_win, tmp_path, qtbot):
    root = tmp_path / "live2"
    write_mini(root)
    win = make_win(root)
    (root / "events" / "b.toml").write_text(event("e4", "2020-01-01"), encoding="utf-8")
    qtbot.waitUntil(lambda: win.dataset.event("e4") is not None, timeout=5000)
    win.acts[Act.LIVE_RELOAD].setChecked(False)
    fired = []
    win.watcher.changed.connect(lambda: fired.append(True))
    (root / "events" / "c.toml").write_text(event("e5", "2021-01-01"), encoding="utf-8")
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)  # the watcher saw it; live reload is off
    assert win.dataset.event("e5") is None
    win.acts[Act.RELOAD].trigger()
    assert win.dataset.event("e5") is not None


def test_opening_broken_dataset_lists_problems_and_keeps_data(win, make_dataset):
    bad = make_dataset({"dataset.toml": MINIMAL_HEAD + "[[event]\n"})
    good = win.dataset
    assert not win.open_dataset(bad)
    assert win.dataset is good
    assert win.problems_dock.isVisible()
    assert win.problems_dock.list.topLevelItem(0).text(1).startswith("dataset.toml:")


def test_settings_survive_restart(make_win, mini, qtbot):
    from explorer.ui.shell.file_actions import recent

    bundled = WINDOW_FIXTURE
    w = make_win(bundled, "restart.ini")
    w.session.set_lane_mode("category")
    w.set_appearance("dark")
    w.search_bar.hide_others.setChecked(True)
    w.acts[Act.LIVE_RELOAD].setChecked(False)
    w.open_dataset(mini)
    w.resize(1000, 700)
    w.close()
    w2 = make_win(None, "restart.ini")
    assert w2.session.preferred_lane_mode == "category"
    assert w2.appearance == "dark" and w2.acts[Act.APPEAR_DARK].isChecked()
    assert w2.search_bar.hide_others.isChecked()
    assert not w2.acts[Act.LIVE_RELOAD].isChecked()
    assert recent(w2.settings)[:2] == [str(mini.resolve()), str(bundled.resolve())]
    assert w2.settings.value("last_dataset") == str(mini)
    recent_texts = [a.text() for a in w2.recent_menu.actions()]
    assert any("ds" in t for t in recent_texts)
    w2.set_appearance("light")


def test_every_action_reachable_by_keyboard(win):
    in_menus = set()
    for menu_action in win.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            m = stack.pop()
            for a in m.actions():
                in_menus.add(a)
                if a.menu():
                    stack.append(a.menu())
        assert "&" in menu_action.text()  # Alt+letter opens each menu
    for key, a in win.acts.items():
        assert a in in_menus or a.shortcut().toString(), f"{key} can only be reached with the mouse"


def test_tab_order_visits_every_control(win):
    win.search_bar.text.setFocus()
    seen = []
    w = win.search_bar.text
    for _ in range(40):
        seen.append(w)
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(win):
            w = w.nextInFocusChain()
        if w is win.search_bar.text:
            break
    names = [x.accessibleName() for x in seen]
    for needed in (win.search_bar.text, win.search_bar.category, win.search_bar.party, win.search_bar.tag,
                   win.timeline, win.detail, win.positions.tabs):
        assert needed in seen, needed.objectName()
    assert seen.index(win.search_bar.text) < seen.index(win.timeline) < seen.index(win.detail)
    for x, name in zip(seen, names):
        assert name, f"{type(x).__name__} {x.objectName()} has no accessible name"


def test_focus_is_visible_on_the_timeline(win, qtbot):
    win.timeline.setFocus()
    qtbot.waitUntil(lambda: win.timeline.property("focused") is True, timeout=1000)
    win.search_bar.text.setFocus()
    qtbot.waitUntil(lambda: win.timeline.property("focused") is False, timeout=1000)


def mean_luminance(img):
    total = n = 0
    for y in range(0, img.height(), 9):
        for x in range(0, img.width(), 9):
            c = img.pixelColor(x, y)
            total += 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue()
            n += 1
    return total / n


def test_dark_mode_is_darker_and_readable(win, qtbot):
    from PySide6.QtGui import QPalette

    from explorer.ui.theme import DARK, contrast_ratio

    win.session.select_id("war-1950")
    win.set_appearance("light")
    qtbot.wait(30)
    light = mean_luminance(win.grab().toImage())
    win.set_appearance("dark")
    qtbot.wait(30)
    dark = mean_luminance(win.grab().toImage())
    assert dark < light * 0.5, (dark, light)
    pal = QApplication.palette()
    assert contrast_ratio(pal.color(QPalette.ColorRole.Text).name(), pal.color(QPalette.ColorRole.Base).name()) >= 7
    assert win.timeline.events.colors["text"].name() == DARK.text
    win.set_appearance("light")


def test_bundled_font_covers_dataset_text(qtbot, bundled):
    """Japanese and Cyrillic names render without missing glyphs on a machine without CJK fonts."""
    from PySide6.QtGui import QFont, QRawFont

    from explorer.qt_fonts import FAMILY, install_fonts
    from explorer.core.loading import load_dataset

    install_fonts(QApplication.instance())
    raw = QRawFont.fromFont(QFont(FAMILY))
    ds = load_dataset(bundled)
    text = "".join(n for e in ds.events for n in e.names.values())
    text += "".join(n for p in ds.places.values() for n in p.names.values())
    # (the ucs4 overload: PySide turns a one-letter str into a wrong QChar)
    missing = {ch for ch in set(text) if not ch.isspace() and not raw.supportsCharacter(ord(ch))}
    assert not missing, "".join(sorted(missing))


def test_file_import_opens_the_result(win, tmp_path, monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    src = Path(__file__).parents[1] / "fixtures" / "interop" / "sample.timeline"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "imported"), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    win.acts[Act.IMPORT].trigger()
    assert win.dataset.title == "sample"
    assert win.session.lane_mode == "category"  # no parties in the source: lanes by category
    assert win.timeline.lane_mode == "category"
    assert not win.acts[Act.LANES_PARTY].isEnabled()
    assert "Not mapped" in shown[0]
    out = tmp_path / "k.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "TimelineJS JSON (*.json)"))
    win.acts[Act.EXPORT_TIMELINEJS].trigger()
    import json

    assert len(json.loads(out.read_text(encoding="utf-8"))["events"]) == len(win.dataset.events)


def test_collapsed_lanes_and_the_legend_are_remembered(make_window):
    """A lane the reader collapsed and the legend's visibility come back in the next session."""
    from explorer.ui.shell.actions import Act

    first = make_window()
    lane = first.timeline.layout_.lanes[0].id
    first.timeline.toggle_lane(0)
    first.acts[Act.SHOW_LEGEND].setChecked(False)
    first.close()
    second = make_window()
    assert second.timeline.collapsed == {lane}
    assert not second.acts[Act.SHOW_LEGEND].isChecked() and second.timeline.legend.isHidden()
    second.timeline.toggle_lane(0)  # opened again: remembered too
    second.close()
    third = make_window()
    assert third.timeline.collapsed == set()
