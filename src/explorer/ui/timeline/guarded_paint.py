"""Keep an exception inside a paint() override from taking the app down.

With PySide6 6.11, an exception that escapes a Python `paint()` called by Qt
crashes the interpreter while Shiboken reports it (a segfault in
`PepException_GetArgs`, seen with a NameError). So paint methods catch it,
stop drawing that item for this frame, and hand the exception to
`sys.excepthook` from the event loop, outside the paint: the app's crash
dialog and log (ui/crash.py) or pytest-qt then see it. Only the first failure
of an item is reported, not one per frame.
"""

from __future__ import annotations

import functools
import sys

from PySide6.QtCore import QTimer


def guarded_paint(paint):
    @functools.wraps(paint)
    def wrapper(self, *args):
        try:
            paint(self, *args)
        except Exception:  # noqa: BLE001 - reported below, outside the paint
            info = sys.exc_info()
            if not getattr(self, "_paint_failed", False):
                self._paint_failed = True
                QTimer.singleShot(0, lambda: sys.excepthook(*info))

    return wrapper
