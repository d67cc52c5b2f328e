"""File > Import… and File > Export as TimelineJS…: dialogs around `explorer.interop`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.model import Dataset
from ..text import plain

IMPORT_FILTER = "Timelines (*.json *.csv *.timeline);;TimelineJS JSON (*.json);;TimelineJS sheet (*.csv);;Timeline app (*.timeline)"


def import_dialog(parent: QWidget) -> Path | None:
    """Ask for a file and a new folder, import, report what was not mapped; return the folder."""
    from ...interop import ImportError_, import_file, write_dataset

    src, _ = QFileDialog.getOpenFileName(parent, "Import a timeline", "", IMPORT_FILTER)
    if not src:
        return None
    suggested = str(Path(src).with_suffix("")) + "-dataset"
    out, _ = QFileDialog.getSaveFileName(parent, "Save the imported dataset as a new folder", suggested, "Folder (*)")
    if not out:
        return None
    try:
        imported = import_file(src)
        folder = write_dataset(imported, out)
    except ImportError_ as e:
        QMessageBox.warning(parent, "Import failed", plain("\n".join(e.problems[:30])))
        return None
    except OSError as e:
        QMessageBox.warning(parent, "Import failed", plain(f"Cannot write {out}: {e.strerror or e}"))
        return None
    lines = [f"{len(imported.events)} events, {len(imported.categories)} categories and "
             f"{len(imported.eras)} eras imported into {folder}.", ""]
    if imported.notes:
        lines += ["Notes:", *(f"• {n}" for n in imported.notes[:15]), ""]
    if imported.unmapped:
        lines += ["Not mapped:", *(f"• {what} ({n})" for what, n in sorted(imported.unmapped.items())[:25])]
    QMessageBox.information(parent, "Import done", plain("\n".join(lines)))
    return folder


def export_timelinejs_dialog(parent: QWidget, ds: Dataset, protect: tuple = ()) -> Path | None:
    """`protect`: what the export must not write into or over (the dataset being read)."""
    from ...core.output import ExportError
    from ...interop.sheet_csv import write as write_csv
    from ...interop.tjs_export import write as write_json

    out, chosen = QFileDialog.getSaveFileName(parent, "Export as TimelineJS", f"{ds.id}.json",
                                              "TimelineJS JSON (*.json);;TimelineJS spreadsheet (*.csv)")
    if not out:
        return None
    try:
        (write_csv if out.lower().endswith(".csv") or "csv" in chosen else write_json)(ds, out, protect=protect)
    except ExportError as e:
        QMessageBox.warning(parent, "Export failed", plain(str(e)))
        return None
    return Path(out)
