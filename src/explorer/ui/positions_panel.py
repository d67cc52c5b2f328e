"""The positions panel: each side's stance at the cursor date, side by side, and its history."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..core.dates import display_day
from ..core.markup import to_html, short_title
from ..core.model import Dataset, Position
from .html_parts import esc, event_link, readable_on, source_item
from .safe_browser import SafeBrowser

FLASH_MS = 2500


class PositionColumn(SafeBrowser):
    def __init__(self, party_id: str, parent=None):
        super().__init__(parent)
        self.party_id = party_id
        self.setAccessibleName(f"Position of {party_id}")
        self.position: Position | None = None


class PositionsPanel(QWidget):
    event_link_clicked = Signal(str)
    cursor_requested = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("positions")
        self.dataset: Dataset | None = None
        self.columns: dict[str, PositionColumn] = {}
        self.last_changes: list[str] = []
        self._flash: dict[str, Position | None] = {}
        self._day = 0.0
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Positions")
        self.tabs.tabBar().setAccessibleName("Positions views")
        self.now_page = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("positionsHeading")
        self.heading.setAccessibleName("Positions date")
        self.columns_box = QHBoxLayout()
        self.columns_box.setSpacing(6)
        v = QVBoxLayout(self.now_page)
        v.setContentsMargins(4, 4, 4, 4)
        v.addWidget(self.heading)
        v.addLayout(self.columns_box, 1)
        self.history = QTreeWidget()
        self.history.setAccessibleName("History of positions")
        self.history.setHeaderLabels(["Since", "Stance"])
        self.history.setColumnWidth(0, 150)
        self.history.setWordWrap(True)
        self.history.itemActivated.connect(self._on_history_item)
        self.history.itemClicked.connect(self._on_history_item)
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
            col = PositionColumn(pid)
            col.setAccessibleName(f"Position of {ds.parties[pid].name}")
            col.internal_link.connect(self._on_link)
            self.columns_box.addWidget(col, 1)
            self.columns[pid] = col
        self._fill_history()
        self._flash.clear()
        self.update_at(self._day, mark_changes=False)

    def update_at(self, day: float, mark_changes: bool = True) -> None:
        """Show each side's stance in force on `day`; mark sides whose stance changed."""
        self._day = day
        ds = self.dataset
        if ds is None:
            return
        self.heading.setText(f"<b>Positions on {esc(display_day(day))}</b>")
        changes = []
        for pid, col in self.columns.items():
            pos = ds.position_at(pid, day)
            if mark_changes and pos is not col.position:
                changes.append(pid)
                self._flash[pid] = col.position
            elif not mark_changes:
                self._flash.pop(pid, None)
            col.position = pos
            col.setHtml(self._column_html(pid, pos, day))
        self.last_changes = changes
        if changes:
            self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash.clear()
        for pid, col in self.columns.items():
            col.setHtml(self._column_html(pid, col.position, self._day))

    def _column_html(self, pid: str, pos: Position | None, day: float) -> str:
        ds = self.dataset
        party = ds.parties[pid]
        head = (f"<table width='100%' cellpadding='6' style='background-color:{party.color}; color:{readable_on(party.color)}'>"
                f"<tr><td><b style='font-size:large'>{esc(party.name_at(day))}</b></td></tr></table>")
        parts = [head]
        if pid in self._flash:
            old = self._flash[pid]
            was = f"previously: “{esc(old.stance)}”" if old else "no stance recorded before"
            parts.append("<table width='100%' cellpadding='4' style='background-color:#fff3b0; color:#000'><tr><td>"
                         f"<b>↻ Stance changed</b><br><span style='font-size:small'>{was}</span></td></tr></table>")
        if pos is None:
            parts.append("<p style='color:gray'>No recorded stance at this date.</p>")
            return "".join(parts)
        since = esc(pos.since.display())
        ev = ds.event(pos.event) if pos.event else None
        link = f" — set by {event_link(ev.id, short_title(ev.title))}" if ev else ""
        parts.append(f"<p style='color:gray; font-size:small'>since {since}{link}</p>")
        parts.append(f"<p><b>{esc(pos.stance)}</b></p>")
        if pos.rationale:
            parts.append("<p style='margin-bottom:0'><i>Why:</i></p><ul style='margin-top:0'>"
                         + "".join(f"<li>{to_html(r).removeprefix('<p>').removesuffix('</p>')}</li>" for r in pos.rationale)
                         + "</ul>")
        if pos.sources:
            parts.append("<p style='margin-bottom:0; font-size:small'><i>Sources:</i></p><ol style='margin-top:0; font-size:small'>"
                         + "".join(source_item(s) for s in pos.sources) + "</ol>")
        return "".join(parts)

    def _fill_history(self) -> None:
        self.history.clear()
        ds = self.dataset
        for pid in ds.side_ids:
            party = ds.parties[pid]
            top = QTreeWidgetItem([party.name, ""])
            self.history.addTopLevelItem(top)
            for pos in ds.stances_of(pid):
                item = QTreeWidgetItem([pos.since.display(short=True), pos.stance])
                item.setToolTip(1, pos.stance)
                item.setData(0, Qt.ItemDataRole.UserRole, float(pos.since.start))
                top.addChild(item)
            top.setExpanded(True)

    def _on_history_item(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        day = item.data(0, Qt.ItemDataRole.UserRole)
        if day is not None:
            self.cursor_requested.emit(float(day))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "event":
            self.event_link_clicked.emit(QUrl.fromPercentEncoding(url.path().encode()))
