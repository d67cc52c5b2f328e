"""Start the desktop app: one QApplication, the main window, the first dataset."""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def make_app():
    from PySide6.QtWidgets import QApplication

    from .import_scan import skip_feature_scan

    skip_feature_scan()  # before pyqtgraph, numpy and the window's modules are imported

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("Explorer")
    app.setApplicationName("Explorer")
    app.setApplicationDisplayName("Explorer")
    app.setStyle("Fusion")
    from ...qt_fonts import install_fonts

    install_fonts(app)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("io.github.explorer_timeline.Explorer")  # Wayland: match the .desktop entry
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="#333")
    return app


def app_icon():
    """The application icon in every size we ship (title bar, task switcher, About)."""
    from PySide6.QtGui import QIcon

    from ...resources import resource_root

    icon = QIcon()
    for png in sorted((resource_root() / "icons").glob("explorer-*.png")):
        icon.addFile(str(png))
    return icon


def first_dataset(path: Path | None, settings) -> Path:
    from ...resources import bundled_dataset

    if path is not None:
        return path
    last = settings.value("last_dataset")
    if last and Path(last).exists():
        return Path(last)
    return bundled_dataset()


def build_window(path: Path | None = None, appearance: str | None = None):
    from PySide6.QtCore import QSettings

    from .main_window import MainWindow

    make_app()
    win = MainWindow(QSettings())
    if appearance is not None:
        win.set_appearance(appearance)
    if not win.open_dataset(first_dataset(path, win.settings)) and not win.loader.busy and path is None:
        from ...resources import bundled_dataset

        win.open_dataset(bundled_dataset())
    return win


def run(path: Path | None = None, appearance: str | None = None) -> int:
    from .crash import install

    faulthandler.enable()
    install()  # exception hook with a dialog and a log; faulthandler into the state folder
    app = make_app()
    win = build_window(path, appearance)
    if win.dataset is None and not win.loader.busy:
        for p in win.problems:
            print(p.format(for_terminal=True), file=sys.stderr)
        from ...core.terminal import for_terminal

        print(for_terminal(f"explorer: could not open {path}"), file=sys.stderr)
        return 1
    win.show()
    return app.exec()
