"""The window's side of loading: `core.loading.open_dataset` off the GUI thread, results by signal.

Small datasets open at once, in this thread (faster than any hand-off). Big
ones (over `CHILD_FROM_BYTES`) open on a Python thread that waits on an isolated
child process (`core/loading/child.py`), so the window keeps painting; progress
and a Cancel button show in the status bar, never in a modal dialog, and the
current data stays on screen and usable until the new data swaps in. There is
no nested event loop: the result arrives through `finished`. A request that
comes while a load runs (a save during a reload) is queued, not re-entered:
the newest request runs when the current one ends.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.loading import CHILD_FROM_BYTES, CancelToken, LoadCancelled, LoadResult, open_dataset
from ...core.loading.files import scan


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
                result = open_dataset(path)
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

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

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
