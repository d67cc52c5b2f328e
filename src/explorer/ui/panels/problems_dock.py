"""The Problems panel: every error and warning from the last load, as `file:line` entries."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...core.problems import Problem
from ..text import plain


def location(p: Problem) -> str:
    loc = p.path
    if p.line:
        loc += f":{p.line}:{p.col or 1}"
    return loc


class ProblemsDock(QDockWidget):
    def __init__(self, parent=None):
        super().__init__("Problems", parent)
        self.setObjectName("problemsDock")
        self.setAccessibleName("Problems")
        self.problems: list[Problem] = []
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("problemsList")
        self.list.setAccessibleName("Problems in the dataset")
        self.list.setHeaderLabels(["", "Where", "Problem"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setColumnWidth(0, 70)
        self.list.setColumnWidth(1, 260)
        body = QWidget()
        v = QVBoxLayout(body)
        v.setContentsMargins(4, 2, 4, 4)
        v.addWidget(self.summary)
        v.addWidget(self.list, 1)
        self.setWidget(body)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.list, context=Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_selected)
        self.show_problems([], "")

    def sizeHint(self) -> QSize:
        return QSize(800, 150)  # a strip under the panels, not half the window

    def show_problems(self, problems: list[Problem], where: str, kept_last_good: bool = False) -> None:
        self.problems = list(problems)
        self.list.clear()
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText(plain(f"No problems in {where}." if where else "No problems."))
        else:
            text = f"{where}: {errors} error(s), {warnings} warning(s)."
            if kept_last_good:
                text += " The last good version of the data is still shown."
            self.summary.setText(plain(text))
        for p in problems:
            item = QTreeWidgetItem(["error" if p.is_error else "warning", location(p), p.message])
            item.setToolTip(2, plain(p.message))
            item.setToolTip(1, plain(str(p)))
            self.list.addTopLevelItem(item)

    def copy_selected(self) -> None:
        items = self.list.selectedItems() or [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        text = "\n".join(str(self.problems[self.list.indexOfTopLevelItem(it)]) for it in items)
        QGuiApplication.clipboard().setText(text)
