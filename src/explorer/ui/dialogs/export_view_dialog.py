"""File > Export view…: the timeline as shown — its dates, lanes, cursor, selection and search —
as a PDF, SVG or PNG page, from A4 to an A2 poster (ui/export_view.py draws it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QMessageBox, QRadioButton, QSpinBox, QVBoxLayout,
)

from ..text import plain

SIZES = [("A4", "A4 landscape"), ("Letter", "Letter landscape"), ("A3", "A3 landscape"),
         ("Tabloid", "Tabloid (11×17 in) landscape"), ("A2", "A2 landscape — a poster"), ("window", "As on screen")]
FILTERS = {"pdf": "PDF (*.pdf)", "svg": "SVG (*.svg)", "png": "PNG image (*.png)"}


class ExportViewDialog(QDialog):
    """What the session shows now, and how to print it; `run_export(path)` writes it."""

    def __init__(self, session, screen_size: tuple[int, int], dark: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("exportViewDialog")
        self.setWindowTitle("Export the timeline view")
        self.session = session
        self.screen_size = screen_size
        ds = session.dataset
        self.size = QComboBox()
        self.size.setAccessibleName("Page size")
        for key, text in SIZES:
            self.size.addItem(text, key)
        self.range_view = QRadioButton("The dates shown now")
        self.range_all = QRadioButton("The whole span")
        self.range_view.setChecked(True)
        self.range_group = QButtonGroup(self)
        for b in (self.range_view, self.range_all):
            self.range_group.addButton(b)
        self.cursor = QCheckBox("The cursor and its date")
        self.cursor.setChecked(True)
        self.band = QCheckBox("Each side's stance under the timeline (the stance band)")
        self.band.setChecked(bool(ds.side_ids))
        self.band.setEnabled(bool(ds.side_ids))
        self.map = QCheckBox("The map at the cursor date")
        self.map.setEnabled(ds.geo is not None)
        self.dark = QCheckBox("Dark (for screens; paper prints best light)")
        self.dark.setChecked(dark)
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setValue(150)
        self.dpi.setSuffix(" dpi")
        self.dpi.setAccessibleName("PNG resolution")
        self.open_after = QCheckBox("Open the file when done")
        form = QFormLayout()
        form.addRow("Page:", self.size)
        form.addRow("Dates:", self.range_view)
        form.addRow("", self.range_all)
        form.addRow("Show:", self.cursor)
        form.addRow("", self.band)
        form.addRow("", self.map)
        form.addRow("", self.dark)
        form.addRow("PNG resolution:", self.dpi)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(buttons)

    def options(self):
        """The ViewOptions for what the session shows now and the choices made here."""
        import numpy as np

        from ..export_view import ViewOptions

        s = self.session
        key = self.size.currentData()
        size = f"{self.screen_size[0]}x{self.screen_size[1]}" if key == "window" else key
        dimmed = None
        if s.matches is not None:
            dimmed = np.ones(len(s.dataset.events), dtype=bool)
            dimmed[s.matches] = False
        lo, hi = s.view if self.range_view.isChecked() else (None, None)
        return ViewOptions(size=size, lo=lo, hi=hi, lanes=s.lane_mode, dark=self.dark.isChecked(),
                           band=self.band.isChecked(), map=self.map.isChecked(),
                           cursor=s.cursor if self.cursor.isChecked() else None, selected=s.selected,
                           dimmed=dimmed, dpi=self.dpi.value() if key != "window" else None)

    def _on_save(self) -> None:
        name = f"{self.session.dataset.id}-timeline.pdf"
        path, chosen = QFileDialog.getSaveFileName(self, "Save the timeline as", name, ";;".join(FILTERS.values()))
        if not path:
            return
        if Path(path).suffix.lower().lstrip(".") not in FILTERS:
            path += "." + next((k for k, f in FILTERS.items() if f == chosen), "pdf")
        if self.run_export(path):
            self.accept()

    def run_export(self, path: str) -> bool:
        from ...core.output import ExportError
        from ..export_view import export_view

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_view(self.session.dataset, path, self.options(),
                        protect=(self.session.path,) if self.session.path else ())
        except ExportError as e:
            QMessageBox.critical(self, "Export failed", plain(str(e)))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        return True


def run(win) -> None:
    """File > Export view…"""
    s = win.session
    if s.dataset is None:
        return
    view = win.timeline  # "as on screen": the timeline's size, with room for the title and source lines
    ExportViewDialog(s, (max(view.width() + 24, 400), max(view.height() + 80, 300)), win.theme.dark, win).exec()
