"""File > Export cards…: choose events and layout — or a class handout of the story — then write
the PDF with progress and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QMessageBox, QProgressDialog, QRadioButton, QVBoxLayout, QApplication,
)

from ...core.model import Dataset, Event
from ..text import plain
from ...core.output import ExportCancelled, ExportError
from ...export.cards import PAGE_SIZES, CardOptions, export_cards


class ExportDialog(QDialog):
    """`scopes`: the events of each scope ("selected", "view", "matching", "all"), from the session."""

    def __init__(self, ds: Dataset, scopes: dict[str, list[Event]], filtering: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export event cards as PDF")
        self.ds = ds
        self.scopes = scopes
        self.scope_selected = QRadioButton("The selected event")
        self.scope_visible = QRadioButton(f"Events in the current view ({len(scopes['view'])})")
        self.scope_matching = QRadioButton(f"Events matching the search and filters ({len(scopes['matching'])})")
        self.scope_all = QRadioButton(f"All events ({len(scopes['all'])})")
        self.kind_cards = QRadioButton("Event cards")
        steps = len(ds.stories[0].steps) if ds.stories else 0
        self.kind_handout = QRadioButton(f"A class handout: the question, the whole timeline, the story's {steps} "
                                         "steps as cards, the sources")
        self.kind_handout.setEnabled(steps > 0)
        self.kind = QButtonGroup(self)
        for b in (self.kind_cards, self.kind_handout):
            self.kind.addButton(b)
        self.kind_cards.setChecked(True)
        self.kind_handout.toggled.connect(self._on_kind)
        self.scope = QButtonGroup(self)
        self.buttons = {"selected": self.scope_selected, "view": self.scope_visible,
                        "matching": self.scope_matching, "all": self.scope_all}
        for kind, b in self.buttons.items():
            self.scope.addButton(b)
            b.setEnabled(bool(scopes[kind]))
        if filtering and scopes["matching"]:
            self.scope_matching.setChecked(True)
        else:
            (self.scope_selected if scopes["selected"] else self.scope_all).setChecked(True)
        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setAccessibleName("Page size")
        self.per_page = QComboBox()
        self.per_page.addItems(["1", "2", "4"])
        self.per_page.setAccessibleName("Cards per page")
        self.positions = QCheckBox("Include both sides' positions")
        self.positions.setChecked(True)
        self.context = QCheckBox("One card a page: the timeline around its date and the stance band")
        self.context.setChecked(True)
        self.map = QCheckBox("A small map of who holds each region on the card's date")
        self.map.setChecked(ds.geo is not None)
        self.map.setEnabled(ds.geo is not None)
        if ds.geo is None:
            self.map.setToolTip("This dataset has no map")
        self.open_after = QCheckBox("Open the PDF when done")
        form = QFormLayout()
        form.addRow("Make:", self.kind_cards)
        form.addRow("", self.kind_handout)
        form.addRow("Export:", self.scope_selected)
        form.addRow("", self.scope_visible)
        form.addRow("", self.scope_matching)
        form.addRow("", self.scope_all)
        form.addRow("Page size:", self.page_size)
        form.addRow("Cards per page:", self.per_page)
        form.addRow("", self.positions)
        form.addRow("", self.context)
        form.addRow("", self.map)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(buttons)

    def chosen_events(self) -> list[Event]:
        for kind, button in self.buttons.items():
            if button.isChecked() and self.scopes[kind]:
                return self.scopes[kind]
        return self.scopes["all"]

    def options(self) -> CardOptions:
        return CardOptions(self.page_size.currentText(), int(self.per_page.currentText()), self.positions.isChecked(),
                           self.context.isChecked(), self.map.isChecked())

    def handout(self) -> bool:
        return self.kind_handout.isChecked()

    def _on_kind(self, handout: bool) -> None:
        for kind, b in self.buttons.items():  # a handout follows the story, not a choice of events
            b.setEnabled(not handout and bool(self.scopes[kind]))

    def _on_save(self) -> None:
        name = "class-handout.pdf" if self.handout() else "event-cards.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save the handout as" if self.handout() else "Save cards as", name,
                                              "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if self.run_export(path):
            self.accept()

    def run_export(self, path: str) -> bool:
        from ...export.handout import export_handout
        from ..map.snapshot import card_map_hook
        from ..print_view import timeline_painter

        events = self.chosen_events()
        dlg = QProgressDialog("Making the handout…" if self.handout() else "Exporting cards…", "Cancel", 0,
                              len(events), self)
        dlg.setWindowTitle("Export")
        dlg.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            dlg.setMaximum(total)
            dlg.setValue(done)
            QApplication.processEvents()
            return not dlg.wasCanceled()

        timeline = timeline_painter(self.ds)
        try:
            if self.handout():
                export_handout(self.ds, path, self.options(), timeline, progress, map_hook=card_map_hook(self.ds))
            else:
                export_cards(self.ds, events, path, self.options(), progress, timeline=timeline,
                             map_hook=card_map_hook(self.ds))
        except ExportCancelled:
            return False
        except ExportError as e:
            QMessageBox.critical(self, "Export failed", plain(str(e)))
            return False
        finally:
            dlg.close()
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        return True
