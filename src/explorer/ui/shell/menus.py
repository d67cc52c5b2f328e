"""The toolbar and the menu bar, built from the action registry (`actions.Act`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout

from .actions import Act, shortcut_rows

TOOLBAR = (Act.OPEN_FOLDER, None, Act.PREV_EVENT, Act.NEXT_EVENT, None, Act.ZOOM_OUT, Act.ZOOM_IN, Act.FIT_ALL,
           None, Act.LANES_PARTY, Act.LANES_CATEGORY, None, Act.STORY, Act.PIN_DATE, None, Act.EXPORT_CARDS)
MENUS = {
    "&File": [Act.OPEN_FOLDER, Act.OPEN_FILE, "recent", Act.RELOAD, Act.LIVE_RELOAD, None, Act.IMPORT, None,
              Act.EXPORT_CARDS, Act.EXPORT_VIEW, Act.EXPORT_TIMELINEJS, None, Act.QUIT],
    "&Edit": [Act.FIND, Act.FIND_NEXT, Act.FIND_PREV, Act.CLEAR_FILTER],
    "&View": [Act.ZOOM_IN, Act.ZOOM_OUT, Act.FIT_ALL, Act.ZOOM_EVENT, None, Act.LANES_PARTY, Act.LANES_CATEGORY,
              None, Act.SHOW_MAP, Act.SHOW_LEGEND, "appearance", "problems", None, Act.FOCUS_TIMELINE, Act.NEXT_PANE,
              Act.PREVIOUS_PANE],
    "&Navigate": [Act.PREV_EVENT, Act.NEXT_EVENT, Act.FIRST_EVENT, Act.LAST_EVENT, None, Act.CURSOR_BACK,
                  Act.CURSOR_FORWARD, None, Act.PIN_DATE, Act.ESCAPE],
    "&Story": [Act.STORY, Act.STORY_BACK, Act.STORY_NEXT],
    "&Help": [Act.SHORTCUTS, None, Act.ABOUT],
}


def install(win) -> None:
    a = win.acts
    for act in a.values():  # every shortcut works from every widget of the window
        win.addAction(act)
    tb = win.addToolBar("Main")
    tb.setObjectName("mainToolbar")
    for key in TOOLBAR:
        tb.addSeparator() if key is None else tb.addAction(a[key])
    appearance = QActionGroup(win)
    for key in (Act.APPEAR_SYSTEM, Act.APPEAR_LIGHT, Act.APPEAR_DARK):
        appearance.addAction(a[key])
    show_problems = win.problems_dock.toggleViewAction()
    show_problems.setText("&Problems panel")
    show_problems.setShortcut("Ctrl+Shift+P")
    show_problems.setToolTip("Show the problems found when loading (Ctrl+Shift+P)")
    for title, keys in MENUS.items():
        m = win.menuBar().addMenu(title)
        for key in keys:
            if key is None:
                m.addSeparator()
            elif key == "recent":
                win.recent_menu = m.addMenu("Open &recent")
                win.recent_menu.setObjectName("recentMenu")
            elif key == "appearance":
                sub = m.addMenu("&Appearance")
                for k in (Act.APPEAR_SYSTEM, Act.APPEAR_LIGHT, Act.APPEAR_DARK):
                    sub.addAction(a[k])
            elif key == "problems":
                m.addAction(show_problems)
            else:
                m.addAction(a[key])
    a[Act.SHORTCUTS].triggered.connect(lambda: shortcuts_dialog(win).exec())


def shortcuts_dialog(parent) -> QDialog:
    """Help > Keyboard shortcuts: every shortcut of the action registry, as plain table cells."""
    dlg = QDialog(parent)
    dlg.setObjectName("shortcutsDialog")
    dlg.setWindowTitle("Keyboard shortcuts")
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 2, dlg)
    table.setAccessibleName("Keyboard shortcuts")
    table.setHorizontalHeaderLabels(["Keys", "Action"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, (keys, what) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(keys))
        table.setItem(r, 1, QTableWidgetItem(what))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, Qt.Orientation.Horizontal, dlg)
    buttons.rejected.connect(dlg.reject)
    lay = QVBoxLayout(dlg)
    lay.addWidget(table)
    lay.addWidget(buttons)
    dlg.resize(560, 620)
    return dlg
