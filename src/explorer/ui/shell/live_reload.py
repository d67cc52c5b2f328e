"""Watch a dataset's files and folders; report a change once the writing has settled."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # editors write in several steps; wait for quiet before reloading
MAX_WATCHED_FILES = 2000  # inotify watches are a limited resource; folders are always watched


class DatasetWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.root: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._fire)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)

    def watch(self, root: Path, files: list[Path]) -> None:
        """Watch `files` and every folder under `root` (new or renamed files count too).

        Call again after each reload: editors that save by replacing a file
        make the watcher drop it."""
        self.clear()
        self.root = root
        # past the cap, new, removed and renamed files are still seen through their folders
        paths = [str(f) for f in files[:MAX_WATCHED_FILES] if f.exists()]
        if root.is_dir():
            for dirpath, dirnames, _ in os.walk(root, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                paths.append(dirpath)
        elif root.exists():
            paths.append(str(root))
            paths.append(str(root.parent))
        if paths:
            self.watcher.addPaths(sorted(set(paths)))

    @property
    def settle_ms(self) -> int:
        """How long the files must stay quiet before `changed` (editors write in several steps)."""
        return self._timer.interval()

    @settle_ms.setter
    def settle_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def clear(self) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self._timer.stop()

    def _poke(self, _path: str) -> None:
        self._timer.start()  # whether to reload is the window's choice (File > Reload automatically)

    def _fire(self) -> None:
        self.changed.emit()
