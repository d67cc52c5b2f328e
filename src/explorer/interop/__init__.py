"""Import from and export to other timeline formats (Qt-free).

- `timelinejs`: Knight Lab TimelineJS JSON, read; `tjs_export`: write (every text escaped).
- `sheet_csv`: the TimelineJS spreadsheet layout as CSV (and the legacy "Start Date" one), read and write.
- `thetimeline`: the "Timeline" desktop app's `.timeline` XML, read.
- `dates_out`: date fields of other tools ↔ EDTF; `legacy`: TimelineJS date and time cells.
- `notes`: the note lines imports write and exports read back; `explorer_html`: the HTML of
  Explorer's own exports (notes, positions, sources) and how it is read back.
- `model`: what an import produces, `finish_import` (empty imports fail; same-day order),
  and `write_dataset` to turn it into TOML files.
"""

from .detect import detect_format, import_file
from .model import ImportError_, Imported, write_dataset

__all__ = ["detect_format", "import_file", "Imported", "ImportError_", "write_dataset"]
