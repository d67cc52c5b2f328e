"""`explorer screenshot`: render the main window offscreen to a PNG."""

from __future__ import annotations

import os
import sys


def screenshot(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from ..cli import UsageError, _dataset_path
    from ..core import DateError, parse_when

    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"explorer: error: --size must look like 1400x900, not {args.size}") from None
    at = None
    if args.at:
        try:
            at = parse_when(args.at).start
        except DateError as e:
            raise UsageError(f"explorer: error: --at: {e}") from None
    path = _dataset_path(args.path)
    from PySide6.QtCore import QSettings

    from .app import make_app
    from .main_window import MainWindow

    app = make_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    win = MainWindow(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Explorer", "screenshot"))
    win.set_appearance("dark" if getattr(args, "dark", False) else "light")
    win.problems_dock.hide()
    if not win.open_dataset(path):
        for p in win.problems:
            print(p, file=sys.stderr)
        return 1
    win.resize(w, h)
    win.show()
    app.processEvents()
    if args.select:
        if win.dataset.index_of(args.select) < 0:
            print(f"explorer: error: no event `{args.select}`", file=sys.stderr)
            return 1
        win.select_id(args.select)
    if getattr(args, "query", None):
        win.search_bar.text.setText(args.query)
        win.apply_filter(win.search_bar.current_filter())
    if at is not None:
        win.timeline.set_cursor(at)
        win.timeline.ensure_visible(at)
    for _ in range(5):
        app.processEvents()
    out = Path(args.output)
    tmp = out.with_name(f".{out.name}.tmp.png")
    if not win.grab().save(str(tmp), "PNG"):
        print(f"explorer: error: cannot write {out}", file=sys.stderr)
        tmp.unlink(missing_ok=True)
        return 1
    os.replace(tmp, out)
    print(out)
    win.positions._flash_timer.stop()
    win.close()
    return 0
