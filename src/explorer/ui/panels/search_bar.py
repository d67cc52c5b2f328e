"""The search and filter bar: a text box, category/party/tag filters and a match count.

It only describes the filter; the session applies it (core.query) and the bar
shows how many events matched and where the selection is among them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...core.markup import short_title
from ...core.model import Dataset
from ...core.query import Filter

TYPING_PAUSE_MS = 150  # filter after a short pause so fast typing never stalls
_EDITING_CTRL_KEYS = {Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Z, Qt.Key.Key_Y,
                      Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Backspace, Qt.Key.Key_Delete,
                      Qt.Key.Key_Home, Qt.Key.Key_End}


class SearchField(QLineEdit):
    """A line edit that leaves the window's Ctrl shortcuts alone (on X11 it takes Ctrl+E, Ctrl+K…)
    and keeps Enter / Shift+Enter (next / previous match) for itself."""

    step_requested = Signal(int)

    def event(self, ev) -> bool:
        if ev.type() == QEvent.Type.ShortcutOverride:
            if ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                ev.accept()  # ours, not the window's "zoom to event"
                return True
            mods = ev.modifiers()
            if mods & Qt.KeyboardModifier.ControlModifier and ev.key() not in _EDITING_CTRL_KEYS:
                ev.ignore()  # not ours: the window's shortcut runs
                return False
        return super().event(ev)

    def keyPressEvent(self, ev) -> None:
        if ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step_requested.emit(-1 if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier else +1)
            ev.accept()
            return
        super().keyPressEvent(ev)


class SearchBar(QWidget):
    filter_changed = Signal(object)  # Filter
    step_requested = Signal(int)  # +1 next match, -1 previous match
    hide_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.setAccessibleName("Search and filters")
        self._places: frozenset[str] = frozenset()  # a map region's places (set from the map)
        self._region = ""
        self.text = SearchField()
        self.text.setObjectName("searchText")
        self.text.setPlaceholderText("Search titles, summaries, names, tags  (Ctrl+F)")
        self.text.setAccessibleName("Search events")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(260)
        self.category = self._combo("Category filter", "All categories")
        self.party = self._combo("Party filter", "All parties")
        self.tag = self._combo("Tag filter", "All tags")
        self.hide_others = QCheckBox("Hide others")
        self.hide_others.setAccessibleName("Hide events that do not match")
        self.hide_others.setToolTip("Hide non-matching events instead of dimming them")
        self.prev_btn = self._button("▲", "Previous match (Shift+Enter)")
        self.next_btn = self._button("▼", "Next match (Enter)")
        self.count = QLabel()
        self.count.setObjectName("matchCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)  # a region's name comes from the data
        self.count.setAccessibleName("Number of matching events")
        self.count.setMinimumWidth(120)
        self.clear_btn = self._button("Clear", "Clear search and filters (Ctrl+Shift+F)")

        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(6)
        lay.addWidget(self.text, 3)
        for w in (self.prev_btn, self.next_btn, self.category, self.party, self.tag, self.hide_others,
                  self.count, self.clear_btn):
            lay.addWidget(w)

        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.text.step_requested.connect(self._on_return)
        for combo in (self.category, self.party, self.tag):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.hide_others.toggled.connect(self.hide_changed)
        self.prev_btn.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_btn.clicked.connect(lambda: self.step_requested.emit(+1))
        self.clear_btn.clicked.connect(self.clear)

    def _combo(self, name: str, all_text: str) -> QComboBox:
        c = QComboBox()
        c.setAccessibleName(name)
        c.setToolTip(name)
        c.addItem(all_text, None)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return c

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return b

    # -- data ----------------------------------------------------------------------
    def set_dataset(self, ds: Dataset) -> None:
        """Fill the filter lists; keep the chosen filters when they still exist."""
        tags = sorted({t for e in ds.events for t in e.tags})
        used_parties = {p for e in ds.events for p in e.parties}
        self._fill(self.category, [(c.id, c.name) for c in ds.categories.values()])
        self._fill(self.party, [(p.id, p.name) for p in ds.parties.values() if p.id in used_parties])
        self._fill(self.tag, [(t, t) for t in tags])

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value, label in items:
            combo.addItem(short_title(label), value)  # data text: controls and bidi removed, length bounded
        i = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    # -- state -----------------------------------------------------------------------
    def current_filter(self) -> Filter:
        def one(c: QComboBox) -> frozenset[str]:
            v = c.currentData()
            return frozenset([v]) if v is not None else frozenset()

        return Filter(query=self.text.text(), categories=one(self.category), parties=one(self.party),
                      tags=one(self.tag), places=self._places, label=self._region)

    def show_filter(self, flt: Filter) -> None:
        """Show a filter set elsewhere (the map, a test, the screenshot command) without emitting it again."""
        self._places, self._region = flt.places, flt.label
        if flt.query != self.text.text():
            self.text.blockSignals(True)
            self.text.setText(flt.query)
            self.text.blockSignals(False)
        for combo, chosen in ((self.category, flt.categories), (self.party, flt.parties), (self.tag, flt.tags)):
            value = next(iter(chosen)) if len(chosen) == 1 else None
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)
            combo.blockSignals(False)

    def set_count(self, matches: int, total: int, active: bool, current: int = 0) -> None:
        """`current`: the 1-based place of the selected event among the matches (0: not one)."""
        where = f" in {self._region}" if self._region else ""
        if where and matches:
            self.count.setText(f"{matches} events{where}" if not current else f"match {current} of {matches}{where}")
        elif not active:
            self.count.setText(f"{total} events")
        elif matches == 0:
            self.count.setText("No matches")
        elif current:
            self.count.setText(f"match {current} of {matches}")
        else:
            self.count.setText(f"{matches} of {total} match")
        self.prev_btn.setEnabled(active and matches > 0)
        self.next_btn.setEnabled(active and matches > 0)

    def focus_search(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def clear(self) -> None:
        self._places, self._region = frozenset(), ""
        for c in (self.category, self.party, self.tag):
            c.blockSignals(True)
            c.setCurrentIndex(0)
            c.blockSignals(False)
        self.text.blockSignals(True)
        self.text.clear()
        self.text.blockSignals(False)
        self._emit()

    def _on_return(self, step: int) -> None:
        if self._timer.isActive():  # typed and pressed Enter at once: filter first
            self._timer.stop()
            self._emit()
        self.step_requested.emit(step)

    def _emit(self) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.current_filter())
