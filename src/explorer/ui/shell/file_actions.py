"""File menu and Help > About: open, recent datasets, import, export, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..dialogs import export_view_dialog
from ..text import plain
from .actions import Act

MAX_RECENT = 8


def connect(win) -> None:
    a = win.acts
    a[Act.OPEN_FOLDER].triggered.connect(lambda: _open_folder(win))
    a[Act.OPEN_FILE].triggered.connect(lambda: _open_file(win))
    a[Act.CLEAR_RECENT].triggered.connect(lambda: _clear_recent(win))
    a[Act.EXPORT_CARDS].triggered.connect(lambda: export_cards(win))
    a[Act.EXPORT_VIEW].triggered.connect(lambda: export_view_dialog.run(win))
    a[Act.IMPORT].triggered.connect(lambda: _import(win))
    a[Act.EXPORT_TIMELINEJS].triggered.connect(lambda: _export_timelinejs(win))
    a[Act.ABOUT].triggered.connect(lambda: about(win))


def _open_folder(win) -> None:
    path = QFileDialog.getExistingDirectory(win, "Open dataset folder")
    if path:
        win.open_dataset(path)


def _open_file(win) -> None:
    path, _ = QFileDialog.getOpenFileName(win, "Open dataset file", "", "TOML dataset (*.toml)")
    if path:
        win.open_dataset(path)


# -- recent datasets ---------------------------------------------------------------
def recent(settings) -> list[str]:
    value = settings.value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [v for v in (value or []) if isinstance(v, str)]


def add_recent(win, path: Path) -> None:
    p = str(path.resolve())
    items = [p] + [r for r in recent(win.settings) if r != p]
    win.settings.setValue("recent", items[:MAX_RECENT])
    fill_recent_menu(win)


def _clear_recent(win) -> None:
    win.settings.setValue("recent", [])
    fill_recent_menu(win)


def fill_recent_menu(win) -> None:
    m = win.recent_menu
    m.clear()
    items = recent(win.settings)
    for n, p in enumerate(items, 1):
        act = m.addAction(f"&{n} {Path(p).name}  —  {p}".replace("&", "&&").replace(f"&&{n} ", f"&{n} ", 1))
        act.setData(p)
        act.triggered.connect(lambda _checked=False, p=p: win.open_dataset(p))
        act.setEnabled(Path(p).exists())
    if items:
        m.addSeparator()
    m.addAction(win.acts[Act.CLEAR_RECENT])
    win.acts[Act.CLEAR_RECENT].setEnabled(bool(items))


# -- import, export, about ------------------------------------------------------------
def export_cards(win) -> None:
    from ..dialogs.export_dialog import ExportDialog

    s = win.session
    if s.dataset is not None:
        ExportDialog(s.dataset, {k: s.export_scope(k) for k in ("selected", "view", "matching", "all")},
                     s.matches is not None, win).exec()


def _import(win) -> None:
    from ..dialogs.interop_dialogs import import_dialog

    out = import_dialog(win)
    if out is not None:
        win.open_dataset(out)


def _export_timelinejs(win) -> None:
    from ..dialogs.interop_dialogs import export_timelinejs_dialog

    ds, path = win.session.dataset, win.session.path
    if ds is not None:
        from ...core.output import dataset_inputs

        out = export_timelinejs_dialog(win, ds, dataset_inputs(path, ds))
        if out is not None:
            win.statusBar().showMessage(f"Exported {len(ds.events)} events to {out}", 8000)


def about(win) -> None:
    import PySide6
    from PySide6.QtCore import Qt, qVersion
    from PySide6.QtWidgets import QApplication

    from ... import __version__
    from .about import about_html

    box = QMessageBox(win)
    box.setWindowTitle("About Explorer")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(__version__, win.session.dataset, qVersion(), PySide6.__version__))  # escaped inside
    box.setIconPixmap(QApplication.windowIcon().pixmap(96, 96))
    box.setObjectName("aboutBox")
    win.about_box = box
    box.exec()


__all__ = ["connect", "add_recent", "fill_recent_menu", "recent", "export_cards", "about", "plain"]
