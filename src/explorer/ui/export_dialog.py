"""File > Export cards…: choose events and layout, then write the PDF with progress and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QMessageBox, QProgressDialog, QRadioButton, QVBoxLayout, QApplication,
)

from ..core.model import Dataset, Event
from ..export.cards import PAGE_SIZES, CardOptions, ExportCancelled, ExportError, export_cards


class ExportDialog(QDialog):
    def __init__(self, ds: Dataset, selected: int, parent=None, visible: list[Event] | None = None,
                 matching: list[Event] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export event cards as PDF")
        self.ds = ds
        self.selected = selected
        self.visible = visible or []
        self.matching = matching  # None: no search or filter is active
        self.scope_selected = QRadioButton("The selected event")
        self.scope_visible = QRadioButton(f"Events in the current view ({len(self.visible)})")
        n_match = len(matching) if matching is not None else 0
        self.scope_matching = QRadioButton(f"Events matching the search and filters ({n_match})")
        self.scope_all = QRadioButton(f"All events ({len(ds.events)})")
        self.scope = QButtonGroup(self)
        for b in (self.scope_selected, self.scope_visible, self.scope_matching, self.scope_all):
            self.scope.addButton(b)
        self.scope_selected.setEnabled(selected >= 0)
        self.scope_visible.setEnabled(bool(self.visible))
        self.scope_matching.setEnabled(bool(matching))
        if matching:
            self.scope_matching.setChecked(True)
        else:
            (self.scope_selected if selected >= 0 else self.scope_all).setChecked(True)
        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setAccessibleName("Page size")
        self.per_page = QComboBox()
        self.per_page.addItems(["1", "2", "4"])
        self.per_page.setAccessibleName("Cards per page")
        self.positions = QCheckBox("Include both sides' positions")
        self.positions.setChecked(True)
        self.open_after = QCheckBox("Open the PDF when done")
        form = QFormLayout()
        form.addRow("Export:", self.scope_selected)
        form.addRow("", self.scope_visible)
        form.addRow("", self.scope_matching)
        form.addRow("", self.scope_all)
        form.addRow("Page size:", self.page_size)
        form.addRow("Cards per page:", self.per_page)
        form.addRow("", self.positions)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(buttons)

    def chosen_events(self) -> list[Event]:
        if self.scope_selected.isChecked() and self.selected >= 0:
            return [self.ds.events[self.selected]]
        if self.scope_visible.isChecked():
            return self.visible
        if self.scope_matching.isChecked() and self.matching:
            return self.matching
        return list(self.ds.events)

    def options(self) -> CardOptions:
        return CardOptions(self.page_size.currentText(), int(self.per_page.currentText()), self.positions.isChecked())

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save cards as", "event-cards.pdf", "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if self.run_export(path):
            self.accept()

    def run_export(self, path: str) -> bool:
        events = self.chosen_events()
        dlg = QProgressDialog("Exporting cards…", "Cancel", 0, len(events), self)
        dlg.setWindowTitle("Export")
        dlg.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            dlg.setValue(done)
            QApplication.processEvents()
            return not dlg.wasCanceled()

        try:
            export_cards(self.ds, events, path, self.options(), progress)
        except ExportCancelled:
            return False
        except ExportError as e:
            QMessageBox.critical(self, "Export failed", str(e))
            return False
        finally:
            dlg.close()
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        return True
