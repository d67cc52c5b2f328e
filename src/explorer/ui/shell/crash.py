"""Unexpected errors: a dialog with the details, a log in the user's state folder, and
faulthandler so that even a native crash leaves a trace.

PySide6 hands exceptions raised in slots to `sys.excepthook`; ours logs them to
`$XDG_STATE_HOME/explorer/explorer.log` (~/.local/state/explorer/explorer.log)
and tells the person, and the window keeps running with the data it has.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
import traceback
from pathlib import Path

from ... import __version__

_crash_file = None  # kept open for faulthandler
_showing = False


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "explorer"


def log_path() -> Path:
    return state_dir() / "explorer.log"


def write_log(text: str) -> Path | None:
    try:
        state_dir().mkdir(parents=True, exist_ok=True)
        with open(log_path(), "a", encoding="utf-8") as f:
            f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} Explorer {__version__}, Python "
                    f"{sys.version.split()[0]}\n{text}\n")
        return log_path()
    except OSError:
        return None


def excepthook(exc_type, exc, tb) -> None:
    global _showing
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    sys.stderr.write(details)
    where = write_log(details)
    if _showing:
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from ..text import plain

        if QApplication.instance() is None:
            return
        _showing = True
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Explorer: unexpected error")
        box.setText(plain(f"Something went wrong: {exc_type.__name__}: {str(exc)[:300]}"))
        box.setInformativeText(plain("Explorer keeps running with the data it has. "
                                     + (f"The details were written to {where}." if where else "The details could not be saved.")))
        box.setDetailedText(details)
        box.setObjectName("errorBox")
        show_error_box(box)
    finally:
        _showing = False


def show_error_box(box) -> None:  # replaced in tests
    box.exec()


def install() -> None:
    """Call once at start-up of the GUI."""
    global _crash_file
    sys.excepthook = excepthook
    try:
        state_dir().mkdir(parents=True, exist_ok=True)
        _crash_file = open(state_dir() / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
        _crash_file.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} Explorer {__version__} started (pid {os.getpid()})\n")
        _crash_file.flush()
        faulthandler.enable(_crash_file)
    except OSError:
        faulthandler.enable()
