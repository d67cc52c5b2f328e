"""The window's side of loading: `core.loading.open_dataset` off the GUI thread, results by signal.

Small datasets open at once, in this thread (faster than any hand-off). Big
ones (over `CHILD_FROM_BYTES`) open on a Python thread: it reads the load cache
and builds a few edited files itself, and hands anything bigger to isolated
child processes (`core/loading/child.py`), so the window keeps painting. The
current data stays on screen and usable until the new data swaps in; progress
shows in the status bar (`LoadProgress`: what is opening, a progress bar and a
Cancel button, never a modal dialog). There is no nested event loop: the
result arrives through `finished`. A request that comes while a load runs (a
save during a reload) is queued, not re-entered: the newest request runs when
the current one ends.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from ...core.loading import CHILD_FROM_BYTES, CancelToken, LoadCancelled, LoadResult, open_dataset
from ...core.loading.files import scan
from ..text import plain

SHOW_AFTER_MS = 250  # a load that ends sooner (a reload from the cache) shows no progress at all
WRITE_AFTER_MS = 400  # a small dataset goes into the load cache once the window has painted it


class DatasetLoader(QObject):
    started = Signal(str)  # the name of what is being opened
    progress = Signal(int, int)  # bytes done, total
    finished = Signal(object, object, bool)  # path, LoadResult (None when cancelled), keep_view
    _done = Signal(object, object, bool, int)  # from the worker thread (queued to the GUI thread)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._busy = False
        self._queued: tuple[Path, bool] | None = None
        self._token: CancelToken | None = None
        self._generation = 0
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def queued(self) -> Path | None:
        """What opens when the current load ends (a reload asked for meanwhile), if anything."""
        return self._queued[0] if self._queued is not None else None

    def open(self, path: str | Path, keep_view: bool = False) -> None:
        """Open `path`; `finished` follows (at once for a small dataset)."""
        path = Path(path)
        if self._busy:
            self._queued = (path, keep_view)  # the newest request wins
            return
        found = scan(path)
        if found.total < CHILD_FROM_BYTES or found.problems:
            self._busy = True
            try:
                result = open_dataset(path, later=self._write_later)
            finally:
                self._busy = False
            self.finished.emit(path, result, keep_view)
            self._run_queued()
            return
        self._busy = True
        self._generation += 1
        self._token = token = CancelToken()
        self.started.emit(path.name)
        gen = self._generation

        def work() -> None:
            try:
                result = open_dataset(path, lambda d, t: self.progress.emit(d, t), token, in_child=True)
            except LoadCancelled:
                result = None
            except Exception as exc:  # noqa: BLE001 - shown as a problem, never lost on a thread
                from ...core.problems import Problem

                result = LoadResult(None, [Problem(path.name, f"loading failed: {exc}")], [], path)
            self._done.emit(path, result, keep_view, gen)

        threading.Thread(target=work, name="dataset-load", daemon=True).start()

    def _write_later(self, job) -> None:
        # a lambda, not the bound method itself: PySide holds a bound method's object weakly, and
        # nothing else keeps the load's writer alive, so the entries were never written
        QTimer.singleShot(WRITE_AFTER_MS, self, lambda: job())

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def show_progress_in(self, status_bar: QStatusBar) -> "LoadProgress":
        """Show what is loading, with a progress bar and a Cancel button, in `status_bar`."""
        widget = LoadProgress(self, status_bar)
        status_bar.addPermanentWidget(widget)
        return widget

    def _on_done(self, path: Path, result: LoadResult | None, keep_view: bool, gen: int) -> None:
        self._busy = False
        self._token = None
        self.finished.emit(path, result, keep_view)
        self._run_queued()

    def _run_queued(self) -> None:
        if self._queued is not None and not self._busy:
            path, keep_view = self._queued
            self._queued = None
            self.open(path, keep_view)


class LoadProgress(QWidget):
    """A load running in the background, in the status bar: what opens, how far it is, and Cancel.

    Hidden unless a background load has run for `SHOW_AFTER_MS`; never modal."""

    def __init__(self, loader: DatasetLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.loader = loader
        self.setObjectName("loadProgress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first figure
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Loading progress")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop loading and keep the current data (Esc)")
        self.cancel_button.clicked.connect(loader.cancel)
        for w in (self.label, self.bar, self.cancel_button):
            row.addWidget(w)
        self._timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._timer.timeout.connect(self._appear)
        loader.started.connect(self._on_started)
        loader.progress.connect(self._on_progress)
        loader.finished.connect(self._on_finished)
        self.hide()

    def _on_started(self, name: str) -> None:
        self.label.setText(plain(f"Opening {name}…"))
        self.bar.setRange(0, 0)
        self._timer.start()

    def _appear(self) -> None:
        if self.loader.busy:
            self.show()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))
            self.bar.setToolTip(plain(f"{done / 2**20:.0f} of {total / 2**20:.0f} MB"))

    def _on_finished(self, *_args) -> None:
        if not self.loader.busy:  # a queued load may have started already
            self._timer.stop()
            self.hide()
