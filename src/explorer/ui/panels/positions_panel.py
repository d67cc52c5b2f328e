"""The positions panel: each side's stance at the cursor date, side by side, its history, and compare mode.

What it says comes from `core.stances` (told from history: "since …, set by …",
"before that (until …): …"), rendered by `render.stance_html`. When the cursor
crosses a change, the new stance is tinted for a moment; nothing appears or
disappears, so the layout never jumps. With a pinned date (P), each column
compares the two dates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...core.dates import display_day
from ...core.model import Dataset
from ...core.stances import compare, stance_at
from ...render.palette import LIGHT, Theme
from ...render.stance_html import compare_html, history_html, stance_html
from ..safe_browser import SafeBrowser

HIGHLIGHT_MS = 1500


class PositionsPanel(QWidget):
    event_link_clicked = Signal(str)
    cursor_requested = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("positions")
        self.dataset: Dataset | None = None
        self.theme: Theme = LIGHT
        self.columns: dict[str, SafeBrowser] = {}
        self.shown: dict[str, object] = {}  # party → the Position shown (None: no stance)
        self.highlighted: set[str] = set()  # parties whose stance changed as the cursor crossed it
        self.pinned: float | None = None
        self._shows: dict = {}  # what each column (and the history) shows now: skip identical re-renders
        self._day = 0.0
        self._timer = QTimer(self, singleShot=True, interval=HIGHLIGHT_MS)
        self._timer.timeout.connect(self.settle)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Positions")
        self.tabs.tabBar().setAccessibleName("Positions views")
        self.now_page = QWidget()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("positionsHeading")
        self.heading.setAccessibleName("Positions date")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.columns_box = QHBoxLayout()
        self.columns_box.setSpacing(6)
        v = QVBoxLayout(self.now_page)
        v.setContentsMargins(4, 4, 4, 4)
        v.setSpacing(4)
        v.addWidget(self.heading)
        v.addLayout(self.columns_box, 1)
        self.history = SafeBrowser()
        self.history.setObjectName("positionsHistory")
        self.history.setAccessibleName("History of positions")
        self.history.internal_link.connect(self._on_link)
        self.tabs.addTab(self.now_page, "At the cursor")
        self.tabs.addTab(self.history, "History")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def set_dataset(self, ds: Dataset) -> None:
        self.dataset = ds
        for col in self.columns.values():
            self.columns_box.removeWidget(col)
            col.deleteLater()
        self.columns = {}
        for pid in ds.side_ids:
            col = SafeBrowser()
            col.setObjectName(f"position-{pid}")
            col.setAccessibleName(f"Position of {ds.parties[pid].name}")
            col.internal_link.connect(self._on_link)
            self.columns_box.addWidget(col, 1)
            self.columns[pid] = col
        self.shown.clear()
        self._shows.clear()
        self.highlighted.clear()
        self.update_at(self._day, mark_changes=False)

    @property
    def day(self) -> float:
        """The date shown."""
        return self._day

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._render()

    def set_pinned(self, day: float | None) -> None:
        self.pinned = day
        self._render()

    def update_at(self, day: float, mark_changes: bool = True) -> None:
        """Show each side's stance in force on `day`; tint the sides whose stance the cursor just crossed."""
        self._day = day
        ds = self.dataset
        if ds is None:
            return
        changed = set()
        for pid in self.columns:
            pos = ds.position_at(pid, day)
            if pid in self.shown and pos is not self.shown[pid]:
                changed.add(pid)
            self.shown[pid] = pos
        if mark_changes and changed:
            self.highlighted = changed
            self._timer.start()
        elif not mark_changes:
            self.highlighted = set()
        self._render()

    def settle(self) -> None:
        """End the highlight of a change now (screenshots, tests)."""
        self._timer.stop()
        if self.highlighted:
            self.highlighted = set()
            self._render()

    def _render(self) -> None:
        ds, day = self.dataset, self._day
        if ds is None:
            return
        if self.pinned is None:
            self.heading.setText(f"Positions on {display_day(day)}   (P: pin this date to compare)")
        else:
            self.heading.setText(f"Comparing {display_day(self.pinned)} with {display_day(day)}   (P or Esc: unpin)")
        # scrubbing moves the cursor many times a second: rebuild a column only when what it shows changes
        for pid, col in self.columns.items():
            pos = ds.position_at(pid, day)
            shows = (id(pos), ds.parties[pid].name_at(day), pid in self.highlighted, self.theme,
                     (self.pinned, day) if self.pinned is not None else None)
            if self._shows.get(pid) == shows:
                continue
            self._shows[pid] = shows
            if self.pinned is None:
                html = stance_html(ds, stance_at(ds, pid, day), self.theme, pid in self.highlighted)
            else:
                html = compare_html(ds, compare(ds, pid, self.pinned, day), self.theme)
            scroll = col.verticalScrollBar().value()
            col.setHtml(html)
            col.verticalScrollBar().setValue(scroll)
        in_force = (tuple(id(ds.position_at(pid, day)) for pid in self.columns), self.theme)
        if self._shows.get("history") != in_force:
            self._shows["history"] = in_force
            self.history.setHtml("".join(history_html(ds, pid, day, self.theme) for pid in self.columns))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "event":
            self.event_link_clicked.emit(QUrl.fromPercentEncoding(url.path().encode()))
        elif url.scheme() == "day":
            try:
                day = float(url.path())
            except ValueError:
                return
            self.tabs.setCurrentIndex(0)
            self.cursor_requested.emit(day)
