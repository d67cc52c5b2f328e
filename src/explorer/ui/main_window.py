"""The main window, assembled in a fixed order: actions, status bar, toolbar,
menus, panels; every signal is wired in `_connect_signals`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget,
)

from .. import __version__
from ..core import load
from ..core.dates import display_day
from ..core.model import Dataset
from .actions import Act, build_actions
from .detail_pane import DetailPane
from .positions_panel import PositionsPanel
from .story_bar import StoryBar
from .timeline.view import TimelineView

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
        self.setWindowTitle("Explorer")
        self.setMinimumSize(720, 480)
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

        mb = self.menuBar()
        menus = {
            "&File": [Act.OPEN_FOLDER, Act.OPEN_FILE, Act.RELOAD, None, Act.EXPORT_CARDS, None, Act.QUIT],
            "&View": [Act.ZOOM_IN, Act.ZOOM_OUT, Act.FIT_ALL, Act.ZOOM_EVENT, None, Act.LANES_PARTY, Act.LANES_CATEGORY],
            "&Navigate": [Act.PREV_EVENT, Act.NEXT_EVENT, Act.FIRST_EVENT, Act.LAST_EVENT, None,
                          Act.CURSOR_BACK, Act.CURSOR_FORWARD],
            "&Story": [Act.STORY, Act.STORY_BACK, Act.STORY_NEXT],
            "&Help": [Act.ABOUT],
        }
        for title, keys in menus.items():
            m = mb.addMenu(title)
            for key in keys:
                m.addSeparator() if key is None else m.addAction(a[key])

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
        tv.addWidget(self.timeline, 1)
        tv.addWidget(self.story_bar)
        self.main_split.addWidget(top)
        self.main_split.addWidget(self.bottom_split)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([520, 420])
        self.bottom_split.setSizes([520, 780])
        self.setCentralWidget(self.main_split)

    def _connect_signals(self) -> None:
        a = self.acts
        a[Act.OPEN_FOLDER].triggered.connect(self._on_open_folder)
        a[Act.OPEN_FILE].triggered.connect(self._on_open_file)
        a[Act.RELOAD].triggered.connect(self.reload)
        a[Act.EXPORT_CARDS].triggered.connect(self._on_export_cards)
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

    # -- datasets ----------------------------------------------------------------
    def open_dataset(self, path: str | Path) -> bool:
        """Load `path`; on errors keep the current data and report the problems."""
        path = Path(path)
        result = load(path)
        self.problems = result.problems
        if result.dataset is None:
            lines = "\n".join(str(p) for p in result.errors[:20])
            more = f"\n… and {len(result.errors) - 20} more" if len(result.errors) > 20 else ""
            self.statusBar().showMessage(f"Could not open {path}: {len(result.errors)} error(s); keeping the current data", 15000)
            if self.isVisible():
                QMessageBox.warning(self, "Dataset has errors", f"{path} could not be loaded:\n\n{lines}{more}")
            return False
        self.set_dataset(result.dataset, path)
        warn = f", {len(result.warnings)} warning(s)" if result.warnings else ""
        self.statusBar().showMessage(f"Opened {path.name}: {len(result.dataset.events)} events{warn}", 8000)
        return True

    def set_dataset(self, ds: Dataset, path: Path | None = None) -> None:
        self.dataset = ds
        self.dataset_path = path
        self.selected = -1
        self.setWindowTitle(f"{ds.title} — Explorer")
        self.timeline.set_dataset(ds, self.timeline.lane_mode)
        self.positions.set_dataset(ds)
        self.detail.show_placeholder()
        self.acts[Act.STORY].setEnabled(bool(ds.stories))
        self._on_cursor_moved(self.timeline.cursor_day())
        if path is not None:
            self.settings.setValue("last_dataset", str(path))

    def reload(self) -> None:
        if self.dataset_path is None:
            return
        keep_sel = self.dataset.events[self.selected].id if self.selected >= 0 else None
        view = self.timeline.visible_range()
        cursor = self.timeline.cursor_day()
        if self.open_dataset(self.dataset_path):
            self.timeline.set_range(*view)
            self.timeline.set_cursor(cursor)
            if keep_sel:
                self.select_id(keep_sel, move_cursor=False)

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
        self.statusBar().showMessage(f"{ev.date.display()} — {ev.title}", 6000)

    def select_id(self, event_id: str, move_cursor: bool = True) -> None:
        if self.dataset is not None:
            i = self.dataset.index_of(event_id)
            if i >= 0:
                self.select_index(i, move_cursor)

    def step_selection(self, step: int) -> None:
        if self.dataset is None:
            return
        if self.selected < 0:
            # start from the cursor
            day = self.timeline.cursor_day()
            starts = [e.start for e in self.dataset.events]
            import bisect

            i = bisect.bisect_left(starts, day)
            self.select_index(i if step > 0 else i - 1)
        else:
            self.select_index(self.selected + step)

    def set_lane_mode(self, mode: str) -> None:
        self.timeline.set_lane_mode(mode)
        self.acts[Act.LANES_PARTY].setChecked(mode == "party")
        self.acts[Act.LANES_CATEGORY].setChecked(mode == "category")
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
            ExportDialog(self.dataset, self.selected, self, visible).exec()

    def _on_about(self) -> None:
        from .about import about_html

        QMessageBox.about(self, "About Explorer", about_html(__version__, self.dataset))

    # -- settings ----------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geo = s.value("geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1400, 900)
        for split in (self.main_split, self.bottom_split):
            state = s.value(f"splitters/{split.objectName()}")
            if state is not None:
                split.restoreState(state)
        mode = s.value("lane_mode", "party")
        self.set_lane_mode(mode if mode in ("party", "category") else "party")

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        for split in (self.main_split, self.bottom_split):
            s.setValue(f"splitters/{split.objectName()}", split.saveState())
        s.setValue("lane_mode", self.timeline.lane_mode)
        s.sync()

    def closeEvent(self, ev) -> None:
        self.save_settings()
        super().closeEvent(ev)
