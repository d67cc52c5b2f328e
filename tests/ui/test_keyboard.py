"""Keyboard-only use (#17.5): open, navigate, scrub, search, leave search, story, compare, export —
every step with keys sent to whichever widget has the focus, never the mouse."""

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from explorer.ui.shell.actions import Act, shortcut_rows
from tests.helpers import WINDOW_FIXTURE, day

K = Qt.Key
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def press(qtbot, key, mods=Qt.KeyboardModifier.NoModifier, text=None):
    widget = QApplication.focusWidget()
    assert widget is not None
    if text is not None:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, key, mods)


def selected(win):
    ev = win.session.selected_event()
    return ev.id if ev else None


def test_the_whole_tour_without_a_mouse(make_window, qtbot, monkeypatch, mini):
    win = make_window()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    assert QApplication.focusWidget() is win.timeline  # starts on the timeline, not in the search box
    # open another dataset and come back: Ctrl+O (the file dialog answers for the person)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(mini))
    press(qtbot, K.Key_O, CTRL)
    assert win.dataset.title == "Mini"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(WINDOW_FIXTURE))
    press(qtbot, K.Key_O, CTRL)
    assert win.dataset.id == "window-fixture"
    # navigate events
    press(qtbot, K.Key_Home)
    assert selected(win) == "treaty-1900"
    press(qtbot, K.Key_Right)
    assert selected(win) == "survey-1920"
    press(qtbot, K.Key_End)
    assert selected(win) == "talks-2010"
    press(qtbot, K.Key_Left)
    assert selected(win) == "talks-2000"
    # zoom and scrub
    span = win.session.view[1] - win.session.view[0]
    press(qtbot, K.Key_Plus)
    assert win.session.view[1] - win.session.view[0] < span
    before = win.session.cursor
    press(qtbot, K.Key_Right, SHIFT)
    assert win.session.cursor > before
    press(qtbot, K.Key_F)
    assert win.session.view[1] - win.session.view[0] >= span
    # search: Ctrl+F, type (F and + go into the box now), Enter steps through matches
    press(qtbot, K.Key_F, CTRL)
    assert QApplication.focusWidget() is win.search_bar.text
    press(qtbot, None, text="summit")
    qtbot.waitUntil(lambda: win.session.filter.query == "summit", timeout=2000)
    press(qtbot, K.Key_Return)
    assert selected(win) in ("talks-2000", "talks-2010")
    # Ctrl shortcuts still work from the text field (on X11 a line edit takes Ctrl+E)
    opened = []
    monkeypatch.setattr("explorer.ui.dialogs.export_dialog.ExportDialog.exec", lambda self: opened.append(self) or 0)
    press(qtbot, K.Key_E, CTRL)
    assert len(opened) == 1 and opened[0].scope_matching.isChecked()
    # Esc leaves the search box for the timeline; the filter stays
    press(qtbot, K.Key_Escape)
    assert QApplication.focusWidget() is win.timeline and win.session.matches is not None
    press(qtbot, K.Key_F, CTRL | SHIFT)  # clear search and filters
    assert win.session.matches is None
    # story: Ctrl+T, PgDn, PgUp, Esc
    press(qtbot, K.Key_T, CTRL)
    assert win.session.story_step == 0 and selected(win) == "treaty-1900"
    press(qtbot, K.Key_PageDown)
    assert win.session.story_step == 1 and selected(win) == "war-1950"
    press(qtbot, K.Key_PageUp)
    assert win.session.story_step == 0
    press(qtbot, K.Key_Escape)
    assert win.session.story_step == -1 and not win.story_bar.isVisible()
    # compare: P pins the cursor date, the cursor moves, P again unpins
    press(qtbot, K.Key_P)
    assert win.session.pinned is not None
    press(qtbot, K.Key_End)
    assert win.positions.heading.text().startswith("Comparing")
    press(qtbot, K.Key_Escape)
    assert win.session.pinned is None


def test_help_lists_every_shortcut_from_the_registry(win):
    from explorer.ui.shell.menus import shortcuts_dialog

    from PySide6.QtWidgets import QTableWidget

    dlg = shortcuts_dialog(win)
    table = dlg.findChild(QTableWidget)
    shown = {table.item(r, 1).text() for r in range(table.rowCount())}
    for key in Act:
        if key.shortcut:
            assert key.text.replace("&", "").rstrip("…") in shown, key
    assert table.rowCount() == len(shortcut_rows())


def test_every_control_has_an_accessible_name(win):
    from PySide6.QtWidgets import QAbstractButton, QWidget

    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in win.findChildren(QWidget)
               if w.isVisibleTo(win) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
               and not (isinstance(w, QAbstractButton) and w.text())]
    assert not unnamed, unnamed


def test_compare_in_the_window_and_on_the_command_line_agree(win):
    win.session.set_cursor(day("1920"))
    win.session.pin()
    win.session.set_cursor(day("2005"))
    shown = win.positions.columns["south"].toPlainText()
    r = subprocess.run([sys.executable, "-m", "explorer", "positions", str(WINDOW_FIXTURE), "--at", "1920",
                        "--compare", "2005", "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    south = next(s for s in json.loads(r.stdout)["sides"] if s["party"] == "south")
    assert south["first"]["stance"] in shown and south["second"]["stance"] in shown
    assert [c["stance"] for c in south["changes"]] == ["The island is South's after the war.",
                                                       "South will discuss the island only as a border question."]
    for change in south["changes"]:
        assert change["stance"] in shown
    for reason in south["reasons_added"]:
        assert reason in shown
