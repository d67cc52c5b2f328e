"""`explorer screenshot`: render the main window offscreen to a PNG."""

from __future__ import annotations

import os
import sys


MAX_SIDE = 8192  # pixels: bigger images exhaust memory (and Qt may crash)


def run(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from ..core.dates import DateError, parse_when
    from ..core.query import Filter
    from .common import UsageError, dataset_path

    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"explorer: error: --size must look like 1400x900, not {args.size}") from None
    if not (200 <= w <= MAX_SIDE and 200 <= h <= MAX_SIDE):
        raise UsageError(f"explorer: error: --size must be between 200x200 and {MAX_SIDE}x{MAX_SIDE}, not {args.size}")
    at = None
    if args.at:
        try:
            at = parse_when(args.at).start
        except DateError as e:
            raise UsageError(f"explorer: error: --at: {e}") from None
    path = dataset_path(args.path)
    from PySide6.QtCore import QSettings

    from ..ui.shell.app import make_app
    from ..ui.shell.main_window import MainWindow

    import tempfile

    app = make_app()
    settings_dir = tempfile.TemporaryDirectory(prefix="explorer-screenshot-")  # the same picture every time
    win = MainWindow(QSettings(str(Path(settings_dir.name) / "settings.ini"), QSettings.Format.IniFormat))
    win.set_appearance("dark" if getattr(args, "dark", False) else "light")
    win.problems_dock.hide()
    from .common import say

    ok = win.open_dataset(path)
    if not ok and win.loader.busy:  # a big dataset opens in the background: wait for it
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        win.loader.finished.connect(lambda *_: loop.quit())
        loop.exec()
        ok = win.session.dataset is not None and not any(p.is_error for p in win.problems)
    if not ok:
        for p in win.problems:
            say(p.format(for_terminal=True), file=sys.stderr)
        if not win.problems:
            say(f"explorer: error: could not open {path}", file=sys.stderr)
        return 1
    win.resize(w, h)
    from ..ui.shell.actions import Act

    win.acts[Act.SHOW_MAP].setChecked(not args.no_map and (args.with_map or w >= 1500))
    win.show()
    app.processEvents()
    s = win.session
    if args.select and not s.select_id(args.select):
        say(f"explorer: error: no event `{args.select}`", file=sys.stderr)
        return 1
    if getattr(args, "query", None):
        s.set_filter(Filter(query=args.query))
    if at is not None:
        s.jump_to(at)
    if getattr(args, "pin", None):
        s.pin(parse_when(args.pin).start)
    if getattr(args, "story", None):
        s.start_story()
        s.go_to_step(args.story - 1)
    for _ in range(5):
        app.processEvents()
    win.positions.settle()  # the picture of a moment is the settled panel, not a passing highlight
    app.processEvents()
    from ..core.output import ExportError, atomic_path
    from .common import inputs_of

    out = Path(args.output)
    try:
        with atomic_path(out, protect=inputs_of(path, win.dataset)) as tmp:  # never over the dataset, a FIFO or a device
            if not win.grab().save(str(tmp), "PNG"):
                raise ExportError(f"cannot write {out}")
    except ExportError as e:
        say(f"explorer: error: {e}", file=sys.stderr)
        return 1
    finally:
        win.close()
        settings_dir.cleanup()
    say(out)
    return 0
