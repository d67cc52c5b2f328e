"""The main window, assembled in a fixed order: actions, status bar, toolbar,
menus, panels; every signal is wired in `_connect_signals`."""

from __future__ import annotations

from pathlib import Path

import bisect

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QActionGroup, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget,
)

from .. import __version__
from .background_load import load_with_progress
from ..core.dates import display_day
from ..core.markup import short_title
from ..core.model import Dataset
from ..core.query import Filter, SearchIndex, match_indexes, next_match
from .actions import Act, build_actions
from .detail_pane import DetailPane
from .live_reload import DatasetWatcher
from .positions_panel import PositionsPanel
from .problems_dock import ProblemsDock
from .search_bar import SearchBar
from .story_bar import StoryBar
from .theme import APPEARANCES, Theme, apply_theme, theme_for
from .timeline.view import TimelineView

MAX_RECENT = 8
BACKGROUND_INDEX_FROM = 5000  # events
_INDEXER = None  # a thread that builds search indexes of big datasets, started when first needed


def _indexer():
    global _INDEXER
    if _INDEXER is None:
        from concurrent.futures import ThreadPoolExecutor

        _INDEXER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
    return _INDEXER

TIMELINE_KEYS = (
    Act.PREV_EVENT, Act.NEXT_EVENT, Act.FIRST_EVENT, Act.LAST_EVENT, Act.ZOOM_EVENT,
    Act.ZOOM_IN, Act.ZOOM_OUT, Act.FIT_ALL, Act.CURSOR_BACK, Act.CURSOR_FORWARD,
)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.dataset: Dataset | None = None
        self.dataset_path: Path | None = None
        self.selected = -1
        self.problems: list = []
        self.filter = Filter()
        self.matches: list[int] | None = None  # None: no search or filter active
        self._search_index: SearchIndex | None = None
        self._search_future = None
        self.appearance = "system"
        self.theme: Theme | None = None
        self.setWindowTitle("Explorer")
        self.setMinimumSize(720, 480)
        self.setAcceptDrops(True)
        self._setup_ui()
        self._connect_signals()
        self._restore_settings()

    # -- assembly --------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.acts = build_actions(self)
        a = self.acts
        self.status_date = QLabel()
        self.status_date.setAccessibleName("Cursor date")
        self.statusBar().addPermanentWidget(self.status_date)

        tb = self.addToolBar("Main")
        tb.setObjectName("mainToolbar")
        for key in (Act.OPEN_FOLDER, None, Act.PREV_EVENT, Act.NEXT_EVENT, None, Act.ZOOM_OUT,
                    Act.ZOOM_IN, Act.FIT_ALL, None, Act.LANES_PARTY, Act.LANES_CATEGORY, None,
                    Act.STORY, None, Act.EXPORT_CARDS):
            tb.addSeparator() if key is None else tb.addAction(a[key])

        self.problems_dock = ProblemsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()
        show_problems = self.problems_dock.toggleViewAction()
        show_problems.setText("&Problems panel")
        show_problems.setShortcut("Ctrl+Shift+P")
        show_problems.setToolTip("Show the problems found when loading (Ctrl+Shift+P)")

        appearance = QActionGroup(self)
        for key in (Act.APPEAR_SYSTEM, Act.APPEAR_LIGHT, Act.APPEAR_DARK):
            appearance.addAction(a[key])

        mb = self.menuBar()
        menus = {
            "&File": [Act.OPEN_FOLDER, Act.OPEN_FILE, "recent", Act.RELOAD, Act.LIVE_RELOAD, None,
                      Act.IMPORT, None, Act.EXPORT_CARDS, Act.EXPORT_TIMELINEJS, None, Act.QUIT],
            "&Edit": [Act.FIND, Act.FIND_NEXT, Act.FIND_PREV, Act.CLEAR_FILTER],
            "&View": [Act.ZOOM_IN, Act.ZOOM_OUT, Act.FIT_ALL, Act.ZOOM_EVENT, None, Act.LANES_PARTY,
                      Act.LANES_CATEGORY, None, "appearance", show_problems],
            "&Navigate": [Act.PREV_EVENT, Act.NEXT_EVENT, Act.FIRST_EVENT, Act.LAST_EVENT, None,
                          Act.CURSOR_BACK, Act.CURSOR_FORWARD],
            "&Story": [Act.STORY, Act.STORY_BACK, Act.STORY_NEXT],
            "&Help": [Act.ABOUT],
        }
        for title, keys in menus.items():
            m = mb.addMenu(title)
            for key in keys:
                if key is None:
                    m.addSeparator()
                elif key == "recent":
                    self.recent_menu = m.addMenu("Open &recent")
                    self.recent_menu.setObjectName("recentMenu")
                elif key == "appearance":
                    sub = m.addMenu("&Appearance")
                    for k in (Act.APPEAR_SYSTEM, Act.APPEAR_LIGHT, Act.APPEAR_DARK):
                        sub.addAction(a[k])
                elif isinstance(key, Act):
                    m.addAction(a[key])
                else:
                    m.addAction(key)

        self.search_bar = SearchBar()
        self.timeline = TimelineView()
        # navigation keys belong to the timeline so text fields keep their arrows
        for key in TIMELINE_KEYS:
            a[key].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.timeline.addAction(a[key])
        self.detail = DetailPane()
        self.positions = PositionsPanel()
        self.story_bar = StoryBar()
        self.story_bar.hide()

        self.bottom_split = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_split.setObjectName("bottomSplit")
        self.bottom_split.addWidget(self.detail)
        self.bottom_split.addWidget(self.positions)
        self.bottom_split.setStretchFactor(0, 2)
        self.bottom_split.setStretchFactor(1, 3)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("mainSplit")
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.setSpacing(0)
        tv.addWidget(self.search_bar)
        tv.addWidget(self.timeline, 1)
        tv.addWidget(self.story_bar)
        self.main_split.addWidget(top)
        self.main_split.addWidget(self.bottom_split)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([520, 420])
        self.bottom_split.setSizes([520, 780])
        self.setCentralWidget(self.main_split)
        self.watcher = DatasetWatcher(self)
        # keyboard order: search, filters, timeline, details, positions
        order = [self.search_bar.text, self.search_bar.prev_btn, self.search_bar.next_btn,
                 self.search_bar.category, self.search_bar.party, self.search_bar.tag,
                 self.search_bar.hide_others, self.search_bar.clear_btn, self.timeline,
                 self.story_bar.back, self.story_bar.next, self.story_bar.close_btn,
                 self.detail, self.positions.tabs]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        a = self.acts
        a[Act.OPEN_FOLDER].triggered.connect(self._on_open_folder)
        a[Act.OPEN_FILE].triggered.connect(self._on_open_file)
        a[Act.RELOAD].triggered.connect(self.reload)
        a[Act.LIVE_RELOAD].toggled.connect(self._on_live_reload_toggled)
        a[Act.CLEAR_RECENT].triggered.connect(self._clear_recent)
        a[Act.FIND].triggered.connect(self.search_bar.focus_search)
        a[Act.FIND_NEXT].triggered.connect(lambda: self.step_match(+1))
        a[Act.FIND_PREV].triggered.connect(lambda: self.step_match(-1))
        a[Act.CLEAR_FILTER].triggered.connect(self.search_bar.clear)
        a[Act.APPEAR_SYSTEM].triggered.connect(lambda: self.set_appearance("system"))
        a[Act.APPEAR_LIGHT].triggered.connect(lambda: self.set_appearance("light"))
        a[Act.APPEAR_DARK].triggered.connect(lambda: self.set_appearance("dark"))
        a[Act.EXPORT_CARDS].triggered.connect(self._on_export_cards)
        a[Act.IMPORT].triggered.connect(self._on_import)
        a[Act.EXPORT_TIMELINEJS].triggered.connect(self._on_export_timelinejs)
        a[Act.QUIT].triggered.connect(self.close)
        a[Act.PREV_EVENT].triggered.connect(lambda: self.step_selection(-1))
        a[Act.NEXT_EVENT].triggered.connect(lambda: self.step_selection(+1))
        a[Act.FIRST_EVENT].triggered.connect(lambda: self.select_index(0))
        a[Act.LAST_EVENT].triggered.connect(lambda: self.select_index(len(self.dataset.events) - 1) if self.dataset else None)
        a[Act.ZOOM_EVENT].triggered.connect(self._on_zoom_event)
        a[Act.ZOOM_IN].triggered.connect(lambda: self.timeline.zoom(0.6))
        a[Act.ZOOM_OUT].triggered.connect(lambda: self.timeline.zoom(1 / 0.6))
        a[Act.FIT_ALL].triggered.connect(self.timeline.fit_all)
        a[Act.CURSOR_BACK].triggered.connect(lambda: self.timeline.step_cursor(-1))
        a[Act.CURSOR_FORWARD].triggered.connect(lambda: self.timeline.step_cursor(+1))
        a[Act.LANES_PARTY].triggered.connect(lambda: self.set_lane_mode("party"))
        a[Act.LANES_CATEGORY].triggered.connect(lambda: self.set_lane_mode("category"))
        a[Act.STORY].toggled.connect(self._on_story_toggled)
        a[Act.STORY_NEXT].triggered.connect(lambda: self.story_bar.go(self.story_bar.index + 1))
        a[Act.STORY_BACK].triggered.connect(lambda: self.story_bar.go(self.story_bar.index - 1))
        a[Act.ABOUT].triggered.connect(self._on_about)

        self.timeline.event_clicked.connect(self._on_event_clicked)
        self.timeline.cursor_moved.connect(self._on_cursor_moved)
        self.detail.internal_link.connect(self._on_internal_link)
        self.positions.event_link_clicked.connect(self.select_id)
        self.positions.cursor_requested.connect(self._on_cursor_requested)
        self.story_bar.step_changed.connect(self._on_story_step)
        self.story_bar.closed.connect(lambda: a[Act.STORY].setChecked(False))
        self.search_bar.filter_changed.connect(self.apply_filter)
        self.search_bar.step_requested.connect(self.step_match)
        self.search_bar.hide_changed.connect(self.timeline.events.set_hide_dimmed)
        self.watcher.changed.connect(self._on_files_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)

    # -- datasets ----------------------------------------------------------------
    def open_dataset(self, path: str | Path, *, keep_view: bool = False) -> bool:
        """Load `path`; on errors keep the current data and list the problems.

        With `keep_view` (a reload) the visible range, cursor and selection stay."""
        path = Path(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = load_with_progress(path, self)
        finally:
            QApplication.restoreOverrideCursor()
        if result is None:
            self.statusBar().showMessage(f"Opening {path.name} was cancelled; the current data is kept", 10000)
            return False
        self.problems = result.problems
        same = self.dataset_path is not None and path.resolve() == self.dataset_path.resolve()
        if result.dataset is None:
            kept = self.dataset is not None
            self.problems_dock.show_problems(result.problems, path.name, kept_last_good=kept)
            self._show_problems_dock()
            keeping = "; keeping the last good data" if kept else ""
            self.statusBar().showMessage(f"Could not open {path.name}: {len(result.errors)} error(s){keeping}", 15000)
            if same or self.dataset is None:
                self.watcher.watch(path, result.files)  # a fix to the file reloads it
            return False
        if keep_view and self.dataset is not None:
            keep_sel = self.dataset.events[self.selected].id if self.selected >= 0 else None
            view = self.timeline.visible_range()
            cursor = self.timeline.cursor_day()
            self.set_dataset(result.dataset, path)
            self.timeline.set_range(*view)
            self.timeline.set_cursor(cursor)
            if keep_sel:
                self.select_id(keep_sel, move_cursor=False)
        else:
            self.set_dataset(result.dataset, path)
        self.problems_dock.show_problems(result.problems, path.name)
        if result.problems:
            self._show_problems_dock()
        elif same:
            self.problems_dock.hide()
        self.watcher.watch(path, result.files)
        self._add_recent(path)
        warn = f", {len(result.warnings)} warning(s)" if result.warnings else ""
        verb = "Reloaded" if keep_view else "Opened"
        self.statusBar().showMessage(f"{verb} {path.name}: {len(result.dataset.events)} events{warn}", 8000)
        return True

    def _show_problems_dock(self) -> None:
        dock = self.problems_dock
        if dock.isHidden():
            dock.show()
            if not dock.isFloating():  # a short strip; the timeline keeps its room
                QTimer.singleShot(0, lambda: self.resizeDocks([dock], [150], Qt.Orientation.Vertical))
        dock.raise_()

    def set_dataset(self, ds: Dataset, path: Path | None = None) -> None:
        self.dataset = ds
        self.dataset_path = path
        self.selected = -1
        self._search_index = None
        # large datasets: build the search index in the background so the first keystroke never waits
        self._search_future = _indexer().submit(SearchIndex, ds) if len(ds.events) > BACKGROUND_INDEX_FROM else None
        self.search_bar.set_dataset(ds)
        self.setWindowTitle(f"{ds.title} — Explorer")
        self.timeline.set_dataset(ds, self.timeline.lane_mode)
        self.positions.set_dataset(ds)
        self.detail.show_placeholder()
        has_parties = any(e.parties for e in ds.events)
        self.acts[Act.LANES_PARTY].setEnabled(has_parties)
        if not has_parties and self.timeline.lane_mode == "party":  # e.g. an imported TimelineJS file
            self.set_lane_mode("category", remember=False)
        elif has_parties and self.settings.value("lane_mode", "party") != self.timeline.lane_mode:
            self.set_lane_mode(str(self.settings.value("lane_mode", "party")), remember=False)
        story = self.acts[Act.STORY]
        story.setEnabled(bool(ds.stories))
        title = ds.stories[0].title if ds.stories else "no guided story in this dataset"
        story.setText(f"&Story: {title if len(title) <= 48 else title[:47] + '…'}".replace("&", "&&").replace("&&S", "&S", 1))
        self._on_cursor_moved(self.timeline.cursor_day())
        self.apply_filter(self.search_bar.current_filter())
        if path is not None:
            self.settings.setValue("last_dataset", str(path))

    def reload(self) -> bool:
        if self.dataset_path is None:
            return False
        return self.open_dataset(self.dataset_path, keep_view=True)

    # -- search and filters ----------------------------------------------------------
    def apply_filter(self, flt: Filter) -> None:
        """Dim (or hide) the events that do not match, and count the matches."""
        self.filter = flt
        ds = self.dataset
        if ds is None:
            return
        if not flt.active:
            self.matches = None
            self.timeline.set_dimmed(None)
        else:
            if flt.query.strip() and self._search_index is None:
                future = self._search_future
                self._search_index = future.result() if future is not None else SearchIndex(ds)
            self.matches = match_indexes(ds, flt, self._search_index)
            dimmed = np.ones(len(ds.events), dtype=bool)
            dimmed[self.matches] = False
            self.timeline.set_dimmed(dimmed)
        n = len(self.matches) if self.matches is not None else len(ds.events)
        self.search_bar.set_count(n, len(ds.events), flt.active)

    def step_match(self, step: int) -> None:
        """Select the next (or previous) matching event after the selection."""
        if self.matches is None:
            if self.filter.active or not self.dataset:
                return
            self.step_selection(step)
            return
        current = self.selected
        if current < 0:
            current = self._index_at_cursor() - (1 if step > 0 else 0)
        i = next_match(self.matches, current, step)
        if i >= 0:
            self.select_index(i)

    # -- recent datasets ------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _add_recent(self, path: Path) -> None:
        p = str(path.resolve())
        items = [p] + [r for r in self.recent() if r != p]
        self.settings.setValue("recent", items[:MAX_RECENT])
        self._fill_recent_menu()

    def _clear_recent(self) -> None:
        self.settings.setValue("recent", [])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        m = self.recent_menu
        m.clear()
        items = self.recent()
        for n, p in enumerate(items, 1):
            act = m.addAction(f"&{n} {Path(p).name}  —  {p}")
            act.setData(p)
            act.triggered.connect(lambda _checked=False, p=p: self.open_dataset(p))
            act.setEnabled(Path(p).exists())
        if items:
            m.addSeparator()
        m.addAction(self.acts[Act.CLEAR_RECENT])
        self.acts[Act.CLEAR_RECENT].setEnabled(bool(items))

    # -- appearance -----------------------------------------------------------------
    def set_appearance(self, mode: str) -> None:
        """"system", "light" or "dark"; the system setting is followed live."""
        mode = mode if mode in APPEARANCES else "system"
        self.appearance = mode
        self.theme = theme_for(mode)
        apply_theme(QApplication.instance(), self.theme)
        self.timeline.apply_theme(self.theme)
        key = {"system": Act.APPEAR_SYSTEM, "light": Act.APPEAR_LIGHT, "dark": Act.APPEAR_DARK}[mode]
        self.acts[key].setChecked(True)
        self.settings.setValue("appearance", mode)
        if self.dataset is not None:  # rich text picks the new palette up when re-rendered
            self.positions.update_at(self.timeline.cursor_day(), mark_changes=False)
            if self.selected >= 0:
                self.detail.show_event(self.dataset, self.dataset.events[self.selected])

    def _on_system_scheme_changed(self, *_):
        if self.appearance == "system":
            self.set_appearance("system")

    # -- files ------------------------------------------------------------------------
    def _on_live_reload_toggled(self, on: bool) -> None:
        self.watcher.enabled = on
        self.settings.setValue("live_reload", on)

    def _on_files_changed(self) -> None:
        if self.dataset_path is not None and self.acts[Act.LIVE_RELOAD].isChecked():
            self.reload()

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

    # -- selection and cursor ------------------------------------------------------
    def select_index(self, index: int, move_cursor: bool = True) -> None:
        ds = self.dataset
        if ds is None or not ds.events:
            return
        index = max(0, min(index, len(ds.events) - 1))
        self.selected = index
        ev = ds.events[index]
        self.timeline.select(index)
        self.detail.show_event(ds, ev)
        if move_cursor:
            self.timeline.set_cursor(ev.start)
        self.timeline.ensure_visible(ev.start)
        self.statusBar().showMessage(f"{ev.date.display()} — {short_title(ev.title)}", 6000)

    def select_id(self, event_id: str, move_cursor: bool = True) -> None:
        if self.dataset is not None:
            i = self.dataset.index_of(event_id)
            if i >= 0:
                self.select_index(i, move_cursor)

    def step_selection(self, step: int) -> None:
        if self.dataset is None:
            return
        if self.selected < 0:  # start from the cursor
            i = self._index_at_cursor()
            self.select_index(i if step > 0 else i - 1)
        else:
            self.select_index(self.selected + step)

    def _index_at_cursor(self) -> int:
        """Index of the first event starting at or after the cursor (events are in date order)."""
        return bisect.bisect_left(self.dataset.events, self.timeline.cursor_day(), key=lambda e: e.date.start)

    def set_lane_mode(self, mode: str, remember: bool = True) -> None:
        self.timeline.set_lane_mode(mode)
        self.acts[Act.LANES_PARTY].setChecked(mode == "party")
        self.acts[Act.LANES_CATEGORY].setChecked(mode == "category")
        if remember:
            self.settings.setValue("lane_mode", mode)

    # -- slots -------------------------------------------------------------------
    def _on_event_clicked(self, index: int) -> None:
        self.select_index(index)
        self.timeline.setFocus()

    def _on_cursor_moved(self, day: float) -> None:
        self.positions.update_at(day)
        self.status_date.setText(f"Cursor: {display_day(day)}")

    def _on_cursor_requested(self, day: float) -> None:
        self.timeline.set_cursor(day)
        self.timeline.ensure_visible(day)
        self.positions.tabs.setCurrentIndex(0)

    def _on_internal_link(self, url: QUrl) -> None:
        if url.scheme() == "event":
            self.select_id(QUrl.fromPercentEncoding(url.path().encode()))

    def _on_zoom_event(self) -> None:
        if self.selected >= 0:
            self.timeline.zoom_to_event(self.selected)

    def _on_story_toggled(self, on: bool) -> None:
        if on and self.dataset and self.dataset.stories:
            self.story_bar.show()
            self.story_bar.start(self.dataset.stories[0])
        else:
            self.story_bar.hide()

    def _on_story_step(self, event_id: str) -> None:
        self.select_id(event_id)
        if self.selected >= 0:
            ev = self.dataset.events[self.selected]
            span = 365.2425 * 12
            self.timeline.set_range(ev.start - span / 2, ev.start + span / 2)

    def _on_open_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open dataset folder")
        if path:
            self.open_dataset(path)

    def _on_open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open dataset file", "", "TOML dataset (*.toml)")
        if path:
            self.open_dataset(path)

    def _on_export_cards(self) -> None:
        from .export_dialog import ExportDialog

        if self.dataset is not None:
            lo, hi = self.timeline.visible_range()
            visible = [e for e in self.dataset.events if e.end > lo and e.start < hi]
            matching = [self.dataset.events[i] for i in self.matches] if self.matches is not None else None
            ExportDialog(self.dataset, self.selected, self, visible, matching).exec()

    def _on_import(self) -> None:
        from .import_export import import_dialog

        out = import_dialog(self)
        if out is not None:
            self.open_dataset(out)

    def _on_export_timelinejs(self) -> None:
        from .import_export import export_timelinejs_dialog

        if self.dataset is not None:
            export_timelinejs_dialog(self, self.dataset)

    def _on_about(self) -> None:
        from .about import about_html

        import PySide6
        from PySide6.QtCore import qVersion

        box = QMessageBox(self)
        box.setWindowTitle("About Explorer")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_html(__version__, self.dataset, qVersion(), PySide6.__version__))
        box.setIconPixmap(QApplication.windowIcon().pixmap(96, 96))
        box.setObjectName("aboutBox")
        self._about_box = box
        box.exec()

    # -- settings ----------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geo = s.value("geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:  # first start: 1400x900, or 90% of a smaller screen
            screen = QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else None
            w, h = 1400, 900
            if avail is not None and avail.width() > 0:
                w, h = min(w, int(avail.width() * 0.9)), min(h, int(avail.height() * 0.9))
            self.resize(w, h)
        for split in (self.main_split, self.bottom_split):
            state = s.value(f"splitters/{split.objectName()}")
            if state is not None:
                split.restoreState(state)
        mode = s.value("lane_mode", "party")
        self.set_lane_mode(mode if mode in ("party", "category") else "party")
        state = s.value("window_state")
        if state is not None:
            self.restoreState(state)
        live = s.value("live_reload", True)
        self.acts[Act.LIVE_RELOAD].setChecked(live not in (False, "false", "0", 0))
        self.watcher.enabled = self.acts[Act.LIVE_RELOAD].isChecked()
        self.set_appearance(str(s.value("appearance", "system")))
        self.search_bar.hide_others.setChecked(s.value("hide_non_matching", False) in (True, "true", "1", 1))
        self._fill_recent_menu()

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        for split in (self.main_split, self.bottom_split):
            s.setValue(f"splitters/{split.objectName()}", split.saveState())
        s.setValue("window_state", self.saveState())
        s.setValue("appearance", self.appearance)
        s.setValue("hide_non_matching", self.search_bar.hide_others.isChecked())
        s.sync()

    def closeEvent(self, ev) -> None:
        self.save_settings()
        super().closeEvent(ev)
