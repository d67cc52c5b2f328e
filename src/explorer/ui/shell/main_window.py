"""The main window: an adapter around the session model (`core/session.py`).

It assembles the widgets in a fixed order; `wiring.connect` is the one place
where actions, widgets and the session are connected. The window holds no state
of its own beyond widgets and settings: what is selected, where the cursor is,
the filter, the lanes and the story all live in `self.session`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ...core.session import Session
from ..panels.detail_pane import DetailPane
from ..panels.map_pane import MapPane
from ..panels.positions_panel import PositionsPanel
from ..panels.problems_dock import ProblemsDock
from ..panels.search_bar import SearchBar
from ..panels.story_bar import StoryBar
from ..theme import Theme
from ..timeline.view import TimelineView
from . import menus, window_settings, wiring
from .actions import build_actions
from .live_reload import DatasetWatcher
from .loading import DatasetLoader


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, session: Session | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.session = session or Session()
        self.problems: list = []  # of the last open, good or bad
        self.last_open_ok = False
        self.appearance = "system"
        self.theme: Theme | None = None
        self.setWindowTitle("Explorer")
        self.setMinimumSize(720, 480)
        self.setAcceptDrops(True)
        self.acts = build_actions(self)
        self._build()
        menus.install(self)
        wiring.connect(self)
        window_settings.restore(self)
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)
        self._shown_once = False

    # -- assembly --------------------------------------------------------------------
    def _build(self) -> None:
        self.status_date = QLabel()
        self.status_date.setAccessibleName("Cursor date")
        self.statusBar().addPermanentWidget(self.status_date)
        self.problems_dock = ProblemsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        self.search_bar = SearchBar()
        self.timeline = TimelineView()
        self.detail = DetailPane()
        self.positions = PositionsPanel()
        self.map_pane = MapPane()
        self.map_pane.hide()
        self.story_bar = StoryBar()
        self.story_bar.hide()
        self.watcher = DatasetWatcher(self)
        self.loader = DatasetLoader(self)

        self.bottom_split = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_split.setObjectName("bottomSplit")
        self.bottom_split.addWidget(self.detail)
        self.bottom_split.addWidget(self.positions)
        self.bottom_split.addWidget(self.map_pane)
        self.bottom_split.setStretchFactor(0, 2)
        self.bottom_split.setStretchFactor(1, 3)
        self.bottom_split.setStretchFactor(2, 2)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.setSpacing(0)
        tv.addWidget(self.search_bar)
        tv.addWidget(self.story_bar)
        tv.addWidget(self.timeline, 1)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(top)
        self.main_split.addWidget(self.bottom_split)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([520, 420])
        self.bottom_split.setSizes([460, 720, 420])
        self.setCentralWidget(self.main_split)
        # keyboard order: search, filters, timeline, story, details, positions
        sb = self.search_bar
        order = [sb.text, sb.prev_btn, sb.next_btn, sb.category, sb.party, sb.tag, sb.hide_others, sb.clear_btn,
                 self.timeline, self.story_bar.back, self.story_bar.next, self.story_bar.close_btn,
                 self.detail, self.positions.tabs, self.map_pane.view]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    # -- the few things the shell does itself ----------------------------------------
    @property
    def dataset(self):
        return self.session.dataset

    def open_dataset(self, path: str | Path, *, keep_view: bool = False) -> bool:
        """Open `path` (a reload with `keep_view`); True when a small dataset opened at once.

        Big datasets open in the background: the result arrives through the loader."""
        self.last_open_ok = False
        self.loader.open(Path(path), keep_view)
        return self.last_open_ok

    def reload(self) -> bool:
        path = self.session.path
        return self.open_dataset(path, keep_view=True) if path is not None else False

    def set_appearance(self, mode: str) -> None:
        wiring.set_appearance(self, mode)

    def show_problems_dock(self) -> None:
        dock = self.problems_dock
        if dock.isHidden():
            dock.show()
            if not dock.isFloating():  # a short strip; the timeline keeps its room
                self.resizeDocks([dock], [150], Qt.Orientation.Vertical)
        dock.raise_()

    # -- drag and drop ------------------------------------------------------------------
    @staticmethod
    def _dropped_path(mime) -> Path | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                p = Path(url.toLocalFile())
                if p.is_dir() or p.suffix.lower() == ".toml":
                    return p
        return None

    def dragEnterEvent(self, ev) -> None:
        if self._dropped_path(ev.mimeData()) is not None:
            ev.acceptProposedAction()
        else:
            ev.ignore()

    def dropEvent(self, ev) -> None:
        p = self._dropped_path(ev.mimeData())
        if p is not None:
            ev.acceptProposedAction()
            self.open_dataset(p)

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        if not self._shown_once:  # keys work at once: the timeline has the focus, not the search box
            self._shown_once = True
            self.activateWindow()
            self.timeline.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, ev) -> None:
        window_settings.save(self)
        super().closeEvent(ev)
